"""How the committee's workbooks look, kept as data: colours, fonts, number formats, words.

Renderers ask the theme for a named cell format or a unit's number format and never
spell out a colour themselves, so the look can change in one place.
"""

from __future__ import annotations

from fscxl.compute import rules
from fscxl.model import records

COUNCIL = "Kent County Council"
DIRECTORATE = "Families & Social Care"
CLASSIFICATION = "Unrestricted"
LANGUAGE = "en-GB"

FONT = "Calibri"  # LibreOffice substitutes Carlito, which has the same metrics
FONT_SIZE = 10

# Colours: every text/fill pair here has a contrast ratio of at least 4.5 (tested).
INK = "#000000"
HEADING_FILL = "#1F3864"  # dark blue: column headings, white text
HEADING_INK = "#FFFFFF"
AREA_FILL = "#D9E1F2"  # pale blue: area heading rows
BORDER = "#8EA9DB"
MUTED_INK = "#404040"
STATUS_FILL = "#D9D9D9"  # grey: a Cancelled action; chart gridlines
TARGET_LINE = "#C00000"  # dark red: target and floor lines on the dashboard charts

# The validation report: Excel's own link blue and its "Bad" and "Neutral" cell styles,
# so officers see errors and warnings in the colours Excel has taught them.
REPORT_HEADING_FILL = "#1F4E78"  # white text
LINK_INK = "#0563C1"
ERROR_INK = "#9C0006"
ERROR_FILL = "#FFC7CE"
WARNING_INK = "#7F6000"
WARNING_FILL = "#FFEB9C"
# Blank workbooks: a cell officers cannot change, and a target carried over from last year.
LOCKED_FILL = "#F2F2F2"
CARRIED_OVER_FILL = "#FFF2CC"

RAG_FILLS = {rules.GREEN: "#00B050", rules.AMBER: "#FFC000", rules.RED: "#FF0000"}
RAG_INK = INK  # black on each fill; the word is always in the cell too

# One arrow system: better, worse, the same. A context-only measure's Up or Down is
# neither better nor worse, so it is said in a word with no arrow.
ARROWS = {
    rules.IMPROVING: "\u25b2",  # ▲ better
    rules.WORSENING: "\u25bc",  # ▼ worse
    rules.NO_CHANGE: "\u25ba",  # ► no change
}
DIRECTION_INK = {
    rules.IMPROVING: "#006100",
    rules.WORSENING: "#9C0006",
    rules.NO_CHANGE: "#404040",
    rules.UP: "#1F3864",
    rules.DOWN: "#1F3864",
}

POLARITY_WORDS = {
    records.HIGH: "Higher is better",
    records.LOW: "Lower is better",
    records.BAND: "Within range",
    records.NONE: "Context only",
}
# The grid has room for a word, not a phrase: the key gives each in full.
POLARITY_SHORT = {records.HIGH: "Higher", records.LOW: "Lower", records.BAND: "In range",
                  records.NONE: "Context"}

# The GSS shorthand for a figure that cannot be shown (the only text in numeric columns):
# [x] a figure that is missing, [z] one that does not apply, including every "no target".
NOT_AVAILABLE = "[x]"
NOT_APPLICABLE = "[z]"
NO_TARGET = NOT_APPLICABLE
# (v2) [c] a figure built from a small count, kept out of a public paper; [r] an earlier
# month's figure revised since its own month's pack was published
SUPPRESSED = "[c]"
REVISED = "[r]"

RANGE_DASH = "\u2013"  # 480–560

LINE_HEIGHT = 13.0  # points per line of 10 pt text, as Excel and LibreOffice lay it out
STRIP_FONT_SIZE = 9  # the month-by-month strip: context, so a size smaller than the headline

# Named cell formats, as xlsxwriter format properties.
_BASE = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "top"}
CELL_FORMATS: dict[str, dict] = {
    "title": {"bold": True, "font_size": 14, "font_color": HEADING_FILL},
    "subtitle": {"font_size": 11, "bold": True},
    "note": {"font_color": MUTED_INK},
    "heading": {"bold": True, "font_color": HEADING_INK, "bg_color": HEADING_FILL, "text_wrap": True,
                "border": 1, "border_color": BORDER, "valign": "bottom"},
    "area": {"bold": True, "bg_color": AREA_FILL, "border": 1, "border_color": BORDER},
    "card_title": {"bold": True, "font_size": 12, "bg_color": AREA_FILL},
    "text": {"border": 1, "border_color": BORDER},
    "bold_text": {"bold": True, "border": 1, "border_color": BORDER},
    "wrap": {"text_wrap": True, "border": 1, "border_color": BORDER},
    "centre": {"align": "center", "border": 1, "border_color": BORDER},
    "range": {"align": "right", "border": 1, "border_color": BORDER},
    "missing": {"align": "right", "font_color": MUTED_INK, "border": 1, "border_color": BORDER},
    "missing_left": {"font_color": MUTED_INK, "border": 1, "border_color": BORDER},
    "strip": {"font_size": STRIP_FONT_SIZE, "border": 1, "border_color": BORDER},
    "strip_missing": {"font_size": STRIP_FONT_SIZE, "align": "right", "font_color": MUTED_INK,
                      "border": 1, "border_color": BORDER},
    "strip_heading": {"bold": True, "font_size": STRIP_FONT_SIZE, "font_color": HEADING_INK,
                      "bg_color": HEADING_FILL, "text_wrap": True, "border": 1, "border_color": BORDER,
                      "valign": "bottom", "align": "right"},
    "rag": {"bold": True, "align": "center", "border": 1, "border_color": BORDER},
    "direction": {"border": 1, "border_color": BORDER},
    "date": {"num_format": "d mmm yyyy", "align": "left", "border": 1, "border_color": BORDER},
    "count": {"num_format": "#,##0", "border": 1, "border_color": BORDER},
    "link": {"font_color": "#0563C1", "underline": 1},
    "plain": {},
}

# A missing figure ([x]) in a cell of each style is written in this style.
MISSING_STYLE = {"strip": "strip_missing"}

SIDE_MARGIN = 0.3  # inches: narrow margins leave the grid more of the A4 width

# Conditional formats (dxf) for the RAG words and direction words.
RAG_RULE_FORMATS = {rag: {"bg_color": fill, "font_color": RAG_INK, "bold": True}
                    for rag, fill in RAG_FILLS.items()}
DIRECTION_RULE_FORMATS = {word: {"font_color": ink, "bold": word in (rules.IMPROVING, rules.WORSENING)}
                          for word, ink in DIRECTION_INK.items()}


def cell_format(name: str, **extra) -> dict:
    """The xlsxwriter properties of a named format, with any extras laid over them."""
    return {**_BASE, **CELL_FORMATS[name], **extra}


def number_format(unit: str, decimals: int) -> str:
    """Excel number format for a figure: '0.0"%"' for 80.0 per cent, '#,##0' for counts."""
    places = "." + "0" * decimals if decimals else ""
    if unit == "%":
        return f'0{places}"%"'
    return f"#,##0{places}"


def direction_text(direction: str) -> str:
    """'▲ Improving': the arrow says better/worse at a glance, the word says it in full.

    'Up' and 'Down' (context only) have no arrow: an arrow here always means better or worse.
    """
    return f"{ARROWS[direction]} {direction}" if direction in ARROWS else direction


# Every cell value the Key explains as a symbol: the RAG words, the directions and the shorthand.
KEY_SYMBOLS = frozenset([*RAG_FILLS, *(direction_text(d) for d in DIRECTION_INK), NOT_AVAILABLE,
                         NOT_APPLICABLE, SUPPRESSED, REVISED])
