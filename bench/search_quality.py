# ruff: noqa: E402 - the path fix below must run before the imports
"""Search quality: top-1, top-5 and MRR of our engine and three baselines, per split and per kind.

    .venv/bin/python bench/search_quality.py [--queries FILE] [--split dev|test|all] [--limit 10] [--misses]

The default query file is bench/data/search_queries_citizens.jsonl: questions real people wrote on
public pages (each row keeps its source address and date), split into dev and test once, by source.
Tune on dev only; the targets are read on test. The older developers' file
(bench/data/search_queries_dev.jsonl) still loads with --queries.

A query is a top-1 hit when the first answer is among its expected answers; MRR uses the rank of the
first expected answer within the first `--limit` (0 when absent). For a query outside the catalog the
expected answer is the pointer to where it is handled ("@toa-an"); only our engine has pointers, so
the baselines score 0 there. Every query counts once under ALL and once under each of its kinds.

Baselines, all over the same accent-folded text (`fold()` of names and query):
1. rapidfuzz.process.extract with the WRatio scorer;
2. SQLite FTS5 with the trigram tokenizer, bm25 order, usable query terms OR-ed;
3. BM25 (Okapi, bm25s) over the folded word tokens.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<name>.py`, this folder comes first on the import path and bench/queue.py would hide
# the standard library's queue module (asyncio needs it): take the folder off the path before any import.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import gzip
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from procedures_catalog.model import IndexEntry
from procedures_catalog.pointers import load_pointers
from procedures_catalog.search import SearchIndex
from procedures_catalog.synonyms import load_synonyms
from vietnamese_text.normalise import fold, tokens

CATALOG = ROOT / "procedures_catalog" / "data" / "catalog.jsonl.gz"
CITIZEN_QUERIES = ROOT / "bench" / "data" / "search_queries_citizens.jsonl"
DEV_QUERIES = ROOT / "bench" / "data" / "search_queries_dev.jsonl"
TARGET_TOP1 = 0.92
TARGET_TOP5 = 0.98
TARGET_EVERYDAY_TOP1 = 0.85
POINTER_PREFIX = "@"

Ranker = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Query:
    text: str
    expected: frozenset[str]  # procedure codes, or "@<pointer key>" for a matter outside the catalog
    kinds: tuple[str, ...]
    split: str


def load_entries(path: Path = CATALOG) -> list[IndexEntry]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [IndexEntry(r["code"], r["name"], r.get("level"), r.get("field"), r.get("agency")) for r in rows]


def load_queries(path: Path) -> list[Query]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    queries = []
    for r in rows:
        expected = set(r["expected"])
        if r.get("pointer"):
            expected.add(POINTER_PREFIX + r["pointer"])
        kinds = tuple(r["kinds"]) if "kinds" in r else (r.get("kind", "-"),)
        queries.append(Query(r["query"], frozenset(expected), kinds, r.get("split", "dev")))
    return queries


def engine_ranker(entries: list[IndexEntry]) -> Ranker:
    index = SearchIndex.build(entries, load_synonyms(), load_pointers())

    def rank(query: str, limit: int) -> list[str]:
        result = index.search(query, limit=limit)
        pointer = [POINTER_PREFIX + result.pointer.key] if result.pointer else []
        return pointer + [hit.entry.code for hit in (result.hits or result.suggestions)]

    return rank


def rapidfuzz_ranker(entries: list[IndexEntry]) -> Ranker:
    names = [fold(entry.name) for entry in entries]

    def rank(query: str, limit: int) -> list[str]:
        found = process.extract(fold(query), names, scorer=fuzz.WRatio, limit=limit)
        return [entries[i].code for _, _, i in found]

    return rank


def fts5_ranker(entries: list[IndexEntry]) -> Ranker:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE names USING fts5(code UNINDEXED, name, tokenize='trigram')")
    db.executemany("INSERT INTO names VALUES (?, ?)", [(e.code, fold(e.name)) for e in entries])

    def rank(query: str, limit: int) -> list[str]:
        # The trigram tokenizer cannot match terms under 3 characters; OR the usable ones.
        terms = [t for t in tokens(fold(query)) if len(t) >= 3]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = db.execute("SELECT code FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT ?", (match, limit))
        return [code for (code,) in rows]

    return rank


def bm25_ranker(entries: list[IndexEntry]) -> Ranker:
    import bm25s  # the bench extra: pip install -e '.[bench]'

    retriever = bm25s.BM25()
    retriever.index([tokens(fold(entry.name)) for entry in entries], show_progress=False)
    vocabulary = retriever.vocab_dict

    def rank(query: str, limit: int) -> list[str]:
        words = [w for w in tokens(fold(query)) if w in vocabulary]
        if not words:
            return []
        docs, scores = retriever.retrieve([words], k=min(limit, len(entries)), show_progress=False)
        return [entries[int(i)].code for i, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


@dataclass
class Figures:
    count: int = 0
    top1: int = 0
    top5: int = 0
    reciprocal: float = 0.0

    def add(self, ranked: list[str], expected: frozenset[str]) -> int | None:
        rank = next((i for i, code in enumerate(ranked, start=1) if code in expected), None)
        self.count += 1
        self.top1 += rank == 1
        self.top5 += rank is not None and rank <= 5
        self.reciprocal += 1 / rank if rank else 0.0
        return rank

    def share(self, hits: int) -> float:
        return hits / max(self.count, 1)

    def row(self) -> str:
        n = max(self.count, 1)
        return f"{self.top1 / n:5.3f} {self.top5 / n:5.3f} {self.reciprocal / n:5.3f}"


def evaluate(
    rank: Ranker, queries: list[Query], limit: int
) -> tuple[dict[str, Figures], list[tuple[Query, list[str]]]]:
    figures: dict[str, Figures] = defaultdict(Figures)
    misses: list[tuple[Query, list[str]]] = []
    for query in queries:
        ranked = rank(query.text, limit)
        position = figures["ALL"].add(ranked, query.expected)
        for kind in query.kinds:
            figures[kind].add(ranked, query.expected)
        if position != 1:
            misses.append((query, ranked))
    return figures, misses


def print_table(title: str, queries: list[Query], results: dict[str, tuple[dict[str, Figures], object]]) -> None:
    labels = list(results)
    print(f"\n== {title}: {len(queries)} queries")
    header = f"{'kind':<15}{'n':>4}  " + "  ".join(f"{label + ' top1 top5 MRR':<19}" for label in labels)
    print(header)
    print("-" * len(header))
    kinds = ["ALL", *sorted({kind for q in queries for kind in q.kinds})]
    for kind in kinds:
        count = results[labels[0]][0][kind].count
        print(f"{kind:<15}{count:>4}  " + "  ".join(f"{results[label][0][kind].row():<19}" for label in labels))


def verdict(name: str, value: float, target: float) -> str:
    return f"{name} >= {target:.2f}: {value:.3f} {'OK' if value >= target else 'MISSED'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=CITIZEN_QUERIES)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--misses", action="store_true", help="list our engine's misses on dev")
    args = parser.parse_args()

    entries = load_entries()
    queries = load_queries(args.queries)
    names = {entry.code: entry.name for entry in entries}
    rankers = {
        "ours": engine_ranker(entries),
        "rapidfuzz": rapidfuzz_ranker(entries),
        "fts5": fts5_ranker(entries),
        "bm25": bm25_ranker(entries),
    }
    print(f"{len(entries)} procedures, {len(queries)} queries from {args.queries.name}")
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        chosen = [q for q in queries if q.split == split]
        if not chosen:
            continue
        results = {label: evaluate(rank, chosen, args.limit) for label, rank in rankers.items()}
        print_table(f"split {split}", chosen, results)
        ours = results["ours"][0]
        everyday = ours.get("everyday", Figures())
        print(
            f"targets on {split}: "
            + "; ".join(
                [
                    verdict("top-1", ours["ALL"].share(ours["ALL"].top1), TARGET_TOP1),
                    verdict("top-5", ours["ALL"].share(ours["ALL"].top5), TARGET_TOP5),
                    verdict("everyday top-1", everyday.share(everyday.top1), TARGET_EVERYDAY_TOP1),
                ]
            )
            + (" (targets are read on test)" if split != "test" else "")
        )
        if args.misses and split == "dev":
            misses = results["ours"][1]
            print(f"\nmisses of our engine on dev ({len(misses)}):")
            for query, ranked in misses:
                print(f"- [{','.join(query.kinds)}] {query.text!r} expected {sorted(query.expected)}")
                for code in ranked[:3]:
                    mark = "*" if code in query.expected else " "
                    print(f"    {mark} {code}  {names.get(code, code)[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
