"""Revisions (contract section 6, v2): earlier months' figures that differ from what was published.

Returns are corrected after the pack goes out. A figure for an earlier month that the
pack shows is compared with the headline value that month's own run published; a
difference is marked `[r]` where it is shown and listed on the Notes sheet with both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from fscxl.compute.results import MeasureResult
from fscxl.model.periods import Month

REVISED = "[r]"


@dataclass(frozen=True)
class Revision:
    ref: str
    month: Month
    published: Decimal
    now: Decimal | None  # None: the figure can no longer be worked out


def find_revisions(results: Sequence[MeasureResult],
                   published: Mapping[Month, Mapping[str, Decimal]]) -> list[Revision]:
    """Every earlier month's headline figure shown (the history strip) that differs from the
    one published for that month, in catalogue and month order."""
    revisions = []
    for result in results:
        for figures in result.history:
            if figures.month >= result.month:
                continue
            before = published.get(figures.month, {}).get(result.measure.ref)
            if before is not None and figures.value != before:
                revisions.append(Revision(result.measure.ref, figures.month, before, figures.value))
    return revisions
