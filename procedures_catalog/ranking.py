"""Pure scoring functions of the procedure search: how well a name answers a query, 0..1.

A score combines three views of the match, each already in 0..1 so that the total is
comparable across queries (a fixed confidence threshold then means the same thing for
"cccd" as for a ten-word query):
- coverage: the share of the query's information (IDF-weighted words) found in the name;
- phrase: the share of the query's adjacent word pairs found adjacent in the name;
- conciseness: the share of the name's information the query accounts for, so that
  "Đăng ký thường trú" beats a long name that merely mentions "đăng ký thường trú".
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]

COVERAGE_WEIGHT = 0.55
PHRASE_WEIGHT = 0.20
CONCISENESS_WEIGHT = 0.25

# A word typed with accents that matches a name word only once folded ("hoà giải" vs "hóa
# giải") counts for less than an exact match; a typo-corrected word for less again.
ACCENT_MISMATCH = 0.7
TYPO_QUALITY = {1: 0.8, 2: 0.6}


def idf(doc_freq: npt.NDArray[np.int64] | int, total: int) -> npt.NDArray[np.float32] | float:
    """BM25's inverse document frequency, always positive; an unseen word gets the highest."""
    return np.log1p((total - np.asarray(doc_freq) + 0.5) / (np.asarray(doc_freq) + 0.5)).astype(np.float32)


def combine(coverage: FloatArray, phrase: FloatArray, conciseness: FloatArray) -> FloatArray:
    """The 0..1 match score from its three parts (each clipped to 0..1 first)."""
    return (
        COVERAGE_WEIGHT * np.minimum(coverage, 1.0)
        + PHRASE_WEIGHT * np.minimum(phrase, 1.0)
        # Square root: among names that cover the query, length matters, but less than wording.
        + CONCISENESS_WEIGHT * np.sqrt(np.minimum(conciseness, 1.0))
    ).astype(np.float32)


def top_indices(scores: FloatArray, tie_break: npt.NDArray[np.int32], k: int) -> npt.NDArray[np.int64]:
    """Indices of the `k` best positive scores, best first; ties go to the lower `tie_break`."""
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > k:
        # Keep every candidate tied with the k-th score so the tie-break sees them all.
        kth = np.partition(scores[candidates], len(candidates) - k)[len(candidates) - k]
        candidates = candidates[scores[candidates] >= kth]
    order = np.lexsort((tie_break[candidates], -scores[candidates]))
    return candidates[order[:k]]
