"""A whole run: no suppressed count anywhere in what leaves the council; revised figures marked [r]."""

from __future__ import annotations

import email
import io
import re
import warnings
import zipfile
from email import policy
from pathlib import Path

import openpyxl
import pytest
from builders import (
    add_report_sheet,
    district_series,
    measure,
    simple_inputs,
    target,
    write_catalogue,
    write_return,
)
from contract_helpers import clean, invoke, read_csv, reported_problems

MONTHS = 14  # April 2011 to May 2012
# Hidden at Suppress below 11: ONE's North (7 of 57, 12.3%) and, so it cannot be worked out
# from the county, South (23 of 61, 37.7%); ADC's county total, 7 of 40 (17.5%).
SUPPRESSED_VALUES = ("7", "23", "12.3", "37.7", "17.5")
TOKEN = re.compile(r"(?<![\d.,])(" + "|".join(re.escape(v) for v in SUPPRESSED_VALUES) + r")(?![\d])")
PRODUCED = re.compile(r"Produced \d+ \w+ \d{4}")  # today's date is no figure


def search_inputs(root: Path) -> Path:
    inputs = root / "inputs"
    measures = [measure("ONE", title="One small district", numerator="N1", denominator="D1"),
                measure("ADC", scorecard="Adults", title="Small county", numerator="N2", denominator="D2")]
    write_catalogue(inputs / "measures.xlsx", measures,
                    [target("ONE", target=40, floor=30), target("ADC", target=60, floor=50)],
                    [["Children", "Children's scorecard", "Scorecard", "C"],
                     ["Adults", "Adults' dashboard", "Dashboard", "B"]])
    add_report_sheet(inputs / "measures.xlsx", [["Suppress below", 11]])
    series = {}
    series["N1"], series["D1"] = district_series((7, 23, 31, 45), (57, 61, 67, 71), MONTHS)
    # ADC: larger counts until April 2012, so its year-to-date figure is not May's percentage again
    earlier_n, earlier_d = district_series((20, 30, 20, 10), (50, 50, 50, 50), MONTHS - 1)
    may_n, may_d = district_series((2, 3, 2, 0), (10, 10, 10, 10), 1)
    series["N2"] = {d: earlier_n[d] + may_n[d] for d in earlier_n}
    series["D2"] = {d: earlier_d[d] + may_d[d] for d in earlier_d}
    write_return(inputs / "returns" / "districts.xlsx", series, count=MONTHS, districts=True)
    return inputs


def found_in_text(text: str) -> list[str]:
    return TOKEN.findall(PRODUCED.sub("", text))


def found_in_workbook(path: Path) -> list[str]:
    """Each suppressed value in any cell, chart series (its cached values) or alt text."""
    found = []
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and f"{cell.value:g}" in SUPPRESSED_VALUES:
                    found.append(f"{sheet.title}!{cell.coordinate}={cell.value}")
                elif isinstance(cell.value, str):
                    found += [f"{sheet.title}!{cell.coordinate}: {hit}" for hit in found_in_text(cell.value)]
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            xml = archive.read(name).decode("utf-8")
            if name.startswith("xl/charts/"):
                found += [f"{name}: {v}" for v in re.findall(r"<c:v>([^<]*)</c:v>", xml)
                          if re.fullmatch(r"-?[\d.]+", v) and f"{float(v):g}" in SUPPRESSED_VALUES]
            if name.startswith("xl/drawings/"):
                for description in re.findall(r'descr="([^"]*)"', xml):
                    found += [f"{name}: {hit}" for hit in found_in_text(description)]
    return found


@pytest.fixture(scope="module")
def search_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    result = clean(invoke("run", "--inputs", search_inputs(root), "--outputs", root / "out"))
    assert result.exit_code == 0, result.output
    return root / "out" / "2012-05", result.output


def test_no_suppressed_count_appears_in_any_workbook_chart_or_alt_text(search_run):
    folder, _ = search_run
    books = sorted(folder.glob("Appendix *.xlsx"))
    assert len(books) == 2
    for path in books:
        assert found_in_workbook(path) == [], path.name


def test_the_search_would_find_a_figure_that_is_shown(search_run):
    folder, _ = search_run
    [children] = folder.glob("Appendix C *.xlsx")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        book = openpyxl.load_workbook(io.BytesIO(children.read_bytes()))
    shown = [c.value for row in book["Districts"].iter_rows() for c in row]
    assert 46.3 in shown and 63.4 in shown  # East 31 of 67 and West 45 of 71 are shown


def test_no_suppressed_count_appears_in_the_email_body(search_run):
    folder, _ = search_run
    [draft] = folder.glob("Email to members - *.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    for part in ("plain", "html"):
        body = message.get_body((part,))
        if body is not None:
            assert found_in_text(body.get_content()) == []


def test_the_csv_files_for_analysts_stay_complete(search_run):
    folder, output = search_run
    rows = {(r["ref"], r["district"]): r for r in read_csv(folder / "districts.csv")}
    assert (rows[("ONE", "North")]["value"], rows[("ONE", "North")]["numerator"]) == ("12.3", "7")
    assert rows[("ADC", "County")]["value"] == "17.5"
    assert re.search(r"\d+ figure\(s\) shown as \[c\]", output)


# --- revisions --------------------------------------------------------------------------------

def run_month(inputs: Path, outputs: Path, month: str):
    result = clean(invoke("run", "--inputs", inputs, "--outputs", outputs, "--month", month))
    assert result.exit_code == 0, result.output
    return result


def correct_april(inputs: Path) -> None:
    """April 2012's return corrected after its pack went out: 9 of 10 rather than 8."""
    write_return(inputs / "returns" / "return.xlsx", {"NUM": [8] * 12 + [9, 8], "DEN": [10] * 14})


def load(folder: Path):
    [path] = folder.glob("Appendix *.xlsx")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()))


def test_a_revised_earlier_month_is_marked_r_and_listed_on_the_notes(tmp_path):
    inputs, outputs = simple_inputs(tmp_path), tmp_path / "out"
    run_month(inputs, outputs, "2012-04")
    correct_april(inputs)
    result = run_month(inputs, outputs, "2012-05")
    assert "1 figure(s) revised since published" in result.output
    book = load(outputs / "2012-05")
    monthly = book["Monthly figures"]
    heading_row = next(r for r in monthly.iter_rows() if any(c.value == "Apr-12" for c in r))
    april = next(c for c in heading_row if c.value == "Apr-12")
    cell = monthly.cell(heading_row[0].row + 1, april.column)
    assert cell.value == 90 and "[r]" in cell.number_format  # still a number, marked in its format
    march = monthly.cell(heading_row[0].row + 1, april.column - 1)
    assert march.value == 80 and "[r]" not in march.number_format
    notes = [row for row in book["Notes"].iter_rows(values_only=True) if row[0] == "M1" and "April 2012" in row]
    assert [row[2:5] for row in notes] == [("April 2012", 80, 90)]
    key = [row for row in book["Key"].iter_rows(values_only=True) if "[r]" in row]
    assert len(key) == 1


def test_no_revision_when_nothing_changed(tmp_path):
    inputs, outputs = simple_inputs(tmp_path), tmp_path / "out"
    run_month(inputs, outputs, "2012-04")
    result = run_month(inputs, outputs, "2012-05")
    assert "0 figure(s) revised since published." in result.output
    book = load(outputs / "2012-05")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not any("[r]" in c.number_format for c in cells)
    assert not any(c.value == "[r]" for c in cells if book["Key"] is c.parent)


def test_a_damaged_earlier_results_csv_is_named_in_a_warning_and_the_run_goes_on(tmp_path):
    inputs, outputs = simple_inputs(tmp_path), tmp_path / "out"
    (outputs / "2012-04").mkdir(parents=True)
    (outputs / "2012-04" / "results.csv").write_text("not,a results file\n1,2\n", encoding="utf-8")
    correct_april(inputs)
    result = run_month(inputs, outputs, "2012-05")
    assert "0 figure(s) revised since published." in result.output
    assert ("RUN04", "outputs/2012-04/results.csv", "", "") in reported_problems(outputs / "2012-05")
