"""The package's layout is its design: imports point down the pipeline, never back up."""

from __future__ import annotations

import ast
from pathlib import Path

import fscxl
from fscxl.check.codes import CHECKS
from fscxl.model.problems import ERROR, WARNING

PACKAGE = Path(fscxl.__file__).parent
# Lowest first: a module may import its own stage and any stage before it.
STAGES = ["model", "read", "check", "compute", "render", "app", "pipeline", "cli", "__main__"]


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else -1


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node, [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fscxl"):
            yield node, [f"{node.module}.{a.name}" if node.module == "fscxl" else node.module for a in node.names]


def test_every_module_belongs_to_a_stage():
    loose = [name for name, _ in _modules() if _stage(name) < 0 and name not in ("fscxl",)]
    assert loose == []


def test_imports_only_point_down_the_pipeline():
    upward = []
    for name, tree in _modules():
        for node, targets in _imports(tree):
            for target in targets:
                if target.startswith("fscxl.") and _stage(target) > _stage(name):
                    upward.append(f"{name} imports {target} (line {node.lineno})")
    assert upward == []


def test_no_fscxl_import_hides_inside_a_function():
    hidden = []
    for name, tree in _modules():
        for node, targets in _imports(tree):
            if node.col_offset > 0 and any(t.startswith("fscxl") for t in targets):
                hidden.append(f"{name} line {node.lineno}")
    assert hidden == []


def _problem_calls():
    """(module, line, method, code) for every problems.error/warning(...) call in the package."""
    for name, tree in _modules():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("error", "warning")):
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                yield name, node.lineno, node.func.attr, code
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem":
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                yield name, node.lineno, None, code


def test_every_code_used_is_in_the_catalogue_of_checks_with_its_severity():
    wrong = []
    for name, line, method, code in _problem_calls():
        if code is None:
            continue
        value = code.value if isinstance(code, ast.Constant) else None
        check = CHECKS.get(value)
        if check is None:
            wrong.append(f"{name} line {line}: code {value!r} is not in fscxl/check/codes.py")
        elif method and check.severity != {"error": ERROR, "warning": WARNING}[method]:
            wrong.append(f"{name} line {line}: {value} is a {check.severity} in the catalogue")
    assert wrong == []
