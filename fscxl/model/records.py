"""The frozen records every stage shares: measures, targets, scorecards, figures as read, commentary, actions.

The readers build them, the checks and the computation read them, the renderers show
them. Nothing here reads a file or knows a rule beyond what a record is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from fscxl.model.periods import FINANCIAL_MONTHS, Month

# The catalogue's vocabulary, as docs/CONTRACT.md section 2 spells it.
UNITS = ("%", "Number", "Rate per 10,000", "Rate per 100,000", "Days", "Score")
DEFAULT_MULTIPLIER = {"%": Decimal(100), "Rate per 10,000": Decimal(10000),
                      "Rate per 100,000": Decimal(100000)}
HIGH, LOW, BAND, NONE = "High", "Low", "Band", "None"
POLARITIES = (HIGH, LOW, BAND, NONE)
COMPARE_PREVIOUS = "Previous month"
COMPARE_LAST_YEAR = "Same month last year"
COMPARE_PREVIOUS_PERIOD = "Previous period"  # (v2) a quarterly or annual measure's latest figure before
MONTHLY, QUARTERLY, ANNUAL = "Monthly", "Quarterly", "Annual"
FREQUENCIES = (MONTHLY, QUARTERLY, ANNUAL)  # (v2) how often a measure gets a new figure
COMPARE_BY_KIND = ""  # (v2) Compare with left blank: the comparison follows the kind of measure
COMPARISONS = (COMPARE_PREVIOUS, COMPARE_LAST_YEAR, COMPARE_PREVIOUS_PERIOD)
REPORT_STATUSES = ("Draft", "Final")
PAPERS = ("A4", "A3")
LAYOUTS = ("Scorecard", "Dashboard")
BUSINESS_PLAN_APPENDIX = "A"
TARGET_COLUMNS = ["Ref", "Year"]
TARGET_VALUES = ["Target", "Floor", "Target upper", "Floor upper", "Benchmark"]
FLOOR_MONTHS = tuple(f"Floor {month}" for month in FINANCIAL_MONTHS)  # (v2) phased floors
TARGET_OPTIONAL = TARGET_VALUES + ["Benchmark source", *FINANCIAL_MONTHS, *FLOOR_MONTHS]
TARGET_HEADERS = TARGET_COLUMNS + TARGET_OPTIONAL


@dataclass(frozen=True)
class Measure:
    ref: str
    scorecard: str
    area: str
    title: str
    unit: str
    polarity: str
    basis: str
    numerator: str
    definition: str = ""
    denominator_field: str | None = None
    denominator_value: Decimal | None = None  # a fixed population: not summed over months
    multiplier: Decimal = Decimal(1)  # applied to ratios
    multiplier_given: bool = False  # without a denominator, multiply only when asked to
    decimals: int = 0
    compare_with: str = COMPARE_BY_KIND
    corporate: bool = False
    frequency: str = MONTHLY
    source_return: str = ""
    field_cells: tuple[tuple[str, str], ...] = ()  # (field code, its cell on the Measures sheet)

    @property
    def has_denominator(self) -> bool:
        return self.denominator_field is not None or self.denominator_value is not None

    @property
    def fields(self) -> list[str]:
        return [f for f in (self.numerator, self.denominator_field) if f]

    @property
    def running_count(self) -> bool:
        """A count summed from April (basis YTD, no denominator): it only grows through the year."""
        return self.basis == "YTD" and not self.has_denominator


@dataclass(frozen=True)
class Target:
    ref: str
    year: int  # the calendar year the financial year starts in
    target: Decimal | None = None
    floor: Decimal | None = None
    target_upper: Decimal | None = None
    floor_upper: Decimal | None = None
    benchmark: Decimal | None = None
    benchmark_source: str = ""
    phased: tuple[Decimal | None, ...] = (None,) * 12  # Apr..Mar
    phased_floor: tuple[Decimal | None, ...] = (None,) * 12  # (v2) Floor Apr..Floor Mar

    def for_month(self, month_of_year: int) -> Decimal | None:
        """The target a month is judged against: the phased one where given, else year-end."""
        phased = self.phased[(month_of_year - 4) % 12]
        return phased if phased is not None else self.target

    def floor_for(self, month_of_year: int, running_count: bool = False) -> Decimal | None:
        """(v2) The floor a month is judged against: the phased floor where given; else, for a
        running count whose target is phased for the month, the floor pro-rated with the
        target (8,100 against 9,000 becomes 1,350 when the month's target is 1,500); else
        the year-end floor."""
        index = (month_of_year - 4) % 12
        if self.phased_floor[index] is not None:
            return self.phased_floor[index]
        phased = self.phased[index]
        if running_count and phased is not None and self.floor is not None and self.target:
            return self.floor * phased / self.target
        return self.floor


@dataclass(frozen=True)
class Scorecard:
    name: str
    title: str
    layout: str
    appendix: str
    appendix_given_at: tuple[str, str] = field(default=("", ""), compare=False)  # (sheet, cell) giving the letter


@dataclass(frozen=True)
class Contact:
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ReportSettings:
    """(v2) The catalogue's optional Report sheet: what covers, footers and the e-mail draft say."""

    committee: str = ""
    meeting_date: dt.date | None = None
    status: str = "Draft"
    classification: str = "Unrestricted"
    contacts: tuple[Contact, ...] = ()
    suppress_below: int = 6  # counts 1 .. suppress_below - 1 are shown as [c]; 0 turns it off
    email_to: tuple[str, ...] = ()
    email_cc: tuple[str, ...] = ()
    source_note: str = ""
    paper: str = "A4"


@dataclass
class Catalogue:
    measures: list[Measure]
    targets: dict[tuple[str, int], Target] = field(default_factory=dict)
    scorecards: list[Scorecard] = field(default_factory=list)
    label: str = "measures.xlsx"  # as messages name the file: its own spelling, e.g. Measures.xlsx
    report: ReportSettings = field(default_factory=ReportSettings)

    def target_for(self, ref: str, financial_year: int) -> Target | None:
        return self.targets.get((ref, financial_year))


COUNTY = ""  # the district of a figure from a return without a District column


@dataclass(frozen=True)
class Place:
    """Where a figure was typed, so any message can name the cell."""

    workbook: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.workbook}, sheet '{self.sheet}', cell {self.cell}"


@dataclass(frozen=True)
class SheetWithoutMonths:
    """A return sheet with a `Code` heading but no heading that reads as a month.

    Nothing is read from it; the checks across inputs decide whether that matters (it
    holds fields the catalogue needs) or not (a notes sheet listing codes).
    """

    workbook: str
    sheet: str
    cell: str  # the Code heading, e.g. 'A3'
    headings: tuple[str, ...]  # the header row's headings as typed, in order
    codes: frozenset[str]  # the codes in its Code column

    @property
    def header_row(self) -> int:
        return int("".join(ch for ch in self.cell if ch.isdigit()))


@dataclass
class DistrictTable:
    """(v2) Each district's own figures: one row per (field code, district), one column per month.

    Kept as one array, as the returns were stacked, so districts.csv costs a few array
    sums per measure rather than a dictionary per district.
    """

    codes: list[str]
    districts: list[str]  # as the latest return spells them
    months: list[Month]
    values: object  # numpy float64 array, rows x months; NaN where a district gave no figure
    rows: dict[str, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)
    column: dict[Month, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for row, (code, district) in enumerate(zip(self.codes, self.districts, strict=True)):
            self.rows.setdefault(code, {})[district] = row
        self.column.update((month, i) for i, month in enumerate(self.months))

    def rows_of(self, code: str) -> dict[str, int]:
        """district -> its row, for one field code."""
        return self.rows.get(code, {})


@dataclass
class ReturnsData:
    """Every figure the returns hold, by field code, district and month.

    `county` holds the county figure (the sum over districts) for each month in which
    every district of that field expected that month reported (those reporting it in
    that financial year); `missing_districts` names the districts that had not reported
    in months where others had; `by_district` keeps each district's own figures.
    """

    county: dict[str, dict[Month, float]] = field(default_factory=dict)
    missing_districts: dict[str, dict[Month, list[str]]] = field(default_factory=dict)
    latest_month: Month | None = None
    workbooks_read: int = 0
    codes: set[str] = field(default_factory=set)  # every code with a row, figures or not
    without_months: list[SheetWithoutMonths] = field(default_factory=list)  # sheets not read
    districts: DistrictTable | None = None  # (v2) each district's own figures

    @property
    def by_district(self) -> dict[str, dict[str, dict[Month, float]]]:
        """(v2) field code -> district (as the latest return spells it) -> month -> figure."""
        out: dict[str, dict[str, dict[Month, float]]] = {}
        table = self.districts
        if table is None:
            return out
        for code, district, row in zip(table.codes, table.districts, table.values, strict=True):
            out.setdefault(code, {})[district] = {
                month: float(value) for month, value in zip(table.months, row, strict=True) if value == value}
        return out

    @property
    def fields(self) -> set[str]:
        """The codes the returns supply: a row still blank ("not yet reported") supplies its code."""
        return set(self.county) | set(self.missing_districts) | self.codes


COMMENTARY_TO_FOLLOW = "Commentary to follow"


@dataclass
class Commentary:
    measures: dict[tuple[str, Month], str] = field(default_factory=dict)
    areas: dict[tuple[str, str, Month], str] = field(default_factory=dict)
    label: str = "commentary.xlsx"  # as messages name the file: its own spelling
    # (ref, month) or (scorecard, area, month) as typed -> (sheet, cell) of the row's Ref or Area
    cells: dict[tuple, tuple[str, str]] = field(default_factory=dict)

    def for_measure(self, ref: str, month: Month) -> str:
        return self.measures.get((ref, month), "")

    def for_area(self, scorecard: str, area: str, month: Month) -> str:
        return self.areas.get((scorecard.lower(), area.lower(), month), "")


STATUSES = ("Complete", "On track", "Delayed", "Cancelled")
EXCEPTIONS = ("Delayed", "Cancelled")  # the statuses Appendix A reports


@dataclass(frozen=True)
class Action:
    """One business plan action, as business_plan.xlsx lists it."""

    ref: str
    business_plan: str
    action: str
    owner: str
    due: dt.date | str | None
    status: str
    revised: dt.date | str | None
    commentary: str
