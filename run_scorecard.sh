#!/usr/bin/env bash
# Run the scorecard: double-click (or run) this file in the fscxl folder.
#
# First time: makes its own Python environment and installs fscxl into it (a minute
# or two). Then reads inputs/ and writes outputs/<month>/. Any options are passed on,
# e.g.  ./run_scorecard.sh --month 2012-05
#
# Settings (environment variables, for support staff):
#   FSCXL_PYTHON        the Python to use (default: python3, then python)
#   FSCXL_VENV          where the environment lives (default: .venv beside this file,
#                       or ~/.local/share/fscxl/venv when this folder is read-only)
#   FSCXL_VENV_OPTIONS  extra options for "python -m venv" (e.g. --system-site-packages)
#   FSCXL_PIP_OPTIONS   extra options for "pip install" (e.g. --no-deps --no-build-isolation)
# A wheels/ folder beside this file is used instead of the internet, if there is one.

case "$0" in
  */*) cd "${0%/*}" || exit 2 ;;
esac
HERE="$(pwd)"

finish() {
  # $1: exit status. Keeps a double-clicked window open so the officer can read it.
  if [ -t 0 ]; then
    echo
    read -r -p "Press Enter to close this window. " _
  fi
  exit "$1"
}

failed() {
  # $1: what went wrong, $2: exit status
  echo
  echo "*** The scorecard was NOT produced. ***"
  echo "$1"
  echo "Earlier outputs in outputs/ were left as they were."
  echo "If you cannot fix this yourself, send a copy of this window to whoever supports fscxl."
  finish "${2:-1}"
}

# 1. Find Python.
PYTHON="${FSCXL_PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; then
      PYTHON="$candidate"
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  failed "Python 3.10 or later was not found. Install it (from https://www.python.org/downloads/ or your
IT service's software centre), then run this again." 2
fi

# 2. Choose where the environment lives: beside this file, or in your home folder if this
#    folder is read-only (a shared drive you can only read).
if [ -n "${FSCXL_VENV:-}" ]; then
  VENV="$FSCXL_VENV"
elif [ -x "$HERE/.venv/bin/python" ] || mkdir -p "$HERE/.venv" 2>/dev/null; then
  VENV="$HERE/.venv"
else
  VENV="${XDG_DATA_HOME:-$HOME/.local/share}/fscxl/venv"
fi
VPY="$VENV/bin/python"
MARKER="$VENV/fscxl-installed.txt"

# 3. Create it the first time (or if it no longer works, e.g. Python was upgraded).
if ! "$VPY" -c 'import sys' >/dev/null 2>&1; then
  echo "Setting up fscxl for the first time in $VENV (this takes a minute or two)..."
  rm -f "$MARKER"
  # shellcheck disable=SC2086  # the options are deliberately split into words
  "$PYTHON" -m venv --clear ${FSCXL_VENV_OPTIONS:-} "$VENV" ||
    failed "Could not create the Python environment in $VENV." 1
fi

# 4. Install fscxl (and what it needs) the first time, and again whenever it is updated.
if [ ! -f "$MARKER" ] || ! "$VPY" -c '
import os, sys
marker = os.path.getmtime(sys.argv[1])
sys.exit(1 if any(os.path.getmtime(f) > marker for f in sys.argv[2:] if os.path.exists(f)) else 0)
' "$MARKER" setup.cfg pyproject.toml fscxl/__init__.py; then
  echo "Installing fscxl into $VENV..."
  source_options=()
  if [ -d "$HERE/wheels" ]; then
    source_options=(--no-index --find-links "$HERE/wheels")
  fi
  # shellcheck disable=SC2086
  # Only what fscxl needs is installed: fscxl itself runs from this folder, and nothing
  # is built here, so a read-only share works.
  "$VPY" -m fscxl.app.bootstrap "${source_options[@]}" ${FSCXL_PIP_OPTIONS:-} ||
    failed "Could not install fscxl. Check your internet connection (or ask for the wheels/ folder), then run this again." 1
  date > "$MARKER"
fi

# 5. Run. fscxl prints progress, the problems it found and where everything was written.
echo "Running the scorecard from $HERE ..."
echo
"$VPY" -m fscxl run "$@"
status=$?
echo
case $status in
  0) echo "Done. Open the outputs folder to see this month's workbooks."
     finish 0 ;;
  1) failed "The inputs have errors (listed above, and in outputs/validation_report.xlsx with a link
to each cell). Correct them in the returns and run this again." 1 ;;
  *) failed "fscxl could not start the run (see the message above)." "$status" ;;
esac
