"""In-memory search over procedure names, built for how citizens type on a phone.

Queries arrive without accents, with Telex keystrokes left in, with typos and abbreviations.
The index keeps two vocabularies of name words (accent-free and accented), postings lists per
word and per adjacent word pair, and scores every procedure with numpy (see ranking.py).
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from procedures_catalog import ranking
from procedures_catalog.model import IndexEntry, Level, parse_levels
from procedures_catalog.normalize import fold, has_marks, key, tokens
from procedures_catalog.procedure_code import short_code
from procedures_catalog.synonyms import SynonymTable
from procedures_catalog.telex import repair_word

# Scores are 0..100; at or above this a hit is confident enough to show as an answer.
CONFIDENCE_THRESHOLD = 55.0
SUGGESTIONS = 3
# A typed phrase that the synonym table expands is kept as an alternative, but the table's
# official wording is what the officers meant it to find.
TYPED_PHRASE_FACTOR = 0.9
MAX_VARIANTS = 12
# Typo tolerance: edit distance (with transpositions) allowed for a word of this length.
_MIN_TYPO_LENGTH = 4
_LONG_WORD = 8
_PAIR_BASE = 1 << 31  # a word-pair key is first * base + second


@dataclass(frozen=True)
class SearchFilters:
    level: Level | None = None  # entry matches if level in parse_levels(entry.level)
    field: str | None = None  # accent/case-insensitive substring of entry.field
    agency: str | None = None  # accent/case-insensitive substring of entry.agency


@dataclass(frozen=True)
class Hit:
    entry: IndexEntry
    score: float  # 0..100, comparable across queries


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]  # matches at/above the confidence threshold, best first (<= limit)
    suggestions: tuple[Hit, ...] = ()  # only when hits is empty: best few guesses below the threshold
    by_code: bool = False  # the query was a procedure code present in the index

    @property
    def confident(self) -> bool:
        return bool(self.hits)


@dataclass(frozen=True)
class _Term:
    """One query word resolved against the vocabulary."""

    alternatives: tuple[tuple[int, float], ...]  # (folded word id, match quality)
    accented: int | None  # accented word id when the user's accents should be honoured
    weight: float


class _Postings:
    """Compressed postings lists: documents of key i are docs[start[i]:start[i + 1]]."""

    def __init__(self, keys: np.ndarray, docs: np.ndarray, size: int) -> None:
        order = np.argsort(keys, kind="stable")
        self.docs = docs[order].astype(np.int32)
        self.start = np.searchsorted(keys[order], np.arange(size + 1)).astype(np.int64)

    def __getitem__(self, i: int) -> np.ndarray:
        return self.docs[self.start[i] : self.start[i + 1]]

    def frequency(self) -> np.ndarray:
        return np.diff(self.start)


def _distinct(texts: Iterable[str | None]) -> tuple[list[str | None], np.ndarray]:
    """The distinct values of a column and, per entry, the index of its value."""
    values: dict[str | None, int] = {}
    ids = np.fromiter((values.setdefault(text, len(values)) for text in texts), dtype=np.int32)
    return list(values), ids


def _contains(needle: str) -> Callable[[str | None], bool]:
    """Accent- and case-insensitive substring test against a field or agency text."""
    return lambda text: text is not None and needle in fold(text)


class SearchIndex:
    def __init__(self, entries: list[IndexEntry], synonyms: SynonymTable) -> None:
        self._entries = entries
        self._synonyms = synonyms
        self._by_code: dict[str, int] = {}
        for i, entry in enumerate(entries):
            self._by_code.setdefault(entry.code, i)
            national = short_code(entry.code)
            if national is not None:
                self._by_code.setdefault(national, i)

        accented: dict[str, int] = {}
        folded: dict[str, int] = {}
        fold_of: list[int] = []
        # Flat typed arrays, not lists of Python ints: a 100,000-name build would peak at GBs.
        f_keys, f_docs, a_keys, a_docs = array("i"), array("i"), array("i"), array("i")
        bigrams, bigram_docs = array("q"), array("i")
        for doc, entry in enumerate(entries):
            ids: list[int] = []
            for word in tokens(key(entry.name)):  # one name at a time: all words at once would be GBs
                aid = accented.get(word)
                if aid is None:
                    aid = accented[word] = len(accented)
                    fold_of.append(folded.setdefault(fold(word), len(folded)))
                ids.append(aid)
            distinct = set(ids)
            a_keys.extend(distinct)
            a_docs.extend(itertools.repeat(doc, len(distinct)))
            fids = [fold_of[aid] for aid in ids]
            distinct = set(fids)
            f_keys.extend(distinct)
            f_docs.extend(itertools.repeat(doc, len(distinct)))
            # Adjacent pairs as one integer key each; decoded never, only looked up.
            pairs = {a * _PAIR_BASE + b for a, b in itertools.pairwise(fids)}
            bigrams.extend(pairs)
            bigram_docs.extend(itertools.repeat(doc, len(pairs)))

        self._accented = accented
        self._folded = folded
        self._folded_words = list(folded)
        self._fold_of = np.asarray(fold_of, dtype=np.int32)
        size = len(entries)
        self._f_post = _Postings(np.frombuffer(f_keys, np.int32), np.frombuffer(f_docs, np.int32), len(folded))
        self._a_post = _Postings(np.frombuffer(a_keys, np.int32), np.frombuffer(a_docs, np.int32), len(accented))
        self._idf: npt.NDArray[np.float32] = np.asarray(ranking.idf(self._f_post.frequency(), max(size, 1)))
        self._unknown_idf = float(ranking.idf(0, max(size, 1)))
        pair_keys = np.frombuffer(bigrams, np.int64)
        self._bigram_keys, pair_ids = np.unique(pair_keys, return_inverse=True)
        self._b_post = _Postings(
            pair_ids.astype(np.int64), np.frombuffer(bigram_docs, np.int32), len(self._bigram_keys)
        )
        # The information in each name: the idf of its distinct words.
        self._doc_weight = np.maximum(
            np.bincount(self._f_post.docs, weights=np.repeat(self._idf, self._f_post.frequency()), minlength=size),
            1e-6,
        ).astype(np.float32)
        self._levels = _distinct(entry.level for entry in entries)
        self._fields = _distinct(entry.field for entry in entries)
        self._agencies = _distinct(entry.agency for entry in entries)
        # Ties go to the shorter name, then the lower code: short names are the general case.
        order = sorted(range(size), key=lambda i: (len(entries[i].name), entries[i].code))
        self._tie_rank = np.empty(size, dtype=np.int32)
        self._tie_rank[order] = np.arange(size, dtype=np.int32)

    @classmethod
    def build(cls, entries: Iterable[IndexEntry], synonyms: SynonymTable | None = None) -> SearchIndex:
        return cls(list(entries), synonyms or SynonymTable())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, code: str) -> IndexEntry | None:
        i = self._by_code.get(code.strip())
        if i is None and (national := short_code(code)) is not None:
            i = self._by_code.get(national)
        return None if i is None else self._entries[i]

    # --- query analysis -----------------------------------------------------------------

    def _repair(self, word: str) -> str:
        return repair_word(word, self._folded, self._accented)

    def _variants(self, words: list[str]) -> list[tuple[list[str], float]]:
        """Word sequences the query may stand for, with a factor each: synonyms expanded."""
        segments: list[list[tuple[tuple[str, ...], float]]] = []
        position = 0
        for match in self._synonyms.matches(words):
            segments += [[((word,), 1.0)] for word in words[position : match.start]]
            typed = tuple(words[match.start : match.end])
            if match.expansions:
                segments.append([*((e, 1.0) for e in match.expansions), (typed, TYPED_PHRASE_FACTOR)])
            else:
                segments.append([((), 1.0)])  # filler
            position = match.end
        segments += [[((word,), 1.0)] for word in words[position:]]

        variants: list[tuple[list[str], float]] = []
        for combination in itertools.islice(itertools.product(*segments), MAX_VARIANTS):
            sequence: list[str] = []
            for word in (word for part, _ in combination for word in part):
                # "cấp thẻ" + "căn cước" → "thẻ căn cước" must not read "cấp thẻ thẻ căn cước".
                if not sequence or fold(sequence[-1]) != fold(word):
                    sequence.append(word)
            factor = float(np.prod([f for _, f in combination]))
            variants.append((sequence, factor))
        if all(not sequence for sequence, _ in variants):
            return [(words, 1.0)]  # only filler words: search them after all
        return [(sequence, factor) for sequence, factor in variants if sequence]

    def _term(self, word: str, honour_accents: bool, relaxed: bool) -> _Term:
        folded = fold(word)
        fid = self._folded.get(folded)
        if fid is not None:
            aid = self._accented.get(word) if honour_accents else None
            return _Term(((fid, 1.0),), aid, float(self._idf[fid]))
        alternatives = self._typo_alternatives(folded, relaxed)
        if not alternatives:
            return _Term((), None, self._unknown_idf)
        # Weigh the word like the likeliest intended one: the closest, then the most common.
        best = max(alternatives, key=lambda a: (a[1], -self._idf[a[0]]))
        return _Term(tuple(alternatives), None, float(self._idf[best[0]]))

    def _typo_alternatives(self, folded: str, relaxed: bool) -> list[tuple[int, float]]:
        if relaxed:
            # Guesses only (never confident): the nearest words whatever their distance.
            found = process.extract(folded, self._folded_words, scorer=OSA.normalized_distance, limit=3)
            return [(self._folded[w], 0.3 * (1 - d)) for w, d, _ in found if d < 1]
        if len(folded) < _MIN_TYPO_LENGTH - 1:
            return []
        max_distance = 2 if len(folded) >= _LONG_WORD else 1
        # rapidfuzz's stubs match its distance scorers with no overload of extract(); the call is its documented use.
        found = process.extract(  # type: ignore[call-overload]
            folded, self._folded_words, scorer=OSA.distance, score_cutoff=max_distance, limit=5
        )
        if len(folded) < _MIN_TYPO_LENGTH:
            # Three letters leave too many words one edit away: only swapped letters ("hno").
            found = [f for f in found if sorted(f[0]) == sorted(folded)]
        if not found:
            return []
        nearest = min(d for _, d, _ in found)
        return [(self._folded[w], ranking.TYPO_QUALITY[int(d)]) for w, d, _ in found if d == nearest]

    # --- scoring ------------------------------------------------------------------------

    def _score_variant(self, words: Sequence[str], honour_accents: bool, relaxed: bool) -> np.ndarray:
        size = len(self._entries)
        terms: list[_Term] = []
        seen: set[int] = set()
        sequence: list[int | None] = []  # best folded id per word, for the phrase pairs
        for word in words:
            term = self._term(word, honour_accents, relaxed)
            best = term.alternatives[0][0] if term.alternatives else None
            sequence.append(best)
            if best is not None and best in seen:
                continue  # a repeated word adds nothing
            if best is not None:
                seen.add(best)
            terms.append(term)

        total = sum(term.weight for term in terms)
        postings: list[np.ndarray] = []
        weights: list[float] = []
        concise_postings: list[np.ndarray] = []
        concise_weights: list[float] = []
        for term in terms:
            exact_share = 1.0 if term.accented is None else ranking.ACCENT_MISMATCH
            for fid, quality in term.alternatives:
                docs = self._f_post[fid]
                postings.append(docs)
                weights.append(term.weight * quality * exact_share / total)
                concise_postings.append(docs)
                concise_weights.append(float(self._idf[fid]) * quality)
            if term.accented is not None:
                postings.append(self._a_post[term.accented])
                weights.append(term.weight * (1 - ranking.ACCENT_MISMATCH) / total)
        coverage = ranking.weighted_hits(size, postings, weights)
        conciseness = ranking.weighted_hits(size, concise_postings, concise_weights) / self._doc_weight

        pair_postings: list[np.ndarray] = []
        pair_weights: list[float] = []
        pair_total = 0.0
        for a, b in itertools.pairwise(sequence):
            pair_total += 1.0
            if a is None or b is None:
                continue
            i = int(np.searchsorted(self._bigram_keys, a * _PAIR_BASE + b))
            if i < len(self._bigram_keys) and self._bigram_keys[i] == a * _PAIR_BASE + b:
                pair_postings.append(self._b_post[i])
                pair_weights.append(1.0)
        if pair_total:
            phrase = ranking.weighted_hits(size, pair_postings, [w / pair_total for w in pair_weights])
        else:
            phrase = coverage  # a one-word query: nothing to keep together
        return ranking.combine(coverage, phrase, conciseness)

    def _scores(self, words: list[str], relaxed: bool) -> np.ndarray:
        honour_accents = any(has_marks(word) and word in self._accented for word in words)
        best = np.zeros(len(self._entries), dtype=np.float32)
        for sequence, factor in self._variants(words):
            np.maximum(best, factor * self._score_variant(sequence, honour_accents, relaxed), out=best)
        return best * 100.0

    def _mask(self, filters: SearchFilters) -> np.ndarray:
        """Which entries pass the filters; tests each distinct field/agency/level text once."""
        mask = np.ones(len(self._entries), dtype=bool)
        tests: list[tuple[tuple[list[str | None], np.ndarray], Callable[[str | None], bool]]] = []
        if filters.level is not None:
            level = filters.level
            tests.append((self._levels, lambda text: level in parse_levels(text)))
        if filters.field is not None:
            tests.append((self._fields, _contains(fold(filters.field).strip())))
        if filters.agency is not None:
            tests.append((self._agencies, _contains(fold(filters.agency).strip())))
        for (values, ids), test in tests:
            passing = np.fromiter((test(value) for value in values), dtype=bool, count=len(values))
            mask &= passing[ids]
        return mask

    def search(self, query: str, *, limit: int = 10, filters: SearchFilters | None = None) -> SearchResult:
        text = query.strip()
        if not text:
            return SearchResult(query, ())
        if short_code(text) is not None:
            # A code is an exact request: the procedure or nothing, whatever the filters.
            entry = self.get(text)
            return SearchResult(query, (Hit(entry, 100.0),) if entry else (), by_code=entry is not None)

        words = [self._repair(word) for word in tokens(key(text))]
        if not words or not self._entries:
            return SearchResult(query, ())
        scores = self._scores(words, relaxed=False)
        if filters is not None and filters != SearchFilters():
            scores = np.where(self._mask(filters), scores, 0.0).astype(np.float32)
        top = ranking.top_indices(scores, self._tie_rank, limit)
        hits = tuple(
            Hit(self._entries[i], round(float(scores[i]), 2)) for i in top if scores[i] >= CONFIDENCE_THRESHOLD
        )
        if hits:
            return SearchResult(query, hits)
        if not len(top):
            # Nothing shares a word with the query: loosen typo tolerance for a few guesses.
            scores = self._scores(words, relaxed=True)
            if filters is not None and filters != SearchFilters():
                scores = np.where(self._mask(filters), scores, 0.0).astype(np.float32)
            top = ranking.top_indices(scores, self._tie_rank, SUGGESTIONS)
        suggestions = tuple(
            Hit(self._entries[i], round(min(float(scores[i]), CONFIDENCE_THRESHOLD - 1), 2)) for i in top[:SUGGESTIONS]
        )
        return SearchResult(query, (), suggestions)
