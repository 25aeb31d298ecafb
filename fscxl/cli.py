"""The command line: a thin shell that parses options, calls the pipeline and speaks plainly.

No Python traceback reaches an officer: every FscxlError becomes a message and an exit
status (0 written, 1 input errors, 2 usage, 3 outputs not written: no space, no
permission, interrupted); --verbose shows the traceback for support.
"""

from __future__ import annotations

import sys
import traceback
from itertools import groupby
from pathlib import Path

import click

from fscxl import __version__, pipeline
from fscxl.app.new_year import make_templates
from fscxl.app.outputs import plain_reason
from fscxl.app.progress import ProgressLine
from fscxl.model.errors import ContentRefused, FscxlError, InputError, OutputError, UsageError
from fscxl.model.periods import financial_year_label, parse_financial_year, parse_month_option

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_NOT_WRITTEN = 0, 1, 2, 3
SHOWN_PER_CHECK = 20  # console lines per check code; the validation report has every problem


def _verbose_option(func):
    return click.option("--verbose", is_flag=True, default=False, expose_value=False,
                        callback=_remember_verbose, is_eager=True,
                        help="Show full technical detail (a traceback) when something fails.")(func)


def _remember_verbose(ctx: click.Context, _param, value: bool) -> None:
    if value:
        ctx.find_root().ensure_object(dict)["verbose"] = True


def _is_verbose(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("verbose"))


def report_problems(problems, verbose: bool = False) -> None:
    """Problems grouped by workbook, errors first, each on one line an officer can act on.

    With --verbose a problem's technical detail, if it has one, follows on its own line.
    """
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for title, group in (("Errors", errors), ("Warnings", warnings)):
        if not group:
            continue
        click.echo(f"\n{title} ({len(group)}):", err=True)
        shown: dict[str, int] = {}
        for workbook, items in groupby(sorted(group, key=lambda p: p.workbook), key=lambda p: p.workbook):
            click.echo(f"  {workbook or 'General'}", err=True)
            for problem in items:
                key = problem.code or problem.found
                shown[key] = shown.get(key, 0) + 1
                if shown[key] > SHOWN_PER_CHECK:
                    continue
                text = problem.text()
                if workbook and text.startswith(workbook + ", "):
                    text = text[len(workbook) + 2:]
                elif workbook and text.startswith(workbook + ": "):
                    text = text[len(workbook) + 2:]
                click.echo(f"    - {text}", err=True)
                if verbose and problem.detail:
                    click.echo(f"      detail: {problem.detail}", err=True)
        hidden = sum(count - SHOWN_PER_CHECK for count in shown.values() if count > SHOWN_PER_CHECK)
        if hidden:
            click.echo(f"  ... and {hidden} more like these (at most {SHOWN_PER_CHECK} lines per check): "
                       "see the validation report for every one.", err=True)


def _fail(ctx: click.Context, exc: BaseException) -> None:
    """Turn any failure into a plain message and the contract's exit status."""
    if _is_verbose(ctx):
        traceback.print_exception(exc)
    if isinstance(exc, InputError):
        report_problems(exc.problems, _is_verbose(ctx))
        click.echo(f"\nNot written: {exc}. Fix the errors above and run again.", err=True)
        report = exc.report
        if exc.report_failure:
            click.echo(f"The validation report could not be written: {exc.report_failure}.", err=True)
        if report is not None:
            click.echo(f"The validation report lists them, with a link to each cell: {report}", err=True)
            if report.name != "validation_report.xlsx":
                click.echo("(The previous validation_report.xlsx is open, probably in Excel, so this one "
                           "was saved beside it.)", err=True)
        click.echo("Earlier outputs were left as they were.", err=True)
        ctx.exit(EXIT_INPUT_ERRORS)
    if isinstance(exc, UsageError):
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(EXIT_USAGE)
    if isinstance(exc, ContentRefused):
        click.echo(f"Error: {exc}. Nothing was written.", err=True)
        ctx.exit(EXIT_INPUT_ERRORS)
    if isinstance(exc, OutputError):
        click.echo(f"Error: the outputs could not be written: {exc}.", err=True)
        ctx.exit(EXIT_NOT_WRITTEN)
    if isinstance(exc, FscxlError):
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(EXIT_INPUT_ERRORS)
    if isinstance(exc, KeyboardInterrupt):
        click.echo("\nStopped before the end (interrupted). A month's files are replaced only as a "
                   "complete set, so the outputs folder holds the earlier set or this one, never a mix. "
                   "Run again to finish.", err=True)
        ctx.exit(EXIT_NOT_WRITTEN)
    if isinstance(exc, OSError):  # the operating system's own reason, in plain words
        click.echo(f"Error: the outputs could not be written: {plain_reason(exc)}. The inputs are not at "
                   "fault. Run again with --verbose and send the output to whoever supports fscxl if "
                   "this keeps happening.", err=True)
        ctx.exit(EXIT_NOT_WRITTEN)
    click.echo("Error: something unexpected went wrong, so the run stopped. Run again with --verbose and "
               "send the output to whoever supports fscxl.", err=True)
    ctx.exit(EXIT_INPUT_ERRORS)


def _month_option(ctx, _param, value):
    if value is None:
        return None
    try:
        return parse_month_option(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


INPUTS_OPTION = click.option(
    "--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
    help="Folder with measures.xlsx, returns/ and the optional workbooks.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fscxl")
@_verbose_option
def main() -> None:
    """Turn officers' monthly Excel returns into the committee's performance scorecards."""


@main.command()
@INPUTS_OPTION
@click.option("--outputs", "outputs", type=click.Path(path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder the month's outputs are written into.")
@click.option("--month", callback=_month_option, metavar="YYYY-MM",
              help="Reporting month. Default: the latest month with data.")
@click.option("--pdf", is_flag=True, default=False,
              help="Also write the committee pack: every appendix in one PDF (needs LibreOffice).")
@_verbose_option
@click.pass_context
def run(ctx: click.Context, inputs: Path, outputs: Path, month, pdf: bool) -> None:
    """Read the returns, compute every measure and write the month's workbooks."""
    try:
        summary = pipeline.run(inputs, outputs, month, progress=ProgressLine(), pdf=pdf)
    except (Exception, KeyboardInterrupt) as exc:  # every failure ends as a message, never a traceback
        _fail(ctx, exc)
        return
    report_problems(summary.problems.sorted(), _is_verbose(ctx))
    workbooks = [p for p in summary.written if p.suffix.lower() == ".xlsx" and p != summary.report]
    click.echo(f"\nWrote {len(workbooks)} workbook(s) and results.csv for {summary.month.label} "
               f"to {summary.folder}")
    if summary.pdf is not None:
        click.echo(f"Committee pack ({summary.pack.total} pages): {summary.pdf.name}")
    if summary.email is not None:
        to = "" if summary.recipients else " (no recipients yet: add Email to rows to the Report sheet)"
        click.echo(f"E-mail to members, ready to check and send{to}: {summary.email.name}")
    revised = len(summary.revisions)
    click.echo(f"{revised} figure(s) revised since published" + (": marked [r], listed on the Notes sheets"
                                                                 if revised else "") + ".")
    if summary.suppressed:
        click.echo(f"{summary.suppressed} figure(s) shown as [c] (small numbers) in the workbooks.")
    click.echo(f"{len(summary.problems.errors)} error(s), {len(summary.problems.warnings)} warning(s). "
               f"Validation report: {summary.report}")
    for new, old in summary.beside.items():
        click.echo(f"Note: {old.name} is open (probably in Excel), so it was left as it was and the "
                   f"new version was saved beside it as '{new.name}'. Close the old one and use the new one.")


@main.command()
@INPUTS_OPTION
@click.option("--outputs", "outputs", type=click.Path(path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder the validation report is written into.")
@_verbose_option
@click.pass_context
def validate(ctx: click.Context, inputs: Path, outputs: Path) -> None:
    """Check the inputs without writing any scorecard."""
    try:
        problems = pipeline.validate(inputs, progress=ProgressLine())
    except (Exception, KeyboardInterrupt) as exc:
        _fail(ctx, exc)
        return
    report_problems(problems.sorted(), _is_verbose(ctx))  # shown first: they must not be lost if the report fails
    try:
        report = pipeline.write_report(problems, inputs, outputs)
    except OutputError as exc:
        if not problems.has_errors:
            _fail(ctx, exc)
            return
        # the errors above are what the officer needs; the missing report is said, not blamed
        click.echo(f"\nThe validation report could not be written: {exc}.", err=True)
        click.echo(f"\n{len(problems.errors)} error(s), {len(problems.warnings)} warning(s): "
                   "fix the errors before running.", err=True)
        ctx.exit(EXIT_INPUT_ERRORS)
    except (Exception, KeyboardInterrupt) as exc:
        _fail(ctx, exc)
        return
    click.echo(f"\nValidation report: {report}", err=problems.has_errors)
    if problems.has_errors:
        click.echo(f"\n{len(problems.errors)} error(s), {len(problems.warnings)} warning(s): "
                   "fix the errors before running.", err=True)
        ctx.exit(EXIT_INPUT_ERRORS)
    click.echo(f"\nThe inputs are ready: no errors, {len(problems.warnings)} warning(s).")


def _year_option(ctx, _param, value):
    if value is None:
        return None

    year = parse_financial_year(value)
    if year is None:
        raise click.BadParameter(f"expected a financial year such as 2013/14, got '{value}'")
    return year


@main.command()
@click.option("--year", callback=_year_option, metavar="YYYY/YY",
              help="Financial year of the templates. Default: the year after the catalogue's latest targets.")
@INPUTS_OPTION
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("workbook_templates"),
              show_default=True, help="Folder the blank workbooks are written into.")
@click.option("--force", is_flag=True, default=False,
              help="Replace workbooks already in the --out folder (otherwise they are left alone).")
@_verbose_option
@click.pass_context
def templates(ctx: click.Context, year, inputs: Path, out: Path, force: bool) -> None:
    """Write blank, protected returns and a catalogue for next year."""
    try:
        summary = make_templates(inputs, out, year, force=force)
    except (Exception, KeyboardInterrupt) as exc:
        _fail(ctx, exc)
        return
    click.echo(f"Wrote {len(summary.written)} blank workbook(s) for {financial_year_label(summary.year)} "
               f"to {summary.folder}")
    if summary.new_fields:
        click.echo(f"No current return supplies {', '.join(summary.new_fields)}: they are in "
                   "returns/new_fields.xlsx. Move them into the right return before sending it out.")
    click.echo("measures.xlsx carries over each measure's latest targets as a starting point: "
               "review them before the year starts.")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
