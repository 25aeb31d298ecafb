"""The committee's rules as pure functions: rounding, RAG alert, direction of travel.

Everything here works on Decimals, so a figure is judged exactly as a member reads it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from fscxl.model.records import BAND, HIGH, LOW

GREEN, AMBER, RED = "Green", "Amber", "Red"
IMPROVING, WORSENING, NO_CHANGE, UP, DOWN = "Improving", "Worsening", "No change", "Up", "Down"



def round_figure(value: Fraction | Decimal | int, decimals: int) -> Decimal:
    """Round once, half away from zero, on the exact value (Excel's ROUND: 12.5 -> 13).

    The value comes in exact (a Fraction of decimal sums), so 14.5 is really 14.5 and
    not the 14.4999... a binary float would hold. Integer arithmetic keeps it exact.
    """
    exact = Fraction(value)
    scaled, denominator = abs(exact.numerator) * 10**decimals, exact.denominator
    whole = (2 * scaled + denominator) // (2 * denominator)  # floor(x + 1/2) for x >= 0
    return Decimal(-whole if exact < 0 else whole).scaleb(-decimals)


def rag(value: Decimal | None, polarity: str, target: Decimal | None, floor: Decimal | None,
        target_upper: Decimal | None = None, floor_upper: Decimal | None = None) -> str | None:
    """Green = target achieved; Red = below the minimum standard (floor); else Amber.

    No figure, no target or polarity None: no alert. No floor: never Red.
    """
    if value is None or target is None or polarity not in (HIGH, LOW, BAND):
        return None
    if polarity == HIGH:
        if value >= target:
            return GREEN
        return RED if floor is not None and value < floor else AMBER
    if polarity == LOW:
        if value <= target:
            return GREEN
        return RED if floor is not None and value > floor else AMBER
    if target_upper is None:
        return None
    if target <= value <= target_upper:
        return GREEN
    below_floor = floor is not None and value < floor
    above_floor = floor_upper is not None and value > floor_upper
    return RED if below_floor or above_floor else AMBER


def distance_from_band(value: Decimal, lower: Decimal, upper: Decimal) -> Decimal:
    """How far a figure sits outside the green band (0 inside it)."""
    if value < lower:
        return lower - value
    if value > upper:
        return value - upper
    return Decimal(0)


def direction(current: Decimal | None, previous: Decimal | None, polarity: str,
              target: Decimal | None = None, target_upper: Decimal | None = None) -> str | None:
    """Direction of travel of the (rounded) headline figure against the comparison month.

    High: up is improving; Low: down is improving; Band: closer to the green band is
    improving (equal distance, including staying inside, is no change); None: Up/Down.
    """
    if current is None or previous is None:
        return None
    if polarity == BAND:
        if target is None or target_upper is None:
            return None
        now = distance_from_band(current, target, target_upper)
        before = distance_from_band(previous, target, target_upper)
        if now == before:
            return NO_CHANGE
        return IMPROVING if now < before else WORSENING
    if current == previous:
        return NO_CHANGE
    went_up = current > previous
    if polarity == HIGH:
        return IMPROVING if went_up else WORSENING
    if polarity == LOW:
        return WORSENING if went_up else IMPROVING
    return UP if went_up else DOWN
