"""Revisions (contract section 6, v2): a figure differing from the one its month's own run published."""

from decimal import Decimal as D

from builders import simple_inputs, write_return

from fscxl import pipeline
from fscxl.compute.results import build_results
from fscxl.compute.revisions import Revision, find_revisions
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.read.published import published_figures

APRIL, MAY = Month(2012, 4), Month(2012, 5)


def _results(inputs, month):
    loaded = pipeline.load(inputs)
    return build_results(loaded.catalogue, loaded.returns, month, loaded.problems)


def test_a_corrected_april_figure_is_a_revision_with_both_figures(tmp_path):
    # April 2011 .. May 2012: 14 months, 8 of 10 each (80%); April 2012 is the 13th
    inputs = simple_inputs(tmp_path)
    outputs = tmp_path / "outputs"
    pipeline.run(inputs, outputs, APRIL)
    numerators = [8] * 14
    numerators[12] = 6  # April corrected after its pack went out: 60%
    write_return(inputs / "returns" / "return.xlsx", {"NUM": numerators, "DEN": [10] * 14})
    problems = ProblemLog()
    published = published_figures(outputs, [APRIL], problems)
    assert problems.problems == []
    assert find_revisions(_results(inputs, MAY), published) == [Revision("M1", APRIL, D("80.0"), D("60.0"))]


def test_unchanged_figures_are_no_revision(tmp_path):
    inputs = simple_inputs(tmp_path)
    outputs = tmp_path / "outputs"
    pipeline.run(inputs, outputs, APRIL)
    published = published_figures(outputs, [APRIL], ProblemLog())
    assert published == {APRIL: {"M1": D("80.0")}}
    assert find_revisions(_results(inputs, MAY), published) == []


def test_a_missing_earlier_results_file_is_nothing_to_compare_with(tmp_path):
    problems = ProblemLog()
    assert published_figures(tmp_path / "outputs", [APRIL], problems) == {}
    assert problems.problems == []


def test_a_damaged_earlier_results_file_is_named_in_a_warning(tmp_path):
    for text in ("\x00\x01 not a csv", "scorecard,ref\nChildren,M1\n",
                 "ref,month,value\nM1,2012-04,eighty\n", "ref,month,value\nM1,2011-04,80\n"):
        folder = tmp_path / "outputs" / "2012-04"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "results.csv").write_text(text, encoding="utf-8")
        problems = ProblemLog()
        assert published_figures(tmp_path / "outputs", [APRIL], problems) == {}
        [warning] = problems.problems
        assert (warning.code, warning.workbook, warning.is_error) == ("RUN04", "outputs/2012-04/results.csv", False)
