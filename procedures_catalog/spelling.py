"""Spellings Vietnamese speakers of one region or another confuse, as accent-free word variants.

Northern speakers merge tr/ch, s/x and d/gi/r; southern speakers merge final n/ng and t/c, and v/d; anyone may
write c for k or a final y for i ("đăng kí", "công ti"), as the spelling itself hesitates. A citizen
types "xac nhan cu chu" for "xác nhận cư trú" or "giay phep sây dựng": the search reads a word that fits
neither neighbour as its variant that does (search.SearchIndex._fix_in_context).
"""

from __future__ import annotations

# Onsets heard alike, in both directions.
_ONSETS = (("tr", "ch"), ("s", "x"), ("gi", "d"), ("r", "d"), ("gi", "r"), ("v", "d"), ("l", "n"))
# Codas heard alike in the south.
_CODAS = (("ng", "n"), ("c", "t"), ("nh", "n"))


def dialect_variants(folded: str) -> list[str]:
    """Accent-free words `folded` may have been meant as, by one confusion of onset or coda."""
    variants: list[str] = []
    for a, b in _ONSETS:
        for source, target in ((a, b), (b, a)):
            if folded.startswith(source) and not (
                source == "d" and folded.startswith("d") and target == "gi" and folded.startswith("gi")
            ):
                variants.append(target + folded[len(source) :])
    for a, b in _CODAS:
        for source, target in ((a, b), (b, a)):
            if folded.endswith(source) and not (source == "n" and folded.endswith(("ng", "nh"))):
                variants.append(folded[: -len(source)] + target)
    # The onset c/k (not "ch"/"kh"), and a final i/y after a consonant ("ki", "ly"; not "ai"/"ay", "ui"/"uy").
    if folded[:1] in ("c", "k") and folded[1:2] != "h" and len(folded) > 1:
        variants.append(("k" if folded[0] == "c" else "c") + folded[1:])
    if len(folded) > 1 and folded[-1] in "iy" and folded[-2] not in "aeiouy":
        variants.append(folded[:-1] + ("y" if folded[-1] == "i" else "i"))
    return [variant for variant in dict.fromkeys(variants) if variant != folded]


# Rows of a phone's QWERTY keyboard: a finger lands on a key beside the one meant.
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {ch: (row, column) for row, keys in enumerate(_KEY_ROWS) for column, ch in enumerate(keys)}


def _beside(a: str, b: str) -> bool:
    """Whether two keys touch on a QWERTY keyboard (same row or the next one, a column apart at most)."""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (row_a, column_a), (row_b, column_b) = _KEY_AT[a], _KEY_AT[b]
    return abs(row_a - row_b) <= 1 and abs(column_a - column_b) <= 1


def with_one_letter_more(folded: str, alphabet: str = "abcdefghiklmnopqrstuvxy") -> list[str]:
    """Every word `folded` may be with one letter it lost ("ai" → "lai", "cuc" → "cuoc"); Vietnamese letters."""
    return [folded[:i] + letter + folded[i:] for i in range(len(folded) + 1) for letter in alphabet]


def likely_slip(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` (accent-free, one edit apart) as a phone typist slips: a letter dropped or one
    more, two letters swapped, a key beside the one meant, or a spelling one region confuses. A letter replaced by
    one far from it on the keyboard ("tah" for "tap") is the unlikely edit."""
    if abs(len(typed) - len(meant)) == 1 or typed in dialect_variants(meant):
        return True
    if len(typed) != len(meant):
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    if len(differ) == 1:
        return _beside(typed[differ[0]], meant[differ[0]])
    return len(differ) == 2 and differ[1] == differ[0] + 1 and typed[differ[0]] == meant[differ[1]]
