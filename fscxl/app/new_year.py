"""Next year's blank workbooks: every return the catalogue needs, plus the catalogue itself.

Officers keep their familiar returns (same file names, codes and descriptions), so the
templates are built from the current returns: each field the catalogue needs is put in
the return (and sheet) that supplies it now. Codes and descriptions are locked; value
cells take only numbers of zero or more, so most mistakes are stopped as they are typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from fscxl.app.outputs import write_all
from fscxl.app.workers import read_workbooks
from fscxl.model.errors import InputError, UsageError
from fscxl.model.periods import Month, financial_year_label, parse_financial_year, parse_month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import TARGET_OPTIONAL, Catalogue, Measure
from fscxl.read.catalogue import catalogue_from_sheets
from fscxl.read.inputs import BUSINESS_PLAN, CATALOGUE, COMMENTARY, find_inputs, label_of
from fscxl.read.returns import data_sheet_header
from fscxl.read.tables import normalise_header, text_of, to_decimal
from fscxl.read.xlsx import Grid
from fscxl.render import blank_workbooks

NEW_FIELDS = "returns/new_fields.xlsx"
CARRIED_OVER = TARGET_OPTIONAL  # every target column is carried over from the latest year


@dataclass
class FieldSource:
    """Where a field is reported now: the return, its sheet, and how it is laid out."""

    code: str
    description: str
    workbook: str  # relative to the inputs folder, e.g. "returns/children/referrals.xlsx"
    sheet: str
    sheet_latest: Month | None
    order: tuple[int, int]  # (sheet index, row) in the workbook, to keep the officers' order
    title: str = ""
    districts: list[str] = field(default_factory=list)
    decimal: bool = False


@dataclass
class TemplateSummary:
    year: int
    folder: Path
    written: list[Path]
    new_fields: list[str]


def _year_sheet_name(name: str, year: int) -> str:
    """A sheet named for its year ('2012-13') is renamed for the new one; others keep their name."""
    if parse_financial_year(name.replace("-", "/")) is not None:
        return f"{year}-{(year + 1) % 100:02d}"
    return name


def _is_decimal(value) -> bool:
    number = to_decimal(value)
    return number is not None and number != number.to_integral_value()


def _sheet_rows(sheet: Grid, header: tuple[int, int]):
    """(row index, code, description, district, values) for each coded row of a data sheet."""
    header_row, code_col = header
    headings = [normalise_header(v) for v in sheet.rows[header_row]]
    description_col = headings.index("description") if "description" in headings else None
    district_col = headings.index("district") if "district" in headings else None
    month_cols = [c for c, v in enumerate(sheet.rows[header_row]) if c != code_col and parse_month(v)]
    for r in range(header_row + 1, len(sheet.rows)):
        code = text_of(sheet.value(r, code_col)).upper()
        if not code:
            continue
        description = text_of(sheet.value(r, description_col)) if description_col is not None else ""
        district = text_of(sheet.value(r, district_col)) if district_col is not None else None
        yield r, code, description, district, [sheet.value(r, c) for c in month_cols]


def _read_returns(paths: list[Path], inputs: Path):
    """(path, sheets) for each return that can be read; an unreadable one is reported by
    validate and run, not here."""
    reads = read_workbooks([(path, label_of(path, inputs), "this file", False) for path in paths])
    return [(path, read.sheets) for path, read in zip(paths, reads, strict=True) if read.sheets is not None]


def survey_returns(inputs: Path, returns: list[Path]) -> dict[str, FieldSource]:
    """Every field code in the current returns -> where it is reported in the latest sheet."""
    found: dict[str, FieldSource] = {}
    decimals: set[str] = set()
    for path, sheets in _read_returns(returns, inputs):
        label = path.relative_to(inputs).as_posix()
        for index, sheet in enumerate(sheets):
            header = data_sheet_header(sheet) if sheet.visible else None
            if header is None:
                continue
            months = [m for m in map(parse_month, sheet.rows[header[0]]) if m]
            latest = max(months) if months else None
            title = text_of(sheet.value(0, 0)) if header[0] > 0 else ""
            for r, code, description, district, values in _sheet_rows(sheet, header):
                if any(_is_decimal(v) for v in values):
                    decimals.add(code)
                current = found.get(code)
                newer = (current is not None and current.workbook == label
                         and (latest or Month(1, 1)) > (current.sheet_latest or Month(1, 1)))
                if current is None or newer:
                    found[code] = current = FieldSource(code, description, label, sheet.name, latest,
                                                        (index, r), title)
                if current.workbook == label and current.sheet == sheet.name and district is not None \
                        and district not in current.districts:
                    current.districts.append(district)
    for code in decimals:
        found[code].decimal = True
    return found


def _needed_fields(catalogue: Catalogue) -> dict[str, list[Measure]]:
    needed: dict[str, list[Measure]] = {}
    for measure in catalogue.measures:
        for code in measure.fields:
            needed.setdefault(code.upper(), []).append(measure)
    return needed


def plan_returns(catalogue: Catalogue, sources: dict[str, FieldSource]) -> tuple[
        dict[str, dict[str, list[FieldSource]]], list[str]]:
    """workbook -> sheet -> fields, in the officers' order; and the fields no return supplies."""
    plan: dict[str, dict[str, list[FieldSource]]] = {}
    missing: list[str] = []
    for code, measures in _needed_fields(catalogue).items():
        source = sources.get(code)
        if source is None:
            refs = ", ".join(dict.fromkeys(m.ref for m in measures))
            missing.append(code)
            source = FieldSource(code, f"New field: needed by {refs} ({measures[0].title})", NEW_FIELDS,
                                 "Return", None, (0, len(missing)), "New fields for the scorecard")
            sources[code] = source
        plan.setdefault(source.workbook, {}).setdefault(source.sheet, []).append(source)
    for sheets in plan.values():
        for fields in sheets.values():
            fields.sort(key=lambda f: f.order)
    return plan, missing


def default_year(catalogue: Catalogue) -> int:
    """The year after the latest year the Targets sheet covers."""
    if not catalogue.targets:
        raise UsageError("the catalogue has no targets, so the next year cannot be worked out. "
                         "Say which year with --year, e.g. --year 2013/14.")
    return max(year for _ref, year in catalogue.targets) + 1


def make_templates(inputs: Path, out: Path, year: int | None = None, force: bool = False) -> TemplateSummary:
    """Write every template for `year` (default: the year after the latest targets) into `out`.

    Workbooks already in `out` are never replaced unless `force` is given: pointed at the
    inputs folder by mistake, templates would otherwise blank a year of officers' returns.
    """
    found = find_inputs(inputs)
    catalogue_path = found.catalogue
    if catalogue_path is None:
        raise UsageError(f"there is no {CATALOGUE} in {inputs}: the templates are built from the catalogue. "
                         "Use --inputs to say where it is.")
    problems = ProblemLog()
    label = catalogue_path.name
    [read] = read_workbooks([(catalogue_path, label, "the catalogue", True)])
    problems.extend(read.problems)
    catalogue_sheets = read.sheets
    catalogue = None if catalogue_sheets is None else catalogue_from_sheets(catalogue_sheets, label, problems)
    if catalogue is None or problems.has_errors:
        raise InputError(f"{label} has errors, so no templates were written", problems.sorted())
    year = year if year is not None else default_year(catalogue)
    sources = survey_returns(inputs, found.returns)
    plan, missing = plan_returns(catalogue, sources)
    targets = _carried_targets(catalogue, year)

    by_folder: dict[Path, dict[str, object]] = {}

    def add(relative: str, writer) -> None:
        destination = out / relative
        by_folder.setdefault(destination.parent, {})[destination.name] = writer

    for workbook, sheets in plan.items():
        add(workbook, lambda p, sheets=sheets: blank_workbooks.write_return_template(
            p, {_year_sheet_name(name, year): fields for name, fields in sheets.items()}, year))
    add(CATALOGUE, lambda p: blank_workbooks.write_catalogue_template(p, catalogue_sheets, targets, year))
    add(COMMENTARY, lambda p: blank_workbooks.write_commentary_template(p, catalogue, year))
    add(BUSINESS_PLAN, lambda p: blank_workbooks.write_business_plan_template(p, year))
    existing = sorted(folder / name for folder, writers in by_folder.items() for name in writers
                      if (folder / name).exists())
    if existing and not force:
        listed = "\n".join(f"  {path}" for path in existing)
        raise UsageError(f"{len(existing)} workbook(s) are already in {out} and were left as they were:\n"
                         f"{listed}\nChoose an empty folder with --out (for a new year, see the README), "
                         "or add --force to replace them with blank templates")
    written: list[Path] = []
    for folder, writers in by_folder.items():
        written.extend(write_all(folder, writers, option="--out").files)
    return TemplateSummary(year, out, sorted(written), missing)


def _carried_targets(catalogue: Catalogue, year: int) -> list[list]:
    """One Targets row per Ref for the new year, its values carried over from the latest earlier year."""
    rows = []
    for measure in catalogue.measures:
        earlier = [y for ref, y in catalogue.targets if ref == measure.ref and y < year]
        latest = catalogue.target_for(measure.ref, max(earlier)) if earlier else None
        values: list[object] = [None] * len(CARRIED_OVER)
        if latest is not None:
            values = [latest.target, latest.floor, latest.target_upper, latest.floor_upper,
                      latest.benchmark, latest.benchmark_source or None, *latest.phased,
                      *latest.phased_floor]
        rows.append([measure.ref, financial_year_label(year),
                     *[float(v) if isinstance(v, Decimal) else v for v in values]])
    return rows
