"""How wide a text prints in Times New Roman, so that a table's columns get room for their longest word.

The advance widths (in 1/2048 em) of the characters below, regular and bold, are those of Liberation Serif 2.1,
which is metric-compatible with Times New Roman by design: a document set in Times New Roman prints with these
widths in Word, and in LibreOffice where Liberation Serif stands in for it. A Vietnamese letter is as wide as its
base letter (its marks, apart in NFD, take no width), except Đ and đ, which have widths of their own.
"""

from __future__ import annotations

import unicodedata

_UNITS_PER_EM = 2048
_CHARACTERS = "".join(chr(code) for code in range(0x20, 0x7F)) + "–Đđ\u00a0…"
_REGULAR = dict(
    zip(
        _CHARACTERS,
        (
            512,
            682,
            836,
            1024,
            1024,
            1706,
            1593,
            369,
            682,
            682,
            1024,
            1155,
            512,
            682,
            512,
            569,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            569,
            569,
            1155,
            1155,
            1155,
            909,
            1886,
            1479,
            1366,
            1366,
            1479,
            1251,
            1139,
            1479,
            1479,
            682,
            797,
            1479,
            1251,
            1821,
            1479,
            1479,
            1139,
            1479,
            1366,
            1139,
            1251,
            1479,
            1479,
            1933,
            1479,
            1479,
            1251,
            682,
            569,
            682,
            961,
            1024,
            682,
            909,
            1024,
            909,
            1024,
            909,
            682,
            1024,
            1024,
            569,
            569,
            1024,
            569,
            1593,
            1024,
            1024,
            1024,
            1024,
            682,
            797,
            569,
            1024,
            1024,
            1479,
            1024,
            1024,
            909,
            983,
            410,
            983,
            1108,
            1024,
            1479,
            1024,
            512,
            2048,
        ),
        strict=True,
    )
)
_BOLD = dict(
    zip(
        _CHARACTERS,
        (
            512,
            682,
            1137,
            1024,
            1024,
            2048,
            1706,
            569,
            682,
            682,
            1024,
            1167,
            512,
            682,
            512,
            569,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            1024,
            682,
            682,
            1167,
            1167,
            1167,
            1024,
            1905,
            1479,
            1366,
            1479,
            1479,
            1366,
            1251,
            1593,
            1593,
            797,
            1024,
            1593,
            1366,
            1933,
            1479,
            1593,
            1251,
            1593,
            1479,
            1139,
            1366,
            1479,
            1479,
            2048,
            1479,
            1479,
            1366,
            682,
            569,
            682,
            1190,
            1024,
            682,
            1024,
            1139,
            909,
            1139,
            909,
            682,
            1024,
            1139,
            569,
            682,
            1139,
            569,
            1706,
            1139,
            1024,
            1139,
            1139,
            909,
            797,
            682,
            1139,
            1024,
            1479,
            1024,
            1024,
            909,
            807,
            451,
            807,
            1065,
            1024,
            1479,
            1139,
            512,
            2048,
        ),
        strict=True,
    )
)
_FALLBACK = 1024  # half an em, a digit's width: for the few characters not listed


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in points of `text` on one line at `size` points."""
    widths = _BOLD if bold else _REGULAR
    units = sum(
        widths.get(character, _FALLBACK)
        for character in unicodedata.normalize("NFD", text)
        if not unicodedata.combining(character)
    )
    return units * size / _UNITS_PER_EM


def longest_word_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in points of the widest word of `text`: a column narrower than that breaks the word."""
    return max((text_width(word, size, bold=bold) for word in text.split()), default=0.0)


def wrapped_lines(text: str, width: float, size: float, *, bold: bool = False) -> int:
    """How many lines `text` takes in a column `width` points wide, wrapped between words."""
    lines, used = 1, 0.0
    space = text_width(" ", size, bold=bold)
    for word in text.split():
        word_width = text_width(word, size, bold=bold)
        if used and used + space + word_width > width:
            lines, used = lines + 1, word_width
        else:
            used += (space if used else 0.0) + word_width
    return lines
