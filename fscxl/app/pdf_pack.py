"""The committee pack: every appendix converted to PDF by LibreOffice and merged into one document.

LibreOffice prints the workbooks as members will see them (the print set-up the
renderers gave: A4 landscape, repeated headings, footers). Each workbook is rendered
twice: once to learn how many pages it takes, then again with its first page number
and the pack's page count in its print set-up, so the footers number the pages through
the whole pack without anything being stamped over them. Each conversion runs with a
throw-away LibreOffice profile in the system's temporary folder (nothing is left in the
user's home or the shared folder) and is stopped if it takes longer than a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.errors import OutputError
from fscxl.model.problems import ProblemLog
from fscxl.render.book import PackPages

CONVERSION_SECONDS = 120  # a workbook of the pack converts in a few seconds; more means a hang
SOFFICE_NAMES = ("soffice", "libreoffice")
# where the LibreOffice installers put it when it is not on PATH (the usual case on Windows and macOS)
INSTALL_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
HOW_TO_GET_IT = ("Install LibreOffice (free, from libreoffice.org) and run again with --pdf; or open each "
                 "appendix in Excel and save it as PDF")

Render = Callable[[Path, "PackPages | None"], None]


@dataclass(frozen=True)
class Appendix:
    """One appendix of the pack: its letter, its title for the bookmark, and how to draw its workbook."""

    letter: str
    title: str
    workbook_name: str  # its file name, as written in the month's folder and named in messages
    render: Render  # render(path, pack_pages) writes the workbook


class ConversionFailed(OutputError):
    """LibreOffice did not turn a workbook into a PDF: it hung, failed or wrote nothing."""

    def __init__(self, message: str, workbook: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.workbook = workbook
        self.timed_out = timed_out


@dataclass
class Pack:
    """A committee pack as made: the PDF, each appendix's pages, and how long it took."""

    path: Path
    pages: dict[str, int] = field(default_factory=dict)  # appendix letter -> its pages
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.pages.values())


def find_libreoffice() -> Path | None:
    """LibreOffice's soffice on PATH, else in its usual install folder on Windows or macOS."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((place for place in INSTALL_PLACES if place.is_file()), None)


def _stop(process: subprocess.Popen) -> None:
    """End a conversion and everything it started (soffice starts soffice.bin under it)."""
    try:
        if sys.platform == "win32":  # soffice.exe starts soffice.bin: end the whole tree
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True,
                           timeout=30, check=False)
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):  # it ended by itself meanwhile
        pass
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # something it started still holds its output open: leave it
        pass


def convert(soffice: Path, workbook: Path, out_dir: Path, timeout: float = CONVERSION_SECONDS) -> Path:
    """One workbook to PDF in `out_dir`, with a profile of its own that is removed afterwards."""
    return convert_all(soffice, [workbook], out_dir, timeout)[0]


def convert_all(soffice: Path, workbooks: list[Path], out_dir: Path,
                timeout: float = CONVERSION_SECONDS) -> list[Path]:
    """Workbooks to PDFs in `out_dir` by one LibreOffice (it starts once: a second or two saved
    per workbook), allowed `timeout` seconds a workbook. LibreOffice converts them in turn, so
    the one it stalled or failed on is the first without its PDF, and a failure names it."""
    profile = Path(tempfile.mkdtemp(prefix="fscxl-libreoffice-"))
    command = [str(soffice), f"-env:UserInstallation={(profile / 'user').as_uri()}", "--headless", "--norestore",
               "--nologo", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, workbooks)]
    # its own process group (session), so a hang can be stopped with everything it started
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32"
             else {"start_new_session": True})
    # on Linux and macOS the desktop libraries it loads write caches under the home folder: send
    # them, with the profile, into the folder removed below (Windows keeps all in the profile)
    home = {} if sys.platform == "win32" else {"HOME": str(profile), "XDG_CONFIG_HOME": str(profile / "config"),
                                               "XDG_CACHE_HOME": str(profile / "cache")}
    pdfs = [out_dir / (workbook.stem + ".pdf") for workbook in workbooks]

    def first_missing() -> str:
        return next((w.name for w, pdf in zip(workbooks, pdfs, strict=True)
                     if not pdf.is_file() or pdf.stat().st_size == 0), "")

    try:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, env={**os.environ, **home}, **group)
        except OSError as exc:
            raise ConversionFailed(f"LibreOffice ({soffice}) could not be started to convert "
                                   f"{workbooks[0].name} ({exc.strerror or exc})", workbooks[0].name) from exc
        try:
            _out, err = process.communicate(timeout=timeout * len(workbooks))
        except subprocess.TimeoutExpired:
            _stop(process)
            stalled = first_missing() or workbooks[-1].name
            raise ConversionFailed(f"LibreOffice took more than {timeout:g} seconds to convert "
                                   f"{stalled} and was stopped", stalled, timed_out=True) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    failed = first_missing()
    if process.returncode != 0 or failed:
        failed = failed or workbooks[0].name
        said = err.decode(errors="replace").strip().splitlines()
        raise ConversionFailed(f"LibreOffice could not convert {failed}"
                               + (f" (it said: {said[-1]})" if said else ""), failed)
    return pdfs


def _page_counts(appendices: list[Appendix], pdfs: list[Path]) -> dict[str, int]:
    from pypdf import PdfReader  # only a run with --pdf pays for importing it
    from pypdf.errors import PyPdfError

    counts = {}
    for appendix, pdf in zip(appendices, pdfs, strict=True):
        try:
            counts[appendix.letter] = len(PdfReader(pdf).pages)
        except (PyPdfError, OSError, ValueError) as exc:
            raise ConversionFailed(f"LibreOffice's PDF of {appendix.workbook_name} could not be read "
                                   f"({exc})", appendix.workbook_name) from exc
    return counts


def _drawn_and_converted(appendices: list[Appendix], folder: Path, soffice: Path,
                         pack_pages: dict[str, PackPages] | None, timeout: float) -> list[Path]:
    """Each appendix's workbook drawn into `folder` (numbered for the pack if given) and converted."""
    folder.mkdir(parents=True)
    workbooks = []
    for appendix in appendices:
        workbook = folder / appendix.workbook_name
        appendix.render(workbook, pack_pages[appendix.letter] if pack_pages else None)
        workbooks.append(workbook)
    return convert_all(soffice, workbooks, folder, timeout)


PACK_STEPS = 2  # for the progress line: pages counted, then the pack numbered and merged


def make_pack(appendices: list[Appendix], destination: Path, soffice: Path, title: str,
              timeout: float = CONVERSION_SECONDS, step: Callable[[], None] | None = None) -> Pack:
    """Write the committee pack to `destination`: the appendices in letter order, bookmarked,
    numbered through. Raises ConversionFailed naming the workbook LibreOffice could not convert.

    `step` is called after each of the PACK_STEPS steps, so a progress line shows it working."""
    step = step or (lambda: None)
    started = time.perf_counter()
    ordered = sorted(appendices, key=lambda a: a.letter)
    with tempfile.TemporaryDirectory(prefix="fscxl-pack-") as scratch:
        scratch = Path(scratch)
        pages = _page_counts(ordered, _drawn_and_converted(ordered, scratch / "count", soffice, None, timeout))
        step()
        for attempt in range(3):  # the numbers barely change a page's text, so the count holds
            total, first, numbering = sum(pages.values()), 1, {}
            for appendix in ordered:
                numbering[appendix.letter] = PackPages(first, total)
                first += pages[appendix.letter]
            pdfs = _drawn_and_converted(ordered, scratch / f"pack{attempt}", soffice, numbering, timeout)
            counted = _page_counts(ordered, pdfs)
            if counted == pages:
                break
            pages = counted
        _merge(ordered, pdfs, destination, title)
        step()
    return Pack(destination, pages, time.perf_counter() - started)


def _merge(ordered: list[Appendix], pdfs: list[Path], destination: Path, title: str) -> None:
    """One PDF: a bookmark per appendix, under it one per sheet (LibreOffice marks each sheet)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for appendix, pdf in zip(ordered, pdfs, strict=True):
        reader = PdfReader(pdf)
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=f"Appendix {appendix.letter}: {appendix.title}", page_number=start)
        for item in reader.outline:
            if isinstance(item, list):  # nested marks: a sheet's own headings, not wanted here
                continue
            writer.add_outline_item(title=str(item.title),
                                    page_number=start + reader.get_destination_page_number(item), parent=parent)
    writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    with open(destination, "wb") as handle:
        writer.write(handle)


def committee_pack(appendices: list[Appendix], destination: Path, title: str, problems: ProblemLog,
                   timeout: float | None = None, step: Callable[[], None] | None = None) -> Pack | None:
    """The pack, or None with a warning saying why: the workbooks are worth having without it."""
    soffice = find_libreoffice()
    if soffice is None:
        problems.warning("", "", "", "the committee pack (PDF) was not made: --pdf needs LibreOffice, "
                         "and it was not found on this computer", HOW_TO_GET_IT + ". The workbooks were "
                         "written as usual.", code="RUN80")
        return None
    try:
        return make_pack(appendices, destination, soffice, title, timeout or CONVERSION_SECONDS, step)
    except ConversionFailed as failure:
        problems.warning("", "", "", f"the committee pack (PDF) was not made: {failure}",
                         "The workbooks were written as usual. Close any LibreOffice window and run "
                         "again with --pdf; if it fails again, open that workbook and save it as PDF.",
                         code="RUN81")
        return None


def warn_if_stale(pack: Path, problems: ProblemLog) -> None:
    """An earlier run's pack left beside this run's workbooks would show members other figures."""
    if pack.exists():
        problems.warning("", "", "", f"{pack.name} in {pack.parent} was made by an earlier run and was not "
                         "brought up to date, so it may not match this run's workbooks",
                         "Run again with --pdf to bring it up to date, or delete it so it is not sent.",
                         code="RUN82")
