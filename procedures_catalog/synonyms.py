"""Abbreviations and everyday phrases citizens type, mapped to the catalog's official wording.

The table is data (procedures_catalog/data/synonyms.tsv, format described in its header) so
officers can extend it with an office file (setting MOTCUA_SYNONYMS_FILE) without code changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from vietnamese_text.normalise import fold, has_marks, key, tokens

BUNDLED = "synonyms.tsv"


@dataclass(frozen=True)
class Synonym:
    """One phrase and what it stands for; no expansions means a filler word to drop."""

    phrase: tuple[str, ...]  # accent keys, as written in the table
    expansions: tuple[tuple[str, ...], ...]  # each an accent-key word sequence

    @property
    def is_filler(self) -> bool:
        return not self.expansions


@dataclass(frozen=True)
class SynonymMatch:
    start: int
    end: int  # exclusive
    expansions: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SynonymTable:
    by_folded: dict[tuple[str, ...], tuple[Synonym, ...]] = field(default_factory=dict)
    longest: int = 0

    @classmethod
    def of(cls, synonyms: Iterable[Synonym]) -> SynonymTable:
        merged: dict[tuple[str, ...], dict[tuple[str, ...], list[tuple[str, ...]]]] = {}
        for synonym in synonyms:
            folded = tuple(fold(word) for word in synonym.phrase)
            expansions = merged.setdefault(folded, {}).setdefault(synonym.phrase, [])
            expansions.extend(e for e in synonym.expansions if e not in expansions)
        by_folded = {
            folded: tuple(Synonym(phrase, tuple(expansions)) for phrase, expansions in variants.items())
            for folded, variants in merged.items()
        }
        return cls(by_folded, max((len(phrase) for phrase in by_folded), default=0))

    def __len__(self) -> int:
        return sum(len(variants) for variants in self.by_folded.values())

    def entries(self) -> list[Synonym]:
        return [synonym for variants in self.by_folded.values() for synonym in variants]

    def _lookup(self, words: Sequence[str]) -> Synonym | None:
        """The entry for `words` (accent keys); accents typed by the user must agree with it."""
        variants = self.by_folded.get(tuple(fold(word) for word in words))
        if not variants:
            return None
        for synonym in variants:
            # "so do" may be "sổ đỏ"; "sơ đồ" typed with accents is not. A word typed without accents agrees
            # with any spelling, so a query half repaired from Telex ("nhan con nuôi") still finds its phrase.
            if not any(has_marks(w) for w in synonym.phrase) or all(
                not has_marks(typed) or typed == wanted for typed, wanted in zip(words, synonym.phrase, strict=True)
            ):
                return synonym
        return None

    def matches(self, words: Sequence[str]) -> list[SynonymMatch]:
        """Non-overlapping phrase matches in `words`, longest first, scanning left to right."""
        found: list[SynonymMatch] = []
        start = 0
        while start < len(words):
            for length in range(min(self.longest, len(words) - start), 0, -1):
                synonym = self._lookup(words[start : start + length])
                if synonym is not None:
                    found.append(SynonymMatch(start, start + length, synonym.expansions))
                    start += length
                    break
            else:
                start += 1
        return found


def parse_synonyms(lines: Iterable[str]) -> list[Synonym]:
    """Entries of a synonym file: `phrase<TAB>expansion | expansion`, '#' comments, blank lines."""
    synonyms: list[Synonym] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        phrase_text, _, expansion_text = line.partition("\t")
        parts = [part.strip() for part in expansion_text.split("|")]
        # "-" as an expansion: the phrase may also be dropped ("cho con" in "khai sinh cho con").
        expansions = tuple(() if part == "-" else tuple(tokens(key(part))) for part in parts if part)
        expansions = tuple(e for e in expansions if e or "-" in parts)
        for alias in phrase_text.split("/"):
            phrase = tuple(tokens(key(alias.strip())))
            if phrase:
                synonyms.append(Synonym(phrase, expansions))
    return synonyms


def load_synonyms(extra: Path | None = None) -> SynonymTable:
    """The bundled table plus, when given, an office's own file (entries add up)."""
    bundled = resources.files("procedures_catalog").joinpath("data", BUNDLED).read_text(encoding="utf-8")
    synonyms = parse_synonyms(bundled.splitlines())
    if extra is not None:
        synonyms += parse_synonyms(Path(extra).read_text(encoding="utf-8").splitlines())
    return SynonymTable.of(synonyms)
