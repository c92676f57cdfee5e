"""Text a spreadsheet would take for a formula, made plain text: CSV injection ("formula injection").

Unit, procedure and field names are typed by administrators (or imported); one that starts with "=",
"+", "-", "@", a tab or a carriage return is run as a formula by Excel or LibreOffice when the CSV is
opened ("=HYPERLINK(…)" leaks data, "=cmd|…" once ran commands). OWASP's advice: put a single quote
before such a cell, which the spreadsheet shows as text and does not evaluate. Full-width signs are
included: spreadsheets normalise them.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise_formula(text: str) -> str:
    """The text, with a leading quote if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
