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
    """An output could not be written (no space, no permission, interrupted): exit status 3.

    Earlier outputs are left as they were, and the message never blames the inputs.
    """


class ContentRefused(OutputError):
    """A workbook cannot hold something the inputs gave (text over Excel's cell limit, say).

    Nothing is written, as for any OutputError, but the fix is in the inputs: exit status 1.
    """
