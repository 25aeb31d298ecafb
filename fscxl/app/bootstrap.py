"""Set-up for the double-click scripts: install what fscxl needs, and tell whether that is done.

The scripts run fscxl from its own folder (`python -m fscxl`), which may be a read-only
shared drive, so nothing is built there. Instead the package's metadata files are
copied to a temporary folder and pip installs that copy: pip itself reads the declared
dependencies (setup.cfg is the one list) and resolves them. The copy, which holds no
code but the version, is then uninstalled again, so the folder's own fscxl is the only
one. A marker listing the dependencies is written last, only after a complete install;
`check` trusts an environment only if the marker is there, newer than the metadata, and
every listed dependency imports. Standard library only: it runs before anything is installed.

    python -m fscxl.app.bootstrap check              exit 0 ready, 1 rebuild, 3 update
    python -m fscxl.app.bootstrap install [pip options]
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
METADATA_FILES = ("setup.cfg", "pyproject.toml", "README.md", "fscxl/__init__.py")
DEPENDENCY_FILES = ("setup.cfg", "pyproject.toml", "fscxl/__init__.py")  # a change here means reinstall
MARKER_NAME = "fscxl-installed.txt"
READY, REBUILD, UPDATE = 0, 1, 3


def marker_path() -> Path:
    """The marker lives in the environment itself, so a new environment starts without one."""
    return Path(sys.prefix) / MARKER_NAME


def distribution_name(requirement: str) -> str:
    """'python-calamine>=0.2.3; python_version>"3"' -> 'python-calamine'."""
    return re.split(r"[\s<>=!~;\[(@]", requirement.strip(), maxsplit=1)[0]


def top_level_modules(distribution: str) -> list[str]:
    """The importable names a distribution provides (python-calamine -> python_calamine)."""
    wanted = _normalise(distribution)
    modules = [module for module, owners in importlib.metadata.packages_distributions().items()
               if any(_normalise(owner) == wanted for owner in owners)
               and module.isidentifier() and not module.startswith("_")]
    return sorted(modules) or [wanted.replace("-", "_")]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def missing_modules(requirements: list[str]) -> list[str]:
    """Every dependency's modules that fail to import here (a half-installed package, say)."""
    missing = []
    for requirement in requirements:
        for module in top_level_modules(distribution_name(requirement)):
            try:
                importlib.import_module(module)
            except Exception:  # any failure means the environment cannot run fscxl
                missing.append(module)
    return missing


def check(project: Path = PROJECT) -> int:
    """READY when the marker lists what is installed and all of it imports; UPDATE when the
    metadata changed since; REBUILD when the environment is incomplete."""
    marker = marker_path()
    if not marker.is_file():
        return REBUILD
    requirements = [line for line in marker.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    if not requirements or missing_modules(requirements):
        return REBUILD
    installed = marker.stat().st_mtime
    if any((project / name).exists() and (project / name).stat().st_mtime > installed
           for name in DEPENDENCY_FILES):
        return UPDATE
    return READY


def _pip(*arguments: str, own_packages_only: bool = False) -> int:
    """pip in this environment; `own_packages_only` hides PYTHONPATH, so that pip finds the
    environment's own copy of a package rather than one on a path it must not touch."""
    env = None
    if own_packages_only:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.call([sys.executable, "-m", "pip", "--disable-pip-version-check", *arguments], env=env)


def install(pip_options: list[str], project: Path = PROJECT) -> int:
    """pip installs a copy of the metadata (so its dependencies), the copy is removed, the marker written."""
    marker = marker_path()
    marker.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="fscxl-metadata-") as folder:
        copy = Path(folder)
        for name in METADATA_FILES:
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(project / name, copy / name)
        status = _pip("install", "--quiet", *pip_options, str(copy))
        if status != 0:
            return status
    try:
        requirements = importlib.metadata.requires("fscxl") or []
    except importlib.metadata.PackageNotFoundError:
        print("pip finished but fscxl's list of packages was not recorded.", file=sys.stderr)
        return 1
    status = _pip("uninstall", "--quiet", "--yes", "fscxl", own_packages_only=True)
    if status != 0:
        return status
    requirements = [r for r in requirements if "extra ==" not in r]
    importlib.invalidate_caches()
    missing = missing_modules(requirements)
    if missing:
        print(f"These packages were installed but do not work: {', '.join(missing)}.", file=sys.stderr)
        return 1
    marker.write_text("fscxl set up; needs:\n" + "".join(f"{r}\n" for r in requirements), encoding="utf-8")
    return 0


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["check"]:
        return check()
    if arguments[:1] == ["install"]:
        return install(arguments[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
