"""Drafting the committee's words from the results: the area summary and RAG movements.

Pure functions over MeasureResults (no workbook code), so the sentences can be tested
table by table and reused by any output.
"""

from __future__ import annotations

from collections.abc import Sequence

from fscxl.compute import rules
from fscxl.compute.results import MeasureResult
from fscxl.model import records
from fscxl.model.periods import BASIS_WORDS, YTD, Month


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
    context = sum(1 for r in results if r.measure.polarity == records.NONE)
    unjudged = total - context - sum(len(found) for found in counts.values())
    alone = [rag for rag, found in counts.items() if len(found) == total]
    if alone and total == 1:
        sentence = f"The one measure is {alone[0].lower()}"
    elif alone:
        sentence = f"{'Both' if total == 2 else f'All {total}'} measures are {alone[0].lower()}"
    elif parts:
        first_count = len(next(found for found in counts.values() if found))
        first, *rest = parts
        count, word = first.split(" ", 1)
        verb = "is" if first_count == 1 else "are"
        sentence = f"Of the {_plural(total, 'measure')}, {count} {verb} {_join([word, *rest])}"
    elif total == 1:
        sentence = "The one measure has no RAG alert"
    else:
        sentence = f"None of the {total} measures has a RAG alert"
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
            every = "both" if len(reds) == 2 else f"all {len(reds)}"
            sentence += f"; {every} reds are year-to-date figures, covering {window} only"
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
    """'Direction of travel: 9 improving, 2 worsening and 1 unchanged.'"""
    judged = [r.direction for r in results
              if r.direction in (rules.IMPROVING, rules.WORSENING, rules.NO_CHANGE)]
    if not judged:
        return "No direction of travel yet."
    words = {rules.IMPROVING: "improving", rules.WORSENING: "worsening", rules.NO_CHANGE: "unchanged"}
    parts = [f"{judged.count(word)} {words[word]}" for word in words if judged.count(word)]
    if len(parts) == 1 and len(judged) > 1:
        every = "both" if len(judged) == 2 else f"all {len(judged)}"
        return f"Direction of travel: {every} {words[judged[0]]}."
    return "Direction of travel: " + _join(parts) + "."


def area_summary(results: Sequence[MeasureResult]) -> str:
    """The auto-drafted paragraph for one area: RAG position, then direction of travel."""
    return rag_sentence(results) + " " + direction_sentence(results)


def _month_name(month: Month) -> str:
    return month.label.split()[0]


def rag_movement(result: MeasureResult) -> str | None:
    """How the measure moved between RAG alerts since the previous month.

    Like with like: the headline figure (the one the grid's strip prints for each month)
    with the previous month's headline figure, each judged against its own month's target
    and floor, naming both figures. 'year-to-date figure was amber in April at 24.0%,
    now red at 22.5%'; "still red, May's year-to-date figure (22.5%) worse than April's
    (24.0%)"; None when there is nothing to say (no alert either month, the same non-red
    alert, or a red that did not move).
    """
    now = result.current
    before = result.figures_for(now.month - 1)
    if before is None or now.rag is None or before.rag is None:
        return None
    measure = result.measure
    figure = BASIS_WORDS[measure.basis].before_figure
    value_now, value_before = (figure_text(v, measure) for v in (now.value, before.value))
    if now.rag != before.rag:
        return (f"{figure} figure was {before.rag.lower()} in {_month_name(before.month)} at "
                f"{value_before}, now {now.rag.lower()} at {value_now}")
    if now.rag != rules.RED:  # the committee follows reds month by month, not settled ambers
        return None
    upper = result.targets.target_upper if result.targets else None
    moved = rules.direction(now.value, before.value, measure.polarity, now.target, upper)
    if moved not in (rules.IMPROVING, rules.WORSENING):
        return None
    compared = "better than" if moved == rules.IMPROVING else "worse than"
    return (f"still red, {_month_name(now.month)}'s {figure} figure ({value_now}) {compared} "
            f"{_month_name(before.month)}'s ({value_before})")


def rag_movements(results: Sequence[MeasureResult]) -> list[str]:
    """'% referrals previously referred in last 12 months (was red, now amber)', one per measure."""
    lines = []
    for result in results:
        movement = rag_movement(result)
        if movement is not None:
            title = result.measure.title
            # '(NI 65) (still red)' would read as two asides: a title ending in brackets takes a comma
            lines.append(f"{title}, {movement}" if title.endswith(")") else f"{title} ({movement})")
    return lines


def movements_heading(month: Month) -> str:
    return (f"Changes in RAG alert since {_month_name(month - 1)} (each measure's headline figure "
            f"for {_month_name(month - 1)} against its figure for {_month_name(month)})")


def figure_words(result: MeasureResult) -> str:
    """'25.8%', '1,412', '473.6 per 10,000': the headline figure as a sentence would give it."""
    return figure_text(result.current.value, result.measure)


def figure_text(value, measure: records.Measure) -> str:
    """A figure as a sentence gives it, with its unit: '25.8%', '1,412', '473.6 per 10,000'."""
    if value is None:
        return "no figure yet"
    text = f"{value:,.{measure.decimals}f}"
    unit = measure.unit
    if unit == "%":
        return text + "%"
    if unit.startswith("Rate per "):
        return f"{text} {unit.removeprefix('Rate ')}"
    if unit == "Days":
        return f"{text} days"
    return text


def measure_position(result: MeasureResult) -> str:
    """'25.8% year to date: red, improving.' — a measure's place beside its officer's words."""
    parts = [result.current.rag.lower()] if result.current.rag else []
    if result.direction:
        parts.append(result.direction.lower())
    state = f": {', '.join(parts)}" if parts else ""
    return f"{figure_words(result)} {BASIS_WORDS[result.measure.basis].after_figure}{state}."
