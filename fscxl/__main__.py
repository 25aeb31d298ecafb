"""Allow ``python -m fscxl``, as the double-click scripts run it."""

import os
import signal
import sys


def _stopped_while_starting(_signum, _frame) -> None:
    """Ctrl+C before the command line has loaded: nothing was written, so say so plainly."""
    sys.stderr.write("\nStopped before the run started (interrupted). Nothing was changed.\n")
    os._exit(3)


signal.signal(signal.SIGINT, _stopped_while_starting)
from fscxl.cli import main  # noqa: E402  (after the handler: loading takes a moment)

signal.signal(signal.SIGINT, signal.default_int_handler)

if __name__ == "__main__":
    main()
