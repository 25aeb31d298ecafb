"""The catalogue workbook (measures.xlsx) -> frozen Measure / Target records, checked on load."""

from __future__ import annotations

import re
from decimal import Decimal

from fscxl.model.periods import BASES, FINANCIAL_MONTHS, financial_year_label, parse_financial_year
from fscxl.model.problems import ProblemLog
from fscxl.model.records import (
    BAND,
    BUSINESS_PLAN_APPENDIX,
    COMPARE_LAST_YEAR,
    COMPARE_PREVIOUS,
    DEFAULT_MULTIPLIER,
    HIGH,
    LAYOUTS,
    LOW,
    POLARITIES,
    TARGET_COLUMNS,
    TARGET_OPTIONAL,
    TARGET_VALUES,
    UNITS,
    Catalogue,
    Measure,
    Scorecard,
    Target,
)
from fscxl.read.tables import read_table, text_of, to_decimal
from fscxl.read.xlsx import Sheet

MEASURE_COLUMNS = ["Ref", "Scorecard", "Area", "Title", "Unit", "Polarity", "Basis", "Numerator"]
MEASURE_OPTIONAL = ["Definition", "Denominator", "Multiplier", "Decimals", "Compare with",
                    "Corporate", "Source return"]
SCORECARD_COLUMNS = ["Scorecard"]
SCORECARD_OPTIONAL = ["Title", "Layout", "Appendix"]


def _loose(text: str) -> str:
    """'Rate per 10,000', 'rate per 10000' and ' RATE  per 10,000 ' all read the same."""
    return re.sub(r"\s+", " ", text.replace(",", "")).strip().lower()


def _choice(value, allowed: tuple[str, ...]) -> str | None:
    text = _loose(text_of(value))
    for option in allowed:
        if _loose(option) == text:
            return option
    return None


def _find_sheet(sheets: list[Sheet], name: str) -> Sheet | None:
    return next((s for s in sheets if s.name.strip().lower() == name.lower()), None)


def catalogue_from_sheets(sheets: list[Sheet], label: str, problems: ProblemLog) -> Catalogue | None:
    """Check the catalogue's sheets as read; every problem is logged, None if it cannot be used."""
    measures_sheet = _find_sheet(sheets, "Measures")
    if measures_sheet is None:
        problems.error(label, "", "", "there is no sheet called 'Measures'",
                       "Add the Measures sheet: one row per measure (see docs/CONTRACT.md, section 2).")
        return None
    measures = _read_measures(measures_sheet, label, problems)
    known = {m.ref: m for m in measures}
    targets_sheet = _find_sheet(sheets, "Targets")
    targets = {}
    if targets_sheet is None:
        problems.error(label, "", "", "there is no sheet called 'Targets'",
                       "Add the Targets sheet: one row per measure per financial year.")
    else:
        targets = _read_targets(targets_sheet, label, known, problems)
    scorecard_sheet = _find_sheet(sheets, "Scorecards")
    scorecards = _read_scorecards(scorecard_sheet, label, measures, problems)
    return Catalogue(measures, targets, scorecards, label)


def _read_measures(sheet: Sheet, label: str, problems: ProblemLog) -> list[Measure]:
    rows = read_table(sheet, label, MEASURE_COLUMNS, MEASURE_OPTIONAL, problems)
    measures: list[Measure] = []
    first_seen: dict[str, str] = {}
    for row in rows or []:
        def bad(column: str, found: str, fix: str, row=row) -> None:
            problems.error(label, sheet.name, row.ref(column), found, fix)

        ref = text_of(row.get("Ref"))
        if not ref:
            bad("Ref", "this measure has no Ref", "Give every measure a unique code, e.g. CH29.")
            continue
        if ref in first_seen:
            bad("Ref", f"the Ref '{ref}' is used twice (also at {first_seen[ref]})",
                "Give each measure its own Ref.")
            continue
        first_seen[ref] = row.ref("Ref")
        ok = True
        for column in ("Scorecard", "Area", "Title", "Numerator"):
            if not text_of(row.get(column)):
                bad(column, f"measure {ref} has no {column}", f"Fill in the {column} for {ref}.")
                ok = False
        unit = _choice(row.get("Unit"), UNITS)
        if unit is None:
            bad("Unit", f"measure {ref}: unknown Unit '{text_of(row.get('Unit'))}'",
                "Use one of: " + ", ".join(UNITS) + ".")
            ok = False
        polarity = _choice(row.get("Polarity"), POLARITIES)
        if polarity is None:
            bad("Polarity", f"measure {ref}: unknown Polarity '{text_of(row.get('Polarity'))}'",
                "Use High (higher is better), Low, Band (should sit inside a range) or None (context only).")
            ok = False
        basis = _choice(row.get("Basis"), BASES)
        if basis is None:
            bad("Basis", f"measure {ref}: unknown Basis '{text_of(row.get('Basis'))}'",
                "Use one of: " + ", ".join(BASES) + ".")
            ok = False
        denominator_field, denominator_value = None, None
        raw_denominator = row.get("Denominator")
        if raw_denominator is not None:
            number = to_decimal(raw_denominator)
            if number is not None:
                if number <= 0:
                    bad("Denominator", f"measure {ref}: the fixed Denominator is {number}",
                        "A fixed denominator (a population) must be above zero.")
                    ok = False
                denominator_value = number
            elif isinstance(raw_denominator, str):
                denominator_field = raw_denominator.strip().upper()
            else:
                bad("Denominator", f"measure {ref}: the Denominator is not a field code or a number",
                    "Enter a field code from the returns, or a number such as a population.")
                ok = False
        multiplier_given = row.get("Multiplier") is not None
        multiplier = DEFAULT_MULTIPLIER.get(unit, Decimal(1))
        if multiplier_given:
            multiplier = to_decimal(row.get("Multiplier"))
            if multiplier is None or multiplier <= 0:
                bad("Multiplier", f"measure {ref}: the Multiplier is not a positive number",
                    "Enter a number such as 100, or leave it blank for the default.")
                ok = False
        decimals = 1 if unit in ("%", "Rate per 10,000", "Rate per 100,000") else 0
        if row.get("Decimals") is not None:
            number = to_decimal(row.get("Decimals"))
            if number is None or number != int(number) or not 0 <= number <= 6:
                bad("Decimals", f"measure {ref}: Decimals is '{text_of(row.get('Decimals'))}', "
                    "not a whole number from 0 to 6",
                    "Enter 0, 1, 2... or leave it blank for the default.")
                ok = False
            else:
                decimals = int(number)
        compare_with = COMPARE_PREVIOUS
        if row.get("Compare with") is not None:
            compare_with = _choice(row.get("Compare with"), (COMPARE_PREVIOUS, COMPARE_LAST_YEAR))
            if compare_with is None:
                bad("Compare with", f"measure {ref}: unknown Compare with "
                    f"'{text_of(row.get('Compare with'))}'",
                    f"Use '{COMPARE_PREVIOUS}' or '{COMPARE_LAST_YEAR}', or leave it blank.")
                ok = False
        corporate_text = text_of(row.get("Corporate")).lower()
        if corporate_text not in ("", "y", "yes", "n", "no"):
            bad("Corporate", f"measure {ref}: Corporate is '{text_of(row.get('Corporate'))}'",
                "Enter Y to include the measure in the corporate report, or leave it blank.")
            ok = False
        if not ok:
            continue
        measures.append(Measure(
            ref=ref,
            scorecard=text_of(row.get("Scorecard")),
            area=text_of(row.get("Area")),
            title=text_of(row.get("Title")),
            unit=unit,
            polarity=polarity,
            basis=basis,
            numerator=text_of(row.get("Numerator")).upper(),  # codes match in any case
            definition=text_of(row.get("Definition")),
            denominator_field=denominator_field,
            denominator_value=denominator_value,
            multiplier=multiplier,
            multiplier_given=multiplier_given,
            decimals=decimals,
            compare_with=compare_with,
            corporate=corporate_text in ("y", "yes"),
            source_return=text_of(row.get("Source return")),
            field_cells=tuple((code, row.ref(column)) for code, column in
                              ((text_of(row.get("Numerator")).upper(), "Numerator"),
                               (denominator_field, "Denominator")) if code),
        ))
    if rows is not None and not rows:
        problems.error(label, sheet.name, "", "the Measures sheet lists no measures",
                       "Add one row per measure under the header row.")
    return measures


def _read_targets(sheet: Sheet, label: str, known: dict[str, Measure],
                  problems: ProblemLog) -> dict[tuple[str, int], Target]:
    if all(value is None or text_of(value) == "" for row in sheet.rows for value in row):
        return {}  # no targets set yet: each measure is reported without a RAG alert, with a warning
    rows = read_table(sheet, label, TARGET_COLUMNS, TARGET_OPTIONAL, problems)
    targets: dict[tuple[str, int], Target] = {}
    seen: dict[tuple[str, int], str] = {}
    for row in rows or []:
        ref = text_of(row.get("Ref"))
        if ref not in known:
            problems.error(label, sheet.name, row.ref("Ref"),
                           f"the Ref '{ref}' is not a measure on the Measures sheet" if ref
                           else "this target row has no Ref",
                           "Correct the Ref, or add the measure to the Measures sheet.")
            continue
        year = parse_financial_year(row.get("Year"))
        if year is None:
            problems.error(label, sheet.name, row.ref("Year"),
                           f"the Year for {ref} is '{text_of(row.get('Year'))}', not a financial year",
                           "Write the financial year as 2012/13 (April 2012 to March 2013).")
            continue
        if (ref, year) in seen:
            problems.error(label, sheet.name, row.ref("Ref"),
                           f"{ref} has two target rows for {financial_year_label(year)} "
                           f"(also at {seen[(ref, year)]})", "Keep one row per measure per year.")
            continue
        seen[(ref, year)] = row.ref("Ref")
        numbers: dict[str, Decimal | None] = {}
        ok = True
        for column in TARGET_VALUES + list(FINANCIAL_MONTHS):
            raw = row.get(column)
            if raw is None:
                numbers[column] = None
                continue
            number = to_decimal(raw)
            if number is None:
                problems.error(label, sheet.name, row.ref(column),
                               f"the {column} for {ref} ({financial_year_label(year)}) is "
                               f"'{text_of(raw)}', not a number",
                               "Enter a number, or leave the cell blank.")
                ok = False
            numbers[column] = number
        if not ok:
            continue
        measure = known[ref]
        if measure.polarity == BAND:
            for lower, upper in (("Target", "Target upper"), ("Floor", "Floor upper")):
                if numbers[lower] is not None and numbers[upper] is None:
                    problems.error(label, sheet.name, row.ref(lower),
                                   f"{ref} is a Band measure with a {lower} but no {upper}",
                                   f"Enter the {upper} (the upper edge of the "
                                   f"{'green' if lower == 'Target' else 'amber'} band).")
                    ok = False
                elif (numbers[lower] is not None and numbers[upper] is not None
                      and numbers[upper] < numbers[lower]):
                    problems.error(label, sheet.name, row.ref(upper),
                                   f"{ref}: the {upper} ({numbers[upper]}) is below the "
                                   f"{lower} ({numbers[lower]})",
                                   f"The {upper} must be at least the {lower}.")
                    ok = False
        if measure.unit == "%" and numbers["Target"] is not None and 0 < numbers["Target"] < 1:
            problems.warning(label, sheet.name, row.ref("Target"),
                             f"the Target for {ref} is {numbers['Target']}, which looks like a "
                             "fraction", "Percentages are written as 80 for 80%; check the figure.")
        if not ok:
            continue
        _warn_floor_on_wrong_side(measure, numbers, row, label, sheet.name, problems)
        _warn_more_decimals_than_shown(measure, numbers, row, label, sheet.name, problems)
        targets[(ref, year)] = Target(
            ref=ref, year=year,
            target=numbers["Target"], floor=numbers["Floor"],
            target_upper=numbers["Target upper"], floor_upper=numbers["Floor upper"],
            benchmark=numbers["Benchmark"],
            benchmark_source=text_of(row.get("Benchmark source")),
            phased=tuple(numbers[m] for m in FINANCIAL_MONTHS),
        )
    return targets


def _warn_floor_on_wrong_side(measure: Measure, numbers: dict, row, label: str, sheet: str,
                              problems: ProblemLog) -> None:
    """A floor better than its target is almost always a typing slip; say so, but go on."""
    target, floor = numbers["Target"], numbers["Floor"]
    if target is None or floor is None:
        return
    wrong = ((measure.polarity == HIGH and floor > target)
             or (measure.polarity == LOW and floor < target)
             or (measure.polarity == BAND and floor > target))
    if wrong:
        side = "below" if measure.polarity != LOW else "above"
        problems.warning(label, sheet, row.ref("Floor"),
                         f"{measure.ref} ({measure.polarity}): the Floor {floor} is not {side} the "
                         f"Target {target}", f"The minimum standard is normally {side} the target; "
                         "check both figures.")


def _warn_more_decimals_than_shown(measure: Measure, numbers: dict, row, label: str, sheet: str,
                                   problems: ProblemLog) -> None:
    """A threshold finer than the figure is shown would let the colour contradict the number."""
    for column in ("Target", "Floor", "Target upper", "Floor upper", *FINANCIAL_MONTHS):
        number = numbers.get(column)
        if number is None or -number.normalize().as_tuple().exponent <= measure.decimals:
            continue
        problems.warning(label, sheet, row.ref(column),
                         f"the {column} for {measure.ref} is {number}, with more decimals than the "
                         f"measure shows ({measure.decimals}), so a member could read a figure equal to "
                         "it with a different colour", f"Round it to {measure.decimals} decimal(s), or "
                         "raise the measure's Decimals.")


def _read_scorecards(sheet: Sheet | None, label: str, measures: list[Measure],
                     problems: ProblemLog) -> list[Scorecard]:
    """Every scorecard named in Measures, with its title, layout and appendix letter."""
    names = list(dict.fromkeys(m.scorecard for m in measures))
    by_loose_name = {_loose(name): name for name in names}  # 'adults ' on this sheet is Adults
    given: dict[str, Scorecard] = {}
    if sheet is not None:
        for row in read_table(sheet, label, SCORECARD_COLUMNS, SCORECARD_OPTIONAL, problems) or []:
            name = text_of(row.get("Scorecard"))
            if not name:
                continue
            name = by_loose_name.get(_loose(name), name)
            layout = "Scorecard"
            if row.get("Layout") is not None:
                layout = _choice(row.get("Layout"), LAYOUTS)
                if layout is None:
                    problems.error(label, sheet.name, row.ref("Layout"),
                                   f"unknown Layout '{text_of(row.get('Layout'))}' for {name}",
                                   "Use Scorecard (a grid) or Dashboard (cards with charts).")
                    continue
            appendix = text_of(row.get("Appendix")).upper()
            if appendix and not re.fullmatch(r"[A-Z]", appendix):
                problems.error(label, sheet.name, row.ref("Appendix"),
                               f"the Appendix for {name} is '{appendix}'",
                               "Use a single letter, e.g. B.")
                continue
            if appendix and any(s.appendix == appendix for s in given.values()):
                problems.error(label, sheet.name, row.ref("Appendix"),
                               f"Appendix {appendix} is given to two scorecards",
                               "Give each scorecard its own letter.")
                continue
            if name not in names:
                problems.warning(label, sheet.name, row.ref("Scorecard"),
                                 f"the scorecard '{name}' has no measures on the Measures sheet",
                                 "It is left out; add measures for it or remove the row.")
                continue
            given[name] = Scorecard(name, text_of(row.get("Title")) or name, layout, appendix,
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
                               "at most 25.")
                continue
            taken.add(letter)
            card = Scorecard(card.name, card.title, card.layout, letter)
        result.append(card)
    return result
