# ruff: noqa: E402 - the path fix below must run before the imports
"""Search quality on official names as citizens shorten them: top-1 and top-5 per way of shortening.

    .venv/bin/python bench/search_official.py [--sample 400] [--seed 20261203] [--misses]

Queries are made from the bundled catalog itself, not from anyone's writing: for a fixed sample of procedures
(commune-level ones first, which citizens use most), each name gives one query per derivation kind:
- full: the name as the catalog writes it;
- short: the name without what citizens leave off: a leading "Thủ tục", a level ("cấp xã", "(cấp tỉnh)"), and a
  trailing "đối với …", "tại …", "trên địa bàn …", "thuộc thẩm quyền …", "theo …";
- prefix: the first words of the short name up to where a phrase ends (before "có", "cho"…, at a comma), the
  fewest (at least 3) that no other short name starts with;
- accentless: the short name without diacritics;
- lead: the short name after "thủ tục", "làm" or "xin" (in turn).
A query is a hit when the first answer (top-5: one of the first five) has the same name (several levels share a
name), or, for a shortened query, a name that shortened starts with the query's words ("Giải quyết tranh chấp đất
đai" is answered by each level's "Giải quyết tranh chấp đất đai thuộc thẩm quyền …").
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
import random
import re
from collections import defaultdict
from dataclasses import dataclass

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from procedures_catalog.model import IndexEntry
from procedures_catalog.pointers import load_pointers
from procedures_catalog.search import SearchIndex
from procedures_catalog.synonyms import load_synonyms
from vietnamese_text.normalise import fold, tokens

CATALOG = ROOT / "procedures_catalog" / "data" / "catalog.jsonl.gz"
KINDS = ("full", "short", "prefix", "accentless", "lead")
LEADS = ("thủ tục", "làm", "xin")
MIN_PREFIX_WORDS = 3
# Words that start a new phrase inside a name: a prefix a citizen types ends before one.
_PHRASE_STARTS = frozenset(
    {
        *("có", "cho", "của", "và", "hoặc", "với", "về", "để", "do", "từ", "trong", "theo", "tại", "ở", "trên"),
        *("đối", "khi", "đã", "được", "bị", "thuộc", "là", "gồm", "nhưng", "không", "vào"),
    }
)
# A qualifier is cut only after this many words: "Tại …" opening a name is what it is about.
MIN_KEPT_WORDS = 3
_LEVEL = r"(?:ubnd |ủy ban nhân dân )?cấp (?:xã|huyện|tỉnh|bộ|trung ương)"
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_LEADING_PROCEDURE = re.compile(r"^\s*thủ tục\s+", re.IGNORECASE)
_QUALIFIER = re.compile(
    rf"[\s,;]+(?:(?:thực hiện |giải quyết )?(?:tại |ở )?{_LEVEL}\b"
    r"|đối với\b|tại\b|trên địa bàn\b|thuộc thẩm quyền\b|theo\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OfficialQuery:
    text: str
    kind: str
    code: str  # the procedure the query was made from
    expected: frozenset[str]


def load_entries() -> list[IndexEntry]:
    with gzip.open(CATALOG, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [IndexEntry(r["code"], r["name"], r.get("level"), r.get("field"), r.get("agency")) for r in rows]


def short_name(name: str) -> str:
    """The name as citizens shorten it: no leading "Thủ tục", no level, no trailing qualifier."""
    text = _PARENTHESES.sub("", name).strip().rstrip(".").strip()
    text = _LEADING_PROCEDURE.sub("", text)
    for match in _QUALIFIER.finditer(text):
        if len(text[: match.start()].split()) >= MIN_KEPT_WORDS:
            text = text[: match.start()]
            break
    return text.strip(" ,;.-")


def name_key(text: str) -> str:
    """Two names are the same when their accent-free words are."""
    return " ".join(tokens(fold(text)))


def derive(entry: IndexEntry, turn: int, short_starts: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    """(kind, query, the shortened name it says) for each derivation kind that applies to this procedure's name."""
    short = short_name(entry.name)
    short_key = name_key(short)
    words = short.split()
    out = [("full", entry.name, entry.name), ("short", short, short)]
    for k in range(MIN_PREFIX_WORDS, len(words)):
        # Citizens stop where a phrase ends: before a word like "có" or "cho", or at a comma.
        if words[k].lower() not in _PHRASE_STARTS and not words[k - 1].endswith((",", ";", ":")):
            continue
        prefix = " ".join(words[:k]).rstrip(",;:")
        if short_starts.get(name_key(prefix), set()) <= {short_key}:
            out.append(("prefix", prefix, prefix))
            break
    out.append(("accentless", fold(short), short))
    out.append(("lead", f"{LEADS[turn % len(LEADS)]} {short[:1].lower()}{short[1:]}", short))
    return out


def stem_key(name: str) -> str:
    """The name's key without parentheses and a leading "Thủ tục": what a shortened query may start."""
    return name_key(_LEADING_PROCEDURE.sub("", _PARENTHESES.sub("", name)))


def build_queries(entries: list[IndexEntry], sample: int, seed: int) -> list[OfficialQuery]:
    """One query per kind for `sample` procedures, two thirds of them at commune level when there are enough."""
    shorts = {entry.code: name_key(short_name(entry.name)) for entry in entries}
    stems = {entry.code: stem_key(entry.name) for entry in entries}
    by_full: dict[str, set[str]] = defaultdict(set)
    short_starts: dict[str, set[str]] = defaultdict(set)  # a short name's word prefix → the short names it starts
    starting: dict[str, set[str]] = defaultdict(set)  # a word prefix of a short name or stem → procedures
    for entry in entries:
        by_full[name_key(entry.name)].add(entry.code)
        words = shorts[entry.code].split()
        for k in range(MIN_PREFIX_WORDS, len(words) + 1):
            short_starts[" ".join(words[:k])].add(shorts[entry.code])
        for text in (shorts[entry.code], stems[entry.code]):
            words = text.split()
            for k in range(1, len(words) + 1):
                starting[" ".join(words[:k])].add(entry.code)
    rng = random.Random(seed)
    commune = [entry for entry in entries if "xã" in (entry.level or "").lower()]
    others = [entry for entry in entries if "xã" not in (entry.level or "").lower()]
    first = rng.sample(commune, min(len(commune), sample * 2 // 3))
    chosen = first + rng.sample(others, min(len(others), sample - len(first)))
    queries: list[OfficialQuery] = []
    seen: set[tuple[str, str]] = set()
    for turn, entry in enumerate(chosen):
        same_name = by_full[name_key(entry.name)]
        for kind, text, core in derive(entry, turn, short_starts):
            if (kind, name_key(text)) in seen:
                continue  # two procedures of one name give one query
            seen.add((kind, name_key(text)))
            # A shortened query is answered by any procedure whose name, so shortened, starts with it: "Giải quyết
            # tranh chấp đất đai" by each level's procedure of that name.
            expected = set(same_name) if kind == "full" else same_name | starting[name_key(core)]
            queries.append(OfficialQuery(text, kind, entry.code, frozenset(expected)))
    return queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--misses", action="store_true", help="list the top-1 misses")
    args = parser.parse_args()

    entries = load_entries()
    index = SearchIndex.build(entries, load_synonyms(), load_pointers())
    names = {entry.code: entry.name for entry in entries}
    queries = build_queries(entries, args.sample, args.seed)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # kind → [queries, top-1, top-5]
    misses: list[tuple[OfficialQuery, list[str]]] = []
    for query in queries:
        result = index.search(query.text, limit=5)
        ranked = [hit.entry.code for hit in (result.hits or result.suggestions)]
        top1 = bool(ranked) and ranked[0] in query.expected
        top5 = any(code in query.expected for code in ranked[:5])
        for kind in (query.kind, "ALL"):
            counts[kind][0] += 1
            counts[kind][1] += top1
            counts[kind][2] += top5
        if not top1:
            misses.append((query, ranked))
    print(f"{len(queries)} queries from {args.sample} procedures (seed {args.seed})")
    print(f"{'kind':<12}{'n':>5}{'top1':>7}{'top5':>7}")
    for kind in ("ALL", *KINDS):
        n, top1, top5 = counts[kind]
        print(f"{kind:<12}{n:>5}{top1 / max(n, 1):>7.3f}{top5 / max(n, 1):>7.3f}")
    if args.misses:
        for query, ranked in misses:
            print(f"\n[{query.kind}] {query.text}\n  want {query.code} {names[query.code]}")
            for code in ranked[:3]:
                print(f"  got  {code} {names[code]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
