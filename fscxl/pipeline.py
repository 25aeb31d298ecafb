"""The run as a short story: find the inputs, read them, check them, compute, render, write.

Every step below is a call into one stage (read, check, compute, render) or into the
app's plumbing (worker processes, whole-or-nothing writing); the command line is a
thin shell around `run` and `validate`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.app import workers
from fscxl.app.outputs import run_lock, write_all
from fscxl.app.progress import stage
from fscxl.check import cross
from fscxl.compute.results import Report, build_results
from fscxl.model.errors import InputError, OutputError, UsageError
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import BUSINESS_PLAN_APPENDIX, Action, Catalogue, Commentary, ReturnsData
from fscxl.read.business_plan import actions_from_sheets
from fscxl.read.catalogue import catalogue_from_sheets
from fscxl.read.commentary import commentary_from_sheets
from fscxl.read.inputs import CATALOGUE, RETURNS, InputFiles, find_inputs, label_of
from fscxl.read.returns import read_return_file
from fscxl.read.stack import add_up
from fscxl.render.business_plan import write_business_plan
from fscxl.render.results_csv import write_results_csv
from fscxl.render.scorecard import write_scorecard
from fscxl.render.validation import write_validation_report

VALIDATION_REPORT = "validation_report.xlsx"
RESULTS_CSV = "results.csv"


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
    read = 0
    for (_path, label), outcome in zip(files, pending.results(), strict=True):
        if isinstance(outcome, (workers.Crashed, workers.Failed)):
            problems.extend([workers.lost_file_problem(label, outcome)])
            continue
        problems.extend(outcome.problems)
        if outcome.read:
            read += 1
            blocks.extend(outcome.blocks)
    data = add_up(blocks, problems)
    data.workbooks_read = read
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
                       "Put the catalogue of measures and targets in the inputs folder.")
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
                       "Put the officers' returns in the returns folder.")
    loaded.returns = _collect_returns(returns, files, problems)
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
        return latest
    if requested > latest:
        raise UsageError(f"there are no figures for {requested.label} yet: the latest month "
                         f"with data is {latest.label} ({latest.iso}).")
    data = loaded.returns
    with_data = {m for series in (*data.county.values(), *data.missing_districts.values()) for m in series}
    if requested not in with_data:  # before the first month, or a gap: a scorecard of blanks
        raise UsageError(f"no return holds any figure for {requested.label}: the months with data run "
                         f"from {min(with_data).label} to {latest.label} ({latest.iso}).")
    return requested


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


def run(inputs: Path, outputs: Path, month: Month | None = None, progress=None) -> RunSummary:
    """The whole job. Raises InputError (after writing the validation report) on bad inputs."""
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
        problems.error(RETURNS, "", "", str(error), "Enter the month's figures in the returns and run again.")
        _attach_report(error, problems, inputs, outputs)
        raise
    results = build_results(loaded.catalogue, loaded.returns, chosen, problems)
    report = Report(chosen, loaded.catalogue, results, loaded.commentary, loaded.actions,
                    problems, dt.datetime.now())
    cross.dashboard_commentary(loaded.catalogue, loaded.commentary, chosen, problems)

    writers = {}
    for name, card in output_names(loaded.catalogue, chosen, loaded.actions is not None).items():
        writers[name] = ((lambda p: write_business_plan(report, p)) if card is None
                         else (lambda p, card=card: write_scorecard(report, card, p)))
    writers[RESULTS_CSV] = lambda p: write_results_csv(report, p)
    folder = outputs / chosen.iso
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
    return RunSummary(chosen, folder, written.files, problems, written.beside)


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
