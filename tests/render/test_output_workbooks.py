"""The output workbooks reopened with openpyxl: values, formats, colours, print setup, safety."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from render_inputs import FORMULA_COMMENTARY, URL_COMMENTARY, open_output, output, run_example

from fscxl.model.records import COMMENTARY_TO_FOLLOW
from fscxl.render import theme

SCORECARD_SHEETS = ["Cover", "Summary", "Scorecard", "Corporate", "Commentary", "Key", "Notes",
                    "Monthly figures"]
DASHBOARD_SHEETS = ["Cover", "Summary", "Dashboard", "Measures", "Corporate", "Commentary", "Key", "Notes",
                    "Monthly figures", "Chart data"]



@pytest.fixture(scope="module")
def example(tmp_path_factory):
    summary, rows = run_example(tmp_path_factory.mktemp("render"))
    books = {letter: open_output(output(summary, f"Appendix {letter}")) for letter in "ABC"}
    return summary, rows, books


def header_row(sheet, first_heading: str = "Ref") -> int:
    return next(row for row in range(1, 30)
                if first_heading in (sheet.cell(row, 1).value, sheet.cell(row, 2).value))


def columns(sheet, row: int) -> dict[str, int]:
    return {sheet.cell(row, col).value: col for col in range(1, sheet.max_column + 1)
            if sheet.cell(row, col).value}


def measure_rows(sheet) -> dict[str, int]:
    """Ref -> row number of each measure row in a grid sheet."""
    top = header_row(sheet)
    ref = columns(sheet, top)["Ref"]
    return {sheet.cell(row, ref).value: row for row in range(top + 1, sheet.max_row + 1)
            if sheet.cell(row, ref + 1).value and sheet.cell(row, ref).value}


def rule_fill(sheet, cell) -> str | None:
    """Evaluate the sheet's cell-value conditional formats against the cell: the fill they give."""
    for formatting in sheet.conditional_formatting:
        if cell.coordinate not in formatting.sqref:
            continue
        for rule in formatting.rules:
            expected = '"' + str(cell.value).replace('"', '""') + '"'
            if rule.type == "cellIs" and rule.operator == "equal" and rule.formula == [expected]:
                return rule.dxf.fill.bgColor.rgb
    return None


def rule_font(sheet, cell) -> str | None:
    for formatting in sheet.conditional_formatting:
        if cell.coordinate in formatting.sqref:
            for rule in formatting.rules:
                if rule.formula == ['"' + str(cell.value) + '"']:
                    return rule.dxf.font.color.rgb
    return None


def column_widths(sheet) -> list[float]:
    """Each column's width as set (xlsxwriter stores it with 5 pixels of padding added)."""
    widths: dict[int, float] = {}
    for dimension in sheet.column_dimensions.values():
        for col in range(dimension.min, dimension.max + 1):
            widths[col] = dimension.width - 5 / 7
    return [widths[col] for col in sorted(widths)]


FILL_TO_RAG = {"FF" + colour.lstrip("#").upper(): rag for rag, colour in theme.RAG_FILLS.items()}


def test_every_output_is_written_with_its_sheets(example):
    summary, _, books = example
    assert books["C"].sheetnames == SCORECARD_SHEETS
    assert books["B"].sheetnames == DASHBOARD_SHEETS
    assert books["A"].sheetnames == ["Cover", "Summary", "Exceptions"]


def test_every_sheet_is_titled_in_a1_and_has_no_merged_cells(example):
    _, _, books = example
    for book in books.values():
        for sheet in book.worksheets:
            assert isinstance(sheet["A1"].value, str) and len(sheet["A1"].value) > 5, sheet.title
            assert sheet["A1"].font.b, sheet.title
            assert not sheet.merged_cells.ranges, sheet.title


def test_headline_figures_equal_results_csv_as_numbers(example):
    _, rows, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    latest = heads["Headline May-12"]
    found = measure_rows(sheet)
    children = {ref for ref, row in rows.items() if row["scorecard"] == "Children"}
    assert set(found) == children
    for ref, row in found.items():
        cell = sheet.cell(row, latest)
        assert isinstance(cell.value, float | int), ref
        assert cell.value == pytest.approx(float(rows[ref]["value"]), abs=1e-9), ref


def test_percentages_are_stored_as_percent_figures_in_their_unit_format(example):
    _, rows, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    found = measure_rows(sheet)
    latest = heads["Headline May-12"]
    assert sheet.cell(found["CH29"], latest).value == 22.8  # not 0.228
    assert sheet.cell(found["CH29"], latest).number_format == '0.0"%"'
    assert sheet.cell(found["CH02"], latest).number_format == "#,##0"
    assert sheet.cell(found["CH01"], latest).number_format == "#,##0.0"
    assert sheet.cell(found["CH17"], latest).number_format == "#,##0"


def test_numeric_columns_hold_numbers_or_the_gss_shorthand_only(example):
    _, _, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    numeric = [col for heading, col in heads.items()
               if heading.endswith("outturn") or heading in (
                   "May-12 alone", "Headline May-12", "Count", "Out of", "Year-end target", "Floor",
                   "Benchmark")]
    assert len(numeric) == 8
    seen_text = set()
    for row in measure_rows(sheet).values():
        for col in numeric:
            value = sheet.cell(row, col).value
            if isinstance(value, str):
                seen_text.add(value)
            else:
                assert isinstance(value, float | int)
    assert seen_text <= {theme.NOT_AVAILABLE, theme.NOT_APPLICABLE}
    assert theme.NOT_APPLICABLE in seen_text  # no month alone for a count, no counts for a count


def test_band_targets_are_numbers_with_the_range_in_its_own_column(example):
    _, _, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    found = measure_rows(sheet)
    # the lower edges as numbers; both edges, whole as the catalogue sets them, in Range
    assert sheet.cell(found["CH01"], heads["Year-end target"]).value == 480
    assert sheet.cell(found["CH01"], heads["Floor"]).value == 430
    assert sheet.cell(found["CH01"], heads["Range"]).value == "480\u2013560\n(430\u2013620)"
    assert sheet.cell(found["CH08"], heads["Range"]).value == "35\u201345\n(30\u201355)"
    assert sheet.cell(found["CH29"], heads["Range"]).value == theme.NOT_APPLICABLE
    # one symbol for no target
    assert sheet.cell(found["CH02"], heads["RAG"]).value == theme.NO_TARGET
    assert sheet.cell(found["CH02"], heads["Year-end target"]).value == theme.NO_TARGET
    # polarity and basis in a word; the key gives each in full
    assert sheet.cell(found["CH29"], heads["Better if"]).value == "Lower"
    assert sheet.cell(found["CH01"], heads["Better if"]).value == "In range"
    assert sheet.cell(found["CH02"], heads["Better if"]).value == "Context"
    assert sheet.cell(found["CH29"], heads["Basis"]).value == "YTD"


def test_band_text_shows_decimals_only_when_an_edge_needs_them():
    from decimal import Decimal

    from fscxl.render.cells import band_text

    class Rate:
        unit, decimals = "Rate per 10,000", 1

    class Percent:
        unit, decimals = "%", 1

    assert band_text(Decimal("480.0"), Decimal("560"), Rate) == "480\u2013560"
    assert band_text(Decimal("1480"), Decimal("2560"), Rate) == "1,480\u20132,560"
    assert band_text(Decimal("12.5"), Decimal("18"), Percent) == "12.5\u201318.0%"
    assert band_text(Decimal("60"), Decimal("70"), Percent) == "60\u201370%"
    assert band_text(None, Decimal("70"), Percent) is None


def test_targets_and_floors_are_numbers_equal_to_results_csv_shown_as_set(example):
    _, rows, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    assert "Target May-12" not in heads  # no phased target: it would repeat the year-end one
    for ref, row in measure_rows(sheet).items():
        expected = rows[ref]
        if expected["polarity"] == "None":
            continue
        target = sheet.cell(row, heads["Year-end target"])
        floor = sheet.cell(row, heads["Floor"])
        assert target.value == pytest.approx(float(expected["target"])), ref
        assert floor.value == pytest.approx(float(expected["floor"])), ref
    found = measure_rows(sheet)
    assert sheet.cell(found["CH44"], heads["Year-end target"]).number_format == '0"%"'  # 95%, not 95.0%
    assert sheet.cell(found["CH43"], heads["Floor"]).number_format == "#,##0"  # 22, not 22.0
    adults = books["B"]["Measures"]
    heads = columns(adults, header_row(adults))
    found = measure_rows(adults)
    assert adults.cell(found["AS01"], heads["Target May-12"]).value == 42  # phased
    assert adults.cell(found["AS01"], heads["Year-end target"]).value == 70


def test_month_alone_sits_beside_a_comparable_headline_with_its_counts(example):
    _, rows, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    found = measure_rows(sheet)
    cases = [("CH29", "month_value", True), ("CH17", "month_value", True),  # ratios of summed counts
             ("CH44", None, False), ("CH02", None, False), ("CH01", None, False)]  # month, count, population
    for ref, column, shown in cases:
        cell = sheet.cell(found[ref], heads["May-12 alone"]).value
        if shown:
            assert cell == pytest.approx(float(rows[ref][column])), ref
        else:
            assert cell == theme.NOT_APPLICABLE, ref
    # CH29 (YTD): 310 + 311 re-referrals of 1,360 + 1,365 referrals = 22.8%
    assert sheet.cell(found["CH29"], heads["Count"]).value == 621
    assert sheet.cell(found["CH29"], heads["Out of"]).value == 2725
    assert rows["CH29"]["value"] == "22.8"
    assert sheet.cell(found["CH01"], heads["Out of"]).value == 330000  # the fixed population
    assert sheet.cell(found["CH02"], heads["Count"]).value == theme.NOT_APPLICABLE


def test_rag_colours_come_from_conditional_formats_matching_results_csv(example):
    _, rows, books = example
    colours_seen = set()
    for letter, sheet_name, rag_heading in (("C", "Scorecard", "RAG"), ("C", "Corporate", "RAG")):
        sheet = books[letter][sheet_name]
        heads = columns(sheet, header_row(sheet))
        for ref, row in measure_rows(sheet).items():
            cell = sheet.cell(row, heads[rag_heading])
            expected = rows[ref]["rag"]
            assert cell.fill.fgColor.rgb in (None, "00000000"), "RAG must not be a static fill"
            fill = rule_fill(sheet, cell)
            assert FILL_TO_RAG.get(fill) == (expected or None), ref
            if expected:
                assert cell.value == expected  # the word, not colour alone
                colours_seen.add(expected)
    assert colours_seen == {"Green", "Amber", "Red"}


def test_dashboard_rag_and_direction_cells_follow_results_csv(example):
    _, rows, books = example
    sheet = books["B"]["Dashboard"]
    adults = {ref for ref, row in rows.items() if row["scorecard"] == "Adults"}
    checked = set()
    for row in range(1, sheet.max_row + 1):
        title = sheet.cell(row, 1).value
        ref = title.split("  ")[0] if isinstance(title, str) else None  # a card's title row
        if ref not in adults:
            continue
        values = row + 2
        headings = {sheet.cell(row + 1, col).value: col for col in range(2, 12)}
        rag_cell = sheet.cell(values, headings["RAG"])
        assert FILL_TO_RAG.get(rule_fill(sheet, rag_cell)) == (rows[ref]["rag"] or None), ref
        latest = sheet.cell(values, headings["Headline May-12"]).value
        target = sheet.cell(values, headings["Target May-12"]).value
        if rows[ref]["polarity"] != "None":
            assert target == pytest.approx(float(rows[ref]["target"])), ref
        assert latest == pytest.approx(float(rows[ref]["value"])), ref
        direction = sheet.cell(values, headings["Direction"]).value
        expected = rows[ref]["direction"]  # an empty direction must show [x], not pass any text
        assert direction == (theme.direction_text(expected) if expected else theme.NOT_AVAILABLE), ref
        checked.add(ref)
    assert checked == adults


def test_dashboard_prints_two_cards_a_page_with_the_area_heading_on_its_page(example):
    _, rows, books = example
    sheet = books["B"]["Dashboard"]
    adults = {ref for ref, row in rows.items() if row["scorecard"] == "Adults"}
    cards = [row for row in range(1, sheet.max_row + 1)
             if str(sheet.cell(row, 1).value).split("  ")[0] in adults]
    starts = [1] + [brk.id + 1 for brk in sheet.row_breaks.brk]  # a break falls after row id
    pages = [[card for card in cards if start <= card < end]
             for start, end in zip(starts, [*starts[1:], sheet.max_row + 1], strict=True)]
    assert [len(page) for page in pages] == [2, 2]  # Personalisation, then Safeguarding
    assert sheet.cell(starts[1], 1).value == "Safeguarding"  # the area heading starts the page
    headings = [sheet.cell(cards[0] + 1, col).value for col in range(2, 12)]
    assert headings[0] == "May-12 alone" and headings[4] == "Target May-12"


def test_direction_has_arrow_word_and_conditional_colour(example):
    _, rows, books = example
    sheet = books["C"]["Scorecard"]
    heads = columns(sheet, header_row(sheet))
    for ref, row in measure_rows(sheet).items():
        cell = sheet.cell(row, heads["Direction"])
        word = rows[ref]["direction"]
        assert cell.value == theme.direction_text(word), ref
        assert cell.value.startswith(tuple(theme.ARROWS.values())) == (word in theme.ARROWS), ref
        assert rule_font(sheet, cell) == "FF" + theme.DIRECTION_INK[word].lstrip("#")


def test_trend_sparklines_read_the_monthly_figures_on_a_scale_holding_target_and_floor(example):
    summary, rows, books = example
    with zipfile.ZipFile(output(summary, "Appendix C")) as archive:
        xml = archive.read("xl/worksheets/sheet3.xml").decode()
    monthly = books["C"]["Monthly figures"]
    top = header_row(monthly)
    by_ref = {monthly.cell(r, 2).value: r for r in range(top + 1, monthly.max_row + 1)}
    groups = re.findall(r"<x14:sparklineGroup ([^>]*)>.*?<xm:f>'Monthly figures'!E(\d+):Q\2</xm:f>", xml)
    assert len(groups) == 8  # one per Children measure, May-11 to May-12
    for attributes, row in groups:
        ref = monthly.cell(int(row), 2).value
        assert by_ref[ref] == int(row)
        assert 'type="column"' in attributes and 'displayEmptyCellsAs="gap"' in attributes
        assert 'minAxisType="custom"' in attributes and 'maxAxisType="custom"' in attributes
        assert 'markers="1"' not in attributes
        low = float(re.search(r'manualMin="([-\d.]+)"', attributes).group(1))
        high = float(re.search(r'manualMax="([-\d.]+)"', attributes).group(1))
        figures = [monthly.cell(int(row), col).value for col in range(5, 18)]
        figures = [f for f in figures if isinstance(f, float | int)]
        marks = [float(rows[ref][k]) for k in ("target", "floor") if rows[ref][k]]
        assert low < min(figures + marks) and high > max(figures + marks), ref


def test_trend_axis_takes_in_target_and_floor_and_stops_at_zero():
    from decimal import Decimal
    from types import SimpleNamespace

    from fscxl.render.scorecard import trend_axis

    # a caseload of 20.0 to 21.2 against a target of 18 and a floor of 22: the scale runs
    # 17.6 to 22.4, so a rise of 1.2 is a quarter of the cell, not all of it
    history = tuple(SimpleNamespace(own_value=Decimal(v)) for v in ("20.0", "20.5", "21.2"))
    result = SimpleNamespace(history=history, current=SimpleNamespace(target=Decimal(18), floor=Decimal(22)),
                             measure=SimpleNamespace(polarity="Low"),
                             targets=SimpleNamespace(floor=Decimal(22), target_upper=None, floor_upper=None))
    assert trend_axis(result) == {"min": 17.6, "max": 22.4}
    counts = SimpleNamespace(history=(SimpleNamespace(own_value=Decimal(1)), SimpleNamespace(own_value=Decimal(100))),
                             current=SimpleNamespace(target=None, floor=None), measure=SimpleNamespace(polarity="None"),
                             targets=None)
    assert trend_axis(counts) == {"min": 0.0, "max": 109.9}


def test_grid_is_one_page_wide_at_a_readable_scale(example):
    from fscxl.render.book import READABLE_SCALE, print_scale

    _, _, books = example
    for letter, name in (("C", "Scorecard"), ("C", "Corporate"), ("B", "Measures")):
        sheet = books[letter][name]
        heads = columns(sheet, header_row(sheet))
        widths = column_widths(sheet)
        assert len(widths) == len(heads) and heads["Trend"] == len(heads)
        assert print_scale(widths) >= READABLE_SCALE, name
        assert sheet.page_margins.left == sheet.page_margins.right == theme.SIDE_MARGIN
        assert heads["Area"] == 1 and heads["Ref"] == 2


def test_grid_breaks_pages_between_areas_not_after_an_area_heading():
    from fscxl.render.book import page_breaks

    rows = [(10, 15.0), (11, 30.0), (12, 30.0), (13, 15.0), (14, 30.0), (15, 30.0)]
    # the heading at row 13 would end the first page: it moves to the next with its measures
    assert page_breaks(rows, 0.0, 0.0, 110.0, headings={10, 13}) == [13]
    assert page_breaks(rows, 0.0, 0.0, 1000.0, headings={10, 13}) == []
    assert page_breaks(rows, 50.0, 20.0, 80.0) == [11, 13, 15]  # print titles take 20 a page


def test_dashboard_charts_are_lines_with_target_and_floor_and_say_their_finding(example):
    summary, rows, _ = example
    adults = [r for r in rows.values() if r["scorecard"] == "Adults"]
    with zipfile.ZipFile(output(summary, "Appendix B")) as archive:
        charts = sorted((n for n in archive.namelist() if n.startswith("xl/charts/chart")),
                        key=lambda n: int(re.search(r"(\d+)", n).group(1)))
        xml = [archive.read(n).decode() for n in charts][1:]  # the first is the Summary's
        drawing = " ".join(archive.read(n).decode() for n in archive.namelist()
                           if n.startswith("xl/drawings/drawing"))
    assert len(charts) == len(adults) + 1
    assert all("<c:lineChart>" in x and "<c:barChart>" not in x for x in xml)
    for chart, row in zip(xml, adults, strict=True):
        judged = row["polarity"] != "None"
        assert ("<c:v>Target</c:v>" in chart) == judged, row["ref"]
        assert ("<c:v>Floor</c:v>" in chart) == judged, row["ref"]
        assert '<c:tickLblSkip val="1"/>' in chart  # a period label on every point
        words = f"{row['ref']} "
        assert words in drawing and (row["rag"] or "no RAG alert") in drawing


def test_print_setup_a4_landscape_one_page_wide_with_footer(example):
    _, _, books = example
    for book in books.values():
        for sheet in book.worksheets:
            setup = sheet.page_setup
            assert setup.orientation == "landscape", sheet.title
            assert str(setup.paperSize) == "9", sheet.title
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
            assert setup.fitToWidth in (1, "1", None), sheet.title  # None is Excel's default 1
            assert str(setup.fitToHeight) == "0", sheet.title
            footer = sheet.oddFooter
            assert footer.left.text == theme.CLASSIFICATION
            assert footer.center.text == ("Outturn 2011/12" if book is books["A"] else "Data to end of May 2012")
            assert footer.right.text == "Page &P of &N"  # a pack gives its own total instead
            assert not sheet.sheet_view.showGridLines, sheet.title
    grid = books["C"]["Scorecard"]
    top = header_row(grid)
    assert grid.print_title_rows == f"${top}:${top}"
    assert grid.freeze_panes == f"D{top + 1}"  # area, ref and measure stay in view


def test_officers_text_comes_back_as_text_never_formula_or_link(example):
    _, _, books = example
    dashboard = books["B"]["Dashboard"]
    texts = [c.value for row in dashboard.iter_rows() for c in row if isinstance(c.value, str)]
    assert FORMULA_COMMENTARY in texts
    assert URL_COMMENTARY in texts
    for row in dashboard.iter_rows():
        for cell in row:
            if cell.value == FORMULA_COMMENTARY:
                assert cell.data_type == "s"
            assert cell.hyperlink is None
    exceptions = books["A"]["Exceptions"]
    reasons = [c.value for row in exceptions.iter_rows() for c in row]
    assert '=HYPERLINK("http://x") replaced by new system' in reasons


def test_missing_commentary_says_to_follow_and_the_run_warns(example):
    summary, _, books = example
    dashboard = books["B"]["Dashboard"]
    texts = [c.value for row in dashboard.iter_rows() for c in row]
    assert texts.count(COMMENTARY_TO_FOLLOW) == 1
    [warning] = [p for p in summary.problems.warnings if p.code == "XIN04"]
    assert "AS16" in warning.found and COMMENTARY_TO_FOLLOW in warning.found  # the words the card shows
    report = openpyxl.load_workbook(summary.folder / "validation_report.xlsx").active
    assert any("AS16" in str(c.value) for row in report.iter_rows() for c in row)


def test_commentary_sheet_has_officers_words_and_drafted_summary(example):
    _, _, books = example
    sheet = books["C"]["Commentary"]
    top = header_row(sheet, "Area")
    by_area = {sheet.cell(row, 1).value: [sheet.cell(row, c).value for c in range(2, 5)]
               for row in range(top + 1, sheet.max_row + 1)}
    outcomes = by_area["Are we achieving good outcomes?"]
    assert outcomes[0].startswith("Of the 3 measures, 2 are amber and 1 red")
    assert "the red is a year-to-date figure, covering April to May 2012 only" in outcomes[0]
    assert outcomes[2] == "Three of the reds are year to date figures covering two months."
    assert by_area["How much are we dealing with?"][2] == "No area commentary for May 2012."


def test_corporate_sheet_lists_only_corporate_measures(example):
    _, _, books = example
    sheet = books["C"]["Corporate"]
    assert set(measure_rows(sheet)) == {"CH29", "CH44"}
    assert "No measure" in str(books["B"]["Corporate"].cell(5, 1).value)


def test_cover_links_to_every_sheet_and_key_and_notes_explain(example):
    _, _, books = example
    cover = books["C"]["Cover"]
    links = {c.value: c.hyperlink.location for row in cover.iter_rows() for c in row if c.hyperlink}
    assert set(links) == set(SCORECARD_SHEETS) - {"Cover"}
    assert links["Key"] == "'Key'!A1"
    key_text = " ".join(str(c.value) for row in books["C"]["Key"].iter_rows() for c in row)
    for phrase in ("Current target achieved or exceeded", "below the pre-defined minimum standard",
                   "above the minimum standard but below target", theme.NOT_APPLICABLE,
                   "Higher is better", "Headline May-12"):
        assert phrase in key_text
    notes = books["B"]["Notes"]
    heads = columns(notes, header_row(notes))
    rows = measure_rows(notes)
    assert notes.cell(rows["AS01"], heads["Definition"]).value == "Clients with a personal budget."
    assert notes.cell(rows["AS01"], heads["Phased targets"]).value.startswith("Apr 40.0; May 42.0")
    assert notes.cell(rows["AS01"], heads["Denominator"]).value == "CLIENTS"


def test_business_plan_summary_counts_and_exceptions_only(example):
    _, _, books = example
    summary = books["A"]["Summary"]
    top = header_row(summary, "Business plan")
    table = {summary.cell(r, 1).value: [summary.cell(r, c).value for c in range(2, 7)]
             for r in range(top + 1, summary.max_row + 1)}
    assert table["Specialist Children's Services"] == [1, 0, 1, 1, 3]
    assert table["All business plans"] == [1, 1, 2, 1, 5]
    exceptions = books["A"]["Exceptions"]
    refs = [exceptions.cell(r, 1).value for r in range(1, exceptions.max_row + 1)]
    assert "BP1" in refs and "BP3" in refs and "BP5" in refs
    assert "BP2" not in refs and "BP4" not in refs
    row = refs.index("BP1") + 1
    assert exceptions.cell(row, 5).is_date and exceptions.cell(row, 6).is_date
    assert exceptions.cell(refs.index("BP5") + 1, 6).value == "Q2 2012/13"


def test_business_plan_names_its_year_from_the_due_dates_and_cancelled_has_no_revised_date(example):
    _, _, books = example
    assert books["A"]["Summary"]["A1"].value.startswith(
        "Appendix A: Business Plan 2011/12 outturn exception report")
    exceptions = books["A"]["Exceptions"]
    refs = [exceptions.cell(r, 1).value for r in range(1, exceptions.max_row + 1)]
    assert exceptions.cell(refs.index("BP3") + 1, 6).value == theme.NOT_APPLICABLE  # cancelled


def test_business_plan_year_is_left_out_when_the_due_dates_span_years():
    import datetime as dt

    from fscxl.model.records import Action
    from fscxl.render.business_plan import TITLE, title

    def action(due):
        return Action("R", "Plan", "Do it", "Owner", due, "Delayed", None, "")

    assert title([action(dt.date(2011, 4, 30)), action(dt.date(2012, 3, 31)), action("Q4")]) == (
        "Business Plan 2011/12 outturn exception report")
    assert title([action(dt.date(2012, 3, 31)), action(dt.date(2012, 4, 30))]) == TITLE
    assert title([action("Q4 2011/12")]) == TITLE


def test_validation_report_rows_are_tall_enough_for_their_words_and_print_readably(tmp_path):
    from fscxl.model.problems import ERROR, Problem
    from fscxl.render.validation import HEADER_ROW, write_validation_report

    long_fix = "Enter the figure, or leave the cell blank if it is not yet known. " * 6
    problems = [Problem(ERROR, "returns/a.xlsx", "Return", "D6", "expected a number, found 'n/a'", long_fix),
                Problem(ERROR, "returns/a.xlsx", "Return", "D7", "expected a number, found '-'", "Enter it.")]
    path = tmp_path / "validation_report.xlsx"
    write_validation_report(problems, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "Validation report"
    long_row, short_row = HEADER_ROW + 2, HEADER_ROW + 3
    assert sheet.row_dimensions[long_row].height >= 4 * theme.LINE_HEIGHT
    assert sheet.row_dimensions[short_row].height < 2 * theme.LINE_HEIGHT
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.fitToHeight) == "0"
    assert sheet.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}"
    assert sheet.oddFooter.right.text == "Page &P of &N"
    assert sheet.oddFooter.center.text.startswith("Checked ")
    assert sheet["B6"].font.b  # the verdict stands out
