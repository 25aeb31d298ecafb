"""Unusual catalogues through the whole run: titles, letters, numbers and text officers may well type.

Each case goes through `fscxl run` as an officer runs it: the exit status, no traceback,
and what lands in the outputs folder.
"""

from __future__ import annotations

import re

import openpyxl
import pytest
from builders import write_sheet
from contract_helpers import inputs_with, invoke, measure, read_csv, reported_problems, target

# openpyxl, reading the written workbooks back, does not know xlsxwriter's sparklines
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension:UserWarning")

SERIES = {"NUM": [8] * 14, "DEN": [10] * 14}
WINDOWS_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def run_cli(inputs, out):
    result = invoke("run", "--inputs", inputs, "--outputs", out)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def texts_of(path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [c.value for s in book.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)]


def write_plan(path):
    book = openpyxl.Workbook()
    write_sheet(book, "Actions", [["Ref", "Business plan", "Action", "Owner", "Due date", "Status",
                                   "Revised date", "Commentary"],
                                  ["BP1", "Plan", "Act", "Officer", None, "Delayed", None, "Late"]], first=True)
    book.save(path)


# --- titles that are not file names -----------------------------------------------------------

def test_titles_with_forbidden_long_and_unicode_characters_give_one_safe_file_each(tmp_path):
    unusual = {
        "S1": "Adults / Children: *care*? [draft] \\ <all> \"quoted\"",
        "S2": "Gwasanaethau Cymdeithasol i Oedolion – café ŵ ŷ 😀",
        "S3": "Performance of the directorate's services for vulnerable adults and older people " * 4,
        "S4": "A/B",
        "S5": "A:B",  # the same safe name as S4: the letters keep the two files apart
        "S6": "Line one\nline two",  # Alt+Enter in the cell
    }
    measures = [measure(f"M{i}", scorecard=name, area="Area " + "long " * 20 if i % 2 else "Outcomes")
                for i, name in enumerate(unusual)]
    scorecards = [[name, title, "Dashboard" if i % 2 else "Scorecard", chr(ord("B") + i)]
                  for i, (name, title) in enumerate(unusual.items())]
    inputs = inputs_with(tmp_path, measures, [target(f"M{i}", target=70) for i in range(len(unusual))],
                         SERIES, scorecards=scorecards)
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2012-05"
    books = sorted(p.name for p in folder.glob("Appendix *.xlsx"))
    assert len(books) == len(unusual)  # one workbook per scorecard, none overwriting another
    for letter, name in zip("BCDEFG", books, strict=True):
        assert name.startswith(f"Appendix {letter} - ") and name.endswith(" - 2012-05.xlsx")
        assert not WINDOWS_FORBIDDEN.search(name), name
        assert len(name) <= 120, name  # leaves room for the folder in Windows' 260-character paths
    # the titles themselves are kept whole inside the workbooks
    for letter, title in zip("BCG", [unusual["S1"], unusual["S2"], unusual["S6"]], strict=True):
        [path] = folder.glob(f"Appendix {letter} *.xlsx")
        assert any(title in text for text in texts_of(path)), title
    assert "😀" in books[1]


# --- appendix letters -------------------------------------------------------------------------

def test_appendix_a_given_to_a_scorecard_while_a_business_plan_exists_is_an_error_naming_the_cell(tmp_path):
    # Reading: with business_plan.xlsx present, Appendix A is the business plan report; a
    # scorecard given A would make two Appendix A files (or, with the same title, replace it).
    inputs = inputs_with(tmp_path, [measure("A1", scorecard="S1")], [], SERIES,
                         scorecards=[["S1", "Business Plan Outturn Exceptions", "Scorecard", "A"]])
    write_plan(inputs / "business_plan.xlsx")
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "sheet 'Scorecards', cell D2" in result.output and "Appendix A" in result.output
    assert not (tmp_path / "out" / "2012-05").exists()


def test_appendix_a_may_go_to_a_scorecard_when_there_is_no_business_plan(tmp_path):
    inputs = inputs_with(tmp_path, [measure("A1", scorecard="S1")], [], SERIES,
                         scorecards=[["S1", "Adults", "Scorecard", "A"]])
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "2012-05" / "Appendix A - Adults - 2012-05.xlsx").exists()


def test_more_scorecards_than_letters_is_an_error_not_a_crash(tmp_path):
    measures = [measure(f"M{i}", scorecard=f"Card {i}") for i in range(27)]
    result = run_cli(inputs_with(tmp_path, measures, [], SERIES), tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "'Card 25'" in result.output and "'Card 26'" in result.output and "'Card 24'" not in result.output
    assert "unexpected" not in result.output


# --- sheets that are empty or name nothing ----------------------------------------------------

def test_an_empty_targets_sheet_means_no_targets_yet(tmp_path):
    # Reading: a Targets sheet with nothing on it is a catalogue whose targets are not yet
    # set; the measures are reported without RAG, each with the "no targets" warning.
    inputs = inputs_with(tmp_path, [measure("A1"), measure("A2")], [], SERIES)
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    book.remove(book["Targets"])
    book.create_sheet("Targets")
    book.save(inputs / "measures.xlsx")
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "out" / "2012-05" / "results.csv")
    assert [(r["ref"], r["value"], r["rag"], r["target"]) for r in rows] == [("A1", "80.0", "", ""),
                                                                             ("A2", "80.0", "", "")]
    assert [p[0] for p in reported_problems(tmp_path / "out" / "2012-05")] == ["FIG01", "FIG01"]
    assert "A1 has no targets" in result.output and "A2 has no targets" in result.output


def test_a_targets_sheet_with_text_but_no_header_is_still_an_error(tmp_path):
    inputs = inputs_with(tmp_path, [measure("A1")], [], SERIES)
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    book.remove(book["Targets"])
    book.create_sheet("Targets")["A1"] = "Targets to follow"
    book.save(inputs / "measures.xlsx")
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 1 and "sheet 'Targets'" in result.output


def test_a_scorecards_row_naming_a_scorecard_with_no_measures_is_a_warning_and_no_workbook(tmp_path):
    inputs = inputs_with(tmp_path, [measure("A1", scorecard="Adults")], [], SERIES,
                         scorecards=[["Ghost", "Ghost scorecard", "Dashboard", "B"], ["Adults", "Adults", "", "C"]])
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "sheet 'Scorecards', cell A2" in result.output and "'Ghost'" in result.output
    assert sorted(p.name for p in (tmp_path / "out" / "2012-05").glob("*.xlsx")) == [
        "Appendix C - Adults - 2012-05.xlsx", "validation_report.xlsx"]


def test_areas_repeated_across_scorecards_and_long_stay_apart(tmp_path):
    area = "Safeguarding and looked after children placements " * 3
    inputs = inputs_with(tmp_path, [measure("A1", scorecard="Adults", area=area),
                                    measure("C1", scorecard="Children", area=area)],
                         [target("A1", target=90, floor=85), target("C1", target=70)], SERIES)
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    rows = {r["ref"]: r for r in read_csv(tmp_path / "out" / "2012-05" / "results.csv")}
    assert (rows["A1"]["scorecard"], rows["A1"]["area"].strip(), rows["A1"]["rag"]) == ("Adults", area.strip(), "Red")
    assert (rows["C1"]["scorecard"], rows["C1"]["rag"]) == ("Children", "Green")
    for path in (tmp_path / "out" / "2012-05").glob("Appendix *.xlsx"):
        assert area.strip() in texts_of(path)


# --- numbers at the edges ---------------------------------------------------------------------

def test_huge_tiny_and_unusual_decimals_are_plain_in_the_csv_and_numbers_in_the_workbook(tmp_path):
    measures = [measure("P0", unit="%", decimals=0),
                measure("D3", unit="Number", denominator=None, numerator="TINY", decimals=3, polarity="Low"),
                measure("BIG", unit="Number", denominator=None, numerator="BIG"),
                measure("R", unit="Rate per 100,000", numerator="TINY", denominator="DEN", decimals=2)]
    series = {**SERIES, "BIG": [1e12] * 14, "TINY": [0.0004] * 13 + [0.0016]}
    inputs = inputs_with(tmp_path, measures, [target("P0", target=80, floor=70), target("D3", target=0.001),
                                              target("BIG", target=2e12, floor=1e11)], series)
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2012-05"
    rows = {r["ref"]: r for r in read_csv(folder / "results.csv")}
    assert (rows["P0"]["value"], rows["P0"]["target"], rows["P0"]["rag"]) == ("80", "80", "Green")
    assert (rows["D3"]["value"], rows["D3"]["ytd_value"], rows["D3"]["target"], rows["D3"]["rag"]) == (
        "0.002", "0.002", "0.001", "Amber")  # Low, above its target and no floor: amber, never red
    assert (rows["BIG"]["value"], rows["BIG"]["rolling12_value"], rows["BIG"]["target"]) == (
        "1000000000000", "12000000000000", "2000000000000")
    assert rows["R"]["value"] == "16.00"
    for row in rows.values():
        for value in row.values():
            assert not re.fullmatch(r"-?[\d.]+[eE][-+]?\d+", value), value
    [book_path] = folder.glob("Appendix B *.xlsx")
    sheet = openpyxl.load_workbook(book_path)["Scorecard"]
    heads = {cell.value: cell.column - 1 for cell in sheet[5]}
    latest = {row[1].value: row[heads["Headline May-12"]].value for row in sheet.iter_rows(min_row=6)
              if row[1].value}
    assert latest == {"P0": 80, "D3": 0.002, "BIG": 1e12, "R": 16}


def test_unicode_commentary_reaches_the_workbook_unchanged(tmp_path):
    words = "Mae’r ffigur wedi gwella 😀 – «café» ŵŷ ∑ 𝔘"
    inputs = inputs_with(tmp_path, [measure("A1", title="Canran y plant – ŵ 😀")], [target("A1", target=70)], SERIES,
                         scorecards=[["Children", "Plant 😀", "Dashboard", "C"]])
    book = openpyxl.Workbook()
    write_sheet(book, "Measures", [["Ref", "Month", "Commentary"], ["A1", "May-12", words]], first=True)
    write_sheet(book, "Areas", [["Scorecard", "Area", "Month", "Commentary"], ["Children", "Outcomes", "May-12", words]])
    book.save(inputs / "commentary.xlsx")
    result = run_cli(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "out" / "2012-05").glob("Appendix C - Plant 😀 - 2012-05.xlsx")
    texts = texts_of(path)
    assert texts.count(words) >= 2  # the card and the area commentary
    assert any("Canran y plant – ŵ 😀" in t for t in texts)
    assert read_csv(tmp_path / "out" / "2012-05" / "results.csv")[0]["title"] == "Canran y plant – ŵ 😀"
