"""Spellings Vietnamese speakers of one region or another confuse, as accent-free word variants.

Northern speakers merge tr/ch, s/x and d/gi/r; southern speakers merge final n/ng and t/c, and v/d. A citizen
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
    return [variant for variant in dict.fromkeys(variants) if variant != folded]
