"""The e-mail draft to members, parsed back with the standard library's email package."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from email import message_from_bytes, policy

import pytest
from render_inputs import build_inputs

from fscxl import pipeline
from fscxl.app.email_draft import draft
from fscxl.compute.results import Report, build_results
from fscxl.model.records import Contact, ReportSettings

SETTINGS = ReportSettings(committee="Social Care and Public Health Cabinet Committee",
                          meeting_date=dt.date(2012, 7, 19), status="Final",
                          contacts=(Contact("Jo Bloggs", "Performance Manager", "03000 000000", "jo@example.org"),),
                          email_to=("members@example.org", "chair@example.org"),
                          email_cc=("clerk@example.org",), source_note="Figures are illustrative.")
COUNTS = re.compile(r"^- Appendix (?P<letter>[A-Z]), (?P<title>.+): (?P<Green>\d+) Green, (?P<Amber>\d+) Amber, "
                    r"(?P<Red>\d+) Red", re.MULTILINE)


def parse(data: bytes):
    return message_from_bytes(data, policy=policy.default)


def report_for(root, settings: ReportSettings | None = None, loaded=None) -> Report:
    """The example's report for May 2012, built from the pipeline's own stages."""
    loaded = loaded or pipeline.load(build_inputs(root))
    if settings is not None:
        loaded.catalogue.report = settings
    month = pipeline.reporting_month(loaded, None)
    results = build_results(loaded.catalogue, loaded.returns, month, loaded.problems)
    return Report(month, loaded.catalogue, results, loaded.commentary, loaded.actions, loaded.problems,
                  dt.datetime(2012, 7, 1))


def plain(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("email")
    summary = pipeline.run(build_inputs(root), root / "outputs")
    with open(summary.folder / "results.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return summary, rows, parse(summary.email.read_bytes())


def test_every_run_writes_an_unsent_draft_with_an_empty_to_when_no_recipients_are_given(example_run):
    summary, _rows, message = example_run
    assert summary.email.name == "Email to members - 2012-05.eml"
    assert message["X-Unsent"] == "1"
    assert message["To"] == ""
    assert message["Cc"] is None
    assert "May 2012" in message["Subject"]


def test_the_attachments_are_the_written_appendices_byte_for_byte(example_run):
    summary, _rows, message = example_run
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    appendices = [p for p in summary.written if p.name.startswith("Appendix ")]
    assert len(appendices) == 3
    assert attached == {p.name: p.read_bytes() for p in appendices}


def test_the_counts_by_rag_in_the_body_equal_results_csv(example_run):
    _summary, rows, message = example_run
    body = plain(message)
    letters = {"Children": "C", "Adults": "B"}
    expected = {(letters[r["scorecard"]], rag): 0 for r in rows for rag in ("Green", "Amber", "Red")}
    for row in rows:
        if row["rag"]:
            expected[letters[row["scorecard"]], row["rag"]] += 1
    found = {(m["letter"], rag): int(m[rag]) for m in COUNTS.finditer(body) for rag in ("Green", "Amber", "Red")}
    assert found == expected
    html = message.get_body(("html",)).get_content()
    for letter in "BC":  # the HTML alternative carries the same counts
        cells = re.search(rf"Appendix {letter},[^<]*</td>((?:<td[^>]*>\d+</td>){{3}})", html).group(1)
        assert [int(n) for n in re.findall(r">(\d+)<", cells)] == [expected[letter, rag]
                                                                   for rag in ("Green", "Amber", "Red")]


def test_recipients_subject_and_report_settings_come_from_the_report_sheet(tmp_path):
    message = parse(draft(report_for(tmp_path, SETTINGS), []).as_bytes())
    assert [a.addr_spec for a in message["To"].addresses] == ["members@example.org", "chair@example.org"]
    assert [a.addr_spec for a in message["Cc"].addresses] == ["clerk@example.org"]
    assert message["Subject"] == ("Social Care and Public Health Cabinet Committee: performance report, "
                                  "data to end of May 2012")
    body = plain(message)
    for words in ("19 July 2012", "Status: Final.", "Figures are illustrative.", "Jo Bloggs; Performance Manager"):
        assert words in body


def test_the_exceptions_are_every_red_measure_not_improving(tmp_path):
    loaded = pipeline.load(build_inputs(tmp_path))
    # make a worsening amber (CH17) red, so the list holds one exception beside the improving reds
    key = ("CH17", 2012)
    loaded.catalogue.targets[key] = replace(loaded.catalogue.targets[key], target=Decimal(0), floor=Decimal(0))
    report = report_for(tmp_path, SETTINGS, loaded)
    results = report.results
    expected = {r.measure.ref for r in results if r.current.rag == "Red" and r.direction != "Improving"}
    assert expected == {"CH17"}
    improving_reds = {r.measure.ref for r in results if r.current.rag == "Red"} - expected
    assert improving_reds  # the rule is tested on both sides
    body = plain(parse(draft(report, []).as_bytes()))
    section = body.split("Exceptions (Red and not improving):\n", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"^- Appendix [A-Z], (\S+) ", section, re.MULTILINE)) == expected


def test_area_commentary_is_one_line_per_area_and_escaped_in_html(tmp_path):
    report = report_for(tmp_path)
    report.commentary.areas[("adults", "safeguarding", report.month)] = "Alerts <b>up</b> &\nrisk down."
    message = parse(draft(report, []).as_bytes())
    body = plain(message)
    assert "- Adult Social Care dashboard, Safeguarding: Alerts <b>up</b> & risk down.\n" in body
    assert ("- Children's Social Care scorecard, Are we achieving good outcomes?: Three of the reds are "
            "year to date figures covering two months.") in body
    html = message.get_body(("html",)).get_content()
    assert "Alerts &lt;b&gt;up&lt;/b&gt; &amp; risk down." in html and "<b>up</b>" not in html
