"""The run as a short story: find the inputs, read them, check them, compute, render, write.

Every step below is a call into one stage (read, check, compute, render) or into the
app's plumbing (worker processes, whole-or-nothing writing); the command line is a
thin shell around `run` and `validate`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.app import pdf_pack, workers
from fscxl.app.email_draft import write_email_draft
from fscxl.app.outputs import run_lock, write_all
from fscxl.app.progress import stage
from fscxl.check import cross
from fscxl.compute import disclosure
from fscxl.compute.results import HISTORY_MONTHS, Report, build_results, default_reporting_month
from fscxl.compute.revisions import Revision, find_revisions
from fscxl.model.errors import InputError, OutputError, UsageError
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import BUSINESS_PLAN_APPENDIX, Action, Catalogue, Commentary, ReturnsData
from fscxl.read.business_plan import actions_from_sheets
from fscxl.read.catalogue import catalogue_from_sheets
from fscxl.read.commentary import commentary_from_sheets
from fscxl.read.inputs import CATALOGUE, RETURNS, InputFiles, find_inputs, label_of
from fscxl.read.published import published_figures
from fscxl.read.returns import read_return_file
from fscxl.read.stack import add_up
from fscxl.render.business_plan import title as business_plan_title
from fscxl.render.business_plan import write_business_plan
from fscxl.render.results_csv import write_districts_csv, write_results_csv
from fscxl.render.scorecard import write_scorecard
from fscxl.render.validation import write_validation_report

VALIDATION_REPORT = "validation_report.xlsx"
RESULTS_CSV = "results.csv"
DISTRICTS_CSV = "districts.csv"


def pack_name(month: Month) -> str:
    return f"Committee pack - {month.iso}.pdf"


def email_name(month: Month) -> str:
    return f"Email to members - {month.iso}.eml"


@dataclass
class Loaded:
    """The inputs as read and checked, before anything is computed."""

    problems: ProblemLog
    catalogue: Catalogue | None = None
    returns: ReturnsData | None = None
    commentary: Commentary = field(default_factory=Commentary)
    actions: list[Action] | None = None


@dataclass
class RunSummary:
    month: Month
    folder: Path
    written: list[Path]
    problems: ProblemLog
    beside: dict[Path, Path] = field(default_factory=dict)  # new file -> the open one it could not replace
    pack: pdf_pack.Pack | None = None  # with --pdf: the committee pack's pages and making time
    recipients: int = 0  # addresses the e-mail draft is to (To and Cc)
    revisions: list[Revision] = field(default_factory=list)  # earlier months' figures changed since published
    suppressed: int = 0  # figures shown as [c] in the outputs that leave the council

    def _written(self, name: str) -> Path | None:
        """Where a file of this run went: its own name, or beside the open one it could not replace."""
        wanted = self.folder / name
        return next((p for p in self.written if p == wanted or self.beside.get(p) == wanted), None)

    @property
    def pdf(self) -> Path | None:
        """The committee pack, if this run made one."""
        return self._written(pack_name(self.month))

    @property
    def email(self) -> Path | None:
        """The unsent e-mail to members."""
        return self._written(email_name(self.month))

    @property
    def report(self) -> Path:
        """Where this run's validation report is."""
        return next((p for p in self.written if p.name.startswith(Path(VALIDATION_REPORT).stem)),
                    self.folder / VALIDATION_REPORT)


def read_returns(files: list[tuple[Path, str]], problems: ProblemLog, progress=None) -> ReturnsData:
    """Every return read in the worker processes, then added up; `files` pairs a path with its label."""
    return _collect_returns(_start_returns(files, progress), files, problems)


def _start_returns(files: list[tuple[Path, str]], progress) -> workers.Pending:
    def advance(count: int) -> None:
        for _ in range(count):
            progress()

    # absolute: a worker keeps the working directory it started in
    return workers.submit_isolated(read_return_file, [(path.absolute(), label) for path, label in files],
                                   on_result=advance if progress else None)


def _collect_returns(pending: workers.Pending, files: list[tuple[Path, str]],
                     problems: ProblemLog) -> ReturnsData:
    blocks = []
    without_months = []
    read = 0
    for (_path, label), outcome in zip(files, pending.results(), strict=True):
        if isinstance(outcome, (workers.Crashed, workers.Failed)):
            problems.extend([workers.lost_file_problem(label, outcome)])
            continue
        problems.extend(outcome.problems)
        if outcome.read:
            read += 1
            blocks.extend(outcome.blocks)
            without_months.extend(outcome.without_months)
    data = add_up(blocks, problems)
    data.workbooks_read = read
    data.without_months = without_months
    return data


SMALL_WORKBOOKS = (("catalogue", "the catalogue"), ("commentary", "the commentary workbook"),
                   ("business_plan", "the business plan workbook"))


def load(inputs: Path, progress=None) -> Loaded:
    """Read and check every input; problems are collected, never raised one by one.

    The returns and the three small workbooks are handed to the worker processes together;
    the catalogue's problems are logged first, then the returns', then the rest.
    """
    found: InputFiles = find_inputs(inputs)
    problems = ProblemLog()
    loaded = Loaded(problems)
    files = [(p, label_of(p, inputs)) for p in found.returns]
    small = [(name, getattr(found, name), noun) for name, noun in SMALL_WORKBOOKS if getattr(found, name)]
    returns = _start_returns(files, stage(progress, "Reading returns", len(files)))
    small_reads = workers.read_workbooks([(path, label_of(path, inputs), noun, True) for _name, path, noun in small])
    sheets = {name: (read.sheets, read.problems) for (name, _path, _noun), read in zip(small, small_reads, strict=True)}

    later = ProblemLog()  # commentary and business plan problems, logged after the returns'
    if found.catalogue is None:
        problems.error(CATALOGUE, "", "", f"there is no {CATALOGUE} in {inputs}",
                       "Put the catalogue of measures and targets in the inputs folder.", code="RUN01")
    else:
        read, read_problems = sheets["catalogue"]
        problems.extend(read_problems)
        if read is not None:
            loaded.catalogue = catalogue_from_sheets(read, label_of(found.catalogue, inputs), problems)
    if found.commentary is not None:
        read, read_problems = sheets["commentary"]
        later.extend(read_problems)
        if read is not None:
            loaded.commentary = commentary_from_sheets(read, label_of(found.commentary, inputs), later)
            cross.commentary_matches_catalogue(loaded.commentary, loaded.catalogue, later)
    if found.business_plan is not None:
        read, read_problems = sheets["business_plan"]
        later.extend(read_problems)
        if read is not None:
            loaded.actions = actions_from_sheets(read, label_of(found.business_plan, inputs), later)
        cross.business_plan_appendix(loaded.catalogue, label_of(found.business_plan, inputs), problems)

    if not files:
        problems.error(RETURNS, "", "", f"there are no return workbooks (.xlsx) in {found.returns_folder}",
                       "Put the officers' returns in the returns folder.", code="RUN02")
    loaded.returns = _collect_returns(returns, files, problems)
    cross.sheets_without_months(loaded.catalogue, loaded.returns, problems)
    if loaded.catalogue is not None:
        cross.fields_no_return_supplies(loaded.catalogue, loaded.returns, problems)
    problems.extend(later.problems)
    return loaded


def reporting_month(loaded: Loaded, requested: Month | None) -> Month:
    latest = loaded.returns.latest_month
    if latest is None:
        raise InputError("no return holds any figure, so there is nothing to report",
                         loaded.problems.problems)
    if requested is None:
        return _default_month(loaded)
    if requested > latest:
        raise UsageError(f"there are no figures for {requested.label} yet: the latest month "
                         f"with data is {latest.label} ({latest.iso}).")
    data = loaded.returns
    with_data = {m for series in (*data.county.values(), *data.missing_districts.values()) for m in series}
    if requested not in with_data:  # before the first month, or a gap: a scorecard of blanks
        raise UsageError(f"no return holds any figure for {requested.label}: the months with data run "
                         f"from {min(with_data).label} to {latest.label} ({latest.iso}).")
    return requested


def _default_month(loaded: Loaded) -> Month:
    """(v2) The latest month most measures have figures for; later, sparser months are named."""
    data = loaded.returns
    with_data = {m for series in (*data.county.values(), *data.missing_districts.values()) for m in series}
    if loaded.catalogue is None or not with_data:
        return data.latest_month
    chosen, later = default_reporting_month(loaded.catalogue, data, sorted(with_data))
    for month, with_figure, judged in later:
        loaded.problems.warning(RETURNS, "", "", f"{month.label}: {with_figure} of {judged} measures have "
                                f"figures; reported when most have (this report is for {chosen.label})",
                                f"Enter the remaining figures for {month.label}, or run with --month "
                                f"{month.iso} to report it now.", code="RUN70")
    return chosen


FILE_TITLE_LIMIT = 80  # characters of a title in a file name: the whole path must stay under Windows' 260


def _safe_name(text: str) -> str:
    """A file-name-safe version of a title (Windows forbids \\/:*?\"<>| and control characters).

    A long title is cut at a word: the appendix letter and month still make the name unique.
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-")
    if len(name) > FILE_TITLE_LIMIT:
        cut = name[:FILE_TITLE_LIMIT]
        name = (cut.rsplit(" ", 1)[0] if " " in cut[FILE_TITLE_LIMIT // 2:] else cut).strip(" .-")
    return name or "Scorecard"


def output_names(catalogue: Catalogue, month: Month, with_business_plan: bool) -> dict[str, object]:
    """File name -> the scorecard it holds (None for Appendix A)."""
    names: dict[str, object] = {}
    if with_business_plan:
        names[f"Appendix {BUSINESS_PLAN_APPENDIX} - Business Plan Outturn Exceptions - {month.iso}.xlsx"] = None
    for card in catalogue.scorecards:
        names[f"Appendix {card.appendix} - {_safe_name(card.title)} - {month.iso}.xlsx"] = card
    return dict(sorted(names.items()))


def appendices_of(report: Report) -> list[pdf_pack.Appendix]:
    """The month's appendix workbooks, each with what draws it (numbered through a pack, or not)."""
    appendices = []
    for name, card in output_names(report.catalogue, report.month, report.actions is not None).items():
        if card is None:
            def render(path: Path, pack_pages=None) -> None:
                write_business_plan(report, path, pack_pages)
            appendices.append(pdf_pack.Appendix(BUSINESS_PLAN_APPENDIX, business_plan_title(report.actions),
                                                name, render))
        else:
            def render(path: Path, pack_pages=None, card=card) -> None:
                write_scorecard(report, card, path, pack_pages)
            appendices.append(pdf_pack.Appendix(card.appendix, card.title, name, render))
    return appendices


def run(inputs: Path, outputs: Path, month: Month | None = None, progress=None,
        pdf: bool = False) -> RunSummary:
    """The whole job. Raises InputError (after writing the validation report) on bad inputs.

    With `pdf`, the appendices are also converted into one committee pack (a warning, not
    a failure, when LibreOffice is missing or stalls); every run drafts the e-mail to members.
    """
    loaded = load(inputs, progress=progress)
    problems = loaded.problems
    if problems.has_errors:
        error = InputError(f"the inputs have {len(problems.errors)} error(s); no scorecard was written",
                           problems.sorted())
        _attach_report(error, problems, inputs, outputs)
        raise error
    try:
        chosen = reporting_month(loaded, month)
    except InputError as error:
        problems.error(RETURNS, "", "", str(error), "Enter the month's figures in the returns and run again.",
                       code="RUN03")
        _attach_report(error, problems, inputs, outputs)
        raise
    results = build_results(loaded.catalogue, loaded.returns, chosen, problems)
    report = Report(chosen, loaded.catalogue, results, loaded.commentary, loaded.actions,
                    problems, dt.datetime.now())
    report.disclosure = disclosure.decide(results, loaded.returns, loaded.catalogue.report.suppress_below)
    earlier = [chosen - back for back in range(HISTORY_MONTHS - 1, 0, -1)]  # the months the strip shows
    report.revisions = find_revisions(results, published_figures(outputs, earlier, problems))
    cross.dashboard_commentary(loaded.catalogue, loaded.commentary, chosen, problems)

    appendices = appendices_of(report)
    writers = {appendix.workbook_name: appendix.render for appendix in appendices}
    folder = outputs / chosen.iso
    with tempfile.TemporaryDirectory(prefix="fscxl-pack-") as scratch:
        # made before anything is written, so its warnings reach the validation report
        pack = pdf_pack.committee_pack(
            appendices, Path(scratch) / pack_name(chosen), f"Committee pack, data to end of {chosen.label}",
            problems, step=stage(progress, "Making the committee pack (PDF)", pdf_pack.PACK_STEPS)) if pdf else None
        if pack is None:
            pdf_pack.warn_if_stale(folder / pack_name(chosen), problems)
        attached = [a.workbook_name for a in appendices]
        if pack is not None:
            writers[pack_name(chosen)] = lambda p: shutil.copyfile(pack.path, p)
            attached.append(pack_name(chosen))
        writers[RESULTS_CSV] = lambda p: write_results_csv(report, p)
        writers[DISTRICTS_CSV] = lambda p: write_districts_csv(report, p)
        # write_all stages every file in one folder, so the attachments are the draft's neighbours
        writers[email_name(chosen)] = lambda p: write_email_draft(report, p, [p.parent / n for n in attached])
        writers[VALIDATION_REPORT] = lambda p: write_validation_report(problems.sorted(), p, inputs, folder)
        with run_lock(outputs):  # one run writes at a time; the month's files go in as one set
            written = write_all(folder, writers, progress=stage(progress, "Writing workbooks", len(writers)),
                                replaces=lambda name: name.endswith(f" - {chosen.iso}.xlsx")
                                and name.startswith("Appendix "))
            if (outputs / VALIDATION_REPORT).exists():  # an earlier failed run's report would mislead
                try:
                    write_report(problems, inputs, outputs)
                except OutputError:  # the month's files are in place: only the stale report must go
                    with contextlib.suppress(OSError):
                        (outputs / VALIDATION_REPORT).unlink(missing_ok=True)
    report_settings = loaded.catalogue.report
    summary = RunSummary(chosen, folder, written.files, problems, written.beside, pack,
                         len(report_settings.email_to) + len(report_settings.email_cc),
                         report.revisions, report.disclosure.count)
    if pack is not None:
        pack.path = summary.pdf  # the scratch copy is gone; this is the one written
    return summary


def _attach_report(error: InputError, problems: ProblemLog, inputs: Path, outputs: Path) -> None:
    """Write the validation report for a failed run; if that fails, the errors still get shown."""
    try:
        error.report = write_report(problems, inputs, outputs)
    except OutputError as exc:
        error.report_failure = str(exc)


def write_report(problems: ProblemLog, inputs: Path, outputs: Path) -> Path:
    """outputs/validation_report.xlsx (or beside it, if the old one is open); returns where it went."""
    with run_lock(outputs):
        written = write_all(outputs, {VALIDATION_REPORT: lambda p: write_validation_report(
            problems.sorted(), p, inputs, outputs)})
    return written.files[0]


def validate(inputs: Path, progress=None) -> ProblemLog:
    """Check every input without computing or writing scorecards."""
    return load(inputs, progress=progress).problems
