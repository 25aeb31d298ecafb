"""Run scorecard.bat, run for real by wine's CMD, with stand-in Pythons playing each answer.

The stand-ins are .cmd files on the PATH: `python.cmd` (found, too old, or absent) makes
environments whose `Scripts\\python.cmd` answers the set-up's check, pip, the install
(done, failed, interrupted) and fscxl itself with a chosen exit status. The project
folder's name holds a space, brackets, '&', an apostrophe and accents.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
BAT = PROJECT / "Run scorecard.bat"
FOLDER_NAME = "Scorecards (FSC) & Co's fïles"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("wine") is None, reason="needs wine to run the batch file "
                                 "(Debian package wine64; .ci/run installs it)")]

SYSTEM_PYTHON = r"""@echo off
rem Stand-in for python.exe: FAKE_PYTHON=old plays a Python older than 3.10.
set "CODE=%~2"
if not "%~1"=="-c" goto :module
if not "%FAKE_PYTHON%"=="old" exit /b 0
if not "%CODE:version_info=%"=="%CODE%" exit /b 1
exit /b 0
:module
if not "%~1 %~2"=="-m venv" exit /b 0
echo venv %*>> "%FAKE_LOG%"
:last
if "%~2"=="" goto :make
shift
goto :last
:make
if exist "%~1" rmdir /s /q "%~1"
mkdir "%~1\Scripts"
copy /y "%~dp0venv-python.cmd" "%~1\Scripts\python.cmd" >nul
exit /b 0
"""

VENV_PYTHON = r"""@echo off
rem Stand-in for an environment's python.exe: FAKE_INSTALL=fail|interrupt, FAKE_STATUS=fscxl's exit status.
set "ENVDIR=%~dp0.."
if "%~1 %~2"=="-m pip" exit /b 0
if "%~1 %~2"=="-m fscxl" goto :fscxl
if not "%~3"=="check" goto :install
if exist "%ENVDIR%\fscxl-installed.txt" exit /b 0
exit /b 1
:install
echo install %*>> "%FAKE_LOG%"
if "%FAKE_INSTALL%"=="fail" exit /b 1
if "%FAKE_INSTALL%"=="interrupt" exit /b -1073741510
echo ok> "%ENVDIR%\fscxl-installed.txt"
exit /b 0
:fscxl
echo fscxl %*>> "%FAKE_LOG%"
echo (fscxl ran)
if not defined FAKE_STATUS exit /b 0
exit /b %FAKE_STATUS%
"""


def _crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii")


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / FOLDER_NAME
    folder.mkdir()
    shutil.copy2(BAT, folder / BAT.name)
    return folder


@pytest.fixture
def stand_ins(tmp_path):
    """A folder for the PATH with python.cmd and the environments' python.cmd."""
    folder = tmp_path / "stand-ins"
    folder.mkdir()
    (folder / "python.cmd").write_bytes(_crlf(SYSTEM_PYTHON))
    (folder / "venv-python.cmd").write_bytes(_crlf(VENV_PYTHON))
    return folder


def _windows(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def _bat(project: Path, stand_ins: Path | None, *args: str, **fake: str) -> tuple[int, str, str]:
    """Run the batch file under wine; (exit status, what the window shows, the stand-ins' log)."""
    log = project.parent / "log.txt"
    log.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FSCXL_", "FAKE_"))}
    env.update(WINEDEBUG="-all", FAKE_LOG=_windows(log), WINEPATH=_windows(stand_ins) if stand_ins else "",
               **{f"FAKE_{k.upper()}": v for k, v in fake.items()})
    done = subprocess.run(["wine", "cmd", "/c", BAT.name, *args], cwd=project, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    shown = done.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    logged = " ".join(log.read_text(errors="replace").split(" ")) if log.exists() else ""
    return done.returncode, shown, "\n".join(" ".join(line.split()) for line in logged.splitlines())


def test_no_python_says_where_to_get_it(project):
    status, shown, _log = _bat(project, None)
    assert status == 2, shown
    assert "Python 3.10 or later was not found" in shown and "python.org" in shown
    assert "NOT produced" in shown


def test_a_python_too_old_is_named_as_such(project, stand_ins):
    status, shown, _log = _bat(project, stand_ins, python="old")
    assert status == 2, shown
    assert "too old" in shown


def test_first_run_sets_up_then_runs_and_the_next_starts_straight_away(project, stand_ins):
    status, shown, log = _bat(project, stand_ins, "--month", "2012-05")
    assert status == 0, shown
    assert "Setting up... this takes a minute; do not close this window" in shown
    assert FOLDER_NAME.split("ï")[0] in shown  # the folder's name printed whole, '&' and all
    assert "Done. Open the outputs folder" in shown
    assert "venv" in log and "install" in log and "fscxl run --month 2012-05" in log
    assert (project / ".venv" / "Scripts" / "python.cmd").is_file()

    status, shown, log = _bat(project, stand_ins)
    assert status == 0 and "Setting up" not in shown and "venv" not in log and "install" not in log


@pytest.mark.parametrize("install", ["fail", "interrupt"])
def test_a_failed_or_interrupted_install_is_said_and_repaired_by_the_next_run(project, stand_ins, install):
    status, shown, log = _bat(project, stand_ins, install=install)
    assert status == 1, shown
    assert "Could not install what fscxl needs" in shown and "fscxl run" not in log
    status, shown, log = _bat(project, stand_ins)
    assert status == 0, shown
    assert "Setting up" in shown and "venv" in log and "fscxl run" in log


def test_a_wheels_folder_is_used_instead_of_the_internet(project, stand_ins):
    (project / "wheels").mkdir()
    status, shown, log = _bat(project, stand_ins)
    assert status == 0, shown
    assert "--no-index --find-links" in log and "wheels" in log


def test_the_inputs_are_blamed_only_for_exit_status_1(project, stand_ins):
    status, shown, _log = _bat(project, stand_ins, status="1")
    assert status == 1, shown
    assert "The inputs have errors" in shown and "NOT produced" in shown
    assert "could not be written" not in shown


def test_exit_statuses_2_and_3_have_their_own_words():
    """Wine 8's CALL turns a batch file's exit status into 0 or 1, so a .cmd stand-in cannot
    play statuses 2 and 3 (python.exe's own status passes through CALL on Windows): the
    words for each status are checked as written."""
    text = BAT.read_bytes().decode("ascii")
    words = {status: line for line in text.splitlines()
             for status in "123" if line.startswith(f'if "%STATUS%"=="{status}" set "WHAT=')}
    assert "inputs have errors" in words["1"]
    assert "could not be written" in words["3"] and "inputs are not at fault" in words["3"]
    assert "2" not in words and 'set "WHAT=fscxl could not start' in text
    assert text.index('set "WHAT=fscxl could not start') < text.index('if "%STATUS%"=="1" set')


def test_validate_is_a_command_and_help_does_not_say_done(project, stand_ins):
    status, shown, log = _bat(project, stand_ins, "validate")
    assert status == 0, shown
    assert "fscxl validate" in log and "fscxl run" not in log
    assert "Done." in shown and "Open the outputs folder" not in shown
    status, shown, log = _bat(project, stand_ins, "--help")
    assert status == 0 and "fscxl run --help" in log and "Done" not in shown


def test_the_batch_file_keeps_windows_line_endings_and_needs_no_py_launcher():
    data = BAT.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    text = data.decode("ascii")
    assert 'pushd "%~dp0"' in text and "call python -c" in text
