@echo off
rem Run the scorecard: double-click this file in the fscxl folder.
rem
rem First time: makes its own Python environment and installs fscxl into it (a minute
rem or two). Then reads inputs\ and writes outputs\<month>\. Any options are passed on,
rem e.g. from a Command Prompt:  "Run scorecard.bat" --month 2012-05
rem
rem Settings (environment variables, for support staff):
rem   FSCXL_PYTHON        the Python to use (default: the py launcher, then python)
rem   FSCXL_VENV          where the environment lives (default: .venv beside this file,
rem                       or %LOCALAPPDATA%\fscxl\venv when this folder is read-only)
rem   FSCXL_VENV_OPTIONS  extra options for "python -m venv"
rem   FSCXL_PIP_OPTIONS   extra options for "pip install"
rem A wheels\ folder beside this file is used instead of the internet, if there is one.

setlocal EnableExtensions
title fscxl scorecard
set "STATUS=1"
set "WHAT=Something went wrong before the run started."

rem Work from this file's folder, even on a network share (\\server\share\...): pushd
rem gives a UNC path a temporary drive letter, and popd removes it again at the end.
pushd "%~dp0"
if errorlevel 1 (
  echo Could not open the folder %~dp0
  pause
  exit /b 2
)

rem 1. Find Python: the py launcher first, then python on the PATH.
set "PYTHON="
if defined FSCXL_PYTHON (
  set "PYTHON=%FSCXL_PYTHON%"
  goto :have_python
)
py -3 -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1
if not errorlevel 1 (
  set "PYTHON=py -3"
  goto :have_python
)
where python >nul 2>&1
if errorlevel 1 goto :no_python
python -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1
if not errorlevel 1 (
  set "PYTHON=python"
  goto :have_python
)
:no_python
set "STATUS=2"
set "WHAT=Python 3.10 or later was not found. Install it from https://www.python.org/downloads/ - tick 'Add python.exe to PATH' - or ask IT to install Python 3 from the software centre, then run this again."
goto :failed

:have_python
rem 2. Choose where the environment lives: .venv beside this file, or under
rem    %LOCALAPPDATA% if this folder is read-only (tested by creating the folder) or
rem    its environment was made on another computer and does not work on this one.
if defined FSCXL_VENV (
  set "VENV=%FSCXL_VENV%"
  goto :have_venv_folder
)
set "VENV=%~dp0.venv"
if exist "%VENV%\Scripts\python.exe" (
  "%VENV%\Scripts\python.exe" -c "import sys" >nul 2>&1 && goto :have_venv_folder
  set "VENV=%LOCALAPPDATA%\fscxl\venv"
  goto :have_venv_folder
)
mkdir "%VENV%" >nul 2>&1
(echo fscxl> "%VENV%\fscxl-write-test.txt") >nul 2>&1
if exist "%VENV%\fscxl-write-test.txt" (
  del "%VENV%\fscxl-write-test.txt" >nul 2>&1
) else (
  set "VENV=%LOCALAPPDATA%\fscxl\venv"
)
:have_venv_folder
set "VPY=%VENV%\Scripts\python.exe"
set "MARKER=%VENV%\fscxl-installed.txt"

rem 3. Create the environment the first time (or again if it no longer works).
"%VPY%" -c "import sys" >nul 2>&1
if not errorlevel 1 goto :venv_ready
echo Setting up fscxl for the first time in %VENV%
echo This takes a minute or two; later runs start straight away.
if exist "%MARKER%" del "%MARKER%"
%PYTHON% -m venv --clear %FSCXL_VENV_OPTIONS% "%VENV%"
if errorlevel 1 (
  set "WHAT=Could not create the Python environment in %VENV%."
  goto :failed
)
:venv_ready

rem 4. Install fscxl (and what it needs) the first time, and again whenever setup.cfg
rem    (or the version) is newer than the marker written by the last install.
if not exist "%MARKER%" goto :install
"%VPY%" -c "import os, sys; m = os.path.getmtime(sys.argv[1]); sys.exit(any(os.path.getmtime(f) > m for f in sys.argv[2:] if os.path.exists(f)))" "%MARKER%" setup.cfg pyproject.toml fscxl\__init__.py
if errorlevel 1 goto :install
goto :run
:install
echo Installing fscxl into %VENV%
set "SOURCE="
if exist "%~dp0wheels\" set SOURCE=--no-index --find-links "%~dp0wheels"
rem Only what fscxl needs is installed: fscxl runs from this folder and nothing is
rem built here, so a read-only share works.
"%VPY%" -m fscxl.app.bootstrap %SOURCE% %FSCXL_PIP_OPTIONS%
if errorlevel 1 (
  set "WHAT=Could not install fscxl. Check the internet connection, or ask for the wheels folder, then run this again."
  goto :failed
)
echo installed> "%MARKER%"

:run
rem 5. Run. fscxl shows progress, the problems it found and where everything was written.
echo Running the scorecard from %CD%
echo.
"%VPY%" -m fscxl run %*
set "STATUS=%ERRORLEVEL%"
if "%STATUS%"=="0" goto :done
set "WHAT=fscxl could not start the run: see the message above."
if "%STATUS%"=="1" set "WHAT=The inputs have errors, listed above and in outputs\validation_report.xlsx with a link to each cell. Correct them in the returns and run this again."
goto :failed

:done
echo.
echo Done. Open the outputs folder to see this month's workbooks.
popd
pause
exit /b 0

:failed
rem Every error path ends here: say what to do, keep the window open, return the status.
if "%STATUS%"=="0" set "STATUS=1"
echo.
echo *** The scorecard was NOT produced. ***
echo %WHAT%
echo Earlier outputs in the outputs folder were left as they were.
echo If you cannot fix this yourself, send a copy of this window to whoever supports fscxl.
popd
pause
exit /b %STATUS%
