"""A figure sits beside a target only where it can be read against it, and targets and floors
read as the figures do: what a member reconciles on a dashboard card and in the grid."""

from __future__ import annotations

import re
import warnings
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from render_inputs import output, run_example

from fscxl.model.records import Measure
from fscxl.render import cells, theme


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    summary, rows = run_example(tmp_path_factory.mktemp("cards"))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        book = openpyxl.load_workbook(output(summary, "Appendix B"))
    return book, rows


def card_facts(sheet, ref: str) -> dict[str, object]:
    """A card's facts table as heading -> value."""
    title = next(row for row in range(1, sheet.max_row + 1)
                 if str(sheet.cell(row, 1).value or "").startswith(f"{ref}  "))
    return {sheet.cell(title + 1, col).value: sheet.cell(title + 2, col).value for col in range(2, 12)}


# (ref, kind, month alone shown, year to date shown, rolling 12 months shown)
CARD_WINDOWS = [
    ("AS03", "running count, YTD", False, True, False),
    ("AS17", "percentage of cases, YTD", True, True, True),
    ("AS01", "percentage at the month end, Snapshot", False, False, False),
]


@pytest.mark.parametrize(("ref", "kind", "month", "ytd", "rolling"), CARD_WINDOWS)
def test_a_card_shows_only_the_windows_a_target_can_be_read_against(dashboard, ref, kind, month, ytd,
                                                                    rolling):
    book, rows = dashboard
    facts = card_facts(book["Dashboard"], ref)
    shown = {heading: value for heading, value in facts.items()
             if heading in ("May-12 alone", "Year to date", "Rolling 12 months")}
    expected = {"May-12 alone": month, "Year to date": ytd, "Rolling 12 months": rolling}
    for heading, wanted in expected.items():
        if wanted:
            assert isinstance(shown[heading], (int, float)), (ref, kind, heading, shown[heading])
        else:
            assert shown[heading] == theme.NOT_APPLICABLE, (ref, kind, heading, shown[heading])
    assert facts["Headline May-12"] == pytest.approx(float(rows[ref]["value"]))


# (unit, the measure's decimals, target or floor, what the cell shows)
TARGET_FORMATS = [
    ("%", 0, "95", '0"%"'),  # whole, as the catalogue sets it
    ("%", 0, "80.4", '0.0"%"'),  # finer than the figure: its own decimal shows why 80% is amber
    ("Number", 0, "833.333333333", "#,##0.0"),  # a pro-rated floor, 5,000 x 1,000 / 6,000
    ("Rate per 100,000", 1, "2.34567", "#,##0.00"),
    ("Number", 0, "1350", "#,##0"),
]


@pytest.mark.parametrize(("unit", "decimals", "value", "shown"), TARGET_FORMATS)
def test_a_target_or_floor_shows_at_most_one_decimal_more_than_its_figure(unit, decimals, value, shown):
    measure = Measure("AS14", "Adults", "Carers", "Carers' assessments", unit, "High", "YTD", "N",
                      decimals=decimals)
    assert cells.target_format(Decimal(value), measure) == shown


def key_meanings(sheet) -> dict[str, str]:
    return {sheet.cell(row, 2).value: sheet.cell(row, 3).value for row in range(1, sheet.max_row + 1)
            if sheet.cell(row, 1).value in ("Column", "Symbol")}


def test_the_key_describes_the_trend_as_the_columns_it_draws(dashboard):
    """The trend sparklines are columns (LibreOffice draws no line sparklines): the Key must not
    send a member looking for a line."""
    book, _ = dashboard
    trend = key_meanings(book["Key"])["Trend"]
    assert "columns" in trend and "as a line" not in trend


@pytest.fixture(scope="module")
def scorecard(tmp_path_factory):
    summary, _ = run_example(tmp_path_factory.mktemp("grid"))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        return openpyxl.load_workbook(output(summary, "Appendix C"))


def rows_by_ref(sheet) -> dict[str, int]:
    return {sheet.cell(row, 2).value: row for row in range(1, sheet.max_row + 1)
            if str(sheet.cell(row, 2).value or "").startswith("CH")}


def test_monthly_figures_rows_are_as_tall_as_the_grid_rows_with_the_same_area_and_title(scorecard):
    """Both sheets wrap the area and the title in columns of the same widths: a row sized for
    the title alone cuts 'How much are we dealing with?' beside 'Number of referrals'."""
    grid, monthly = scorecard["Scorecard"], scorecard["Monthly figures"]
    grid_rows, monthly_rows = rows_by_ref(grid), rows_by_ref(monthly)
    assert set(grid_rows) == set(monthly_rows) and "CH02" in grid_rows
    for ref, row in monthly_rows.items():
        assert monthly.cell(row, 1).value == grid.cell(grid_rows[ref], 1).value
        assert monthly.row_dimensions[row].height >= grid.row_dimensions[grid_rows[ref]].height, ref


def test_the_summary_bar_chart_labels_no_empty_segment_with_a_zero(tmp_path):
    """An area with no Red draws no red segment; a '0' label there sits on the axis or on the
    next segment's label. The labels' number format leaves zero blank."""
    summary, _ = run_example(tmp_path)
    with zipfile.ZipFile(output(summary, "Appendix C")) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/charts/chart")]
    bars = [xml for xml in charts if '<c:barDir val="bar"/>' in xml]
    assert len(bars) == 1
    formats = re.findall(r'<c:dLbls><c:numFmt formatCode="([^"]*)"', bars[0])
    assert len(formats) == 3  # Green, Amber, Red
    for code in formats:
        sections = code.split(";")
        assert len(sections) >= 3 and sections[2] == "", code


def test_a_table_without_a_range_measure_has_no_range_column_and_the_key_no_range_row(dashboard,
                                                                                      scorecard):
    """A column of [z] on every row tells a member nothing; the grid with range measures keeps it."""
    book, _ = dashboard
    adults = book["Measures"]
    heading_row = next(row for row in range(1, 20) if adults.cell(row, 1).value == "Area")
    headings = [adults.cell(heading_row, col).value for col in range(1, adults.max_column + 1)]
    assert "Ref" in headings and "Range" not in headings
    assert "Range" not in key_meanings(book["Key"])
    children = scorecard["Scorecard"]
    heading_row = next(row for row in range(1, 20) if children.cell(row, 1).value == "Area")
    assert "Range" in [children.cell(heading_row, col).value for col in range(1, children.max_column + 1)]
    assert "Range" in key_meanings(scorecard["Key"])


def test_the_key_says_what_count_and_out_of_are_for_an_average(scorecard):
    """CH17's '64,785' beside '105' is days over adoptions, not 64,785 out of 105."""
    meaning = key_meanings(scorecard["Key"])["Count, Out of"]
    assert "average" in meaning and "total" in meaning


def card_finding(sheet, ref: str) -> str:
    title = next(row for row in range(1, sheet.max_row + 1)
                 if str(sheet.cell(row, 1).value or "").startswith(f"{ref}  "))
    return sheet.cell(title + 2, 1).value


def test_a_finding_names_the_figure_it_compares_with_unless_it_is_the_month_before(dashboard):
    """A running count is compared with the same month last year, not with April beside it on
    the chart: 'rose to 1,534' alone would be read against April."""
    book, rows = dashboard
    assert rows["AS03"]["month"] == "2012-05" and rows["AS03"]["comparison_value"]
    before = f"{int(rows['AS03']['comparison_value']):,}"
    assert f" from {before} in May 2011, " in card_finding(book["Dashboard"], "AS03")
    assert " from " not in card_finding(book["Dashboard"], "AS17")  # the month before: no need

