"""The double-click scripts: run_scorecard.sh end to end, and the .bat file's essentials."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import openpyxl
import pytest
from builders import simple_inputs

PROJECT = Path(__file__).resolve().parents[2]
BAT = PROJECT / "Run scorecard.bat"


def _copy_project(destination: Path) -> Path:
    destination.mkdir()
    shutil.copytree(PROJECT / "fscxl", destination / "fscxl",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("setup.cfg", "pyproject.toml", "run_scorecard.sh"):
        shutil.copy2(PROJECT / name, destination / name)
    readme = PROJECT / "README.md"
    if readme.exists():
        shutil.copy2(readme, destination / "README.md")
    else:
        (destination / "README.md").write_text("fscxl\n", encoding="utf-8")
    return destination


def _environment(venv: Path) -> dict[str, str]:
    """Offline and quick: reuse the packages this test runs with instead of downloading them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FSCXL_", "VIRTUAL_ENV"))}
    pip = ["--no-deps"]
    if importlib.util.find_spec("wheel") and importlib.util.find_spec("setuptools"):
        pip.append("--no-build-isolation")
    site = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    env.update(FSCXL_VENV=str(venv), FSCXL_PYTHON=sys.executable,
               FSCXL_VENV_OPTIONS="--system-site-packages", FSCXL_PIP_OPTIONS=" ".join(pip),
               PYTHONPATH=os.pathsep.join(sorted(site)))
    return env


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="needs bash")
def test_run_scorecard_sh_sets_up_and_runs_end_to_end(tmp_path):
    project = _copy_project(tmp_path / "fscxl folder")
    simple_inputs(project)
    venv = tmp_path / "venv"
    env = _environment(venv)

    first = subprocess.run(["bash", str(project / "run_scorecard.sh")], cwd=tmp_path, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    output = first.stdout + first.stderr
    assert first.returncode == 0, output
    assert "Setting up… this takes a minute; do not close this window" in output
    assert (venv / "fscxl-installed.txt").exists()
    built = [p.name for p in project.iterdir() if p.name.endswith(".egg-info") or p.name == "build"]
    assert not built, "the install wrote build files into the (possibly read-only) folder"
    assert "Wrote 1 workbook(s) and results.csv for May 2012" in output
    assert "Press Enter" not in output  # not a terminal: nothing to wait for
    lines = (project / "outputs" / "2012-05" / "results.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith("Children,")

    # second time: no set-up; a broken input -> exit 1 and the officer is told what to do
    book = openpyxl.load_workbook(project / "inputs" / "returns" / "return.xlsx")
    book["Return"]["P4"] = "n/a"
    book.save(project / "inputs" / "returns" / "return.xlsx")
    second = subprocess.run(["bash", str(project / "run_scorecard.sh")], cwd=tmp_path, env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    output = second.stdout + second.stderr
    assert second.returncode == 1, output
    assert "Setting up" not in output and "Installing" not in output
    assert "cell P4" in output and "NOT produced" in output
    assert (project / "outputs" / "validation_report.xlsx").exists()
    assert "Traceback" not in output


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="needs bash")
def test_run_scorecard_sh_says_what_to_install_without_python(tmp_path):
    project = _copy_project(tmp_path / "p")
    env = {"PATH": str(tmp_path / "empty"), "HOME": str(tmp_path), "FSCXL_VENV": str(tmp_path / "v")}
    (tmp_path / "empty").mkdir()
    result = subprocess.run([shutil.which("bash"), str(project / "run_scorecard.sh")], env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Python 3.10 or later was not found" in result.stdout and "python.org" in result.stdout


def _bat() -> str:
    return BAT.read_bytes().decode("ascii")


def test_bat_has_windows_line_endings():
    data = BAT.read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert "*.bat text eol=crlf" in (PROJECT / ".gitattributes").read_text()


def test_bat_works_from_a_unc_path():
    text = _bat().lower()
    assert 'pushd "%~dp0"' in text
    assert text.count("popd") >= 2  # on success and on every error path


def test_bat_finds_the_py_launcher_before_python():
    text = _bat()
    py, python = text.find("call py -3"), text.find("call python -c")
    assert 0 <= py < python
    assert "python.org" in text


def test_bat_bootstraps_a_venv_with_a_localappdata_fallback():
    text = _bat()
    assert "-m venv" in text and "-m fscxl.app.bootstrap install" in text  # nothing built here
    assert "-m fscxl.app.bootstrap check" in text  # the marker and the imports, not just "import sys"
    assert "%LOCALAPPDATA%\\fscxl\\venv" in text
    beside = text.find('set "VENV=%HERE%\\.venv"')
    assert 0 <= beside < text.find('mkdir "%VENV%"')  # read-only test: try to create the folder


def test_bat_runs_fscxl_passing_arguments_and_keeps_the_window_open():
    text = _bat()
    assert re.search(r"-m fscxl %COMMAND% %\*", text)
    lines = [line.strip().lower() for line in text.splitlines()]
    assert "pause" in lines
    assert ":failed" in lines  # every error path goes through one label
    assert re.search(r'set "STATUS=%ERRORLEVEL%"', text, re.IGNORECASE)
    assert re.search(r'if "%STATUS%"=="0" goto :?done', text, re.IGNORECASE)
    assert len(re.findall(r"goto :?failed", text, re.IGNORECASE)) >= 4
    assert re.search(r"exit /b %status%", text, re.IGNORECASE)
    failed = text.lower().split(":failed", 1)[1]
    assert "pause" in failed and "popd" in failed


def test_the_set_up_installs_through_pip_from_the_package_metadata(tmp_path):
    """The runtime list is setup.cfg's, found by pip; test-only libraries stay out of it."""
    from fscxl.app import bootstrap

    assert bootstrap.distribution_name("python-calamine>=0.2.3") == "python-calamine"
    assert bootstrap.top_level_modules("python-calamine") == ["python_calamine"]
    required = [bootstrap.distribution_name(r) for r in importlib.metadata.requires("fscxl")
                if "extra ==" not in r]
    assert sorted(required) == ["click", "defusedxml", "numpy", "pypdf", "python-calamine", "xlsxwriter"]
