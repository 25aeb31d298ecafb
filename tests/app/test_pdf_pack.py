"""The committee pack: LibreOffice's conversion, the merge, and what happens without it or when it stalls."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from render_inputs import build_inputs

from fscxl import pipeline
from fscxl.app import pdf_pack
from fscxl.app.outputs import write_all
from fscxl.cli import main
from fscxl.model.errors import OutputError
from fscxl.model.problems import ProblemLog

FOOTER_PAGE = re.compile(r"Page (\d+) of (\d+)")


def footer_page(page) -> tuple[int, int]:
    """The 'Page n of N' of a page's footer, as LibreOffice printed it."""
    numbers = FOOTER_PAGE.findall(page.extract_text())
    assert len(numbers) == 1, numbers
    return int(numbers[0][0]), int(numbers[0][1])


@pytest.fixture(scope="module")
def pack_run(tmp_path_factory):
    """A run with --pdf, with its own home and temporary folder to show LibreOffice leaves nothing."""
    root = tmp_path_factory.mktemp("pack")
    home, temp = root / "home", root / "temp"
    home.mkdir()
    temp.mkdir()
    inputs = build_inputs(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("TMPDIR", str(temp))
        patch.setattr("tempfile.tempdir", None)  # read TMPDIR afresh
        summary = pipeline.run(inputs, root / "outputs", pdf=True)
    return root, summary


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_pack_is_written_and_leaves_no_libreoffice_profile_behind(pack_run):
    root, summary = pack_run
    assert summary.pdf == summary.folder / "Committee pack - 2012-05.pdf"
    assert not {"RUN80", "RUN81"} & set(summary.problems.codes())
    assert list((root / "home").iterdir()) == []
    assert list((root / "temp").iterdir()) == []


@pytest.mark.libreoffice
@pytest.mark.slow
def test_one_bookmark_per_appendix_in_letter_order_and_one_per_sheet(pack_run):
    _root, summary = pack_run
    reader = PdfReader(summary.pdf)
    outline = reader.outline
    appendices = [item for item in outline if not isinstance(item, list)]
    assert [a.title.split(":")[0] for a in appendices] == ["Appendix A", "Appendix B", "Appendix C"]
    sheets_below = [item for item in outline if isinstance(item, list)]
    for appendix, sheets in zip(appendices, sheets_below, strict=True):
        letter = appendix.title.split(":")[0]
        [book] = [p for p in summary.written if p.name.startswith(letter)]
        assert [s.title for s in sheets] == openpyxl.load_workbook(book, read_only=True).sheetnames
        assert reader.get_destination_page_number(sheets[0]) == reader.get_destination_page_number(appendix)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_pages_are_the_appendices_own_and_numbered_through_the_pack(pack_run, tmp_path):
    _root, summary = pack_run
    reader = PdfReader(summary.pdf)
    soffice = pdf_pack.find_libreoffice()
    books = sorted(p for p in summary.written if p.name.startswith("Appendix "))
    own = {book.name[9]: len(PdfReader(pdf).pages)
           for book, pdf in zip(books, pdf_pack.convert_all(soffice, books, tmp_path), strict=True)}
    assert len(reader.pages) == sum(own.values()) == summary.pack.total
    assert summary.pack.pages == own
    first = 1
    starts = [reader.get_destination_page_number(a) for a in reader.outline if not isinstance(a, list)]
    for letter, start in zip("ABC", starts, strict=True):
        assert start + 1 == first
        assert footer_page(reader.pages[start]) == (first, len(reader.pages)), letter
        first += own[letter]
    assert [footer_page(page)[0] for page in reader.pages] == list(range(1, len(reader.pages) + 1))


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_email_draft_attaches_the_pack(pack_run):
    _root, summary = pack_run
    message = message_from_bytes(summary.email.read_bytes(), policy=policy.default)
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attached[summary.pdf.name] == summary.pdf.read_bytes()


def test_without_libreoffice_the_workbooks_are_written_and_a_warning_says_how_to_get_the_pdf(
        tmp_path, monkeypatch):
    inputs = build_inputs(tmp_path)
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pdf_pack, "INSTALL_PLACES", ())
    result = CliRunner().invoke(main, ["run", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"),
                                       "--pdf"])
    assert result.exit_code == 0, result.output
    assert "needs LibreOffice" in result.output and "libreoffice.org" in result.output
    folder = tmp_path / "out" / "2012-05"
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".pdf")]
    assert len([n for n in names if n.startswith("Appendix ")]) == 3
    assert "Email to members - 2012-05.eml" in result.output


def test_a_pack_left_by_an_earlier_run_is_named_when_this_run_makes_none(tmp_path, monkeypatch):
    inputs = build_inputs(tmp_path)
    first = pipeline.run(inputs, tmp_path / "out")
    assert "RUN82" not in first.problems.codes()
    old = first.folder / "Committee pack - 2012-05.pdf"
    old.write_bytes(b"%PDF-1.7 an earlier pack %%EOF")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    monkeypatch.setattr(pdf_pack, "INSTALL_PLACES", ())
    for pdf in (False, True):  # without --pdf, and with it but no LibreOffice
        again = pipeline.run(inputs, tmp_path / "out", pdf=pdf)
        [stale] = [p for p in again.problems.problems if p.code == "RUN82"]
        assert old.name in stale.found
        assert old.read_bytes() == b"%PDF-1.7 an earlier pack %%EOF"  # left for the officer to decide


def stand_in(folder: Path, script: str) -> Path:
    """A fake soffice: a shell script in place of LibreOffice."""
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


def a_workbook(path: Path, pack_pages) -> None:
    path.write_bytes(b"not really a workbook")


APPENDIX = pdf_pack.Appendix("B", "Adult Social Care dashboard", "Appendix B - Adults - 2012-05.xlsx", a_workbook)


@pytest.mark.slow  # waits out a time limit
@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a shell script")
def test_a_conversion_that_hangs_is_stopped_after_the_time_limit_and_named(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    stand_in(tmp_path, f"sleep 60 &\necho $$ $! > '{pids}'\nwait\n")
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ["PATH"])
    problems = ProblemLog()
    started = time.monotonic()
    pack = pdf_pack.committee_pack([APPENDIX], tmp_path / "pack.pdf", "Pack", problems, timeout=1)
    assert time.monotonic() - started < 15
    assert pack is None and not (tmp_path / "pack.pdf").exists()
    [problem] = problems.problems
    assert problem.code == "RUN81" and not problem.is_error
    assert "Appendix B - Adults - 2012-05.xlsx" in problem.found and "stopped" in problem.found
    time.sleep(0.2)
    assert [pid for pid in map(int, pids.read_text().split()) if running(pid)] == []


@pytest.mark.slow  # waits out a time limit
@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a script with a shebang")
def test_of_several_workbooks_the_one_it_stalled_on_is_named(tmp_path):
    soffice = stand_in(tmp_path, "")
    soffice.write_text(f"""#!{sys.executable}
import sys, time
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
first = Path(args[args.index("--outdir") + 2])
(out / (first.stem + ".pdf")).write_bytes(b"%PDF-1.4 converted")
time.sleep(60)
""")
    books = [tmp_path / "Appendix A - Plan - 2012-05.xlsx", tmp_path / "Appendix B - Adults - 2012-05.xlsx"]
    with pytest.raises(pdf_pack.ConversionFailed) as failure:
        pdf_pack.convert_all(soffice, books, tmp_path, timeout=1)
    assert failure.value.timed_out
    assert failure.value.workbook == "Appendix B - Adults - 2012-05.xlsx"
    assert "Appendix B - Adults - 2012-05.xlsx" in str(failure.value)


def running(pid: int) -> bool:
    """Whether a process still runs (a killed one nobody has reaped yet does not)."""
    stat = Path(f"/proc/{pid}/stat")
    if Path("/proc").is_dir():
        return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a shell script")
def test_a_conversion_that_fails_is_named_and_the_profile_is_removed(tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    soffice = stand_in(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    with pytest.raises(pdf_pack.ConversionFailed) as failure:
        pdf_pack.convert(soffice, tmp_path / "Appendix C - Children - 2012-05.xlsx", tmp_path, timeout=30)
    assert not failure.value.timed_out
    assert "Appendix C - Children - 2012-05.xlsx" in str(failure.value)
    assert "could not be loaded" in str(failure.value)
    assert list(temp.iterdir()) == []


def test_libreoffice_is_found_on_the_path_or_in_its_install_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    installed = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    monkeypatch.setattr(pdf_pack, "INSTALL_PLACES", (tmp_path / "missing.exe", installed))
    assert pdf_pack.find_libreoffice() is None
    installed.parent.mkdir(parents=True)
    installed.write_bytes(b"")
    assert pdf_pack.find_libreoffice() == installed
    on_path = stand_in(tmp_path, "exit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf_pack.find_libreoffice() == on_path
    assert shutil.which("soffice") == str(on_path)


@pytest.mark.parametrize("written, whole", [(b"%PDF-1.7\n...\n%%EOF\n", True), (b"%PDF-1.7\n...", False),
                                            (b"<html>not a pdf</html>%%EOF", False)])
def test_a_pdf_is_written_whole_or_not_at_all(tmp_path, written, whole):
    folder = tmp_path / "2012-05"
    writers = {"a.csv": lambda p: p.write_text("x"), "Committee pack - 2012-05.pdf": lambda p: p.write_bytes(written)}
    if whole:
        write_all(folder, writers)
        assert (folder / "Committee pack - 2012-05.pdf").read_bytes() == written
    else:
        with pytest.raises(OutputError, match="did not write completely"):
            write_all(folder, writers)
        assert not folder.exists()
