@echo off
rem Run the scorecard: double-click this file in the fscxl folder.
rem
rem First time: makes its own Python environment and installs what fscxl needs (a
rem minute or two). An environment left half-made - a window closed during the set-up,
rem a lost connection - is noticed and rebuilt by the next run. Then reads inputs\ and
rem writes outputs\YYYY-MM\. From a Command Prompt, anything after the name is passed on:
rem   "Run scorecard.bat" --month 2012-05
rem   "Run scorecard.bat" validate
rem   "Run scorecard.bat" templates --year 2013/14 --out new-year
rem
rem Settings (environment variables, for support staff):
rem   FSCXL_PYTHON        the Python to use (default: the py launcher if any, then python)
rem   FSCXL_VENV          where the environment lives (default: .venv beside this file,
rem                       or %LOCALAPPDATA%\fscxl\venv when this folder is read-only)
rem   FSCXL_VENV_OPTIONS  extra options for "python -m venv"
rem   FSCXL_PIP_OPTIONS   extra options for "pip install"
rem A wheels\ folder beside this file is used instead of the internet, if there is one.
rem
rem Written for any folder name: paths are only ever expanded inside quotes or through
rem a FOR variable, and never inside a ( ) block, so spaces, brackets, & and ' are safe.
rem Programs are started with CALL so that .cmd stand-ins for Python work too, and no
rem redirection sign appears in a command or a remark, not even inside quotes: some
rem CMDs take it for one there.

setlocal EnableExtensions DisableDelayedExpansion
title fscxl scorecard
set "STATUS=1"
set "WHAT=Something went wrong before the run started."

rem Work from this file's folder, even on a network share (\\server\share\...): pushd
rem gives a UNC path a temporary drive letter, and popd removes it again at the end.
rem Started from a share, CMD has already printed a warning about UNC paths: clear it.
set "HERE=%~dp0"
if "%HERE:~0,2%"=="\\" cls
pushd "%~dp0"
if errorlevel 1 goto :no_folder
set "HERE=%CD%"

rem 1. Find Python 3.10 or later: FSCXL_PYTHON, else the py launcher, else python.
set "PYEXE="
set "PYARGS="
rem    Each is looked for on the PATH first: a CALL of a missing program does not set
rem    ERRORLEVEL in every CMD.
if defined FSCXL_PYTHON goto :python_from_setting
call :on_path py
if not defined FOUND goto :try_python
call py -3 -c "import sys; sys.exit(min(sys.version_info[:2], (3, 10)) != (3, 10))" >nul 2>&1
if errorlevel 1 goto :try_python
set "PYEXE=py"
set "PYARGS=-3"
goto :have_python
:try_python
call :on_path python
if not defined FOUND goto :no_python
call python -c "import sys; sys.exit(min(sys.version_info[:2], (3, 10)) != (3, 10))" >nul 2>&1
if errorlevel 1 goto :old_python
set "PYEXE=python"
goto :have_python
:python_from_setting
set "PYEXE=%FSCXL_PYTHON%"
goto :have_python

:old_python
rem Found but not 3.10 or later: too old, or only Windows' shortcut to the Store.
call python -c "import sys" >nul 2>&1
if errorlevel 1 goto :no_python
set "STATUS=2"
set "WHAT=The Python on this computer is too old: fscxl needs Python 3.10 or later. Install a newer one from https://www.python.org/downloads/ or the software centre, then run this again."
goto :failed
:no_python
set "STATUS=2"
set "WHAT=Python 3.10 or later was not found. Install it from https://www.python.org/downloads/ - tick 'Add python.exe to PATH' - or ask IT to install Python 3 from the software centre, then run this again."
goto :failed

:have_python
rem 2. Ready? The environment's marker - written only after a complete install - is
rem    there and every package fscxl needs imports. If not, set it up again by itself.
rem    It lives beside this file, or under %LOCALAPPDATA% if this folder is read-only.
if defined FSCXL_VENV goto :venv_from_setting
set "VENV=%HERE%\.venv"
call :check
if "%READY%"=="0" goto :run
mkdir "%VENV%" >nul 2>&1
copy /y nul "%VENV%\fscxl-write-test.txt" >nul 2>&1
if exist "%VENV%\fscxl-write-test.txt" goto :venv_writable
set "VENV=%LOCALAPPDATA%\fscxl\venv"
call :check
if "%READY%"=="0" goto :run
goto :set_up
:venv_writable
del "%VENV%\fscxl-write-test.txt" >nul 2>&1
goto :set_up
:venv_from_setting
set "VENV=%FSCXL_VENV%"
call :check
if "%READY%"=="0" goto :run

:set_up
echo Setting up... this takes a minute; do not close this window.
for %%V in ("%VENV%") do echo fscxl is installing what it needs into %%~V - later runs start straight away.
rem An environment that only needs an update keeps its packages; any other starts afresh.
if not "%READY%"=="3" goto :make_venv
call "%VPY%" -m pip --version >nul 2>&1
if not errorlevel 1 goto :install
:make_venv
call "%PYEXE%" %PYARGS% -m venv --clear %FSCXL_VENV_OPTIONS% "%VENV%"
if errorlevel 1 goto :venv_failed
:install
if exist "%HERE%\wheels\" goto :install_offline
call "%VPY%" -m fscxl.app.bootstrap install %FSCXL_PIP_OPTIONS%
goto :installed
:install_offline
call "%VPY%" -m fscxl.app.bootstrap install --no-index --find-links "%HERE%\wheels" %FSCXL_PIP_OPTIONS%
:installed
if errorlevel 1 goto :install_failed
echo Set-up finished.

:run
rem 3. Run. The first word may be run, validate or templates; anything else goes to run.
set "KIND=run"
set "COMMAND=run"
if /i "%~1"=="run" set "COMMAND="
if /i "%~1"=="validate" set "KIND=validate"
if /i "%~1"=="validate" set "COMMAND="
if /i "%~1"=="templates" set "KIND=templates"
if /i "%~1"=="templates" set "COMMAND="
set "ONLY_HELP="
for %%A in (%*) do if /i "%%~A"=="--help" set "ONLY_HELP=1"
for %%A in (%*) do if /i "%%~A"=="-h" set "ONLY_HELP=1"
for %%A in (%*) do if /i "%%~A"=="--version" set "ONLY_HELP=1"
for %%H in ("%HERE%") do echo Running fscxl %KIND% from %%~H
echo.
call "%VPY%" -m fscxl %COMMAND% %*
set "STATUS=%ERRORLEVEL%"
if defined ONLY_HELP goto :leave
if "%STATUS%"=="0" goto :done
set "WHAT=fscxl could not start: see the message above."
if "%STATUS%"=="1" set "WHAT=The inputs have errors, listed above and in outputs\validation_report.xlsx with a link to each cell. Correct them in the returns and run this again. Earlier outputs were left as they were."
if "%STATUS%"=="3" set "WHAT=The outputs could not be written, for the reason given above; the inputs are not at fault. Free some space, check you can save in the outputs folder, then run this again."
goto :failed

:done
echo.
if /i "%KIND%"=="run" echo Done. Open the outputs folder to see this month's workbooks.
if /i not "%KIND%"=="run" echo Done.
goto :leave

:check
rem Sets VPY and READY: 0 ready, 3 needs an update, anything else needs setting up.
set "VPY=%VENV%\Scripts\python"
call "%VPY%" -m fscxl.app.bootstrap check >nul 2>&1
set "READY=%ERRORLEVEL%"
exit /b 0

:on_path
rem Sets FOUND to where program %1 is on the PATH, or to nothing.
set "FOUND="
for %%P in (%1.exe %1.cmd %1.bat) do if not defined FOUND set "FOUND=%%~$PATH:P"
exit /b 0

:no_folder
set "STATUS=2"
set "WHAT=Could not open the folder this file is in."
goto :failed_outside

:venv_failed
set "WHAT=Could not create the Python environment in %VENV%."
goto :failed

:install_failed
set "WHAT=Could not install what fscxl needs. Check the internet connection, or ask for the wheels folder - see the README - then run this again: the set-up starts again by itself."
goto :failed

:failed
rem Every error path ends here: say what to do, keep the window open, return the status.
popd
:failed_outside
if "%STATUS%"=="0" set "STATUS=1"
echo.
echo *** The scorecard was NOT produced. ***
for %%W in ("%WHAT%") do echo %%~W
echo If you cannot fix this yourself, send a copy of this window to whoever supports fscxl.
pause
exit /b %STATUS%

:leave
popd
pause
exit /b %STATUS%
