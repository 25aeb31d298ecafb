"""The worker processes: a reader that crashes or raises costs its own item, and the pool carries on."""

from __future__ import annotations

from worker_faults import abort_on_two

from fscxl.app.workers import Crashed, Failed, submit_isolated


def test_a_crash_costs_one_item_when_several_reads_share_the_workers():
    first = submit_isolated(abort_on_two, [0, 1, 2, 3, 4, 5])
    second = submit_isolated(abort_on_two, [6, 7, 8])
    third = submit_isolated(abort_on_two, [9])
    assert third.results() == [90]  # collected first, and in whatever state the pool is
    results = first.results()
    assert results[:2] == [0, 10] and results[4:] == [40, 50]
    assert results[2] == Crashed(2)
    assert isinstance(results[3], Failed) and "bad" in results[3].detail
    assert second.results() == [60, 70, 80]
    assert submit_isolated(abort_on_two, [11]).results() == [110]  # the pool works again


def test_results_can_be_collected_more_than_once():
    pending = submit_isolated(abort_on_two, [1, 4])
    assert pending.results() == [10, 40]
    assert pending.results() == [10, 40]
