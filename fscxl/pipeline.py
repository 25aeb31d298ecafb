"""The run, step by step: read -> check -> compute -> render. The CLI is a shell around this."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.errors import InputError, OutputError, UsageError
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog

CATALOGUE = "measures.xlsx"
RETURNS = "returns"
COMMENTARY = "commentary.xlsx"
BUSINESS_PLAN = "business_plan.xlsx"
VALIDATION_REPORT = "validation_report.xlsx"
RESULTS_CSV = "results.csv"


@dataclass
class Loaded:
    """The inputs as read and checked, before anything is computed."""

    problems: ProblemLog
    catalogue: object = None
    returns: object = None
    commentary: object = None
    actions: list | None = None
    catalogue_label: str = CATALOGUE  # as messages name it: the file's own spelling


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


def _label(path: Path, inputs: Path) -> str:
    try:
        return path.relative_to(inputs).as_posix()
    except ValueError:
        return path.name


def _optional_file(inputs: Path, name: str) -> Path | None:
    """An optional input, matched case-insensitively (Windows shares do not care about case)."""
    for candidate in inputs.iterdir():
        if candidate.name.lower() == name and candidate.is_file():
            return candidate
    return None


def find_inputs(inputs: Path) -> tuple[Path | None, Path, Path | None, Path | None]:
    """(catalogue, returns folder, commentary, business plan) in the inputs folder, matched
    case-insensitively; a file that is not there is None (the returns folder is always named).

    Raises UsageError when the inputs folder itself is not a folder.
    """
    if not inputs.is_dir():
        what = "is a file, not a folder" if inputs.exists() else "does not exist"
        raise UsageError(f"the inputs folder '{inputs}' {what}. "
                         f"Use --inputs to say where {CATALOGUE} and {RETURNS}/ are.")
    returns_folder = next((p for p in inputs.iterdir() if p.name.lower() == RETURNS and p.is_dir()),
                          inputs / RETURNS)
    return (_optional_file(inputs, CATALOGUE), returns_folder, _optional_file(inputs, COMMENTARY),
            _optional_file(inputs, BUSINESS_PLAN))


def load(inputs: Path, progress=None, while_reading=None) -> Loaded:
    """Read and check every input; problems are collected, never raised one by one.

    The workers start on the returns at once; the catalogue, commentary and business plan
    are read alongside them (and `while_reading()`, if given, is called) before the
    returns are waited for. Problems are logged in the same order either way.
    """
    from fscxl.app.progress import stage
    from fscxl.read.returns import ReturnsReading, find_return_files
    from fscxl.read.xlsx import reading_ahead

    catalogue_path, returns_folder, commentary_path, plan_path = find_inputs(inputs)
    problems = ProblemLog()
    loaded = Loaded(problems)
    files = [(p, _label(p, inputs)) for p in find_return_files(returns_folder)]

    # the small workbooks go first, so they are back before the main process needs them
    with reading_ahead([p for p in (catalogue_path, commentary_path, plan_path) if p]):
        returns = ReturnsReading(files, progress=stage(progress, "Reading returns", len(files)))
        if while_reading is not None:
            while_reading()
        later = ProblemLog()  # commentary and business plan problems, logged after the returns'
        _load_small_workbooks(inputs, loaded, catalogue_path, commentary_path, plan_path, later)
        if not files:
            problems.error(RETURNS, "", "", f"there are no return workbooks (.xlsx) in {returns_folder}",
                           "Put the officers' returns in the returns folder.")
        loaded.returns = returns.collect(problems)

    if loaded.catalogue is not None:
        supplied = loaded.returns.fields
        for measure in loaded.catalogue.measures:
            cells = dict(measure.field_cells)
            for field_code in measure.fields:
                if field_code not in supplied:
                    problems.error(loaded.catalogue_label, "Measures", cells.get(field_code, ""),
                                   f"measure {measure.ref} ({measure.title}) needs the field "
                                   f"{field_code}, which no return supplies",
                                   f"Add a row with the code {field_code} to a return, or correct "
                                   f"the field code in the catalogue.")
    problems.extend(later.problems)
    return loaded


def _load_small_workbooks(inputs: Path, loaded: Loaded, catalogue_path: Path | None,
                          commentary_path: Path | None, plan_path: Path | None, later: ProblemLog) -> None:
    """The catalogue (its problems logged first of all), then commentary and business plan."""
    from fscxl.read.business_plan import load_business_plan
    from fscxl.read.catalogue import load_catalogue
    from fscxl.read.commentary import Commentary, load_commentary

    problems = loaded.problems
    if catalogue_path is None:
        problems.error(CATALOGUE, "", "", f"there is no {CATALOGUE} in {inputs}",
                       "Put the catalogue of measures and targets in the inputs folder.")
    else:
        loaded.catalogue_label = _label(catalogue_path, inputs)
        loaded.catalogue = load_catalogue(catalogue_path, loaded.catalogue_label, problems)
    refs = {m.ref for m in loaded.catalogue.measures} if loaded.catalogue else set()
    areas = {(m.scorecard, m.area) for m in loaded.catalogue.measures} if loaded.catalogue else None
    loaded.commentary = (load_commentary(commentary_path, _label(commentary_path, inputs), refs, later, areas)
                         if commentary_path else Commentary())
    if plan_path:
        loaded.actions = load_business_plan(plan_path, _label(plan_path, inputs), later)
        _check_business_plan_appendix(loaded.catalogue, catalogue_path, inputs, plan_path, problems)


def _check_business_plan_appendix(catalogue, catalogue_path: Path | None, inputs: Path, plan_path: Path,
                                  problems: ProblemLog) -> None:
    """With a business plan, Appendix A is its report: a scorecard given A would make a second A."""
    from fscxl.read.catalogue import BUSINESS_PLAN_APPENDIX

    for card in catalogue.scorecards if catalogue else ():
        if card.appendix == BUSINESS_PLAN_APPENDIX:
            sheet, cell = card.appendix_given_at
            problems.error(_label(catalogue_path, inputs), sheet, cell,
                           f"the scorecard '{card.name}' is given Appendix {BUSINESS_PLAN_APPENDIX}, "
                           f"which is the business plan exception report ({_label(plan_path, inputs)} "
                           "is in the inputs folder)",
                           "Give the scorecard another letter, or leave the Appendix blank for the next "
                           "free one.")


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


def output_names(catalogue, month: Month, with_business_plan: bool) -> dict[str, object]:
    """File name -> the scorecard it holds (None for Appendix A)."""
    from fscxl.read.catalogue import BUSINESS_PLAN_APPENDIX

    names: dict[str, object] = {}
    if with_business_plan:
        names[f"Appendix {BUSINESS_PLAN_APPENDIX} - Business Plan Outturn Exceptions - {month.iso}.xlsx"] = None
    for card in catalogue.scorecards:
        names[f"Appendix {card.appendix} - {_safe_name(card.title)} - {month.iso}.xlsx"] = card
    return dict(sorted(names.items()))


def _import_writers() -> None:
    """While the workers read: import what this process writes with, and have each worker
    import the scorecard renderers once it has no return left to read."""
    from fscxl.app.workers import submit_isolated, worker_count

    submit_isolated(_import_renderers, range(worker_count()))
    import fscxl.app.outputs  # noqa: F401
    import fscxl.compute.results  # noqa: F401
    import fscxl.render.book  # noqa: F401
    import fscxl.render.results_csv  # noqa: F401
    import fscxl.render.validation  # noqa: F401


def _import_renderers(_item=None) -> None:
    import fscxl.compute.results  # noqa: F401
    import fscxl.render.business_plan  # noqa: F401
    import fscxl.render.scorecard  # noqa: F401


def _write_card(report_bytes: bytes, card_index: int | None, path: Path) -> None:
    """In a worker: one scorecard (or, for None, Appendix A) from the pickled Report."""
    import pickle

    report = pickle.loads(report_bytes)
    if card_index is None:
        from fscxl.render.business_plan import write_business_plan

        write_business_plan(report, path)
    else:
        from fscxl.render.scorecard import write_scorecard

        write_scorecard(report, report.catalogue.scorecards[card_index], path)


def run(inputs: Path, outputs: Path, month: Month | None = None, progress=None) -> RunSummary:
    """The whole job. Raises InputError (after writing the validation report) on bad inputs."""
    loaded = load(inputs, progress=progress, while_reading=_import_writers)  # imported while workers read
    import pickle

    from fscxl.app.outputs import InWorker, write_all
    from fscxl.app.progress import stage
    from fscxl.compute.results import Report, build_results
    from fscxl.read.commentary import commentary_warnings
    from fscxl.render.results_csv import write_results_csv
    from fscxl.render.validation import write_validation_report

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
    commentary_warnings(report)
    # the workbooks are drawn in the workers, from one pickled copy of the report, while
    # this process writes results.csv and the validation report
    report_bytes = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    index = {id(card): i for i, card in enumerate(loaded.catalogue.scorecards)}
    writers = {}
    for name, card in output_names(loaded.catalogue, chosen, loaded.actions is not None).items():
        writers[name] = InWorker(_write_card, (report_bytes, None if card is None else index[id(card)]))
    writers[RESULTS_CSV] = lambda p: write_results_csv(report, p)
    folder = outputs / chosen.iso
    writers[VALIDATION_REPORT] = lambda p: write_validation_report(problems.sorted(), p, inputs, folder)
    written = write_all(folder, writers, progress=stage(progress, "Writing workbooks", len(writers)))
    if (outputs / VALIDATION_REPORT).exists():  # an earlier failed run's report would mislead
        try:
            write_report(problems, inputs, outputs)
        except OutputError:
            pass  # the month's own report, just written, is the one the summary points to
    return RunSummary(chosen, folder, written.files, problems, written.beside)


def _attach_report(error: InputError, problems: ProblemLog, inputs: Path, outputs: Path) -> None:
    """Write the validation report for a failed run; if that fails, the errors still get shown."""
    try:
        error.report = write_report(problems, inputs, outputs)
    except OutputError as exc:
        error.report_failure = str(exc)


def write_report(problems: ProblemLog, inputs: Path, outputs: Path) -> Path:
    """outputs/validation_report.xlsx (or beside it, if the old one is open); returns where it went."""
    from fscxl.app.outputs import write_all
    from fscxl.render.validation import write_validation_report

    written = write_all(outputs, {VALIDATION_REPORT: lambda p: write_validation_report(
        problems.sorted(), p, inputs, outputs)})
    return written.files[0]


def validate(inputs: Path, progress=None) -> ProblemLog:
    """Check every input without computing or writing scorecards."""
    loaded = load(inputs, progress=progress)
    return loaded.problems
