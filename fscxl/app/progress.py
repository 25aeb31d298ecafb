"""A progress line for long runs ("Reading returns 37/120"), so an officer can see it is working.

The line is rewritten in place on stderr and stays quiet when stderr is not a terminal
(a log file or a test), where a hundred half-lines would only be noise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

# progress(label, done, total): called after each step of a stage
Progress = Callable[[str, int, int], None]


class ProgressLine:
    """Shows `label done/total` on one line, ending the line when the stage is complete."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._width = 0

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        text = f"{label} {done}/{total}"
        padding = " " * max(0, self._width - len(text))
        self._width = len(text)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{text}{padding}{end}")
        self.stream.flush()
        if end:
            self._width = 0


def stage(progress: Progress | None, label: str, total: int) -> Callable[[], None] | None:
    """A no-argument step counter for one stage, as read_returns and write_all call it."""
    if progress is None or total <= 0:
        return None
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        progress(label, done, total)

    return step
