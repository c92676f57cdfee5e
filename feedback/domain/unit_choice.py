"""Finding the unit a citizen means from a few typed words ("dia chinh", "phuong 3", "UBND xa Tan Lap").

Citizens type without diacritics and with abbreviations, so names are compared folded (no marks, lower
case), word by word, and a unit's code counts as one more word. Units whose name holds every typed word
come first, shortest names first (the most specific match); otherwise the units each of whose typed
words is close to one of the unit's words, so a typo still finds something.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from feedback.domain.units import Unit
from vietnamese_text.normalise import fold

WORD_CUTOFF = 85  # "chin" finds "chinh" (89), "an" does not find "tan" (80)


def _words(unit: Unit) -> list[str]:
    return [*fold(unit.name).split(), unit.code.lower()]


def _fuzzy_score(wanted: list[str], words: list[str]) -> float | None:
    """Every typed word must be close to some word of the unit; the mean closeness, or None."""
    best = [max(fuzz.ratio(typed, word) for word in words) for typed in wanted]
    return sum(best) / len(best) if min(best) >= WORD_CUTOFF else None


def find_units(words: str, units: Iterable[Unit], *, limit: int = 6) -> list[Unit]:
    """The units that best match the typed words, best first; empty when nothing is close."""
    wanted = fold(words).split()
    candidates = list(units)
    if not wanted:
        return []
    exact = [unit for unit in candidates if all(word in _words(unit) for word in wanted)]
    if exact:
        return sorted(exact, key=lambda unit: (len(unit.name), unit.name))[:limit]
    scored = [(score, unit) for unit in candidates if (score := _fuzzy_score(wanted, _words(unit))) is not None]
    return [unit for _, unit in sorted(scored, key=lambda pair: -pair[0])][:limit]
