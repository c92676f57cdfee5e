"""The administrators' page that teaches search (`procedures_catalog.teaching`).

What citizens searched for without a confident answer, grouped and counted, each group with the engine's
current guesses and one form: a procedure code maps the words to that procedure, anything else is the
official wording they stand for. A lesson is kept with who taught it and when; every instance of the
service picks it up within seconds. The lessons download as a synonyms file an office can keep or merge
into its MOTCUA_SYNONYMS_FILE. Administrators only: what the search answers is the same for every unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web

from procedures_catalog.lessons import InvalidLesson, UnansweredGroup
from procedures_catalog.model import IndexEntry
from procedures_catalog.services import Catalog
from procedures_catalog.teaching import SearchTeaching
from web import texts
from web.downloads import content_disposition
from web.keys import catalog_key, officer_key, officer_pages_key, session_key, teaching_key
from web.rendering import render

GUESSES = 3
EXPORT_NAME = "cach-noi-da-day.tsv"
MAX_FIELD = 500


@dataclass(frozen=True)
class GroupRow:
    group: UnansweredGroup
    guesses: tuple[IndexEntry, ...]  # what the engine offers for the words today, best first


def _teaching(request: web.Request) -> SearchTeaching:
    if not request[officer_key].is_admin:
        raise web.HTTPForbidden(text=texts.LESSONS_ADMIN_ONLY)
    teaching = request.app.get(teaching_key)
    if teaching is None:
        raise web.HTTPNotFound()
    return teaching


def _guesses(catalog: Catalog, text: str) -> tuple[IndexEntry, ...]:
    result = catalog.search(text, limit=GUESSES)
    return tuple(hit.entry for hit in (result.hits or result.suggestions)[:GUESSES])


async def lessons_page(request: web.Request) -> web.Response:
    return await _page(request, _teaching(request))


async def _page(
    request: web.Request,
    teaching: SearchTeaching,
    *,
    error: str | None = None,
    typed: Mapping[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    catalog = request.app[catalog_key]
    groups = await teaching.unanswered()
    context = {
        "rows": [GroupRow(group, _guesses(catalog, group.example)) for group in groups],
        "lessons": list(reversed(await teaching.lessons())),  # the newest first
        "error": error,
        "typed": dict(typed or {}),
    }
    return render("search_lessons.html", request, context, status=status)


async def _form(request: web.Request) -> dict[str, str]:
    return {name: value[:MAX_FIELD] for name, value in (await request.post()).items() if isinstance(value, str)}


async def teach(request: web.Request) -> web.StreamResponse:
    teaching = _teaching(request)
    form = await _form(request)
    try:
        lesson = await teaching.teach_target(
            form.get("phrase", ""),
            form.get("target", "").strip(),
            by=request[officer_key].username,
            at=request.app[officer_pages_key].clock(),
            answers=form.get("group") or None,
        )
    except InvalidLesson as bad:
        return await _page(request, teaching, error=str(bad), typed=form, status=400)
    request[session_key].add_flash("ok", texts.LESSON_TAUGHT.format(phrase=lesson.phrase, expansion=lesson.expansion))
    raise web.HTTPSeeOther(request.app.router["search_lessons"].url_for().path)


async def dismiss(request: web.Request) -> web.StreamResponse:
    teaching = _teaching(request)
    form = await _form(request)
    group = form.get("group", "")
    if group:
        await teaching.dismiss(group)
        request[session_key].add_flash("ok", texts.LESSON_DISMISSED.format(example=form.get("example") or group))
    raise web.HTTPSeeOther(request.app.router["search_lessons"].url_for().path)


async def export(request: web.Request) -> web.Response:
    body = await _teaching(request).synonyms_export()
    return web.Response(
        body=body.encode("utf-8"),
        headers={"Content-Type": "text/plain; charset=utf-8", "Content-Disposition": content_disposition(EXPORT_NAME)},
    )
