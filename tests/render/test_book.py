"""The safe writer and the theme: sheet names, return codes, numbers, contrast, formats."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from fscxl.model.errors import OutputError
from fscxl.render import theme
from fscxl.render.book import Book, check, footer_text, safe_sheet_name, text_height, wrapped_lines


@pytest.mark.parametrize("text, taken, expected", [
    ("Scorecard", [], "Scorecard"),
    ("How much? [draft] a/b:c*d\\e", [], "How much- -draft- a-b-c-d-e"),
    ("A" * 40, [], "A" * 31),
    ("Notes", ["notes"], "Notes (2)"),
    ("B" * 31, ["B" * 31], "B" * 27 + " (2)"),
    ("'quoted'", [], "quoted"),
    ("", [], "Sheet"),
])
def test_safe_sheet_name(text, taken, expected):
    assert safe_sheet_name(text, taken) == expected


def test_negative_return_codes_raise():
    check(0, "fine")
    check(None, "fine")
    with pytest.raises(OutputError, match="longer than the 32,767 characters"):
        check(-2, "a long string")


def test_writing_outside_the_sheet_raises_rather_than_passing_silently(tmp_path):
    book = Book(tmp_path / "x.xlsx")
    sheet = book.add_sheet("S")
    with pytest.raises(OutputError):
        sheet.text(2_000_000, 0, "too far down")
    with pytest.raises(OutputError, match="not a number"):
        sheet.number(0, 0, float("nan"))
    book.close()


def test_text_that_looks_like_a_formula_number_or_link_stays_text(tmp_path):
    path = tmp_path / "x.xlsx"
    book = Book(path)
    sheet = book.add_sheet("S")
    for row, text in enumerate(["=1+1", "1,234", "https://example.org", "@SUM(A1)"]):
        sheet.text(row, 0, text)
    sheet.figure(5, 0, None, "0")
    sheet.figure(6, 0, Decimal("80.0"), '0.0"%"')
    book.close()
    read = openpyxl.load_workbook(path).active
    assert [read.cell(r, 1).value for r in range(1, 5)] == ["=1+1", "1,234", "https://example.org",
                                                           "@SUM(A1)"]
    assert all(read.cell(r, 1).data_type == "s" and read.cell(r, 1).hyperlink is None
               for r in range(1, 5))
    assert read["A6"].value == theme.NOT_AVAILABLE
    assert read["A7"].value == 80.0 and read["A7"].number_format == '0.0"%"'


@pytest.mark.parametrize("unit, decimals, expected", [
    ("%", 1, '0.0"%"'), ("%", 0, '0"%"'), ("Number", 0, "#,##0"), ("Rate per 10,000", 1, "#,##0.0"),
    ("Days", 0, "#,##0"), ("Score", 2, "#,##0.00"),
])
def test_number_formats_by_unit(unit, decimals, expected):
    assert theme.number_format(unit, decimals) == expected


def contrast_ratio(ink: str, fill: str) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(ink), luminance(fill)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_every_colour_pair_has_enough_contrast():
    white = "#FFFFFF"
    pairs = [(theme.HEADING_INK, theme.HEADING_FILL), (theme.INK, theme.AREA_FILL),
             *[(theme.RAG_INK, fill) for fill in theme.RAG_FILLS.values()],
             *[(ink, white) for ink in theme.DIRECTION_INK.values()],
             (theme.MUTED_INK, white), (theme.INK, theme.STATUS_FILL),
             (theme.HEADING_INK, theme.REPORT_HEADING_FILL), (theme.LINK_INK, white),
             (theme.ERROR_INK, theme.ERROR_FILL), (theme.WARNING_INK, theme.WARNING_FILL),
             (theme.INK, theme.LOCKED_FILL), (theme.INK, theme.CARRIED_OVER_FILL)]
    for ink, fill in pairs:
        assert contrast_ratio(ink, fill) >= 4.5, (ink, fill)


def test_footer_text_doubles_ampersands():
    assert footer_text("Families & Social Care") == "Families && Social Care"


def test_text_height_grows_with_the_text():
    assert text_height("short", 40) == theme.LINE_HEIGHT + 4
    assert text_height("word " * 60, 40) > 4 * theme.LINE_HEIGHT
    assert text_height("x" * 100_000, 40) == 409.0


@pytest.mark.parametrize("text, chars, lines", [
    ("", 10, 1), ("one two", 10, 1), ("one two three", 10, 2), ("a\nb", 10, 2),
    ("x" * 25, 10, 3), ("aaaa bbbb cccc", 9, 2),
])
def test_wrapped_lines(text, chars, lines):
    assert wrapped_lines(text, chars) == lines
