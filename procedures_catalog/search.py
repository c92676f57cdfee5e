"""In-memory search over procedure names, built for how citizens type on a phone.

Queries arrive without accents, with Telex keystrokes left in, with typos and abbreviations.
The index keeps two vocabularies of name words (accent-free and accented), postings lists per
word and per adjacent word pair, and scores every procedure with numpy (see ranking.py).
"""

from __future__ import annotations

import functools
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA
from threadpoolctl import threadpool_limits

from procedures_catalog import ranking
from procedures_catalog.model import IndexEntry, Level, parse_levels
from procedures_catalog.pointers import Pointer, PointerTable, load_pointers
from procedures_catalog.procedure_code import short_code
from procedures_catalog.special_cases import Marker, MarkerKind, load_markers
from procedures_catalog.spelling import dialect_variants, likely_slip, with_one_letter_more
from procedures_catalog.synonyms import SynonymTable
from procedures_catalog.telex import repair_word
from vietnamese_text.normalise import fold, has_marks, key, tokens

# Scores are 0..100; at or above this a hit is confident enough to show as an answer.
CONFIDENCE_THRESHOLD = 55.0
SUGGESTIONS = 3
# A typed phrase that the synonym table expands is kept as an alternative, but the table's
# official wording is what the officers meant it to find.
TYPED_PHRASE_FACTOR = 0.9
MAX_VARIANTS = 12
# Float32 sums differ in their last bits: a name is set aside only when its ceiling is this share below the bar.
_BAR_MARGIN = 1e-4
# Names to score fewer than the lists' mean length over this are looked up in each list by binary search.
_SEARCH_RATIO = 8
# Names scored first, those with the highest ceilings, to raise the bar for the rest.
_FIRST_BATCH = 256
# A word pair found in at least this share of the names of its rarer word is counted on that word's list in the
# ceiling's pass ("đăng ký" on "ký"): the ceiling is a little looser, the pass reads one long list less (0.8: p99 -1 %).
_PAIR_SHARE = 0.5
# A reading that drops an optional phrase loses this much of its score times the share of information dropped.
DROP_SHARE = 0.4
# Typo tolerance: edit distance (with transpositions) allowed for a word of this length.
_MIN_TYPO_LENGTH = 4
_LONG_WORD = 8
_PAIR_BASE = 1 << 31  # a word-pair key is first * base + second
# A name marked for organisations, or as a special case, ranks below the general one unless the
# query names the marker (special_cases.py): a factor per marker the query does not name.
MARKER_FACTOR = {MarkerKind.ORGANISATION: 0.85, MarkerKind.SPECIAL: 0.85, MarkerKind.IGNORE: 1.0}
# A word found in no name and repaired to none lowers confidence (not the order): it counts this
# much of its weight against the words that matched.
UNKNOWN_WORD_SHARE = 0.75
# Joined words ("dangky") are split into at most this many name words.
_MAX_PARTS = 4
# A number in a query is mostly circumstance ("đủ 25 tuổi", "năm 2004", "quá hạn 3 tháng") and rare in names, so
# its inverse document frequency would let it outweigh the words that say what is asked: it counts this much.
NUMBER_WEIGHT = 0.25
# A name word found in at most this share of names is rare enough to be read as a typo of a near word that fits
# its neighbours ("chịu" in "ho chiu" is "hộ chiếu").
RARE_WORD_SHARE = 0.01
# A word that exists is read as another only when that other stands beside the neighbour in at least this share of
# the names that have it: "ho chiu" is "hộ chiếu" (10 of 11 names), "con sang" is not "công sang".
CHARACTERISTIC_SHARE = 0.15
# A procedure code written inside a sentence ("thủ tục 1.001612", "mã 2.000815.000.00.00.H38").
# "(trừ …)": what a procedure does not cover.
_EXCLUSION = re.compile(r"\(\s*trừ\b[^()]*\)", re.IGNORECASE)
_CODE_IN_TEXT = re.compile(r"(?<![\d.])\d\.\d{6}(?:\.[0-9A-Za-z]+)*(?![\d])")


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
    """What a channel shows for one query.

    - `hits`: matches at or above the confidence threshold, best first (at most `limit`).
    - `suggestions`: only when `hits` is empty: the best few guesses below the threshold. Empty only
      when nothing in the catalog shares a word (or a near word) with the query.
    - `by_code`: the query was a procedure code present in the index.
    - `did_you_mean`: the query as the engine read it, when it repaired what was typed (a typo,
      words run together, Telex keystrokes): "dangky kethon" → "đăng ký kết hôn". Show it as
      «Có phải bạn muốn tìm: …?» (a link or button that searches it). None when nothing was repaired.
    - `pointer`: for a matter no commune or province handles (divorce, lawsuits, inheritance
      disputes…), where it is handled: `pointer.text` is Vietnamese, shown as written, above any
      hits (a related procedure may still be listed). None otherwise.
    """

    query: str
    hits: tuple[Hit, ...]
    suggestions: tuple[Hit, ...] = ()
    by_code: bool = False
    did_you_mean: str | None = None
    pointer: Pointer | None = None

    @property
    def confident(self) -> bool:
        return bool(self.hits)


@dataclass(frozen=True)
class _Term:
    """One query word resolved against the vocabulary."""

    alternatives: tuple[tuple[int, float], ...]  # (folded word id, match quality)
    accented: int | None  # accented word id when the user's accents should be honoured
    weight: float


@dataclass(frozen=True)
class _Plan:
    """One reading of a query, ready to score: what each postings list adds to each part of a name's score."""

    coverage: dict[int, float]  # list key (a folded word id, or past them an accented one) → share of the query
    concise: dict[int, float]  # list key → the information it carries, against the name's
    pairs: dict[int, float]  # word pair → share of the query's adjacent pairs
    one_word: bool  # no pairs: the phrase part is the coverage
    factor: float  # the reading's own factor, times what words found in no name take from confidence
    group_factor: npt.NDArray[np.float32] | None  # per group of marked names


@dataclass(frozen=True)
class _Readings:
    """A query's readings as matrices over the postings lists they use (word lists, then word-pair lists)."""

    lists: list[np.ndarray]  # each list's names, in name order: word lists, then pair lists
    keys: np.ndarray  # each list's key in the names' forward lists (ascending, as the lists are ordered)
    coverage: npt.NDArray[np.float32]  # reading × word list: share of the query's information
    concise: npt.NDArray[np.float32]  # reading × word list: information, against the name's
    pairs: npt.NDArray[np.float32]  # reading × pair list: share of the query's adjacent pairs
    one_word: npt.NDArray[np.bool_]  # per reading: no pairs, the phrase part is the coverage
    factor: npt.NDArray[np.float32]  # per reading
    group_factor: npt.NDArray[np.float32] | None  # reading × group of marked names
    # What the lists add to each name, once computed: a query with no confident answer looks again with a lower bar.
    held: list[np.ndarray] = field(default_factory=list)


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


class _Forward:
    """Each name's keys: name i holds keys[start[i]:start[i + 1]]. Built from parts whose entries are in name order
    (as the index is built, one name after another), without sorting them: a sort of all entries doubled the peak."""

    def __init__(self, parts: list[tuple[np.ndarray, np.ndarray]], size: int, key_count: int) -> None:
        counts = [np.bincount(docs, minlength=size) for docs, _ in parts]
        self.start = np.concatenate([[0], np.cumsum(np.sum(counts, axis=0))]).astype(np.int64)
        self.keys = np.empty(int(self.start[-1]), dtype=np.uint16 if key_count <= 1 << 16 else np.int32)
        filled = self.start[:-1].copy()
        for (docs, keys), count in zip(parts, counts, strict=True):
            first_of_name = np.concatenate([[0], np.cumsum(count)])[docs]
            self.keys[filled[docs] + np.arange(len(docs)) - first_of_name] = keys
            filled += count


def _distinct(texts: Iterable[str | None]) -> tuple[list[str | None], np.ndarray]:
    """The distinct values of a column and, per entry, the index of its value."""
    values: dict[str | None, int] = {}
    ids = np.fromiter((values.setdefault(text, len(values)) for text in texts), dtype=np.int32)
    return list(values), ids


@functools.cache
def _one_blas_thread() -> None:
    """Keep the BLAS numpy multiplies with to one thread, for the whole process (OpenBLAS has one setting).

    The scoring's products are small (a dozen readings × a few dozen lists × some thousand names): spread over
    threads, most of their time is the waiting for the other threads, and on a busy machine a product of 0.3 ms took
    6.5 ms. A server answers many citizens at once on its cores; one query need not take several.
    """
    threadpool_limits(limits=1, user_api="blas")


def _overlap(first: np.ndarray, second: np.ndarray) -> bool:
    """Whether two sorted postings lists share a name: the shorter looked up in the longer (no sort, no copy)."""
    short, long = (first, second) if len(first) <= len(second) else (second, first)
    if not len(short):
        return False
    at = np.minimum(np.searchsorted(long, short), len(long) - 1)
    return bool((long[at] == short).any())


# The level a citizen goes to first: their commune, then the district and province, then a ministry; a name carried
# out at several levels counts at its nearest one.
_LEVEL_NEARNESS = (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL)


def _level_rank(text: str | None) -> int:
    """How far from the citizen the nearest level of a published level text is (unknown or other: farthest)."""
    levels = parse_levels(text)
    return next((rank for rank, level in enumerate(_LEVEL_NEARNESS) if level in levels), len(_LEVEL_NEARNESS))


def _contains(needle: str) -> Callable[[str | None], bool]:
    """Accent- and case-insensitive substring test against a field or agency text."""
    return lambda text: text is not None and needle in fold(text)


def _less_one_letter(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class _Reading:
    """A query's words as the engine reads them, and the repaired wording when it differs."""

    words: list[str]
    did_you_mean: str | None


class SearchIndex:
    def __init__(
        self,
        entries: list[IndexEntry],
        synonyms: SynonymTable,
        pointers: PointerTable | None = None,
        markers: tuple[Marker, ...] = (),
    ) -> None:
        _one_blas_thread()
        self._entries = entries
        self._synonyms = synonyms
        self._pointers = pointers or PointerTable()
        self._markers = markers
        self._marker_log = np.log([MARKER_FACTOR[marker.kind] for marker in markers]).astype(np.float32)
        self._organisation = np.array([marker.kind is MarkerKind.ORGANISATION for marker in markers], dtype=bool)
        self._markers_by_first: dict[str, list[int]] = {}
        for m, marker in enumerate(markers):
            self._markers_by_first.setdefault(marker.phrase.split(" ", 1)[0], []).append(m)
        marker_docs: list[list[int]] = [[] for _ in markers]
        ignored = [marker for marker in markers if marker.kind is MarkerKind.IGNORE]
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
        accented_pairs = array("q")
        for doc, entry in enumerate(entries):
            ids: list[int] = []
            # One name at a time (all words at once would be GBs), without what it excludes: "(trừ trường hợp nhà ở
            # riêng lẻ)" says the procedure is not for a house, nor is "(trừ … liên thông …)" a joint one.
            name = _EXCLUSION.sub(" ", entry.name)
            for word in tokens(key(name)):
                aid = accented.get(word)
                if aid is None:
                    aid = accented[word] = len(accented)
                    fold_of.append(folded.setdefault(fold(word), len(folded)))
                ids.append(aid)
            distinct = set(ids)
            a_keys.extend(distinct)
            a_docs.extend(itertools.repeat(doc, len(distinct)))
            fids = [fold_of[aid] for aid in ids]
            accented_pairs.extend({a * _PAIR_BASE + b for a, b in itertools.pairwise(ids)})
            if markers:
                # The first clause says who a procedure is for; later ones list cases ("…; cho thuê lại quyền sử
                # dụng đất trong dự án…") that do not make a transfer between neighbours an organisation's matter.
                head = name.split(";", 1)[0]
                folded_name = f" {' '.join(fold(word) for word in tokens(key(head)))} "
                for marker in ignored:
                    folded_name = folded_name.replace(f" {marker.phrase} ", " | ")
                for m, marker in enumerate(markers):
                    if marker.kind is not MarkerKind.IGNORE and marker.in_text(folded_name.strip()):
                        marker_docs[m].append(doc)
            distinct = set(fids)
            f_keys.extend(distinct)
            f_docs.extend(itertools.repeat(doc, len(distinct)))
            # Adjacent pairs as one integer key each; decoded never, only looked up.
            pairs = {a * _PAIR_BASE + b for a, b in itertools.pairwise(fids)}
            bigrams.extend(pairs)
            bigram_docs.extend(itertools.repeat(doc, len(pairs)))

        self._accented = accented
        self._accented_words = list(accented)
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
        # Each name's lists (its folded words, its accented words past them, its word pairs past both), to find which
        # of a query's lists hold a few names without reading the lists: a name has some dozens, a list up to all.
        first_pair = len(folded) + len(accented)
        self._forward_keys = first_pair + len(self._bigram_keys)
        self._forward = _Forward(
            [
                (np.frombuffer(f_docs, np.int32), np.frombuffer(f_keys, np.int32)),
                (np.frombuffer(a_docs, np.int32), np.frombuffer(a_keys, np.int32) + len(folded)),
                (np.frombuffer(bigram_docs, np.int32), pair_ids + first_pair),
            ],
            size,
            self._forward_keys,
        )
        # The information in each name: the idf of its distinct words.
        self._doc_weight = np.maximum(
            np.bincount(self._f_post.docs, weights=np.repeat(self._idf, self._f_post.frequency()), minlength=size),
            1e-6,
        ).astype(np.float32)
        # Accented word pairs, only to spell a repaired word the way names spell it after its neighbour.
        self._accented_pairs = np.unique(np.frombuffer(accented_pairs, np.int64))
        # Names with markers, grouped by which markers they carry: a reading then costs one factor per group
        # and one gather, not one multiplication per marker over its names.
        carried: dict[int, list[int]] = {}
        for m, docs in enumerate(marker_docs):
            for doc in docs:
                carried[doc] = [*carried.get(doc, []), m]
        groups: dict[tuple[int, ...], int] = {(): 0}
        self._marker_group = np.zeros(size, dtype=np.int32)
        for doc, ms in carried.items():
            self._marker_group[doc] = groups.setdefault(tuple(ms), len(groups))
        # Which markers each group carries, as a matrix: a reading's factors per group are one product.
        self._group_markers = np.zeros((len(groups), max(len(markers), 1)), dtype=np.float32)
        for group, g in groups.items():
            self._group_markers[g, list(group)] = 1.0
        # The accented forms of each folded word, to spell "did you mean".
        self._forms_of: dict[int, list[int]] = {}
        for aid, fid in enumerate(fold_of):
            self._forms_of.setdefault(fid, []).append(aid)
        # Accented forms and adjacent pairs of the synonym table's phrases and expansions, to spell "did you mean".
        self._synonym_forms: dict[str, set[str]] = {}
        self._synonym_pairs: set[tuple[str, str]] = set()
        for synonym in synonyms.entries():
            for sequence in (synonym.phrase, *synonym.expansions):
                for word in sequence:
                    if has_marks(word):
                        self._synonym_forms.setdefault(fold(word), set()).add(word)
                self._synonym_pairs.update(itertools.pairwise(sequence))
        self._synonym_pairs_words = {word for pair in self._synonym_pairs for word in pair}
        # Words a joined query may be made of: name words and the synonym table's phrase words.
        self._vocabulary = set(folded) | {word for phrase in synonyms.by_folded for word in phrase}
        # Accented words a Telex repair may produce: name words and the synonym table's ("mowr quans" → "mở quán").
        self._repairable = set(accented) | {word for synonym in synonyms.entries() for word in synonym.phrase}
        # Adjacent word pairs of the synonym table's phrases, which words run together may stand for ("sodo").
        self._phrase_pairs = {pair for phrase in synonyms.by_folded for pair in itertools.pairwise(phrase)}
        self._levels = _distinct(entry.level for entry in entries)
        self._fields = _distinct(entry.field for entry in entries)
        self._agencies = _distinct(entry.agency for entry in entries)
        # Ties go to the shorter name (short names are the general case), then to the level nearest the citizen (the
        # commune's before the province's before the ministry's), then to the lower code.
        level_rank = {text: _level_rank(text) for text in {entry.level for entry in entries}}
        order = sorted(range(size), key=lambda i: (len(entries[i].name), level_rank[entries[i].level], entries[i].code))
        self._tie_rank = np.empty(size, dtype=np.int32)
        self._tie_rank[order] = np.arange(size, dtype=np.int32)
        # Per set of markers a reading names, the factor of each group of marked names (few sets ever occur).
        self._group_factors: dict[frozenset[int], npt.NDArray[np.float32]] = {}

    @classmethod
    def build(
        cls,
        entries: Iterable[IndexEntry],
        synonyms: SynonymTable | None = None,
        pointers: PointerTable | None = None,
        markers: tuple[Marker, ...] | None = None,
    ) -> SearchIndex:
        """An index over `entries`; pointers and special-case markers default to the bundled tables."""
        return cls(
            list(entries),
            synonyms or SynonymTable(),
            load_pointers() if pointers is None else pointers,
            load_markers() if markers is None else markers,
        )

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def synonyms(self) -> SynonymTable:
        return self._synonyms

    def with_synonyms(self, synonyms: SynonymTable) -> SearchIndex:
        """The same procedures, pointers and markers, indexed again with another synonym table."""
        return SearchIndex(self._entries, synonyms, self._pointers, self._markers)

    def get(self, code: str) -> IndexEntry | None:
        i = self._by_code.get(code.strip())
        if i is None and (national := short_code(code)) is not None:
            i = self._by_code.get(national)
        return None if i is None else self._entries[i]

    # --- query analysis -----------------------------------------------------------------

    def _code_in(self, text: str) -> IndexEntry | None:
        """The procedure whose code the text names among other words, when exactly one is named and known."""
        named = {entry.code for match in _CODE_IN_TEXT.finditer(text) if (entry := self.get(match.group())) is not None}
        return self.get(named.pop()) if len(named) == 1 else None

    def _repair(self, word: str) -> str:
        return repair_word(word, self._vocabulary, self._repairable)

    def _pair_index(self, first: str | None, second: str | None) -> int:
        """The index of two folded words standing next to each other in some name, or -1 when they never do."""
        a, b = self._folded.get(first or ""), self._folded.get(second or "")
        return -1 if a is None or b is None else self._pair_of_ids(a, b)

    def _pair_of_ids(self, a: int, b: int) -> int:
        """The index of the folded word ids (a, b) standing next to each other in some name, or -1."""
        pair = a * _PAIR_BASE + b
        i = int(np.searchsorted(self._bigram_keys, pair))
        return i if i < len(self._bigram_keys) and int(self._bigram_keys[i]) == pair else -1

    def _is_pair(self, first: str, second: str) -> bool:
        """Whether two folded words stand next to each other in some name."""
        return self._pair_index(first, second) >= 0

    def _segment(self, letters: str) -> list[str] | None:
        """`letters` as the fewest known words (2+ letters each) that stand next to each other in some name or
        phrase of the synonym table: "dangky" is "dang ky", but "hoii" is not "ho ii" (a typo of "hoi")."""
        n = len(letters)
        if n < 4 or n > 40:
            return None
        # best[i]: (parts, -pairs known, words) for letters[:i]
        best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0, [])
        for end in range(2, n + 1):
            for start in range(0, end - 1):
                head = best[start]
                word = letters[start:end]
                if head is None or word not in self._vocabulary or head[0] >= _MAX_PARTS:
                    continue
                pairs = head[1] - (1 if head[2] and self._is_pair(head[2][-1], word) else 0)
                candidate = (head[0] + 1, pairs, [*head[2], word])
                current = best[end]
                if current is None or candidate[:2] < current[:2]:
                    best[end] = candidate
        found = best[n]
        if found is None or found[0] < 2:
            return None
        parts = found[2]
        if not all(self._is_pair(a, b) or (a, b) in self._phrase_pairs for a, b in itertools.pairwise(parts)):
            return None
        return parts

    def _known(self, word: str) -> bool:
        return fold(word) in self._vocabulary

    def _split_joined(self, words: list[str]) -> tuple[list[str], bool]:
        """Words run together ("dangky") or split in the wrong place ("capl ai") as name words."""
        out: list[str] = []
        changed = False
        i = 0
        while i < len(words):
            word = words[i]
            if self._known(word) or not word.isascii():
                out.append(word)
                i += 1
                continue
            parts = self._segment(fold(word))
            if parts is None and i + 1 < len(words) and words[i + 1].isascii():
                parts = self._segment(fold(word) + fold(words[i + 1]))
                if parts is not None:
                    i += 1
            if parts is None:
                after = fold(words[i + 1]) if i + 1 < len(words) else None
                parts = self._split_in_context(fold(word), fold(out[-1]) if out else None, after)
            if parts is None:
                out.append(word)
            else:
                out.extend(parts)
                changed = True
            i += 1
        return out, changed

    def _split_in_context(self, letters: str, before: str | None, after: str | None) -> list[str] | None:
        """Two known words run together that do not stand together in a name ("kientach", "laicccd"), when the first
        stands after the word before or the second before the word after: "dieu kientach ho" is "kiện tách"."""
        best: tuple[int, int, list[str]] | None = None
        for cut in range(2, len(letters) - 1):
            first, second = letters[:cut], letters[cut:]
            if not (self._known(first) and self._known(second)):
                continue
            context = int(before is not None and self._joins(before, first)) + int(
                after is not None and self._joins(second, after)
            )
            if context and (best is None or (context, min(cut, len(letters) - cut)) > best[:2]):
                best = (context, min(cut, len(letters) - cut), [first, second])
        return None if best is None else best[2]

    def _move_boundaries(self, words: list[str]) -> tuple[list[str], bool]:
        """Two words typed with the space one letter off ("hoc hieu", "ta mtru"), as the two words that stand next
        to each other in some name or phrase of the synonym table ("ho chieu", "tam tru"), when those typed do not."""
        out = list(words)
        changed = False
        for i in range(len(out) - 1):
            first, second = out[i], out[i + 1]
            if not (first.isascii() and second.isascii() and first.isalpha() and second.isalpha()):
                continue
            if self._known(first) and self._known(second):
                # Two words that exist are what was typed when they stand beside their other neighbours: "xay nha
                # pho" is "xây nhà phố", not "nhập hộ".
                if self._joins(first, second):
                    continue
                if (i > 0 and self._joins(out[i - 1], first)) and self._together(out[i - 1], first):
                    continue
                if (i + 2 < len(out) and self._joins(second, out[i + 2])) and self._together(second, out[i + 2]):
                    continue
            elif self._near_joins(first, second):
                continue  # a letter doubled ("ho ccan"): the typo's repair reads it, not another space
            letters = first + second
            moved = [
                (letters[:cut], letters[cut:])
                for cut in (len(first) - 1, len(first) + 1)
                if 2 <= cut <= len(letters) - 2
                and self._known(letters[:cut])
                and self._known(letters[cut:])
                and self._joins(letters[:cut], letters[cut:])
                and self._together(letters[:cut], letters[cut:])
            ]
            if len(moved) == 1:
                out[i], out[i + 1] = moved[0]
                changed = True
        return out, changed

    def _near_joins(self, first: str, second: str) -> bool:
        """Whether an unknown one of two words, less one letter, is a word that stands beside the other."""
        if not self._known(first):
            return any(self._known(w) and self._joins(w, second) for w in _less_one_letter(first))
        return any(self._known(w) and self._joins(first, w) for w in _less_one_letter(second))

    def _together(self, first: str, second: str) -> bool:
        """Whether two folded words stand together in a good share of the names that have the rarer of them, or in a
        phrase of the synonym table: "ho chieu" (hộ chiếu), not "hoc can" or "nhap ho", which merely occur."""
        if (first, second) in self._phrase_pairs:
            return True
        frequency = self._f_post.frequency()
        rarer = min(int(frequency[self._folded[first]]), int(frequency[self._folded[second]]))
        return self._pair_count(first, second) >= CHARACTERISTIC_SHARE * rarer

    def _joins(self, first: str, second: str) -> bool:
        """Whether two folded words stand next to each other in some name or phrase of the synonym table."""
        return self._is_pair(first, second) or (first, second) in self._phrase_pairs

    def _pair_count(self, first: str | None, second: str | None) -> int:
        """In how many names two folded words stand next to each other."""
        return len(self._pair_docs(first, second))

    def _pair_docs(self, first: str | None, second: str | None) -> np.ndarray:
        """The names in which two folded words stand next to each other."""
        i = self._pair_index(first, second)
        return self._b_post[i] if i >= 0 else np.zeros(0, dtype=np.int32)

    def _continues(self, earlier: str | None, before: str | None, word: str) -> bool:
        """Whether some name has both "earlier before" and "before word": three words in a row, near enough."""
        if earlier is None or before is None:
            return False
        return _overlap(self._pair_docs(earlier, before), self._pair_docs(before, word))

    def _in_a_name(self, words: Sequence[str]) -> bool:
        """Whether some name has each adjacent pair of these words (near enough: the words in a row)."""
        folded = [fold(word) for word in words]
        pairs: list[int] = []
        # The last pair first: it is the one the callers ask about (a phrase and the word after it), and often absent.
        for a, b in reversed(list(itertools.pairwise(folded))):
            pairs.append(self._pair_index(a, b))
            if pairs[-1] < 0:
                return False
        if not pairs:
            return False
        docs = self._b_post[pairs[0]]
        for i in pairs[1:]:
            docs = np.intersect1d(docs, self._b_post[i], assume_unique=True)
            if not len(docs):
                return False
        return True

    def _is_filler(self, folded: str | None) -> bool:
        """Whether a folded word is, on its own, a filler of the synonym table."""
        return folded is not None and any(s.is_filler for s in self._synonyms.by_folded.get((folded,), ()))

    def _fits(self, before: str | None, word: str, after: str | None) -> bool:
        """Whether `word` stands next to one of its neighbours in some name or phrase of the synonym table."""
        return (before is not None and (self._is_pair(before, word) or (before, word) in self._phrase_pairs)) or (
            after is not None and (self._is_pair(word, after) or (word, after) in self._phrase_pairs)
        )

    def _characteristic(self, before: str | None, word: str, after: str | None) -> bool:
        """Whether `word` stands beside one of its neighbours in a good share of the names that have it, or in a
        phrase of the synonym table."""
        if (before, word) in self._phrase_pairs or (word, after) in self._phrase_pairs:
            return True
        together = self._pair_count(before, word) + self._pair_count(word, after)
        return together >= CHARACTERISTIC_SHARE * int(self._f_post.frequency()[self._folded[word]])

    def _fix_in_context(self, words: list[str]) -> tuple[list[str], bool]:
        """A word that fits neither neighbour, replaced by a near word that stands next to one in some name.

        "hon nhn" → "hon nhan": too short for context-free typo repair, but "hôn nhân" is a pair. A word that
        exists is replaced only when it is rare ("ho chiu" → "ho chieu", "kin doanh" → "kinh doanh"), or when
        the near word differs by a spelling people of one region or another confuse ("cu chu" → "cu tru"), and then
        only when the near word mostly stands beside that neighbour: "con", "cha", "sang", "ao" are words citizens
        write, not typos of "công", "chưa", "sản", "do". In a query typed with accents, a word without is never read
        as another.
        """
        out = list(words)
        changed = False
        frequency = self._f_post.frequency()
        rare = max(1, int(RARE_WORD_SHARE * len(self._entries)))
        # In a query typed with accents, a word without any is one that has none ("cha", "con"), not a typo.
        accented_query = any(has_marks(word) for word in words)
        for i, word in enumerate(words):
            folded = fold(word)
            # Only words typed without accents: accents typed are deliberate ("hải sản" is not "tài sản").
            if len(folded) < 2 or not word.isascii() or not folded.isalpha():
                continue
            before = fold(out[i - 1]) if i > 0 else None
            after = fold(words[i + 1]) if i + 1 < len(words) else None
            if self._known(word):
                if accented_query:
                    continue
                # A word of its own in the synonym table ("xin", "làm", "mất") is what citizens type on purpose.
                if self._fits(before, folded, after) or (folded,) in self._synonyms.by_folded:
                    continue
                # A filler beside it ("có", "để") says nothing of what the word is: "co con" is "có con", not "có công".
                before, after = (None if self._is_filler(n) else n for n in (before, after))
                fid = self._folded.get(folded)
                near = set(dialect_variants(folded))
                # A letter dropped often leaves a word ("cap ai the" for "cấp lại thẻ", "can cuc" for "căn cước").
                near |= {w for w in with_one_letter_more(folded) if w in self._folded}
                if fid is None or frequency[fid] <= rare:
                    near |= {
                        w
                        for w, _, _ in process.extract(
                            folded, self._folded_words, scorer=OSA.distance, score_cutoff=1, limit=30
                        )
                    }
            else:
                limit = 2 if len(folded) >= _LONG_WORD else 1
                found = process.extract(folded, self._folded_words, scorer=OSA.distance, score_cutoff=limit, limit=30)
                near = {w for w, _, _ in found} | set(dialect_variants(folded))
            fitting = [w for w in near if w != folded and w in self._folded and self._fits(before, w, after)]
            if self._known(word):
                # A word that exists ("con", "sang", "cha", "ao") is what the citizen wrote unless the near word is one
                # that mostly stands beside this neighbour ("hộ chiếu", "cư trú"), not one that merely can.
                fitting = [w for w in fitting if self._characteristic(before, w, after)]
            if fitting:
                # The near word that continues the two words before it in some name ("sua chua nhao" is "sửa chữa nhà",
                # not "chưa nhận": folded, "chữa" and "chưa" are one word), then the one that most often stands next to
                # these neighbours: "ho chiu" is "hộ chiếu", not "hộ chi".
                earlier = fold(out[i - 2]) if i > 1 else None
                out[i] = max(
                    fitting,
                    key=lambda w: (
                        self._continues(earlier, before, w),
                        # "tah" between "kien" and "ho" is "tách" (a letter dropped), not "tập" (a far key).
                        likely_slip(folded, w),
                        self._pair_count(before, w) + self._pair_count(w, after),
                        frequency[self._folded[w]],
                        w,
                    ),
                )
                changed = True
        return out, changed

    def _accent_fits(self, before: str | None, form: str, after: str | None) -> bool:
        """Whether an accented form stands next to one of its neighbours typed with accents, in some name or phrase
        of the synonym table. A neighbour typed without accents says nothing of which form is meant, unless names
        spell it so ("khai" of "khai tử": in a query typed with accents, a word without any is one that has none)."""
        return (before is not None and self._spelt(before) and bool(self._stand_together(before, form))) or (
            after is not None and self._spelt(after) and bool(self._stand_together(form, after))
        )

    def _spelt(self, word: str) -> bool:
        """Whether a word is typed as names or the synonym table spell it: with accents, or as a word that has none."""
        return has_marks(word) or word in self._accented or word in self._synonym_pairs_words

    def _fix_accents(self, words: list[str]) -> tuple[list[str], bool]:
        """A word typed with a wrong tone mark ("giầy", "đăng kỹ", "thời hàn"), read as its spelling that stands
        next to a neighbour in some name or phrase, when the spelling typed stands next to neither. A spelling no
        name or phrase has, and none fitting instead, is read without accents: those typed are a slip then."""
        out = list(words)
        changed = False
        for i, word in enumerate(words):
            if not has_marks(word):
                continue
            folded = fold(word)
            fid = self._folded.get(folded)
            forms = {self._accented_words[a] for a in self._forms_of[fid]} if fid is not None else set()
            forms |= self._synonym_forms.get(folded, set())
            if not forms:
                continue
            before = out[i - 1] if i > 0 else None
            after = words[i + 1] if i + 1 < len(words) else None
            if word in forms and self._accent_fits(before, word, after):
                continue
            fitting = [form for form in forms if form != word and self._accent_fits(before, form, after)]
            if fitting:
                frequency = self._a_post.frequency()
                out[i] = max(
                    fitting,
                    key=lambda form: (
                        self._accent_fits(before, form, None) + self._accent_fits(None, form, after),
                        int(frequency[self._accented[form]]) if form in self._accented else 0,
                        form,
                    ),
                )
                changed = True
            elif word not in forms:
                out[i] = folded
                changed = True
        return out, changed

    def _read(self, text: str) -> _Reading:
        # The space is put back first: "kyx e" is "ky xe", not the Telex "kỹ" and a lone "e".
        typed, moved = self._move_boundaries(tokens(key(text)))
        words = [self._repair(word) for word in typed]
        repaired = words != typed
        words, accents = self._fix_accents(words)
        words, joined = self._split_joined(words)
        words, fixed = self._fix_in_context(words)
        if not (repaired or accents or moved or joined or fixed):
            return _Reading(words, None)
        return _Reading(words, " ".join(self._spelling(words)))

    def _spelling(self, words: list[str]) -> list[str]:
        """The words as names and the synonym table spell them: for each word typed without accents, the accented
        form that stands beside its neighbours' forms most often ("lam so do" is "làm sổ đỏ", "ho chieu" is "hộ
        chiếu"), then the commonest one. A best path over each word's forms (there are few)."""
        frequency = self._a_post.frequency()
        options: list[list[tuple[str, int]]] = []  # (form, how many names have it) per word
        for word in words:
            folded = fold(word)
            fid = self._folded.get(folded)
            forms: dict[str, int] = {}
            if not has_marks(word) and fid is not None:
                forms = {self._accented_words[a]: int(frequency[a]) for a in self._forms_of[fid]}
            if not has_marks(word):
                for form in self._synonym_forms.get(folded, ()):
                    forms.setdefault(form, 0)
            options.append(sorted(forms.items(), key=lambda f: -f[1]) or [(word, 0)])
        # best[j]: (pairs kept, names having the forms, path) ending in form j of the current word
        best = [(0, count, [form]) for form, count in options[0]]
        for choices in options[1:]:
            step = []
            for form, count in choices:
                step.append(
                    max(
                        ((p + self._stand_together(path[-1], form), c + count, [*path, form]) for p, c, path in best),
                        key=lambda b: (b[0], b[1]),
                    )
                )
            best = step
        return max(best, key=lambda b: (b[0], b[1]))[2]

    def _stand_together(self, first: str, second: str) -> int:
        """1 when two accented words stand next to each other in some name or phrase of the synonym table."""
        if (first, second) in self._synonym_pairs:
            return 1
        a, b = self._accented.get(first), self._accented.get(second)
        if a is None or b is None:
            return 0
        pair = a * _PAIR_BASE + b
        i = int(np.searchsorted(self._accented_pairs, pair))
        return int(i < len(self._accented_pairs) and int(self._accented_pairs[i]) == pair)

    def _variants(self, words: list[str]) -> list[tuple[list[str], float]]:
        """Word sequences the query may stand for, with a factor each: synonyms expanded.

        A phrase the table lets drop ("-": "cho con", "người chết") costs the reading a share of the information
        it drops, so "giấy phép chôn cất khi nhà có người chết" is not read as just "nhà".
        """
        # Each option: the words it stands for, its factor, and the weight of the typed words it drops.
        segments: list[list[tuple[tuple[str, ...], float, float]]] = []
        position = 0
        total = 0.0
        for match in self._synonyms.matches(words):
            segments += [[((word,), 1.0, 0.0)] for word in words[position : match.start]]
            typed = tuple(words[match.start : match.end])
            if match.expansions:
                weight = sum(self._weight(word) for word in typed)
                total += weight
                # A phrase whose only expansion is "-" says who asks ("cha mẹ"), not what: dropping it costs nothing.
                only_drop = all(not e for e in match.expansions)
                options = [(e, 1.0, 0.0 if e or only_drop else weight) for e in match.expansions]
                # A phrase the citizen typed as the start of a longer one that names use ("tranh chấp đất" of
                # "giải quyết tranh chấp đất đai") is an official wording, not the table's everyday one.
                official = match.end < len(words) and self._in_a_name(words[match.start : match.end + 1])
                segments.append([*options, (typed, 1.0 if official else TYPED_PHRASE_FACTOR, 0.0)])
            elif 0 < match.start < match.end < len(words) and self._in_a_name(words[match.start - 1 : match.end + 1]):
                # A filler inside words that names have in a row is an official word after all: "có" of "cơ sở đủ
                # điều kiện", "rồi" of "rời cảng". Both readings are scored. ("Thủ tục", "làm" opening a query are
                # fillers whatever follows.)
                segments.append([((), 1.0, 0.0), (tuple(words[match.start : match.end]), 1.0, 0.0)])
            else:
                segments.append([((), 1.0, 0.0)])  # filler
            position = match.end
        segments += [[((word,), 1.0, 0.0)] for word in words[position:]]
        total += sum(self._weight(part[0][0][0]) for part in segments if len(part) == 1 and part[0][0])  # plain words

        variants: list[tuple[list[str], float]] = []
        for combination in itertools.islice(itertools.product(*segments), MAX_VARIANTS):
            sequence: list[str] = []
            for word in (word for part, _, _ in combination for word in part):
                # "cấp thẻ" + "căn cước" → "thẻ căn cước" must not read "cấp thẻ thẻ căn cước".
                if not sequence or fold(sequence[-1]) != fold(word):
                    sequence.append(word)
            factor = float(np.prod([f for _, f, _ in combination]))
            dropped = sum(d for _, _, d in combination)
            if dropped and total:
                factor *= 1.0 - DROP_SHARE * dropped / total
            variants.append((sequence, factor))
        if all(not sequence for sequence, _ in variants):
            return [(words, 1.0)]  # only filler words: search them after all
        # Two readings may spell the same words ("cho trẻ em" read as "trẻ em" both ways): score each once.
        unique: dict[tuple[str, ...], float] = {}
        for sequence, factor in variants:
            unique[tuple(sequence)] = max(factor, unique.get(tuple(sequence), 0.0))
        variants = [(list(sequence), factor) for sequence, factor in unique.items()]
        return [(sequence, factor) for sequence, factor in variants if sequence]

    def _weight(self, word: str) -> float:
        """How much a typed word says about which procedure is meant: its idf (numbers count little)."""
        folded = fold(word)
        fid = self._folded.get(folded)
        idf = float(self._idf[fid]) if fid is not None else self._unknown_idf
        return idf * (NUMBER_WEIGHT if folded.isdigit() else 1.0)

    def _term(self, word: str, honour_accents: bool, relaxed: bool) -> _Term:
        folded = fold(word)
        fid = self._folded.get(folded)
        if fid is not None:
            aid = self._accented.get(word) if honour_accents else None
            weight = float(self._idf[fid]) * (NUMBER_WEIGHT if folded.isdigit() else 1.0)
            return _Term(((fid, 1.0),), aid, weight)
        if folded.isdigit():
            return _Term((), None, self._unknown_idf * NUMBER_WEIGHT)
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
        found = process.extract(
            folded,
            self._folded_words,
            scorer=OSA.distance,  # type: ignore[arg-type]
            score_cutoff=max_distance,
            limit=5,
        )
        if len(folded) < _MIN_TYPO_LENGTH:
            # Three letters leave too many words one edit away: only swapped letters ("hno").
            found = [f for f in found if sorted(f[0]) == sorted(folded)]
        if not found:
            return []
        nearest = min(d for _, d, _ in found)
        return [(self._folded[w], ranking.TYPO_QUALITY[int(d)]) for w, d, _ in found if d == nearest]

    # --- scoring ------------------------------------------------------------------------
    #
    # Every reading of a query is planned first (which postings lists add what to which part of the score), then
    # all readings are scored at once over the same names. Only names that may reach the bar are scored: a name's
    # ceiling, the sum over the lists holding it of the most any reading takes from them (and a perfect
    # conciseness), is one pass over the postings, where scoring is a dozen readings times three views. The bar is
    # the confidence threshold; with no confident answer, the last of the best guesses found so far.

    def _plan(
        self, words: Sequence[str], factor: float, resolve: Callable[[str], _Term], pair_of: Callable[[int, int], int]
    ) -> _Plan:
        terms: list[_Term] = []
        seen: set[int] = set()
        sequence: list[int | None] = []  # best folded id per word, for the phrase pairs
        for word in words:
            term = resolve(word)
            best = term.alternatives[0][0] if term.alternatives else None
            sequence.append(best)
            if best is not None and best in seen:
                continue  # a repeated word adds nothing
            if best is not None:
                seen.add(best)
            terms.append(term)

        known = [term for term in terms if term.alternatives]
        if known:
            # Words found in no name ("có", "không", a place name) say nothing about which procedure
            # is meant: they do not weigh in the order, only in the confidence below.
            unknown = sum(term.weight for term in terms if not term.alternatives)
            terms = known
        else:
            unknown = 0.0
        total = sum(term.weight for term in terms)
        coverage: dict[int, float] = {}
        concise: dict[int, float] = {}
        for term in terms:
            exact_share = 1.0 if term.accented is None else ranking.ACCENT_MISMATCH
            for fid, quality in term.alternatives:
                share = term.weight * quality * exact_share / total
                coverage[fid] = coverage.get(fid, 0.0) + share
                concise[fid] = concise.get(fid, 0.0) + float(self._idf[fid]) * quality * exact_share
            if term.accented is not None:
                # Accents typed are honoured in both views: "hóa giải" is not the shorter "hòa giải" name.
                accented = len(self._folded_words) + term.accented
                share = term.weight * (1 - ranking.ACCENT_MISMATCH) / total
                coverage[accented] = coverage.get(accented, 0.0) + share
                best_idf = float(self._idf[term.alternatives[0][0]])
                concise[accented] = concise.get(accented, 0.0) + best_idf * (1 - ranking.ACCENT_MISMATCH)

        pairs: dict[int, float] = {}
        pair_total = 0
        for a, b in itertools.pairwise(sequence):
            pair_total += 1
            if a is None or b is None:
                continue
            i = pair_of(a, b)
            if i >= 0:
                pairs[i] = pairs.get(i, 0.0) + 1.0
        if pair_total:
            pairs = {i: count / pair_total for i, count in pairs.items()}
        if unknown:
            factor *= total / (total + UNKNOWN_WORD_SHARE * unknown)
        return _Plan(
            coverage,
            concise,
            pairs,
            one_word=pair_total == 0,
            factor=factor,
            group_factor=self._group_factor(words),
        )

    def _group_factor(self, words: Sequence[str]) -> npt.NDArray[np.float32] | None:
        """Per group of marked names, the factor a reading gives it: names marked for organisations or special
        cases the reading does not name rank below the general one. None when the index has no marked names."""
        if len(self._group_markers) < 2:
            return None
        folded = [fold(word) for word in words]
        folded_query = " ".join(folded)
        named: set[int] = set()
        for word in set(folded):  # only markers whose first word the query has can be in it
            named.update(m for m in self._markers_by_first.get(word, ()) if self._markers[m].in_text(folded_query))
        key = frozenset(named)
        factors = self._group_factors.get(key)
        if factors is None:
            chosen = np.zeros(len(self._markers), dtype=bool)
            chosen[list(named)] = True
            # A query that says "doanh nghiệp" asks for an organisation's procedure, whether its name says "tổ chức",
            # "doanh nghiệp" or "cơ quan, tổ chức": naming one organisation marker names them all.
            if (chosen & self._organisation).any():
                chosen |= self._organisation
            log_factor = np.where(chosen, 0.0, self._marker_log).astype(np.float32)
            factors = self._group_factors[key] = np.exp(self._group_markers @ log_factor).astype(np.float32)
        return factors

    def _readings(self, words: list[str], relaxed: bool) -> _Readings:
        honour_accents = any(has_marks(word) and word in self._accented for word in words)
        # Judged per reading: "mất giấy khai sinh" read as "đăng ký lại khai sinh" names that special case.
        # Readings share most words: each is resolved once (a typo's near words are a search of the vocabulary).
        resolved: dict[str, _Term] = {}

        def resolve(word: str) -> _Term:
            term = resolved.get(word)
            if term is None:
                term = resolved[word] = self._term(word, honour_accents, relaxed)
            return term

        pairs_found: dict[int, int] = {}

        def pair_of(a: int, b: int) -> int:
            """The index of the word pair (a, b) among those standing in some name, or -1."""
            i = pairs_found.get(a * _PAIR_BASE + b)
            if i is None:
                i = pairs_found[a * _PAIR_BASE + b] = self._pair_of_ids(a, b)
            return i

        plans = [self._plan(sequence, factor, resolve, pair_of) for sequence, factor in self._variants(words)]
        keys = sorted(set().union(*(plan.coverage for plan in plans)))
        pairs = sorted(set().union(*(plan.pairs for plan in plans)))
        column = {list_key: j for j, list_key in enumerate(keys)}
        pair_column = {pair: j for j, pair in enumerate(pairs)}
        coverage = np.zeros((len(plans), len(keys)), dtype=np.float32)
        concise = np.zeros((len(plans), len(keys)), dtype=np.float32)
        pair_share = np.zeros((len(plans), len(pairs)), dtype=np.float32)
        for p, plan in enumerate(plans):
            for list_key, share in plan.coverage.items():
                coverage[p, column[list_key]] = share
                concise[p, column[list_key]] = plan.concise[list_key]
            for pair, share in plan.pairs.items():
                pair_share[p, pair_column[pair]] = share
        factors = [plan.group_factor for plan in plans]
        lists = [self._postings(list_key) for list_key in keys] + [self._b_post[pair] for pair in pairs]
        first_pair = len(self._folded_words) + len(self._accented_words)
        return _Readings(
            lists=lists,
            keys=np.asarray(keys + [first_pair + pair for pair in pairs], dtype=np.int32),
            coverage=coverage,
            concise=concise,
            pairs=pair_share,
            one_word=np.asarray([plan.one_word for plan in plans], dtype=bool),
            factor=np.asarray([plan.factor for plan in plans], dtype=np.float32),
            group_factor=None if factors[0] is None else np.stack([f for f in factors if f is not None]),
        )

    def _postings(self, list_key: int) -> np.ndarray:
        """A coverage key's names: a folded word's, or (past the folded vocabulary) an accented word's."""
        folded = len(self._folded_words)
        return self._f_post[list_key] if list_key < folded else self._a_post[list_key - folded]

    def _reachable(
        self, readings: _Readings, bar: float, mask: np.ndarray | None
    ) -> tuple[np.ndarray, npt.NDArray[np.float64]]:
        """The names that may score `bar` (0..100) in some reading, in name order, with a ceiling of their score
        (0..1): what the lists holding a name add, each at the most any reading takes from it (a one-word reading's
        phrase part is its coverage), and the conciseness of a name holding every word of the query. One pass over
        the postings, where scoring is a dozen readings times three views. (Bounding the conciseness by the lists
        that hold a name, a second pass, cost more than it saved; reading only the lists that may lift a name to the
        bar on their own and looking the others up for their names cost more than one pass.)
        """
        lists = readings.lists
        if not any(len(docs) for docs in lists):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        part = readings.factor * (ranking.COVERAGE_WEIGHT + ranking.PHRASE_WEIGHT * readings.one_word)
        most = np.concatenate(
            [
                (part[:, None] * readings.coverage).max(axis=0),
                (readings.factor[:, None] * ranking.PHRASE_WEIGHT * readings.pairs).max(axis=0),
            ],
            dtype=np.float64,
        )
        concise_part = ranking.CONCISENESS_WEIGHT * float(readings.factor.max())
        floor = max(bar, float(np.finfo(np.float32).tiny)) / 100.0 / (1.0 + _BAR_MARGIN)
        if not readings.held:
            # An accented word's names are among its folded word's: what its list adds is counted on the folded word's
            # list (a name with another accented form of the word gets it too), so the pass reads one list a word; so is
            # a common pair's on its rarer word's (_PAIR_SHARE).
            host = self._folded_host(readings)
            reads = np.flatnonzero(host == np.arange(len(lists)))
            weight = np.bincount(host, weights=most, minlength=len(lists))
            readings.held.append(
                np.bincount(
                    np.concatenate([lists[j] for j in reads]),
                    weights=np.repeat(weight[reads], [len(lists[j]) for j in reads]),
                    minlength=len(self._entries),
                )
            )
        held = readings.held[0]
        candidates = np.flatnonzero((held > 0) & (held + concise_part >= floor))
        if mask is not None:
            candidates = candidates[mask[candidates]]
        # A name's conciseness is at most all the query's information against the name's own: long names are far
        # from a perfect one.
        most_concise = float(readings.concise.sum(axis=1).max())
        concise = np.sqrt(np.minimum(most_concise / self._doc_weight[candidates], 1.0))
        ceilings: npt.NDArray[np.float64] = held[candidates] + concise_part * concise
        keep = ceilings >= floor
        return candidates[keep], ceilings[keep]

    def _folded_host(self, readings: _Readings) -> np.ndarray:
        """Per list of the readings, the list its names are counted on in the ceiling's pass: its own; for an accented
        word's, its folded word's; for a word pair found in most names of its rarer word, that word's (when used)."""
        folded, first_pair = len(self._folded_words), len(self._folded_words) + len(self._accented_words)
        keys = readings.keys.tolist()
        column = {list_key: j for j, list_key in enumerate(keys) if list_key < folded}
        host = np.arange(len(keys), dtype=np.int64)
        for j, list_key in enumerate(keys):
            if folded <= list_key < first_pair:
                host[j] = column.get(int(self._fold_of[list_key - folded]), j)
            elif list_key >= first_pair:
                pair = int(self._bigram_keys[list_key - first_pair])
                words = [column[w] for w in divmod(pair, _PAIR_BASE) if w in column]
                if words:
                    shorter = min(words, key=lambda c: len(readings.lists[c]))
                    if len(readings.lists[j]) >= _PAIR_SHARE * len(readings.lists[shorter]):
                        host[j] = shorter
        return host

    def _score(self, readings: _Readings, docs: np.ndarray) -> npt.NDArray[np.float32]:
        """Per name of `docs` (in name order), its best score 0..100 over the readings."""
        lists = readings.lists
        starts, ends = self._forward.start[docs], self._forward.start[docs + 1]
        if int((ends - starts).sum()) < sum(min(len(postings), _SEARCH_RATIO * len(docs)) for postings in lists):
            # Fewer entries in the names' own lists than in the query's: each entry of the names' lists gives its row
            # (the query's lists, and one more row for the lists the query does not use).
            row = np.full(self._forward_keys, len(lists), dtype=np.int32)
            row[readings.keys] = np.arange(len(lists), dtype=np.int32)
            counts = ends - starts
            at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
            member = np.zeros((len(lists) + 1, len(docs)), dtype=np.float32)
            member[row[self._forward.keys[at]], np.repeat(np.arange(len(docs)), counts)] = 1.0
            return self._combine(readings, docs, member[:-1])
        member = np.zeros((len(lists), len(docs)), dtype=np.float32)
        position: np.ndarray | None = None
        for found_in, postings in zip(member, lists, strict=True):
            if not len(postings):
                continue
            if len(docs) * _SEARCH_RATIO < len(postings):
                # Few names against a long list: a binary search of the list per name.
                at = np.minimum(np.searchsorted(postings, docs), len(postings) - 1)
                found_in[postings[at] == docs] = 1.0
            else:
                if position is None:
                    position = np.full(len(self._entries), -1, dtype=np.int32)
                    position[docs] = np.arange(len(docs), dtype=np.int32)
                found = position[postings]
                found_in[found[found >= 0]] = 1.0
        return self._combine(readings, docs, member)

    def _combine(self, readings: _Readings, docs: np.ndarray, member: np.ndarray) -> npt.NDArray[np.float32]:
        """Per name of `docs`, its best score 0..100 over the readings, from which of the lists hold it."""
        words = readings.coverage.shape[1]
        coverage = readings.coverage @ member[:words]
        conciseness = (readings.concise @ member[:words]) / self._doc_weight[docs]
        phrase = readings.pairs @ member[words:]
        phrase[readings.one_word] = coverage[readings.one_word]  # nothing to keep together
        scores = ranking.combine(coverage, phrase, conciseness)
        scores *= readings.factor[:, None]
        if readings.group_factor is not None:
            scores *= readings.group_factor[:, self._marker_group[docs]]
        best: npt.NDArray[np.float32] = (scores.max(axis=0) * 100.0).astype(np.float32)
        return best

    def _ranked(
        self, readings: _Readings, bar: float, mask: np.ndarray | None, k: int
    ) -> tuple[np.ndarray, npt.NDArray[np.float32]]:
        """The `k` best names scoring at least `bar` (and above 0) that pass the filters' mask, best first, with
        their scores, followed by the best of those scored below the bar. Only names that may reach the bar are
        scored; when they are many, those with the highest ceilings first: the last of the best among them raises
        the bar for the rest."""
        docs, ceilings = self._reachable(readings, bar, mask)
        if len(docs) > _FIRST_BATCH:
            first = np.sort(docs[np.argpartition(-ceilings, _FIRST_BATCH)[:_FIRST_BATCH]])
            scores = self._score(readings, first)
            if len(scores) >= k:
                kth = float(np.partition(scores, len(scores) - k)[len(scores) - k])
                docs = docs[ceilings * 100.0 * (1.0 + _BAR_MARGIN) >= kth]
        scores = self._score(readings, docs)
        # Names scored below the bar are kept too: the best of them are a floor for the guesses shown when nothing is
        # confident (the true guesses score at least as well), so that search need not score every name again.
        top = ranking.top_indices(scores, self._tie_rank[docs], k)
        return docs[top], scores[top]

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
        if (found := self._code_in(text)) is not None:
            return SearchResult(query, (Hit(found, 100.0),), by_code=True)

        reading = self._read(text)
        words = reading.words
        if not words or not self._entries:
            return SearchResult(query, ())
        pointer = self._pointers.find([fold(word) for word in words])
        readings = self._readings(words, relaxed=False)
        mask = self._mask(filters) if filters is not None and filters != SearchFilters() else None
        top, scores = self._ranked(readings, CONFIDENCE_THRESHOLD, mask, limit)
        hits = tuple(
            Hit(self._entries[i], round(float(score), 2))
            for i, score in zip(top, scores, strict=True)
            if score >= CONFIDENCE_THRESHOLD
        )
        if hits:
            return SearchResult(query, hits, did_you_mean=reading.did_you_mean, pointer=pointer)
        # No confident answer: the best guesses, among every name whose ceiling reaches the last of them found so far.
        wanted = min(limit, SUGGESTIONS)
        floor = float(scores[wanted - 1]) if len(scores) >= wanted else 0.0
        # Guesses mostly score half the threshold: looking there first sets most names aside; when fewer reach it,
        # every name whose ceiling reaches the floor is looked at after all.
        guess = max(floor, CONFIDENCE_THRESHOLD / 2)
        top, scores = self._ranked(readings, guess, mask, wanted)
        if guess > floor and (len(scores) < wanted or float(scores[wanted - 1]) < guess):
            top, scores = self._ranked(readings, floor, mask, wanted)
        if not len(top):
            # Nothing shares a word with the query: loosen typo tolerance for a few guesses.
            readings = self._readings(words, relaxed=True)
            top, scores = self._ranked(readings, 0.0, mask, SUGGESTIONS)
        suggestions = tuple(
            Hit(self._entries[i], round(min(float(score), CONFIDENCE_THRESHOLD - 1), 2))
            for i, score in zip(top[:SUGGESTIONS], scores[:SUGGESTIONS], strict=True)
        )
        return SearchResult(query, (), suggestions, did_you_mean=reading.did_you_mean, pointer=pointer)
