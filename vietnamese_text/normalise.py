"""Vietnamese text normalisation for search keys: one Unicode form, one tone placement, one case.

Two keys are derived from a text:
- the *accent key* keeps diacritics (`key()`): what the user typed when they typed accents;
- the *folded key* drops them (`fold()`): most citizens type without accents on a phone.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Combining tone marks (dấu thanh): huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# Open syllables ending in oa / oe / uy are written two ways: "hoà, khoẻ, thuỷ" (tone on the
# second vowel) and "hòa, khỏe, thủy" (tone on the first). The catalog mixes both, so keys use
# one: the tone on the first vowel. "quý" is not affected: after q the u belongs to the onset.
_OLD_TONE_PLACEMENT = re.compile(
    r"(?<![qQ])([oO])([aAeE])([" + TONE_MARKS + r"])(?![^\W\d_])"
    r"|(?<![qQ])([uU])([yY])([" + TONE_MARKS + r"])(?![^\W\d_])"
)

_TOKEN = re.compile(r"[^\W_]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = (match.group(1), match.group(2), match.group(3))
    if first is None:
        first, second, tone = (match.group(4), match.group(5), match.group(6))
    return first + tone + second


def canonical_tones(text: str) -> str:
    """`text` in NFC with the tone of open oa/oe/uy syllables on the first vowel ("hoà" → "hòa")."""
    # Work on the decomposed form, where a tone is a separate mark that a regex can move. Only
    # marks directly after the vowel letter count; the circumflex/breve/horn never occur in
    # these three nuclei, so the letter+tone pair is adjacent in NFD.
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE_PLACEMENT.sub(_move_tone, decomposed))


def key(text: str) -> str:
    """Accent-preserving search key: NFC, one tone placement, lower case."""
    return canonical_tones(text).lower()


def strip_marks(text: str) -> str:
    """`text` without diacritics; "đ"/"Đ" become "d"/"D" first since NFD does not decompose them."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accent-free, lower-case search key: "Đăng KÝ" → "dang ky". Cached: a query folds the same words often."""
    return strip_marks(text.lower())


def tokens(text: str) -> list[str]:
    """Words (letters and digits) of an already normalised text; punctuation separates them."""
    return _TOKEN.findall(text)


def has_marks(word: str) -> bool:
    """Whether a (normalised) word carries any Vietnamese diacritic, "đ" included."""
    return fold(word) != word.lower()
