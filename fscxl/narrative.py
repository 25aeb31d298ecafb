"""Drafting the committee's words from the results: the area summary and RAG movements.

Pure functions over MeasureResults (no workbook code), so the sentences can be tested
table by table and reused by any output.
"""

from __future__ import annotations

from collections.abc import Sequence

from fscxl import rules
from fscxl.periods import YTD, Month
from fscxl.results import MeasureResult


def _join(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def rag_sentence(results: Sequence[MeasureResult]) -> str:
    """'Of the 12 measures, 8 are amber and 4 red; 3 of the reds are year-to-date figures.'"""
    total = len(results)
    if total == 0:
        return "There are no measures in this area."
    counts = {rag: [r for r in results if r.current.rag == rag]
              for rag in (rules.GREEN, rules.AMBER, rules.RED)}
    parts = [f"{len(found)} {rag.lower()}" for rag, found in counts.items() if found]
    context = sum(1 for r in results if r.measure.polarity == rules.NONE)
    unjudged = total - context - sum(len(found) for found in counts.values())
    if parts:
        first_count = len(next(found for found in counts.values() if found))
        first, *rest = parts
        count, word = first.split(" ", 1)
        verb = "is" if first_count == 1 else "are"
        sentence = f"Of the {_plural(total, 'measure')}, {count} {verb} {_join([word, *rest])}"
    else:
        sentence = f"None of the {_plural(total, 'measure')} has a RAG alert"
    extras = []
    if context:
        extras.append(f"{context} {'is' if context == 1 else 'are'} context only")
    if unjudged:
        extras.append(f"{unjudged} {'has' if unjudged == 1 else 'have'} no alert "
                      "(no figure or no target)")
    if extras and parts:
        sentence += "; " + _join(extras)
    reds = counts[rules.RED]
    year_to_date = [r for r in reds if r.measure.basis == YTD]
    if year_to_date:
        month = results[0].month
        window = _window_words(month)
        if len(year_to_date) == len(reds) == 1:
            sentence += f"; the red is a year-to-date figure, covering {window} only"
        elif len(year_to_date) == len(reds):
            sentence += f"; all {len(reds)} reds are year-to-date figures, covering {window} only"
        else:
            sentence += (f"; {len(year_to_date)} of the reds "
                         f"{'is a year-to-date figure' if len(year_to_date) == 1 else 'are year-to-date figures'}"
                         f", covering {window} only")
    return sentence + "."


def _window_words(month: Month) -> str:
    start = month.financial_year_start
    first = start.label.split()[0]
    if start == month:
        return month.label
    return f"{first} to {month.label}"


def direction_sentence(results: Sequence[MeasureResult]) -> str:
    """'Direction of travel: 9 improving, 2 worsening, 1 no change.'"""
    judged = [r.direction for r in results
              if r.direction in (rules.IMPROVING, rules.WORSENING, rules.NO_CHANGE)]
    if not judged:
        return "No direction of travel yet."
    parts = [f"{judged.count(word)} {word.lower()}"
             for word in (rules.IMPROVING, rules.WORSENING, rules.NO_CHANGE) if judged.count(word)]
    return "Direction of travel: " + ", ".join(parts) + "."


def area_summary(results: Sequence[MeasureResult]) -> str:
    """The auto-drafted paragraph for one area: RAG position, then direction of travel."""
    return rag_sentence(results) + " " + direction_sentence(results)


def rag_movement(result: MeasureResult) -> str | None:
    """How the month's own figure moved between RAG alerts since the previous month.

    'was red, now amber'; 'still red but improved' (or 'still red and worsened'); None
    when there is nothing to say (no alert either month, or no change worth noting).
    """
    now = result.current
    before = result.figures_for(now.month - 1)
    if before is None or now.month_rag is None or before.month_rag is None:
        return None
    if now.month_rag != before.month_rag:
        return f"was {before.month_rag.lower()}, now {now.month_rag.lower()}"
    if now.month_rag == rules.GREEN:
        return None
    targets = result.targets
    upper = targets.target_upper if targets else None
    moved = rules.direction(now.month_value, before.month_value, result.measure.polarity,
                            now.target, upper)
    if moved == rules.IMPROVING:
        return f"still {now.month_rag.lower()} but improved"
    if moved == rules.WORSENING:
        return f"still {now.month_rag.lower()} and worsened"
    return None


def rag_movements(results: Sequence[MeasureResult]) -> list[str]:
    """'% referrals previously referred in last 12 months: was red, now amber', one per measure."""
    lines = []
    for result in results:
        movement = rag_movement(result)
        if movement is not None:
            lines.append(f"{result.measure.title}: {movement}")
    return lines


def movements_heading(month: Month) -> str:
    previous = month - 1
    return (f"Changes in RAG alert on the figures for {month.label.split()[0]} alone "
            f"(compared with {previous.label.split()[0]}):")
