"""The catalogue workbook (measures.xlsx) -> frozen Measure / Target / Scorecard records and the
report's settings, checked on load.

Each sheet's columns are described as data (`Column`: name, required, parser, allowed
values, default, fix), so what a column accepts is read in one table rather than spread
through code; the templates' drop-down lists come from the same tables. Checks that
look at more than one column (duplicates, Band edges, floors against targets) follow
the tables. Every problem carries a code listed in fscxl.check.codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from fscxl.model.periods import BASES, FINANCIAL_MONTHS, financial_year_label, parse_financial_year
from fscxl.model.problems import ProblemLog
from fscxl.model.records import (
    BAND,
    BUSINESS_PLAN_APPENDIX,
    COMPARE_BY_KIND,
    COMPARISONS,
    DEFAULT_MULTIPLIER,
    FLOOR_MONTHS,
    FREQUENCIES,
    HIGH,
    LAYOUTS,
    LOW,
    MONTHLY,
    PAPERS,
    POLARITIES,
    REPORT_STATUSES,
    UNITS,
    Catalogue,
    Contact,
    Measure,
    ReportSettings,
    Scorecard,
    Target,
)
from fscxl.read.tables import TableRow, describe, read_table, text_of, to_decimal
from fscxl.read.xlsx import Grid


class Invalid(ValueError):
    """A value a column cannot take: what is wrong with it, and (optionally) a fix for this case."""

    def __init__(self, found: str, fix: str = "") -> None:
        super().__init__(found)
        self.found = found
        self.fix = fix


def _loose(text: str) -> str:
    """'Rate per 10,000', 'rate per 10000' and ' RATE  per 10,000 ' all read the same."""
    return re.sub(r"\s+", " ", text.replace(",", "")).strip().lower()


def is_blank(value) -> bool:
    """An empty cell, or one holding only spaces: the column's default applies."""
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class Column:
    """One column of a catalogue sheet (or one setting of the Report sheet), as data.

    `parse` turns a filled cell into its value or raises Invalid; `allowed` lists the
    words a column takes (read loosely: case, spaces and commas do not matter), and is
    what the template offers in its drop-down list; `default` is the value of a blank
    cell, or a function of the values read so far in the row (a unit's multiplier).
    """

    name: str
    required: bool = False
    parse: Callable[[object], object] | None = None
    allowed: tuple[str, ...] = ()
    default: object = None
    fix: str = ""
    many: bool = False  # a Report setting that may take several rows
    offered: tuple[str, ...] = ()  # a template's drop-down where the parser reads more (Y/N, yes/no)

    def read(self, raw):
        """The value of a filled cell; Invalid if the column cannot take it."""
        if self.allowed:
            text = _loose(text_of(raw))
            choice = next((option for option in self.allowed if _loose(option) == text), None)
            if choice is None:
                raise Invalid("not one of the values the column takes")
            raw = choice
        return self.parse(raw) if self.parse else text_of(raw)

    @property
    def choices(self) -> tuple[str, ...]:
        """The words a template offers in the column's drop-down list (none: free entry)."""
        return self.allowed or self.offered

    def default_for(self, values: dict):
        return self.default(values) if callable(self.default) else self.default

    def _options(self) -> str:
        return ", ".join(f"'{option}'" for option in self.allowed)

    @property
    def fix_text(self) -> str:
        return self.fix or (f"Use one of: {self._options()}." if self.allowed else "")


# -- parsers: each takes a filled cell and returns its value or raises Invalid

def _text(raw) -> str:
    return text_of(raw)


def _field_code(raw) -> str:
    return text_of(raw).upper()  # codes match in any case


def _number(raw) -> Decimal:
    number = to_decimal(raw)
    if number is None:
        raise Invalid("not a number")
    return number


def _positive_number(raw) -> Decimal:
    number = to_decimal(raw)
    if number is None or number <= 0:
        raise Invalid("not a positive number")
    return number


def _whole_number(low: int, high: int | None = None) -> Callable[[object], int]:
    def parse(raw) -> int:
        number = to_decimal(raw)
        if number is None or number != int(number) or number < low or (high is not None and number > high):
            upto = f" to {high}" if high is not None else " or more"
            raise Invalid(f"not a whole number from {low}{upto}")
        return int(number)
    return parse


def _denominator(raw) -> tuple[str | None, Decimal | None]:
    """(field code, fixed value): a field code from the returns, or a number such as a population."""
    number = to_decimal(raw)
    if number is not None:
        if number <= 0:
            raise Invalid("a fixed denominator at or below zero",
                          "A fixed denominator (a population) must be above zero.")
        return None, number
    if isinstance(raw, str):
        return raw.strip().upper(), None
    raise Invalid("neither a field code nor a number")


def _yes_no(raw) -> bool:
    text = text_of(raw).lower()
    if text not in ("y", "yes", "n", "no"):
        raise Invalid("not Y or N")
    return text in ("y", "yes")


def _financial_year(raw) -> int:
    year = parse_financial_year(raw)
    if year is None:
        raise Invalid("not a financial year")
    return year


def _appendix(raw) -> str:
    letter = text_of(raw).upper()
    if not re.fullmatch(r"[A-Z]", letter):
        raise Invalid("not a single letter")
    return letter


_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d-%m-%Y")


def _date(raw) -> dt.date:
    """A date cell, or a UK date typed as text (day first, never month first)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = re.sub(r"\s+", " ", text_of(raw)).strip()
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise Invalid("not a date")


_EMAIL_FIX = "Enter one address a row, such as name@kent.gov.uk."
_EMAIL = re.compile(r"[^@\s;,<>()\[\]]+@[^@\s;,<>()\[\].]+(\.[^@\s;,<>()\[\].]+)+")


def _email(raw) -> str:
    text = text_of(raw)
    if not _EMAIL.fullmatch(text):
        raise Invalid("not an e-mail address", _EMAIL_FIX)
    return text


def _contact(raw) -> Contact:
    parts = [part.strip() for part in text_of(raw).split(";")]
    if len(parts) > 4 or not parts[0]:
        raise Invalid("not in the form Name; Title; Phone; Email")
    parts += [""] * (4 - len(parts))
    if parts[3]:
        _email(parts[3])
    return Contact(*parts)


# -- the sheets' columns

_RATE_UNITS = ("%", "Rate per 10,000", "Rate per 100,000")

MEASURE_SPECS: tuple[Column, ...] = (
    Column("Ref", True, _text, fix="Give every measure a unique code, e.g. CH29."),
    Column("Scorecard", True, _text, fix="Name the output the measure belongs to, e.g. Children."),
    Column("Area", True, _text, fix="Name the section the measure appears under."),
    Column("Title", True, _text, fix="Give the measure's title as members read it."),
    Column("Definition", default=""),
    Column("Unit", True, allowed=UNITS),
    Column("Polarity", True, allowed=POLARITIES,
           fix="Use High (higher is better), Low, Band (should sit inside a range) or None (context only)."),
    Column("Basis", True, allowed=BASES),
    Column("Numerator", True, _field_code, fix="Enter the field code from the returns."),
    Column("Denominator", parse=_denominator, default=(None, None),
           fix="Enter a field code from the returns, or a number such as a population."),
    Column("Multiplier", parse=_positive_number,
           default=lambda row: DEFAULT_MULTIPLIER.get(row.get("Unit"), Decimal(1)),
           fix="Enter a number such as 100, or leave it blank for the default."),
    Column("Decimals", parse=_whole_number(0, 6),
           default=lambda row: 1 if row.get("Unit") in _RATE_UNITS else 0,
           fix="Enter 0, 1, 2... or leave it blank for the default."),
    Column("Compare with", allowed=COMPARISONS, default=COMPARE_BY_KIND,
           fix="Use " + ", ".join(f"'{c}'" for c in COMPARISONS)
               + ", or leave it blank to compare by the kind of measure."),
    Column("Corporate", parse=_yes_no, default=False, offered=("Y", "N"),
           fix="Enter Y to include the measure in the corporate report, or leave it blank."),
    Column("Frequency", allowed=FREQUENCIES, default=MONTHLY,
           fix="Use Monthly, Quarterly or Annual, or leave it blank for Monthly."),
    Column("Source return", default=""),
)

_NUMBER_FIX = "Enter a number, or leave the cell blank."
TARGET_SPECS: tuple[Column, ...] = (
    Column("Ref", True, _text, fix="Correct the Ref, or add the measure to the Measures sheet."),
    Column("Year", True, _financial_year,
           fix="Write the financial year as 2012/13 (April 2012 to March 2013)."),
    *(Column(name, parse=_number, fix=_NUMBER_FIX)
      for name in ("Target", "Floor", "Target upper", "Floor upper", "Benchmark")),
    Column("Benchmark source", default=""),
    *(Column(name, parse=_number, fix=_NUMBER_FIX) for name in (*FINANCIAL_MONTHS, *FLOOR_MONTHS)),
)

SCORECARD_SPECS: tuple[Column, ...] = (
    Column("Scorecard", True, _text, fix="Name a scorecard from the Measures sheet's Scorecard column."),
    Column("Title", default=""),
    Column("Layout", allowed=LAYOUTS, default="Scorecard",
           fix="Use Scorecard (a grid) or Dashboard (cards with charts)."),
    Column("Appendix", parse=_appendix, default="", fix="Use a single letter, e.g. B."),
)

REPORT_COLUMNS: tuple[Column, ...] = (Column("Setting", True), Column("Value", True))

REPORT_SETTINGS: tuple[Column, ...] = (
    Column("Committee", default=""),
    Column("Meeting date", parse=_date, fix="Enter the date of the meeting, e.g. 12/07/2012."),
    Column("Status", allowed=REPORT_STATUSES, default="Draft"),
    Column("Classification", default="Unrestricted"),
    Column("Contact", parse=_contact, many=True,
           fix="Write one contact a row as Name; Title; Phone; Email."),
    Column("Suppress below", parse=_whole_number(0), default=6,
           fix="Enter a whole number such as 6 (counts 1 to 5 are suppressed), or 0 for no suppression."),
    Column("Email to", parse=_email, many=True, fix=_EMAIL_FIX),
    Column("Email cc", parse=_email, many=True, fix=_EMAIL_FIX),
    Column("Source note", default=""),
    Column("Paper", allowed=PAPERS, default="A4"),
)
_REPORT_FIELDS = {"Committee": "committee", "Meeting date": "meeting_date", "Status": "status",
                  "Classification": "classification", "Contact": "contacts",
                  "Suppress below": "suppress_below", "Email to": "email_to", "Email cc": "email_cc",
                  "Source note": "source_note", "Paper": "paper"}


def _names(specs: tuple[Column, ...], required: bool) -> list[str]:
    return [spec.name for spec in specs if spec.required == required]


def _find_sheet(sheets: list[Grid], name: str) -> Grid | None:
    return next((s for s in sheets if s.name.strip().lower() == name.lower()), None)


def _read_row(row: TableRow, specs: tuple[Column, ...],
              bad: Callable[[Column, object, str, str], None]) -> dict | None:
    """Every column of a row by its spec; `bad(spec, raw, found, fix)` logs each fault; None if any."""
    values: dict = {}
    ok = True
    for spec in specs:
        raw = row.get(spec.name)
        if is_blank(raw):
            if spec.required:
                bad(spec, raw, "", spec.fix_text or f"Fill in the {spec.name}.")
                ok = False
            values[spec.name] = spec.default_for(values)
            continue
        try:
            values[spec.name] = spec.read(raw)
        except Invalid as invalid:
            bad(spec, raw, invalid.found, invalid.fix or spec.fix_text)
            ok = False
    return values if ok else None


def catalogue_from_sheets(sheets: list[Grid], label: str, problems: ProblemLog) -> Catalogue | None:
    """Check the catalogue's sheets as read; every problem is logged, None if it cannot be used."""
    measures_sheet = _find_sheet(sheets, "Measures")
    if measures_sheet is None:
        problems.error(label, "", "", "there is no sheet called 'Measures'",
                       "Add the Measures sheet: one row per measure (see docs/CONTRACT.md, section 2).",
                       code="CAT01")
        return None
    listed: set[str] = set()
    measures = _read_measures(measures_sheet, label, problems, listed)
    known = {m.ref: m for m in measures}
    targets_sheet = _find_sheet(sheets, "Targets")
    targets = {}
    if targets_sheet is None:
        problems.error(label, "", "", "there is no sheet called 'Targets'",
                       "Add the Targets sheet: one row per measure per financial year.", code="TGT01")
    else:
        targets = _read_targets(targets_sheet, label, known, listed, problems)
    scorecards = _read_scorecards(_find_sheet(sheets, "Scorecards"), label, measures, problems)
    report_sheet = _find_sheet(sheets, "Report")
    report = ReportSettings() if report_sheet is None else _read_report(report_sheet, label, problems)
    return Catalogue(measures, targets, scorecards, label, report)


def _read_measures(sheet: Grid, label: str, problems: ProblemLog, listed: set[str]) -> list[Measure]:
    """The measures that pass every check; `listed` collects every Ref on the sheet, so a target
    for a measure left out for its own error is not reported a second time."""
    rows = read_table(sheet, label, _names(MEASURE_SPECS, True), _names(MEASURE_SPECS, False), problems)
    measures: list[Measure] = []
    first_seen: dict[str, str] = {}
    for row in rows or []:
        ref = text_of(row.get("Ref"))
        if not ref:
            problems.error(label, sheet.name, row.ref("Ref"), "this measure has no Ref",
                           "Give every measure a unique code, e.g. CH29.", code="CAT03")
            continue
        if ref in first_seen:
            problems.error(label, sheet.name, row.ref("Ref"),
                           f"the Ref '{ref}' is used twice (also at {first_seen[ref]})",
                           "Give each measure its own Ref.", code="CAT05")
            continue
        first_seen[ref] = row.ref("Ref")
        listed.add(ref)

        def bad(spec: Column, raw, found: str, fix: str, row=row, ref=ref) -> None:
            if found:
                problems.error(label, sheet.name, row.ref(spec.name),
                               f"measure {ref}: the {spec.name} is {describe(raw)}, {found}", fix,
                               code="CAT04")
            else:
                problems.error(label, sheet.name, row.ref(spec.name), f"measure {ref} has no {spec.name}",
                               fix, code="CAT03")

        values = _read_row(row, MEASURE_SPECS, bad)
        if values is None:
            continue
        denominator_field, denominator_value = values["Denominator"]
        measures.append(Measure(
            ref=ref,
            scorecard=values["Scorecard"],
            area=values["Area"],
            title=values["Title"],
            unit=values["Unit"],
            polarity=values["Polarity"],
            basis=values["Basis"],
            numerator=values["Numerator"],
            definition=values["Definition"],
            denominator_field=denominator_field,
            denominator_value=denominator_value,
            multiplier=values["Multiplier"],
            multiplier_given=not is_blank(row.get("Multiplier")),
            decimals=values["Decimals"],
            compare_with=values["Compare with"],
            corporate=values["Corporate"],
            frequency=values["Frequency"],
            source_return=values["Source return"],
            field_cells=tuple((code, row.ref(column)) for code, column in
                              ((values["Numerator"], "Numerator"), (denominator_field, "Denominator"))
                              if code),
        ))
    if rows is not None and not rows:
        problems.error(label, sheet.name, "", "the Measures sheet lists no measures",
                       "Add one row per measure under the header row.", code="CAT06")
    return measures


def _read_targets(sheet: Grid, label: str, known: dict[str, Measure], listed: set[str],
                  problems: ProblemLog) -> dict[tuple[str, int], Target]:
    if all(value is None or text_of(value) == "" for row in sheet.rows for value in row):
        return {}  # no targets set yet: each measure is reported without a RAG alert, with a warning
    rows = read_table(sheet, label, _names(TARGET_SPECS, True), _names(TARGET_SPECS, False), problems)
    targets: dict[tuple[str, int], Target] = {}
    seen: dict[tuple[str, int], str] = {}
    for row in rows or []:
        ref = text_of(row.get("Ref"))
        if ref in listed and ref not in known:
            continue  # the measure's own error on the Measures sheet says what to put right
        if ref not in known:
            problems.error(label, sheet.name, row.ref("Ref"),
                           f"the Ref '{ref}' is not a measure on the Measures sheet" if ref
                           else "this target row has no Ref",
                           "Correct the Ref, or add the measure to the Measures sheet.", code="TGT03")
            continue
        try:
            year = _financial_year(row.get("Year"))
        except Invalid:
            problems.error(label, sheet.name, row.ref("Year"),
                           f"the Year for {ref} is {describe(row.get('Year'))}, not a financial year",
                           "Write the financial year as 2012/13 (April 2012 to March 2013).", code="TGT04")
            continue
        if (ref, year) in seen:
            problems.error(label, sheet.name, row.ref("Ref"),
                           f"{ref} has two target rows for {financial_year_label(year)} "
                           f"(also at {seen[(ref, year)]})", "Keep one row per measure per year.",
                           code="TGT05")
            continue
        seen[(ref, year)] = row.ref("Ref")

        def bad(spec: Column, raw, found: str, fix: str, row=row, ref=ref, year=year) -> None:
            problems.error(label, sheet.name, row.ref(spec.name),
                           f"the {spec.name} for {ref} ({financial_year_label(year)}) is "
                           f"{describe(raw)}, {found}", fix, code="TGT06")

        numbers = _read_row(row, TARGET_SPECS[2:], bad)
        if numbers is None:
            continue
        measure = known[ref]
        if not _band_edges_present_and_ordered(measure, numbers, row, label, sheet.name, problems):
            continue
        if measure.unit == "%" and numbers["Target"] is not None and 0 < numbers["Target"] < 1:
            problems.warning(label, sheet.name, row.ref("Target"),
                             f"the Target for {ref} is {numbers['Target']}, which looks like a "
                             "fraction", "Percentages are written as 80 for 80%; check the figure.",
                             code="TGT09")
        _warn_more_decimals_than_shown(measure, numbers, row, label, sheet.name, problems)
        target = Target(
            ref=ref, year=year,
            target=numbers["Target"], floor=numbers["Floor"],
            target_upper=numbers["Target upper"], floor_upper=numbers["Floor upper"],
            benchmark=numbers["Benchmark"],
            benchmark_source=numbers["Benchmark source"],
            phased=tuple(numbers[m] for m in FINANCIAL_MONTHS),
            phased_floor=tuple(numbers[m] for m in FLOOR_MONTHS),
        )
        for cell, found, fix in inconsistencies(measure, target, row.ref):
            problems.error(label, sheet.name, cell, found, fix, code="TGT10")
        targets[(ref, year)] = target
    return targets


def _band_edges_present_and_ordered(measure: Measure, numbers: dict, row: TableRow, label: str,
                                    sheet: str, problems: ProblemLog) -> bool:
    if measure.polarity != BAND:
        return True
    ok = True
    for lower, upper in (("Target", "Target upper"), ("Floor", "Floor upper")):
        if numbers[lower] is not None and numbers[upper] is None:
            problems.error(label, sheet, row.ref(lower),
                           f"{measure.ref} is a Band measure with a {lower} but no {upper}",
                           f"Enter the {upper} (the upper edge of the "
                           f"{'green' if lower == 'Target' else 'amber'} band).", code="TGT07")
            ok = False
        elif numbers[lower] is not None and numbers[upper] is not None and numbers[upper] < numbers[lower]:
            problems.error(label, sheet, row.ref(upper),
                           f"{measure.ref}: the {upper} ({numbers[upper]}) is below the "
                           f"{lower} ({numbers[lower]})", f"The {upper} must be at least the {lower}.",
                           code="TGT08")
            ok = False
    return ok


_MONTH_NUMBERS = dict(zip(FINANCIAL_MONTHS, (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3), strict=True))


def inconsistencies(measure: Measure, target: Target,
                    cell_of: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """(cell, what was found, fix) for each Targets cell whose floor lies on the wrong side of its
    target in some month (contract section 2, Consistency): High F <= T, Low F >= T, Band
    F <= T <= T upper <= F upper, with the floor and target each month is judged against.

    The cell named is the phased one where a phased value is involved (a phased floor, else the
    phased target a floor is pro-rated with or compared to), else the year-end Floor or edge.
    """
    found: dict[str, list[str]] = {}  # cell -> months, in order, with what is wrong
    words: dict[str, tuple[str, str]] = {}

    def wrong(cell: str, month: str, what: str, fix: str) -> None:
        found.setdefault(cell, []).append(month)
        words.setdefault(cell, (what, fix))

    for index, month in enumerate(FINANCIAL_MONTHS):
        month_number = _MONTH_NUMBERS[month]
        goal = target.for_month(month_number)
        floor = target.floor_for(month_number, measure.running_count)
        phased_floor = target.phased_floor[index] is not None
        phased_goal = target.phased[index] is not None
        floor_column = (f"Floor {month}" if phased_floor
                        else month if phased_goal and measure.running_count and target.floor is not None
                        else "Floor")
        goal_column = month if phased_goal else "Target"
        pair_column = floor_column if floor_column != "Floor" else goal_column if phased_goal else "Floor"
        if goal is None or floor is None:
            pass
        elif measure.polarity in (HIGH, BAND) and floor > goal:
            wrong(cell_of(pair_column), month,
                  f"{measure.ref} ({measure.polarity}): the floor {_shown(floor)} is above the target "
                  f"{_shown(goal)}", "The minimum standard must not be above the target; "
                  "correct the floor or the target.")
        elif measure.polarity == LOW and floor < goal:
            wrong(cell_of(pair_column), month,
                  f"{measure.ref} (Low): the floor {_shown(floor)} is below the target {_shown(goal)}",
                  "For a Low measure the minimum standard must not be below the target; "
                  "correct the floor or the target.")
        if measure.polarity != BAND:
            continue
        upper, floor_upper = target.target_upper, target.floor_upper
        if goal is not None and upper is not None and goal > upper:
            wrong(cell_of(goal_column), month,
                  f"{measure.ref} (Band): the target {_shown(goal)} is above the Target upper "
                  f"{_shown(upper)}", "The target is the lower edge of the green band; "
                  "it must not be above the Target upper.")
        if upper is not None and floor_upper is not None and upper > floor_upper:
            wrong(cell_of("Floor upper"), month,
                  f"{measure.ref} (Band): the Floor upper {_shown(floor_upper)} is below the Target "
                  f"upper {_shown(upper)}", "The amber band must contain the green band: the Floor "
                  "upper must be at least the Target upper.")
    result = []
    for cell, months in found.items():
        what, fix = words[cell]
        when = "every month" if len(months) == 12 else "in " + ", ".join(months)
        result.append((cell, f"{what} ({when})", fix))
    return result


def _shown(number: Decimal) -> str:
    return f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"


def _warn_more_decimals_than_shown(measure: Measure, numbers: dict, row: TableRow, label: str,
                                   sheet: str, problems: ProblemLog) -> None:
    """A threshold finer than the figure is shown would let the colour contradict the number."""
    for column in ("Target", "Floor", "Target upper", "Floor upper", *FINANCIAL_MONTHS, *FLOOR_MONTHS):
        number = numbers.get(column)
        if number is None or -number.normalize().as_tuple().exponent <= measure.decimals:
            continue
        problems.warning(label, sheet, row.ref(column),
                         f"the {column} for {measure.ref} is {number}, with more decimals than the "
                         f"measure shows ({measure.decimals}), so a member could read a figure equal to "
                         "it with a different colour", f"Round it to {measure.decimals} decimal(s), or "
                         "raise the measure's Decimals.", code="TGT11")


def _read_scorecards(sheet: Grid | None, label: str, measures: list[Measure],
                     problems: ProblemLog) -> list[Scorecard]:
    """Every scorecard named in Measures, with its title, layout and appendix letter."""
    names = list(dict.fromkeys(m.scorecard for m in measures))
    by_loose_name = {_loose(name): name for name in names}  # 'adults ' on this sheet is Adults
    given: dict[str, Scorecard] = {}
    if sheet is not None:
        for row in read_table(sheet, label, _names(SCORECARD_SPECS, True), _names(SCORECARD_SPECS, False), problems) or []:
            name = text_of(row.get("Scorecard"))
            if not name:
                continue
            name = by_loose_name.get(_loose(name), name)

            def bad(spec: Column, raw, found: str, fix: str, row=row, name=name) -> None:
                problems.error(label, sheet.name, row.ref(spec.name),
                               f"the {spec.name} for {name} is {describe(raw)}, {found}", fix,
                               code="SCD02")

            values = _read_row(row, SCORECARD_SPECS[1:], bad)
            if values is None:
                continue
            appendix = values["Appendix"]
            if appendix and any(s.appendix == appendix for s in given.values()):
                problems.error(label, sheet.name, row.ref("Appendix"),
                               f"Appendix {appendix} is given to two scorecards",
                               "Give each scorecard its own letter.", code="SCD03")
                continue
            if name not in names:
                problems.warning(label, sheet.name, row.ref("Scorecard"),
                                 f"the scorecard '{name}' has no measures on the Measures sheet",
                                 "It is left out; add measures for it or remove the row.", code="SCD04")
                continue
            given[name] = Scorecard(name, values["Title"] or name, values["Layout"], appendix,
                                    (sheet.name, row.ref("Appendix")) if appendix else ("", ""))
    taken = {s.appendix for s in given.values() if s.appendix} | {BUSINESS_PLAN_APPENDIX}
    letters = (chr(c) for c in range(ord("A"), ord("Z") + 1))
    result = []
    for name in names:
        card = given.get(name) or Scorecard(name, name, "Scorecard", "")
        if not card.appendix:
            letter = next((x for x in letters if x not in taken), None)
            if letter is None:
                problems.error(label, "Measures", "",
                               f"the scorecard '{name}' gets no appendix letter: there are "
                               f"{len(names)} scorecards and the letters run out at Z (A is the "
                               "business plan's)",
                               "Put measures into fewer scorecards (the Scorecard column), "
                               "at most 25.", code="SCD05")
                continue
            taken.add(letter)
            card = Scorecard(card.name, card.title, card.layout, letter)
        result.append(card)
    return result


def _read_report(sheet: Grid, label: str, problems: ProblemLog) -> ReportSettings:
    """The Report sheet's settings; a setting left out, or given wrongly, keeps its default."""
    by_name = {_loose(spec.name): spec for spec in REPORT_SETTINGS}
    given: dict[str, list] = {}
    first_at: dict[str, str] = {}
    for row in read_table(sheet, label, _names(REPORT_COLUMNS, True), _names(REPORT_COLUMNS, False), problems) or []:
        setting, raw = text_of(row.get("Setting")), row.get("Value")
        spec = by_name.get(_loose(setting))
        if spec is None:
            problems.warning(label, sheet.name, row.ref("Setting"),
                             f"the setting {describe(row.get('Setting'))} is not one fscxl knows",
                             "Use one of: " + ", ".join(s.name for s in REPORT_SETTINGS)
                             + "; the row is left out.", code="REP02")
            continue
        if is_blank(raw):
            continue
        if spec.name in first_at and not spec.many:
            problems.error(label, sheet.name, row.ref("Setting"),
                           f"the setting {spec.name} is given twice (also at {first_at[spec.name]})",
                           f"Keep one row for {spec.name}.", code="REP04")
            continue
        first_at.setdefault(spec.name, row.ref("Setting"))
        try:
            value = spec.read(raw)
        except Invalid as invalid:
            problems.error(label, sheet.name, row.ref("Value"),
                           f"the {spec.name} is {describe(raw)}, {invalid.found}",
                           invalid.fix or spec.fix_text, code="REP03")
            continue
        given.setdefault(spec.name, []).append(value)
    settings = {}
    for spec in REPORT_SETTINGS:
        if spec.name in given:
            values = given[spec.name]
            settings[_REPORT_FIELDS[spec.name]] = tuple(values) if spec.many else values[0]
    return ReportSettings(**settings)
