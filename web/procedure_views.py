"""JSON views over the catalog: search and one procedure's card."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from aiohttp import web

from monitoring.metrics import SEARCH_SECONDS
from procedures_catalog.model import Level, Procedure
from procedures_catalog.search import Hit, SearchFilters
from web import texts
from web.json_body import json_error, json_response
from web.keys import catalog_key, teaching_key

MAX_LIMIT = 50


def _bad_request(message: str) -> web.HTTPException:
    return json_error(web.HTTPBadRequest, message)


def _hit_json(hit: Hit) -> dict[str, object]:
    return {"code": hit.entry.code, "name": hit.entry.name, "level": hit.entry.level, "score": round(hit.score, 1)}


def _procedure_json(procedure: Procedure) -> dict[str, object]:
    data = dataclasses.asdict(procedure)
    data["updated_at"] = procedure.updated_at.isoformat() if procedure.updated_at else None
    return data


def _filters(query: dict[str, str]) -> SearchFilters:
    try:
        level = Level(query["level"]) if query.get("level") else None
    except ValueError:
        raise _bad_request(texts.BAD_LEVEL) from None
    return SearchFilters(level=level, field=query.get("field") or None, agency=query.get("agency") or None)


async def search_procedures(request: web.Request) -> web.Response:
    query = request.query.get("q", "").strip()
    if not query:
        raise _bad_request(texts.MISSING_QUERY)
    try:
        limit = int(request.query.get("limit", "10"))
    except ValueError:
        raise _bad_request(texts.BAD_LIMIT) from None
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad_request(texts.BAD_LIMIT)
    filters = _filters(dict(request.query))
    teaching = request.app.get(teaching_key)
    with SEARCH_SECONDS.labels(channel="web").time():
        if teaching is None:
            result = request.app[catalog_key].search(query, limit=limit, filters=filters)
        else:
            result = await teaching.search(query, "api", datetime.now(UTC), limit=limit, filters=filters)
    return json_response(
        {
            "query": result.query,
            "confident": result.confident,
            "by_code": result.by_code,
            "did_you_mean": result.did_you_mean,
            "pointer": {"key": result.pointer.key, "text": result.pointer.text} if result.pointer else None,
            "results": [_hit_json(hit) for hit in result.hits],
            "suggestions": [_hit_json(hit) for hit in result.suggestions],
        }
    )


async def show_procedure(request: web.Request) -> web.Response:
    code = request.match_info["code"]
    procedure = await request.app[catalog_key].get(code)
    if procedure is None:
        raise json_error(web.HTTPNotFound, texts.UNKNOWN_PROCEDURE.format(code=code))
    return json_response(_procedure_json(procedure))
