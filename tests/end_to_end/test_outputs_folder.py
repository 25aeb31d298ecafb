"""The outputs folder as an officer finds it: a file in the way, their own files in it, a second run, a failed write."""

from __future__ import annotations

import openpyxl
from contract_helpers import clean

from fscxl.pipeline import run


def test_outputs_that_is_a_file_is_a_plain_error(tmp_path, inputs, cli):
    (tmp_path / "outputs").write_text("not a folder")
    result = clean(cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs"))
    assert result.exit_code != 0
    assert f"{tmp_path / 'outputs'} is a file, not a folder" in result.output
    assert "Errno" not in result.output and "unexpected" not in result.output
    assert (tmp_path / "outputs").read_text() == "not a folder"


def test_a_file_where_the_month_folder_goes_is_a_plain_error_and_is_left_alone(tmp_path, inputs, cli):
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "2012-05").write_text("an officer's note")
    result = clean(cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs"))
    assert result.exit_code != 0
    assert f"{tmp_path / 'outputs' / '2012-05'} is a file, not a folder" in result.output
    assert "Errno" not in result.output and "unexpected" not in result.output
    assert (tmp_path / "outputs" / "2012-05").read_text() == "an officer's note"


def test_an_officers_own_files_in_the_month_folder_survive_a_run(tmp_path, inputs, cli):
    folder = tmp_path / "outputs" / "2012-05"
    (folder / "drafts").mkdir(parents=True)
    (folder / "covering note.docx").write_bytes(b"officer's words")
    (folder / "drafts" / "old.xlsx").write_bytes(b"kept")
    result = clean(cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs"))
    assert result.exit_code == 0, result.output
    assert (folder / "covering note.docx").read_bytes() == b"officer's words"
    assert (folder / "drafts" / "old.xlsx").read_bytes() == b"kept"
    assert (folder / "results.csv").exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_running_twice_gives_the_same_results_csv_bytes(tmp_path, inputs):
    first = run(inputs, tmp_path / "a")
    second = run(inputs, tmp_path / "b")
    again = run(inputs, tmp_path / "a")
    csv_bytes = (first.folder / "results.csv").read_bytes()
    assert csv_bytes == (second.folder / "results.csv").read_bytes() == (again.folder / "results.csv").read_bytes()


def test_a_run_that_fails_to_write_leaves_no_empty_month_folder(tmp_path, inputs, cli):
    # "Outputs are written whole or not at all": a write that fails leaves nothing behind,
    # not even the month's folder it had just made, and says why in plain words.
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    book.create_sheet("Scorecards").append(["Scorecard", "Title"])
    book["Scorecards"].append(["Children", "T" * 32760])  # the title block adds to it: too long for a cell
    book.save(inputs / "measures.xlsx")
    result = clean(cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs"))
    assert result.exit_code == 1
    assert "32,767 characters" in result.output and "xlsxwriter" not in result.output
    assert not (tmp_path / "outputs" / "2012-05").exists()


def test_a_failed_write_into_an_existing_month_folder_keeps_it_and_its_files(tmp_path, inputs, cli):
    first = run(inputs, tmp_path / "outputs")
    before = {p.name: p.read_bytes() for p in first.folder.iterdir()}
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    book.create_sheet("Scorecards").append(["Scorecard", "Title"])
    book["Scorecards"].append(["Children", "T" * 32760])
    book.save(inputs / "measures.xlsx")
    assert clean(cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs")).exit_code == 1
    assert {p.name: p.read_bytes() for p in first.folder.iterdir()} == before
