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
from dataclasses import dataclass, replace
from decimal import Decimal

from fscxl.compute import figures
from fscxl.model.periods import MONTH, ROLLING_12, SNAPSHOT, YTD

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


HEADLINE = ("headline",)  # the headline figure, its counts, RAG and direction, the County column
MONTH_ALONE = ("month alone",)


@dataclass(frozen=True)
class Disclosure:
    """Which figures of one report a public paper shows as [c]: decided once, asked by every renderer.

    `hidden` holds (ref, *what) tuples: `what` is HEADLINE, MONTH_ALONE, ("basis", name) for a
    card's YTD or rolling figure, ("district", name), or ("month", an earlier Month of the
    history strip), so no district's name can be taken for anything else.
    """

    threshold: int = 0
    hidden: frozenset = frozenset()

    def headline(self, ref: str) -> bool:
        return (ref, *HEADLINE) in self.hidden

    def month_alone(self, ref: str) -> bool:
        return (ref, *MONTH_ALONE) in self.hidden

    def basis(self, ref: str, basis: str) -> bool:
        return (ref, "basis", basis) in self.hidden

    def district(self, ref: str, district: str) -> bool:
        return self.headline(ref) if district == COUNTY else (ref, "district", district) in self.hidden

    def in_month(self, ref: str, month: object, reporting_month: object) -> bool:
        """The headline-basis figure for `month`, as the history strip and charts show it."""
        return self.headline(ref) if month == reporting_month else (ref, "month", month) in self.hidden

    @property
    def count(self) -> int:
        return len(self.hidden)


def public_counts(measure, numerator, denominator) -> Counts:
    """The counts behind a figure that could identify someone: a fixed population is public,
    and without a denominator the numerator is a count only for a `Number` measure (a score,
    a percentage or a number of days typed in is not a count of people)."""
    if measure.denominator_field is None:
        denominator = None
        if measure.denominator_value is None and measure.unit != "Number":
            numerator = None
    return Counts(_whole(numerator), _whole(denominator))


def _whole(count):
    """A count of people is whole: a fraction (hours, a share typed in) identifies no one."""
    return count if count is not None and count == int(count) else None


def decide(results, returns, threshold: int) -> Disclosure:
    """Every [c] of one report (`results`: its MeasureResults; `returns`: the figures as read).

    Primary suppression of each figure shown; secondary across a district table (the County
    column is the headline, so hiding one hides the other); a month alone beside a YTD or
    rolling figure; and a YTD strip, where two neighbouring months give the later month's
    count away.
    """
    if threshold <= 0 or returns is None:
        return Disclosure(threshold)
    hidden: set[tuple] = set()
    for result in results:
        measure, month, ref = result.measure, result.month, result.measure.ref

        def counts(basis: str, when, measure=measure) -> Counts:
            return public_counts(measure, *figures.window_counts(measure, basis, when, returns))

        headline = counts(measure.basis, month)
        if result.districts:
            by_district = {d.district: public_counts(measure, d.numerator, d.denominator)
                           for d in result.districts}
            for name in district_table(by_district, headline, threshold):
                hidden.add((ref, *HEADLINE) if name == COUNTY else (ref, "district", name))
        elif primary(headline, threshold):
            hidden.add((ref, *HEADLINE))
        if measure.basis != SNAPSHOT:
            alone = counts(MONTH, month)
            for basis in dict.fromkeys((measure.basis, YTD, ROLLING_12)):
                whole = headline if basis == measure.basis else counts(basis, month)
                hide_month, hide_whole = side_by_side(alone, whole, threshold)
                if hide_month:
                    hidden.add((ref, *MONTH_ALONE))
                if hide_whole and basis != measure.basis:
                    hidden.add((ref, "basis", basis))
        elif primary(counts(SNAPSHOT, month), threshold):
            hidden.add((ref, *MONTH_ALONE))
        earlier = [f.month for f in result.history if f.month < month]
        for when in earlier:
            if primary(counts(measure.basis, when), threshold):
                hidden.add((ref, "month", when))
        if measure.basis == YTD:  # a YTD strip: this month's YTD less last month's is this month
            strip = [*earlier, month]
            for before, after in zip(strip, strip[1:], strict=False):
                if after.month != 4 and side_by_side(counts(measure.basis, before),
                                                     counts(measure.basis, after), threshold)[0]:
                    hidden.add((ref, "month", before))
    return Disclosure(threshold, frozenset(hidden))


def without_hidden_alerts(results: list, disclosure: Disclosure, reporting_month) -> list:
    """The results as a public summary may count them: a suppressed figure's RAG and direction
    removed (counting it Red would say what its cell hides), earlier months' likewise."""
    if not disclosure.hidden:
        return list(results)
    out = []
    for result in results:
        ref = result.measure.ref
        history = tuple(replace(f, rag=None) if disclosure.in_month(ref, f.month, reporting_month) else f
                        for f in result.history)
        if disclosure.headline(ref):
            out.append(replace(result, current=replace(result.current, rag=None), direction=None,
                               history=history))
        else:
            out.append(replace(result, history=history))
    return out
