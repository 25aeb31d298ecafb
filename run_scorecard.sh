#!/usr/bin/env bash
# Run the scorecard: double-click (or run) this file in the fscxl folder.
#
#   ./run_scorecard.sh                       read inputs/, write outputs/<month>/
#   ./run_scorecard.sh --month 2012-05       any options are passed on to "fscxl run"
#   ./run_scorecard.sh validate              check the inputs only
#   ./run_scorecard.sh templates --year 2013/14 --out new-year
#
# First time: makes its own Python environment and installs what fscxl needs (a minute
# or two). An environment left half-made (a closed window, a lost connection) is noticed
# and rebuilt by the next run.
#
# Settings (environment variables, for support staff):
#   FSCXL_PYTHON        the Python to use (default: python3, then python)
#   FSCXL_VENV          where the environment lives (default: .venv beside this file,
#                       or ~/.local/share/fscxl/venv when this folder is read-only)
#   FSCXL_VENV_OPTIONS  extra options for "python -m venv" (e.g. --system-site-packages)
#   FSCXL_PIP_OPTIONS   extra options for "pip install" (e.g. --no-deps --no-build-isolation)
# A wheels/ folder beside this file is used instead of the internet, if there is one.

# Run with "sh run_scorecard.sh"? The rest needs bash: hand over to it, or say so.
if [ -z "${BASH_VERSION:-}" ]; then
  if command -v bash >/dev/null 2>&1; then
    exec bash "$0" "$@"
  fi
  echo "Please run this with bash:  bash $0"
  exit 2
fi

# Work from the real script's folder, even when started through a link to it.
SCRIPT="${BASH_SOURCE[0]}"
while [ -L "$SCRIPT" ]; do
  target="$(readlink "$SCRIPT")"
  case "$target" in
    /*) SCRIPT="$target" ;;
    *) SCRIPT="$(dirname "$SCRIPT")/$target" ;;
  esac
done
cd "$(dirname "$SCRIPT")" || exit 2
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

# 2. Where the environment lives: beside this file, or in your home folder if this folder
#    is read-only (a shared drive you can only read) and holds no working environment.
HOME_VENV="${XDG_DATA_HOME:-$HOME/.local/share}/fscxl/venv"
if [ -n "${FSCXL_VENV:-}" ]; then
  VENV="$FSCXL_VENV"
else
  VENV="$HERE/.venv"
fi
VPY="$VENV/bin/python"

# 3. Ready? The environment's marker (written only after a complete install) is there and
#    every package fscxl needs imports. If not, set it up again by itself.
"$VPY" -m fscxl.app.bootstrap check >/dev/null 2>&1
ready=$?
if [ "$ready" != 0 ] && [ -z "${FSCXL_VENV:-}" ] && ! { mkdir -p "$VENV" && [ -w "$VENV" ]; } 2>/dev/null; then
  VENV="$HOME_VENV"
  VPY="$VENV/bin/python"
  "$VPY" -m fscxl.app.bootstrap check >/dev/null 2>&1
  ready=$?
fi
if [ "$ready" != 0 ]; then
  echo "Setting up… this takes a minute; do not close this window."
  echo "(fscxl is installing what it needs into $VENV; later runs start straight away.)"
  if [ "$ready" != 3 ] || ! "$VPY" -m pip --version >/dev/null 2>&1; then
    # a new or half-made environment: start it afresh
    # shellcheck disable=SC2086  # the options are deliberately split into words
    "$PYTHON" -m venv --clear ${FSCXL_VENV_OPTIONS:-} "$VENV" ||
      failed "Could not create the Python environment in $VENV." 1
  fi
  source_options=()
  if [ -d "$HERE/wheels" ]; then
    source_options=(--no-index --find-links "$HERE/wheels")
  fi
  # shellcheck disable=SC2086
  "$VPY" -m fscxl.app.bootstrap install "${source_options[@]}" ${FSCXL_PIP_OPTIONS:-} ||
    failed "Could not install what fscxl needs. Check your internet connection (or ask for the wheels
folder, see the README), then run this again: the set-up starts again by itself." 1
  echo "Set-up finished."
fi

# 4. Run. fscxl prints progress, the problems it found and where everything was written.
COMMAND=run
case "${1:-}" in
  run|validate|templates) COMMAND="$1"; shift ;;
esac
only_help=0
for argument in "$@"; do
  case "$argument" in -h|--help|--version) only_help=1 ;; esac
done
echo "Running fscxl $COMMAND from $HERE ..."
echo
"$VPY" -m fscxl "$COMMAND" "$@"
status=$?
echo
if [ "$only_help" = 1 ]; then
  finish "$status"
fi
case $status in
  0) case $COMMAND in
       run) echo "Done. Open the outputs folder to see this month's workbooks." ;;
       *) echo "Done." ;;
     esac
     finish 0 ;;
  1) failed "The inputs have errors (listed above, and in outputs/validation_report.xlsx with a link
to each cell). Correct them in the returns and run this again. Earlier outputs were left as they were." 1 ;;
  3) failed "The outputs could not be written, for the reason given above (the inputs are not at
fault). Free some space, check you can save in the outputs folder, then run this again." 3 ;;
  *) failed "fscxl could not start (see the message above)." "$status" ;;
esac
