"""The search scores only names that may reach the bar (search.py, `_ranked`): it must answer exactly what scoring
every name answers, on a catalog large enough that the pruning prunes."""

from __future__ import annotations

import gzip
import json
import random
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from procedures_catalog import ranking
from procedures_catalog.model import IndexEntry
from procedures_catalog.search import CONFIDENCE_THRESHOLD, SearchFilters, SearchIndex, _overlap
from procedures_catalog.synonyms import load_synonyms

QUERIES = Path(__file__).resolve().parents[2] / "bench" / "data" / "search_queries_citizens.jsonl"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    data = resources.files("procedures_catalog").joinpath("data", "catalog.jsonl.gz").read_bytes()
    rows = [json.loads(line) for line in gzip.decompress(data).decode("utf-8").splitlines() if line.strip()]
    real = [IndexEntry(r["code"], r["name"], r.get("level"), r.get("field"), r.get("agency")) for r in rows]
    # Real names, then names joining the start of one real name to the end of another (as bench/search_latency.py
    # makes them): many names share the common words, so most are set aside.
    rng = random.Random(3)
    entries = list(real)
    for serial in range(12_000 - len(real)):
        head, tail = rng.choice(real).name.split(), rng.choice(real).name.split()
        name = " ".join(head[: rng.randint(min(3, len(head)), len(head))] + tail[rng.randint(0, len(tail) - 2) :])
        entries.append(IndexEntry(f"8.{serial:06d}", name, "Cấp xã", rng.choice(real).field, None))
    return SearchIndex.build(entries, load_synonyms())


def exhaustive(index: SearchIndex, query: str, limit: int) -> list[tuple[str, float]]:
    """What the search answers when every name is scored."""
    readings = index._readings(index._read(query).words, relaxed=False)
    every = np.arange(len(index), dtype=np.int64)
    scores = index._score(readings, every)
    top = ranking.top_indices(scores, index._tie_rank, limit)
    if len(top) and scores[top[0]] >= CONFIDENCE_THRESHOLD:
        return [(index._entries[i].code, round(float(scores[i]), 2)) for i in top if scores[i] >= CONFIDENCE_THRESHOLD]
    return [(index._entries[i].code, round(min(float(scores[i]), CONFIDENCE_THRESHOLD - 1), 2)) for i in top[:3]]


def answered(index: SearchIndex, query: str, limit: int) -> list[tuple[str, float]]:
    result = index.search(query, limit=limit)
    return [(hit.entry.code, hit.score) for hit in result.hits or result.suggestions]


def test_the_pruned_search_answers_what_scoring_every_name_answers(index: SearchIndex) -> None:
    queries = [json.loads(line)["query"] for line in QUERIES.read_text(encoding="utf-8").splitlines() if line]
    queries = [q for q in queries if index._read(q).words and index.get(q) is None and index._code_in(q) is None]
    assert len(queries) > 300
    differing = [
        (query, limit)
        for query in queries
        for limit in (3, 10, 50)
        if answered(index, query, limit) != exhaustive(index, query, limit)
    ]
    assert differing == []


def test_a_filter_keeps_the_pruned_answer_exact(index: SearchIndex) -> None:
    filters = SearchFilters(field="đất đai")
    result = index.search("lam so do cho nha dat thua ke", limit=20, filters=filters)
    readings = index._readings(index._read("lam so do cho nha dat thua ke").words, relaxed=False)
    every = np.arange(len(index), dtype=np.int64)
    scores = np.where(index._mask(filters), index._score(readings, every), 0.0).astype(np.float32)
    top = ranking.top_indices(scores, index._tie_rank, 20)
    expected = [index._entries[i].code for i in top if scores[i] >= CONFIDENCE_THRESHOLD]
    assert expected and [hit.entry.code for hit in result.hits] == expected


def test_numpy_multiplies_on_one_thread_once_an_index_is_built(index: SearchIndex) -> None:
    # The scoring's products are small: spread over BLAS threads they waited for the threads more than they multiplied.
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_postings_overlap_is_found_whichever_list_is_longer() -> None:
    long = np.arange(0, 1000, 3, dtype=np.int32)
    assert _overlap(np.array([5, 9], dtype=np.int32), long)
    assert _overlap(long, np.array([999], dtype=np.int32))
    assert not _overlap(np.array([1, 1000], dtype=np.int32), long)
    assert not _overlap(np.zeros(0, dtype=np.int32), long)


def test_few_names_scored_from_their_own_keys_score_as_from_the_lists(index: SearchIndex) -> None:
    # A few names are looked up in their own keys (forward), many in the query's lists: both must agree.
    readings = index._readings(index._read("lam giay khai sinh cho con tai xa").words, relaxed=False)
    every = np.arange(len(index), dtype=np.int64)
    from_lists = index._score(readings, every)
    rng = np.random.default_rng(5)
    few = np.sort(rng.choice(every, 40, replace=False))
    assert np.array_equal(index._score(readings, few), from_lists[few])
    assert from_lists[few].max() > 0
