"""The citizens' portal, lookup: the home page, the results of a search, and one procedure's page.

The same engine and filters as the bot and the JSON API (`Catalog.search`); the pages are rendered on the
server and work without JavaScript. A procedure's address carries its code, which is also what the bot's
deep links carry ("tthc_1-001193"): such a code, or the code with hyphens, is sent on to the page's one
address, so a link shared from either channel opens the same page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from aiohttp import web

from bot.deep_links import code_from_parameter
from procedures_catalog.lessons import UnansweredReason, group_key
from procedures_catalog.model import IndexEntry, Level, OnlineLevel
from procedures_catalog.search import Hit, SearchFilters, SearchResult
from web import texts
from web.highlight import highlight
from web.keys import catalog_key, teaching_key
from web.rendering import render

PAGE_SIZE = 10
MAX_PAGES = 5  # 50 results, as the JSON API allows: past that a citizen rephrases
MAX_QUERY = 200
# The procedures citizens ask for most at a commune's one-stop desk, shown on the home page when the
# catalog has them: civil status, residence, identity cards, land, driving licences, certified copies.
POPULAR_CODES = (
    "1.001193",  # đăng ký khai sinh
    "1.000894",  # đăng ký kết hôn
    "1.000656",  # đăng ký khai tử
    "1.004873",  # xác nhận tình trạng hôn nhân
    "1.004222",  # đăng ký thường trú
    "1.014063",  # cấp đổi thẻ căn cước
    "1.012783",  # cấp đổi giấy chứng nhận quyền sử dụng đất (sổ đỏ)
    "3.000347",  # đổi giấy phép lái xe
    "2.000815",  # chứng thực bản sao từ bản chính
    "3.000333",  # cấp phiếu lý lịch tư pháp
)
LEVEL_LABELS = {
    Level.CENTRAL: "Cấp Bộ, trung ương",
    Level.PROVINCE: "Cấp tỉnh",
    Level.DISTRICT: "Cấp huyện",
    Level.COMMUNE: "Cấp xã",
    Level.OTHER: "Cơ quan khác",
}


class BadLookup(Exception):
    """A search address the page cannot read: the message says what to change."""


@dataclass(frozen=True)
class LookupQuery:
    text: str
    filters: SearchFilters
    page: int
    # The query of the results page this search was made from, when that page had answers: a citizen who
    # searches again did not find them right (kept for the agency to teach search, never who asked).
    previous: str = ""

    @property
    def params(self) -> dict[str, str]:
        """The query as address parameters, without the page."""
        values = {
            "q": self.text,
            "cap": str(self.filters.level or ""),
            "linh_vuc": self.filters.field or "",
            "co_quan": self.filters.agency or "",
        }
        return {name: value for name, value in values.items() if value}

    def link(self, *, page: int = 1, q: str | None = None) -> str:
        """The results address of this query, on another page or with another text."""
        params = {**self.params, **({"q": q} if q else {}), **({"trang": str(page)} if page > 1 else {})}
        return "/thu-tuc?" + urlencode(params)


def parse_lookup(query: dict[str, str]) -> LookupQuery:
    text = " ".join(query.get("q", "").split())[:MAX_QUERY]
    level_text = query.get("cap", "")
    try:
        level = Level(level_text) if level_text else None
    except ValueError:
        raise BadLookup(texts.PORTAL_BAD_LEVEL) from None
    try:
        page = int(query.get("trang", "1"))
    except ValueError:
        raise BadLookup(texts.PORTAL_BAD_PAGE) from None
    if not 1 <= page <= MAX_PAGES:
        raise BadLookup(texts.PORTAL_BAD_PAGE)
    field = " ".join(query.get("linh_vuc", "").split())[:MAX_QUERY] or None
    agency = " ".join(query.get("co_quan", "").split())[:MAX_QUERY] or None
    previous = " ".join(query.get("truoc", "").split())[:MAX_QUERY]
    return LookupQuery(text, SearchFilters(level=level, field=field, agency=agency), page, previous)


async def home(request: web.Request) -> web.Response:
    index = request.app[catalog_key].index
    popular = [entry for code in POPULAR_CODES if (entry := index.get(code)) is not None]
    return render("portal/home.html", request, {"popular": popular, "levels": LEVEL_LABELS})


async def results(request: web.Request) -> web.StreamResponse:
    try:
        lookup = parse_lookup(dict(request.query))
    except BadLookup as bad:
        raise web.HTTPBadRequest(text=str(bad)) from None
    if not lookup.text:
        raise web.HTTPSeeOther(request.app.router["portal_home"].url_for().path)
    result = await _search(request, lookup)
    if result.by_code and len(result.hits) == 1:
        raise web.HTTPSeeOther(procedure_path(request, result.hits[0].entry.code))
    hits = result.hits[(lookup.page - 1) * PAGE_SIZE :]
    context = {
        "lookup": lookup,
        "result": result,
        "hits": [_shown(hit, lookup.text) for hit in hits],
        "suggestions": [_shown(hit, lookup.text) for hit in result.suggestions],
        "first": (lookup.page - 1) * PAGE_SIZE + 1,
        "more": len(result.hits) == lookup.page * PAGE_SIZE and lookup.page < MAX_PAGES,
        "levels": LEVEL_LABELS,
        # Answers shown: a new search from this page tells they were not what the citizen meant.
        "searched_from": lookup.text if result.confident and not result.by_code else "",
        "did_you_mean": result.did_you_mean,
        "pointer": result.pointer.text if result.pointer else None,
    }
    return render("portal/results.html", request, context)


async def _search(request: web.Request, lookup: LookupQuery) -> SearchResult:
    """The engine's answer; on the first page, what it could not answer is kept for the agency to teach it."""
    limit = lookup.page * PAGE_SIZE
    teaching = request.app.get(teaching_key)
    if teaching is None or lookup.page > 1:
        return request.app[catalog_key].search(lookup.text, limit=limit, filters=lookup.filters)
    now = datetime.now(UTC)
    if lookup.previous and group_key(lookup.previous) != group_key(lookup.text):
        await teaching.record_unanswered(lookup.previous, "web", now, UnansweredReason.SEARCHED_AGAIN)
    return await teaching.search(lookup.text, "web", now, limit=limit, filters=lookup.filters)


@dataclass(frozen=True)
class ShownHit:
    entry: IndexEntry
    name: str  # escaped, with the matched words marked


def _shown(hit: Hit, query: str) -> ShownHit:
    return ShownHit(hit.entry, highlight(hit.entry.name, query))


def procedure_path(request: web.Request, code: str) -> str:
    return request.app.router["portal_procedure"].url_for(code=code).path


async def procedure_page(request: web.Request) -> web.StreamResponse:
    asked = request.match_info["code"]
    catalog = request.app[catalog_key]
    procedure = await catalog.get(asked)
    if procedure is None:
        linked = code_from_parameter(asked) or code_from_parameter("tthc_" + asked)
        if linked is not None and (procedure := await catalog.get(linked)) is not None:
            raise web.HTTPMovedPermanently(procedure_path(request, procedure.code))
        raise web.HTTPNotFound(text=texts.UNKNOWN_PROCEDURE.format(code=asked))
    if procedure.code != asked:  # a provincial code, or spaces: one address per procedure
        raise web.HTTPMovedPermanently(procedure_path(request, procedure.code))
    share = str(request.url.with_path(procedure_path(request, procedure.code)).with_query(None))
    context = {
        "procedure": procedure,
        "share_url": share,
        "online": _online(procedure.online),
        "description": texts.PORTAL_PROCEDURE_DESCRIPTION.format(
            code=procedure.code,
            level=procedure.level or texts.PORTAL_NO_INFORMATION,
            time=procedure.processing_time or texts.PORTAL_NO_INFORMATION,
        ),
    }
    return render("portal/procedure.html", request, context)


def _online(level: OnlineLevel | None) -> str:
    match level:
        case OnlineLevel.FULL:
            return texts.PORTAL_ONLINE_FULL
        case OnlineLevel.PARTIAL:
            return texts.PORTAL_ONLINE_PARTIAL
        case _:
            return texts.PORTAL_ONLINE_NONE
