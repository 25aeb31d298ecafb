"""A first look at every input file before any parser sees it.

Workbooks reach the shared drive from many hands: half-copied files, password-protected
ones, old .xls files or web-page exports renamed .xlsx, and now and then a crafted one.
The parsers behind fscxl answer those with cryptic exceptions, runaway memory or a crash,
so each file is judged here first from its bytes and its zip directory: rejected with a
message an officer can act on, accepted with a warning, or accepted.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.problems import ERROR, WARNING, Problem
from fscxl.read.xmlscan import (
    DECLARATION_OVERLAP,
    DEFAULT_WORKBOOK_PART,
    as_utf8,
    declares_doctype,
    is_wide,
    part_name,
    relationships_part,
    shared_strings_claim,
    workbook_part,
)

# No return, catalogue or commentary workbook comes anywhere near these; a file beyond
# them is damaged or built to exhaust memory (a "zip bomb").
MAX_PART_BYTES = 128 * 1024 * 1024  # one part (e.g. one sheet's XML), uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # every part together, uncompressed
# Compression. Real cell XML packs at most about 120:1 (Mac Excel, a 57 MB sheet of long
# texts); only long runs of one byte, which no program writes, approach deflate's own
# limit of about 1,030:1. A part packed tighter than MAX_RATIO is judged by the memory
# the reader would use for it: its text is held whole by this check, scanned, and parsed,
# about three times its size, which must fit READER_MEMORY. Beyond MAX_RATIO_EVER it is
# rejected whatever its size.
MAX_RATIO = 100  # uncompressed / compressed, for parts big enough to matter
MAX_RATIO_EVER = 500
READER_MEMORY = 256 * 1024 * 1024
COPIES_HELD = 3
RATIO_FLOOR = 1024 * 1024  # smaller parts may compress as well as they like
MAX_PARTS = 10_000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
XML_SUFFIXES = (".xml", ".rels", ".vml")
CHUNK = 1024 * 1024
PACKAGE_RELS = "_rels/.rels"

RESAVE = "Open it in Excel and save it with File > Save As > 'Excel Workbook (.xlsx)'."
COPY_AGAIN = ("Copy the workbook again from where it was saved; if Excel cannot open it either, "
              "ask whoever made it to send it again.")
UNSAFE_FIX = ("If you made this workbook, open it in Excel and save a fresh copy; if you did not, "
              "do not open it and tell your IT service desk.")


@dataclass
class Verdict:
    """Everything the preflight found (problems without a workbook name yet); the file may be
    read only when `readable`."""

    findings: list[Problem] = field(default_factory=list)
    # the workbook part, its relationships, the content types and (when asked) the
    # worksheets, as read and in UTF-8, so the reader need not open them again
    parts: dict[str, bytes] = field(default_factory=dict)
    workbook_part: str = DEFAULT_WORKBOOK_PART  # where the package's relationships put it
    # some part's name or encoding is one calamine refuses (backslashes, UTF-16): the
    # reader hands it a repaired copy
    rewrite: bool = False

    @property
    def readable(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    def reject(self, found: str, fix: str, *, code: str) -> Verdict:
        self.findings.append(Problem(ERROR, found=found, fix=fix, code=code))
        return self

    def warn(self, found: str, fix: str, *, code: str) -> None:
        self.findings.append(Problem(WARNING, found=found, fix=fix, code=code))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_file(path: Path, keep_sheets: bool = False) -> Verdict:
    """Judge one input file; never raises for anything the file itself contains.

    The workbook's own parts read while judging are kept in `parts`; with `keep_sheets`,
    the worksheet parts too.
    """
    verdict = Verdict()
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return verdict.reject(f"the file could not be opened ({exc.strerror or exc})",
                              "Close it if it is open in Excel, check you can open it, and run again.",
                              code="FILE01")
    if size == 0:
        return verdict.reject("the file is empty (0 bytes), perhaps a copy that did not finish",
                              COPY_AGAIN, code="FILE02")
    if head.startswith(OLE2_MAGIC):
        return _judge_ole2(path, verdict)
    if not head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return verdict.reject(f"the file is {_what_it_looks_like(head)}, not an Excel workbook", RESAVE,
                              code="FILE03")
    return _judge_zip(path, verdict, keep_sheets)


def _judge_ole2(path: Path, verdict: Verdict) -> Verdict:
    """An OLE2 container: an encrypted workbook, or an old .xls renamed."""
    markers = ("EncryptionInfo".encode("utf-16-le"), "DataSpaces".encode("utf-16-le"))
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            window = tail + chunk
            if any(marker in window for marker in markers):
                return verdict.reject(
                    "the workbook is protected with a password to open, so it cannot be read",
                    "Open it in Excel, remove the password (File > Info > Protect Workbook > "
                    "Encrypt with Password, clear the box) and save it. A password that only "
                    "protects sheets from editing is fine.", code="FILE04")
            tail = window[-32:]
    return verdict.reject("the file is an old-style Excel 97-2003 workbook (.xls) with an .xlsx name",
                          RESAVE, code="FILE05")


def _what_it_looks_like(head: bytes) -> str:
    """A plain description of a file that is not a zip, from its first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    if text.startswith(b"%pdf"):
        return "a PDF document"
    if b"<html" in text or b"<!doctype html" in text or b"<table" in text:
        return "a web page (HTML), perhaps an export from another system, saved with an .xlsx name"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return "an 'XML Spreadsheet 2003' file"
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        return "an XML file"
    if _looks_like_text(head):
        return "plain text (for example a CSV export) saved with an .xlsx name"
    return "not a format fscxl recognises"


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    printable = sum(32 <= b < 127 or b in (9, 10, 13) or b >= 128 for b in sample)
    return printable >= 0.95 * len(sample)


def _judge_zip(path: Path, verdict: Verdict, keep_sheets: bool = False) -> Verdict:
    try:
        with zipfile.ZipFile(path) as archive:
            _judge_archive(archive, verdict, keep_sheets)
            if not verdict.readable:
                verdict.parts.clear()
            return verdict
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError, OSError):
        return verdict.reject(
            "the workbook is damaged or incomplete, perhaps a copy that did not finish",
            COPY_AGAIN + " Excel may offer to repair it: save the repaired copy.", code="FILE06")


def _judge_archive(archive: zipfile.ZipFile, verdict: Verdict, keep_sheets: bool) -> Verdict:
    infos = archive.infolist()
    names = {part_name(info.filename) for info in infos}
    verdict.rewrite = any("\\" in info.filename for info in infos)
    if len(infos) > MAX_PARTS:
        return verdict.reject(f"the workbook holds {len(infos):,} parts, far more than any workbook, "
                              "so it was not opened (it may be damaged or built to cause harm)", UNSAFE_FIX,
                              code="FILE08")
    total = sum(info.file_size for info in infos)
    for info in infos:
        if info.flag_bits & 0x1:
            return verdict.reject("the workbook's parts are encrypted, so it cannot be read", RESAVE,
                                  code="FILE04")
        too_big = info.file_size > MAX_PART_BYTES
        ratio = info.file_size / max(info.compress_size, 1)
        if too_big or total > MAX_TOTAL_BYTES or _packed_too_tight(info, ratio):
            return verdict.reject(
                f"the workbook claims to expand to {_megabytes(max(total, info.file_size))} "
                f"({info.filename} alone is {_megabytes(info.file_size)}, {ratio:,.0f} times its "
                "stored size), far more than any return, so it was not opened: it may be damaged "
                "or built to exhaust memory", UNSAFE_FIX, code="FILE08")
    rels = next((info for info in infos if part_name(info.filename) == PACKAGE_RELS), None)
    verdict.workbook_part = workbook_part(archive.read(rels) if rels is not None else None)
    kept_always = {"[Content_Types].xml", verdict.workbook_part, relationships_part(verdict.workbook_part)}
    if verdict.workbook_part not in names:
        if "xl/workbook.bin" in names:
            return verdict.reject("the workbook is saved as an 'Excel Binary Workbook' (.xlsb)", RESAVE,
                                  code="FILE05")
        if "word/document.xml" in names or "ppt/presentation.xml" in names:
            kind = "a Word document" if "word/document.xml" in names else "a PowerPoint presentation"
            return verdict.reject(f"the file is {kind}, not an Excel workbook", "Check the right file was saved here.",
                                  code="FILE03")
        return verdict.reject("the file is a zip archive but not an Excel workbook (it has no "
                              "workbook part), perhaps damaged or not a workbook at all", COPY_AGAIN,
                              code="FILE06")
    for info in infos:
        name = part_name(info.filename)
        keep = name in kept_always or (keep_sheets and "worksheets/" in name)
        kept = [] if keep else None
        rejected = _check_part(archive, info, verdict, kept)
        if rejected:
            return verdict
        if kept is not None:
            verdict.parts[name] = b"".join(kept)
            recoded = as_utf8(verdict.parts[name])
            if recoded is not verdict.parts[name]:
                verdict.parts[name] = recoded
                verdict.rewrite = True
        elif not verdict.rewrite and name.lower().endswith(XML_SUFFIXES) and _starts_wide(archive, info):
            verdict.rewrite = True
    content_types = verdict.parts.get("[Content_Types].xml", b"")
    if "xl/vbaProject.bin" in names or b"macroEnabled" in content_types:
        verdict.warn("the workbook contains macros; its figures were read but no macro was run",
                     "Nothing to do if the macros are expected; otherwise save it as an "
                     "'Excel Workbook (.xlsx)', which keeps the figures and drops the macros.",
                     code="FILE13")
    if any(name.startswith("xl/externalLinks/") for name in names):
        verdict.warn("the workbook has links to other workbooks; figures that come from them are as "
                     "they were when this workbook was last saved",
                     "Open it in Excel, update the links (Data > Edit Links > Update Values) and "
                     "save it, or paste the linked figures as values.", code="FILE14")
    return verdict


def _packed_too_tight(info: zipfile.ZipInfo, ratio: float) -> bool:
    """True if a part's compression is beyond any real workbook's, or leaves it too big to read."""
    if info.file_size <= RATIO_FLOOR or ratio <= MAX_RATIO:
        return False
    return ratio > MAX_RATIO_EVER or COPIES_HELD * info.file_size > READER_MEMORY


def _starts_wide(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as part:
        return is_wide(part.read(64))


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, verdict: Verdict,
                kept: list[bytes] | None = None) -> bool:
    """Read one part whole (checking its checksum); XML parts must declare no DOCTYPE.

    True when the part makes the workbook unreadable (the reason is added to `verdict`).

    Excel never writes a document type declaration; one in a workbook can only be there
    to make an XML parser expand entities (the "billion laughs") or fetch files.
    """
    is_xml = info.filename.lower().endswith(XML_SUFFIXES)
    wide = False  # UTF-16: look for the wide forms of the declarations too
    tail = b""
    read = 0
    with archive.open(info) as part:
        while chunk := part.read(CHUNK):
            read += len(chunk)
            if kept is not None:
                kept.append(chunk)
            if read > info.file_size:  # cannot happen with zipfile, but never trust a size
                verdict.reject("the workbook is damaged (a part is longer than it claims)", COPY_AGAIN,
                               code="FILE06")
                return True
            if not is_xml:
                continue
            if not tail and is_wide(chunk):
                wide = True
            if not tail and info.filename.lower().endswith("sharedstrings.xml") and \
                    shared_strings_claim(chunk[:4096], info.file_size):
                verdict.reject("the workbook is damaged (its list of texts claims more entries than it "
                               "holds)", COPY_AGAIN, code="FILE06")
                return True
            window = tail + chunk
            if declares_doctype(window, wide):
                verdict.reject(f"the workbook contains an XML document type declaration (in "
                               f"{info.filename}), which Excel never writes, so it was not opened: "
                               "it may be built to cause harm", UNSAFE_FIX, code="FILE09")
                return True
            tail = window[-DECLARATION_OVERLAP:]
    return False
