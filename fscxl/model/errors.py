"""The few exceptions fscxl raises; the command line turns each into a plain message."""

from __future__ import annotations


class FscxlError(Exception):
    """Base for every problem an officer should see as a message, not a traceback."""


class InputError(FscxlError):
    """The inputs have errors: the run writes no scorecard (exit status 1)."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.report = None  # where the validation report went, once written
        self.report_failure = ""  # why it could not be written, if it could not


class UsageError(FscxlError):
    """The command was asked for something it cannot do (exit status 2)."""


class OutputError(FscxlError):
    """An output could not be written; earlier outputs are left as they were."""
