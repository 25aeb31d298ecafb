"""Small numbers (contract section 6, v2): which figures a public paper must show as [c].

A members' pack is a public paper. A count from 1 up to the Report sheet's `Suppress
below` threshold minus 1 could identify a family, and so could any figure built from
such a count (a percentage whose numerator or denominator is small) or one that lets a
reader work a small count out from the figures beside it. results.csv and districts.csv
stay complete for analysts inside the council; the workbooks, the PDF and the e-mail
show `[c]` instead, with no RAG colour.

Pure functions over the sums behind each figure; nothing here knows about layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

SUPPRESSED = "[c]"
COUNTY = "County"


@dataclass(frozen=True)
class Counts:
    """The sums behind one figure: its numerator and, for a ratio of fields, its denominator.

    A fixed population (a number in the catalogue's Denominator) is public and is left out.
    """

    numerator: Decimal | None
    denominator: Decimal | None = None

    def counts(self) -> tuple[Decimal, ...]:
        return tuple(c for c in (self.numerator, self.denominator) if c is not None)


def is_small(count: Decimal | None, threshold: int) -> bool:
    """1 .. threshold - 1 is small; zero never is; a threshold of 0 turns suppression off."""
    return threshold > 0 and count is not None and 0 < count < threshold


def primary(counts: Counts, threshold: int) -> bool:
    """A figure built from a small count must not be shown."""
    return any(is_small(c, threshold) for c in counts.counts())


def district_table(by_district: Mapping[str, Counts], county: Counts, threshold: int) -> set[str]:
    """The names (districts, and COUNTY) whose figures a district table must show as [c].

    Primary: any figure built from a small count, the county's too. Secondary: where exactly
    one district is suppressed and the county is shown, the county total less the others
    would give it away, so the next smallest district (by numerator, the first in the
    returns' order on a tie; zero counts are never suppressed) is suppressed too. Where no
    such district is left, the county figure is suppressed instead.
    """
    hidden = {name for name, counts in by_district.items() if primary(counts, threshold)}
    if primary(county, threshold):
        hidden.add(COUNTY)
    if len(hidden - {COUNTY}) == 1 and COUNTY not in hidden:
        candidates = [(counts.numerator, index, name)
                      for index, (name, counts) in enumerate(by_district.items())
                      if name not in hidden and counts.numerator is not None and counts.numerator > 0]
        if candidates:
            hidden.add(min(candidates)[2])
        else:
            hidden.add(COUNTY)
    return hidden


def side_by_side(month_alone: Counts, headline: Counts, threshold: int) -> tuple[bool, bool]:
    """(hide the month alone, hide the headline) where a month-alone figure sits beside a
    year-to-date or rolling figure.

    Each is hidden when built from a small count. The month alone is hidden too when the
    headline less the month (the other months' counts) is small: side by side, the two
    would give that count away.
    """
    hide_headline = primary(headline, threshold)
    hide_month = primary(month_alone, threshold) or primary(_difference(headline, month_alone), threshold)
    return hide_month, hide_headline


def _difference(whole: Counts, part: Counts) -> Counts:
    def minus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else a - b

    return Counts(minus(whole.numerator, part.numerator), minus(whole.denominator, part.denominator))
