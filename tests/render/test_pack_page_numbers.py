"""A workbook drawn for the committee pack numbers its pages through the pack, by its own print set-up."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from render_inputs import build_inputs

from fscxl import pipeline
from fscxl.compute.results import Report, build_results
from fscxl.render.book import PackPages
from fscxl.render.business_plan import write_business_plan
from fscxl.render.scorecard import write_scorecard


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    loaded = pipeline.load(build_inputs(tmp_path_factory.mktemp("pages")))
    month = pipeline.reporting_month(loaded, None)
    results = build_results(loaded.catalogue, loaded.returns, month, loaded.problems)
    return Report(month, loaded.catalogue, results, loaded.commentary, loaded.actions, loaded.problems,
                  dt.datetime(2012, 7, 1))


def draw(report, kind: str, path, pack_pages):
    if kind == "business plan":
        write_business_plan(report, path, pack_pages)
    else:
        [card] = [c for c in report.catalogue.scorecards if c.layout == kind]
        write_scorecard(report, card, path, pack_pages)


@pytest.mark.filterwarnings("ignore:Sparkline Group extension:UserWarning")
@pytest.mark.parametrize("kind", ["Scorecard", "Dashboard", "business plan"])
@pytest.mark.parametrize("pack_pages, first, total", [(None, None, "&N"), (PackPages(12, 31), 12, "31")])
def test_first_page_and_page_count_in_the_print_set_up(report, tmp_path, kind, pack_pages, first, total):
    path = tmp_path / "book.xlsx"
    draw(report, kind, path, pack_pages)
    book = openpyxl.load_workbook(path)
    sheets = book.worksheets
    assert sheets[0].page_setup.firstPageNumber == first
    assert all(s.page_setup.firstPageNumber is None for s in sheets[1:])  # the rest carry on
    for sheet in sheets:
        assert sheet.oddFooter.right.text == f"Page &P of {total}", sheet.title
