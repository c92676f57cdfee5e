# ruff: noqa: E402 - the path fix below must run before the imports
"""Search quality: top-1, top-5 and MRR of our engine and two baselines over a query file.

    .venv/bin/python bench/search_quality.py [--queries FILE] [--limit 10]

A query is a top-1 hit when the first result's code is among its expected codes; MRR uses the
rank of the first expected code within the first `--limit` results (0 when absent). The engine
is scored on everything it returns, confident hits first, then suggestions.
Baselines: (1) rapidfuzz.process.extract(query, names, scorer=WRatio); (2) SQLite FTS5 with
the trigram tokenizer over the names, bm25 order.
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
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from procedures_catalog.model import IndexEntry
from procedures_catalog.search import SearchIndex
from procedures_catalog.synonyms import load_synonyms

CATALOG = ROOT / "procedures_catalog" / "data" / "catalog.jsonl.gz"
DEV_QUERIES = ROOT / "bench" / "data" / "search_queries_dev.jsonl"
TARGET_TOP1 = 0.90
TARGET_TOP5 = 0.98

Ranker = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Query:
    text: str
    expected: frozenset[str]
    kind: str


def load_entries(path: Path = CATALOG) -> list[IndexEntry]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [IndexEntry(r["code"], r["name"], r.get("level"), r.get("field"), r.get("agency")) for r in rows]


def load_queries(path: Path) -> list[Query]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Query(r["query"], frozenset(r["expected"]), r.get("kind", "-")) for r in rows]


def engine_ranker(entries: list[IndexEntry]) -> Ranker:
    index = SearchIndex.build(entries, load_synonyms())

    def rank(query: str, limit: int) -> list[str]:
        result = index.search(query, limit=limit)
        return [hit.entry.code for hit in (result.hits or result.suggestions)]

    return rank


def rapidfuzz_ranker(entries: list[IndexEntry]) -> Ranker:
    names = [entry.name for entry in entries]

    def rank(query: str, limit: int) -> list[str]:
        return [entries[i].code for _, _, i in process.extract(query, names, scorer=fuzz.WRatio, limit=limit)]

    return rank


def fts5_ranker(entries: list[IndexEntry]) -> Ranker:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE names USING fts5(code UNINDEXED, name, tokenize='trigram')")
    db.executemany("INSERT INTO names VALUES (?, ?)", [(e.code, e.name) for e in entries])

    def rank(query: str, limit: int) -> list[str]:
        # The trigram tokenizer cannot match terms under 3 characters; OR the usable ones.
        terms = [t for t in query.replace('"', " ").split() if len(t) >= 3]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = db.execute("SELECT code FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT ?", (match, limit))
        return [code for (code,) in rows]

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

    def row(self) -> str:
        n = max(self.count, 1)
        return f"{self.top1 / n:6.3f} {self.top5 / n:6.3f} {self.reciprocal / n:6.3f}"


def evaluate(
    rank: Ranker, queries: list[Query], limit: int
) -> tuple[dict[str, Figures], list[tuple[Query, list[str]]]]:
    figures: dict[str, Figures] = defaultdict(Figures)
    misses: list[tuple[Query, list[str]]] = []
    for query in queries:
        ranked = rank(query.text, limit)
        position = figures["ALL"].add(ranked, query.expected)
        figures[query.kind].add(ranked, query.expected)
        if position != 1:
            misses.append((query, ranked))
    return figures, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=DEV_QUERIES)
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()

    entries = load_entries()
    queries = load_queries(args.queries)
    names = {entry.code: entry.name for entry in entries}
    rankers = {"ours": engine_ranker(entries), "rapidfuzz": rapidfuzz_ranker(entries), "fts5": fts5_ranker(entries)}
    results = {label: evaluate(rank, queries, args.limit) for label, rank in rankers.items()}

    print(f"{len(entries)} procedures, {len(queries)} queries from {args.queries}")
    kinds = ["ALL", *sorted({q.kind for q in queries})]
    header = f"{'kind':<12}{'n':>4}  " + "  ".join(f"{label + ' top1 top5 MRR':<22}" for label in rankers)
    print(header)
    print("-" * len(header))
    for kind in kinds:
        count = results["ours"][0][kind].count
        print(f"{kind:<12}{count:>4}  " + "  ".join(f"{results[label][0][kind].row():<22}" for label in rankers))
    ours = results["ours"][0]["ALL"]
    top1, top5 = ours.top1 / max(ours.count, 1), ours.top5 / max(ours.count, 1)
    print(
        f"\ntargets: top-1 >= {TARGET_TOP1:.2f} (ours {top1:.3f} {'OK' if top1 >= TARGET_TOP1 else 'MISSED'}), "
        f"top-5 >= {TARGET_TOP5:.2f} (ours {top5:.3f} {'OK' if top5 >= TARGET_TOP5 else 'MISSED'})"
    )
    misses = results["ours"][1]
    print(f"\nmisses of our engine ({len(misses)}):")
    for query, ranked in misses:
        print(f"- [{query.kind}] {query.text!r} expected {sorted(query.expected)}")
        for code in ranked[:3]:
            mark = "*" if code in query.expected else " "
            print(f"    {mark} {code}  {names.get(code, '?')[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
