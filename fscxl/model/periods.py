"""Months, financial years (April to March) and the windows figures are summed over."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FULL_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Financial-year order, as the Targets sheet's phased columns run.
FINANCIAL_MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")

_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
_MONTH_NUMBER.update({name.lower(): i + 1 for i, name in enumerate(FULL_MONTH_NAMES)})
_MONTH_NUMBER["sept"] = 9

# Apr-12, Apr 12, April 2012, Apr-2012, Apr.12, apr/2012
_NAMED = re.compile(r"^([A-Za-z]+)\.?[\s\-/']*(\d{2}|\d{4})$")
# 2012-04, 2012/04, 2012-04-01
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2})?$")
# 30/04/2012, 01/04/2012, 1.4.2012: UK day-first dates typed as text (an Excel table's
# header row turns dates into text). Never month/day: 04/30/2012 is not a date here.
_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; ordered, and months apart by plain subtraction."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1 to 12, not {self.month}")

    def __hash__(self) -> int:  # figures are looked up by month in tight loops: a plain int hash
        return self.year * 12 + self.month

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    def __add__(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def __sub__(self, other):
        if isinstance(other, Month):
            return self.index - other.index
        return Month.from_index(self.index - other)

    @property
    def financial_year(self) -> int:
        """The calendar year in which this month's financial year starts (April)."""
        return self.year if self.month >= 4 else self.year - 1

    @property
    def financial_year_start(self) -> Month:
        return Month(self.financial_year, 4)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """'May 2012', as members read it."""
        return f"{FULL_MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short(self) -> str:
        """'May-12', as officers' returns head their columns."""
        return f"{MONTH_NAMES[self.month - 1]}-{self.year % 100:02d}"

    def __str__(self) -> str:
        return self.iso


def financial_year_label(start_year: int) -> str:
    """2012 -> '2012/13'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def parse_financial_year(text) -> int | None:
    """'2012/13', '2012-13', '2012/2013' or 2012 -> 2012 (the April it starts); None if not a year."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        year = int(text)
        return year if year == text and 1900 < year < 2200 else None
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[/\-]\s*(\d{2}|\d{4}))?\s*", str(text))
    if not match:
        return None
    start = int(match.group(1))
    if match.group(2):
        end = int(match.group(2))
        if (end if end >= 100 else (start // 100) * 100 + end) % 100 != (start + 1) % 100:
            return None
    return start


def parse_month(value) -> Month | None:
    """A month header or month cell: a real date (any day) or text as officers type it.

    Returns None when the value is not a month, so callers decide whether that is an
    error (a Month cell in commentary) or just not a month column (a Description header).
    """
    if isinstance(value, dt.datetime | dt.date):
        return Month(value.year, value.month)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _NAMED.match(text)
    if match:
        number = _MONTH_NUMBER.get(match.group(1).lower())
        if number is None:
            return None
        year = int(match.group(2))
        if len(match.group(2)) == 2:
            year += 2000
        return Month(year, number)
    match = _ISO.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return Month(int(match.group(1)), int(match.group(2)))
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            dt.date(year, month, day)  # 31/04 or 04/30 is not a day of the month
        except ValueError:
            return None
        return Month(year, month)
    return None


def parse_month_option(text: str) -> Month:
    """The --month option: YYYY-MM strictly, so a typo is a usage error, not a guess."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"expected a month as YYYY-MM (e.g. 2012-05), got '{text}'")
    return Month(int(match.group(1)), int(match.group(2)))


MONTH = "Month"
YTD = "YTD"
ROLLING_12 = "Rolling 12"
SNAPSHOT = "Snapshot"
BASES = (MONTH, YTD, ROLLING_12, SNAPSHOT)


@dataclass(frozen=True)
class BasisWords:
    """A basis named in each form the outputs need, so every output names it alike."""

    heading: str  # a heading or key: "Year to date"
    short: str  # a grid cell with room for one word: "YTD"
    after_figure: str  # after a figure in a sentence: "25.8% year to date"
    before_figure: str  # before the word figure: "the year-to-date figure"


BASIS_WORDS = {
    MONTH: BasisWords("Month", "Month", "in the month", "month's"),
    YTD: BasisWords("Year to date", "YTD", "year to date", "year-to-date"),
    ROLLING_12: BasisWords("Rolling 12 months", "Rolling 12", "rolling 12 months", "rolling 12-month"),
    SNAPSHOT: BasisWords("Snapshot", "Snapshot", "at the month end", "month-end"),
}


def window(basis: str, month: Month) -> list[Month]:
    """The months a figure on this basis covers, oldest first."""
    if basis == YTD:
        start = month.financial_year_start
    elif basis == ROLLING_12:
        start = month - 11
    elif basis in (MONTH, SNAPSHOT):
        start = month
    else:
        raise ValueError(f"unknown basis {basis!r}")
    return [start + i for i in range(month - start + 1)]
