"""Covers, footers and document properties come from the Report sheet's settings."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from render_inputs import build_report, open_output

from fscxl.model.records import Contact, ReportSettings
from fscxl.render.business_plan import write_business_plan
from fscxl.render.scorecard import write_scorecard

SETTINGS = ReportSettings(
    committee="Social Care and Public Health Cabinet Committee", meeting_date=dt.date(2012, 7, 12),
    status="Final", classification="Official", source_note="Figures are illustrative, not real data.",
    contacts=(Contact("Jo Bloggs", "Performance Manager", "03000 416000", "jo.bloggs@example.org"),),
    paper="A3")



@pytest.fixture(scope="module")
def books(tmp_path_factory):
    root = tmp_path_factory.mktemp("cover")
    report = build_report(root, SETTINGS)
    paths = {}
    for card in report.catalogue.scorecards:
        paths[card.appendix] = root / f"{card.appendix}.xlsx"
        write_scorecard(report, card, paths[card.appendix])
    paths["A"] = root / "A.xlsx"
    write_business_plan(report, paths["A"])
    return paths


def test_the_cover_names_committee_meeting_status_contact_and_source(books):
    cover = open_output(books["C"])["Cover"]
    facts = {row[0].value: row[1].value for row in cover.iter_rows(max_col=2) if row[0].value}
    assert facts["Committee"] == SETTINGS.committee
    assert facts["Meeting date"] == "12 July 2012"
    assert facts["Status"] == "Final"
    assert facts["Contact"] == "Jo Bloggs, Performance Manager, 03000 416000, jo.bloggs@example.org"
    assert facts["Source"] == SETTINGS.source_note


def test_default_settings_show_draft_and_no_empty_lines():
    from fscxl.render.supporting import paper_details

    assert paper_details(ReportSettings()) == [("Status", "Draft")]


@pytest.mark.parametrize("letter", ["A", "B", "C"])
def test_footers_classification_and_paper_follow_the_settings(books, letter):
    for sheet in open_output(books[letter]).worksheets:
        assert sheet.oddFooter.left.text == "Official", sheet.title
        assert sheet.oddFooter.right.text == "Page &P of &N", sheet.title
        assert str(sheet.page_setup.paperSize) == "8", sheet.title  # A3


@pytest.mark.parametrize("letter", ["A", "B", "C"])
def test_document_properties_give_title_subject_author_and_language(books, letter):
    properties = open_output(books[letter]).properties
    assert properties.title.startswith(f"Appendix {letter}: ")
    assert properties.subject
    assert properties.creator == "Jo Bloggs"
    with zipfile.ZipFile(books[letter]) as archive:
        assert "<dc:language>en-GB</dc:language>" in archive.read("docProps/core.xml").decode()


def test_appendix_a_says_it_is_an_outturn_report(books):
    book = open_output(books["A"])
    assert book["Summary"].oddFooter.center.text == "Outturn 2011/12"
    assert "Outturn 2011/12" in book["Summary"]["A3"].value
    assert "Data to end of" not in " ".join(str(c.value) for s in book for r in s.iter_rows() for c in r)
