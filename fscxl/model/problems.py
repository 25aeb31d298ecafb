"""Problems found in the inputs, collected as records rather than raised one by one.

Every problem names where it is (workbook, sheet, cell), what was found and how to
fix it, so that an officer can act on it without help. Its `code` names the check that
found it: fscxl.check.codes lists every check with its severity, what it checks and
the usual fix, so the validation report can be filtered and tests can assert codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR or WARNING
    workbook: str = ""  # path relative to the inputs folder, e.g. "returns/referrals.xlsx"
    sheet: str = ""
    cell: str = ""  # A1 reference, or "" when the problem is not about one cell
    found: str = ""  # what was there, in the officer's terms
    fix: str = ""  # what to do about it
    detail: str = ""  # technical detail for whoever supports fscxl, shown only with --verbose
    code: str = ""  # the check that found it, e.g. "RET03" (see fscxl.check.codes)
    leads: bool = False  # the cause of other problems: listed first, so it is read first

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def where(self) -> str:
        parts = []
        if self.workbook:
            parts.append(self.workbook)
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"cell {self.cell}")
        return ", ".join(parts)

    def text(self) -> str:
        """One line as an officer reads it: where, what was found, how to fix it."""
        sentence = self.found.rstrip(".") + "."
        if self.fix:
            sentence = f"{sentence} {self.fix}"
        return f"{self.where}: {sentence}" if self.where else sentence


@dataclass
class ProblemLog:
    """Collects problems across a whole run; nothing is raised until the end."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, workbook: str = "", sheet: str = "", cell: str = "", found: str = "",
              fix: str = "", detail: str = "", *, code: str = "") -> None:
        self.problems.append(Problem(ERROR, workbook, sheet, cell, found, fix, detail, code=code))

    def warning(self, workbook: str = "", sheet: str = "", cell: str = "", found: str = "",
                fix: str = "", detail: str = "", *, code: str = "") -> None:
        self.problems.append(Problem(WARNING, workbook, sheet, cell, found, fix, detail, code=code))

    def codes(self) -> list[str]:
        """The code of every problem, in the order found (for tests and filtering)."""
        return [p.code for p in self.problems]

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def sorted(self) -> list[Problem]:
        """Errors first (those that cause others before the rest), then by workbook, so the
        console and report group them."""
        return sorted(self.problems, key=lambda p: (not p.is_error, not p.leads, p.workbook, p.sheet))
