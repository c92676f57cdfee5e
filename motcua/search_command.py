"""`motcua search`: ranked results for one query, or JSON lines for queries read from stdin."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from motcua import texts
from motcua.bootstrap import bootstrap
from motcua.settings import Settings
from procedures_catalog.model import Level
from procedures_catalog.search import Hit, SearchFilters, SearchResult
from procedures_catalog.services import Catalog


def _hit_json(hit: Hit) -> dict[str, object]:
    return {"code": hit.entry.code, "name": hit.entry.name, "score": round(hit.score, 1)}


def result_json(result: SearchResult) -> dict[str, object]:
    return {
        "query": result.query,
        "confident": result.confident,
        "results": [_hit_json(hit) for hit in result.hits],
        "suggestions": [_hit_json(hit) for hit in result.suggestions],
    }


def render_text(result: SearchResult) -> str:
    if result.confident:
        lines = [texts.SEARCH_RESULTS.format(query=result.query)]
        hits = result.hits
    else:
        lines = [texts.SEARCH_NO_MATCH.format(query=result.query)]
        hits = result.suggestions
    lines += [
        f"{rank:>2}. [{hit.score:5.1f}] {hit.entry.code}  {hit.entry.name}"
        + (f"  ({hit.entry.level})" if hit.entry.level else "")
        for rank, hit in enumerate(hits, start=1)
    ]
    return "\n".join(lines)


def run_queries(catalog: Catalog, args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    filters = SearchFilters(level=Level(args.level) if args.level else None, field=args.field, agency=args.agency)
    if args.query:
        result = catalog.search(" ".join(args.query), limit=args.limit, filters=filters)
        print(json.dumps(result_json(result), ensure_ascii=False) if args.json else render_text(result), file=stdout)
        return
    # One index for the whole stream: the point of the batch mode.
    for line in stdin:
        query = line.strip()
        if query:
            result = catalog.search(query, limit=args.limit, filters=filters)
            print(json.dumps(result_json(result), ensure_ascii=False), file=stdout, flush=True)


async def search(settings: Settings, args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    if args.limit < 1:
        print(texts.BAD_LIMIT, file=stdout)
        return 2
    services = await bootstrap(settings)
    try:
        run_queries(services.catalog, args, stdin, stdout)
    finally:
        await services.close()
    return 0
