"""The package's layout is its design: imports point down the pipeline, never back up."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import fscxl
from fscxl.check import codes
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


# Calls that make a problem, by the name called, and the severity each makes (None: from its
# first argument, ERROR or WARNING). Preflight's Verdict.reject/warn and UnreadableWorkbook
# become Problems later, so they carry their code too.
PROBLEM_METHODS = {"error": ERROR, "warning": WARNING, "reject": ERROR, "warn": WARNING}
PROBLEM_CLASSES = {"Problem": None, "UnreadableWorkbook": ERROR}


def _problem_calls():
    """(module, line, severity, code) for every call in the package that makes a problem.

    `code` is the ast node passed as code=..., or None when the call passes none; `severity`
    is None where the call does not show it (a Problem built from a variable severity).
    """
    for name, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in PROBLEM_METHODS:
                severity = PROBLEM_METHODS[func.attr]
            elif isinstance(func, ast.Name) and func.id in PROBLEM_CLASSES:
                severity = PROBLEM_CLASSES[func.id]
                if severity is None and node.args and isinstance(node.args[0], ast.Name):
                    severity = {"ERROR": ERROR, "WARNING": WARNING}.get(node.args[0].id)
            else:
                continue
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            yield name, node.lineno, severity, code


def _is_passed_through(code: ast.AST) -> bool:
    """A code handed on from elsewhere (`code=code`, `code=exc.code`): checked where it is written."""
    return (isinstance(code, ast.Name) and code.id == "code") or \
        (isinstance(code, ast.Attribute) and code.attr == "code")


def test_every_problem_call_passes_a_code():
    missing = [f"{name} line {line}" for name, line, _severity, code in _problem_calls()
               if code is None]
    assert missing == []


def test_every_code_used_is_in_the_catalogue_of_checks_with_its_severity():
    wrong = []
    for name, line, severity, code in _problem_calls():
        if code is None or _is_passed_through(code):
            continue
        value = code.value if isinstance(code, ast.Constant) else ast.unparse(code)
        check = CHECKS.get(value)
        if check is None:
            wrong.append(f"{name} line {line}: code {value!r} is not in fscxl/check/codes.py")
        elif severity and check.severity != severity:
            wrong.append(f"{name} line {line}: {value} is a {check.severity} in the catalogue")
    assert wrong == []


def test_every_check_in_the_catalogue_is_made_somewhere():
    used = {code.value for _name, _line, _severity, code in _problem_calls() if isinstance(code, ast.Constant)}
    assert sorted(set(CHECKS) - used) == []


def test_every_check_says_what_it_checks_and_how_to_fix_it():
    incomplete = [code for code, check in CHECKS.items()
                  if check.code != code or not check.checks.strip() or not check.fix.strip()
                  or check.severity not in (ERROR, WARNING)]
    assert incomplete == []


def test_every_code_is_a_prefix_the_catalogue_of_checks_names_and_two_digits():
    prefixes = set(re.findall(r"\b([A-Z]{3,4})\s+[a-z]", codes.__doc__.split("Codes by prefix:")[1]))
    assert {"FILE", "RET", "TAB", "XIN"} <= prefixes  # the docstring is read as meant
    odd = [code for code in CHECKS if not re.fullmatch(r"([A-Z]{3,4})\d\d", code)
           or re.fullmatch(r"([A-Z]{3,4})\d\d", code).group(1) not in prefixes]
    assert odd == []
