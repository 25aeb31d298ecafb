#!/usr/bin/env bash
# Set up a virtual environment (first time only) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv >/dev/null 2>&1 || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/ruff check fscxl tests benchmarks tools
.venv/bin/python -m pytest "$@"
