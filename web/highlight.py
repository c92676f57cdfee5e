"""The words of a procedure's name that the citizen's query matched, marked for the results page.

A name word is marked when it is a query word once accents and case are dropped ("so do" marks "sổ đỏ"),
or, for words of four letters or more, one typing slip away from one (the engine forgives the same slips,
so "dang kyy" still marks "đăng ký"). Everything else is escaped: the result is safe to put in a page.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from rapidfuzz.distance import OSA

from vietnamese_text.normalise import fold, key, tokens

_WORD = re.compile(r"[^\W_]+")
_MIN_SLIP_LENGTH = 4


def query_words(query: str) -> frozenset[str]:
    """The query's words, folded, as the engine reads them."""
    return frozenset(fold(word) for word in tokens(key(query)))


def _matches(word: str, wanted: frozenset[str]) -> bool:
    folded = fold(word)
    if folded in wanted:
        return True
    return len(folded) >= _MIN_SLIP_LENGTH and any(
        len(other) >= _MIN_SLIP_LENGTH and OSA.distance(folded, other, score_cutoff=1) <= 1 for other in wanted
    )


def highlight(text: str, query: str) -> Markup:
    """`text` escaped, with each word the query matched inside <mark>."""
    wanted = query_words(query)
    if not wanted:
        return escape(text)
    parts: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        parts.append(str(escape(text[position : match.start()])))
        word = match.group(0)
        parts.append(f"<mark>{escape(word)}</mark>" if _matches(word, wanted) else str(escape(word)))
        position = match.end()
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))
