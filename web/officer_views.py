"""The officers' pages that read: the queue, one item, an attachment the bot downloaded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from feedback.domain.access import Officer, visible_units
from feedback.domain.data_view import Exposure, Looked
from feedback.domain.lifecycle import Action
from feedback.domain.queue import QueueOrder
from feedback.domain.status import IN_PROCESS_STATUSES, Status
from feedback.domain.tracking_code import InvalidTrackingCode
from feedback.service_layer.feedback_service import UnknownTrackingCode
from feedback.service_layer.officer_desk import ItemView, OutOfReach
from vocabulary import labels
from web import texts
from web.downloads import content_disposition, download_type
from web.formatting import vn_datetime
from web.keys import officer_key, officer_pages_key
from web.queue_query import ALL_STATUSES, BadFilter, parse_queue_query
from web.rendering import render

CHANNEL = "web"

# The actions behind each form, as the desk sees them: "claim" accepts first, "answer" takes the item first.
FORM_NEEDS: Mapping[str, frozenset[Action]] = {
    "accept": frozenset({Action.ACCEPT}),
    "refuse": frozenset({Action.REFUSE}),
    "claim": frozenset({Action.ACCEPT, Action.START}),
    "assign": frozenset({Action.ACCEPT, Action.ASSIGN}),
    "forward": frozenset({Action.FORWARD}),
    "ask_citizen": frozenset({Action.ASK_CITIZEN}),
    "extend": frozenset({Action.EXTEND}),
    "close": frozenset({Action.CLOSE}),
    "answer": frozenset({Action.ACCEPT, Action.START, Action.ANSWER}),
}


async def home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther(request.app.router["queue"].url_for().path)


async def moved_page(request: web.Request) -> web.StreamResponse:
    """An officers' page at its address from before the portal took the root: the same page under /can-bo/.

    308 for a POST, so a form from a tab left open is posted again with its fields (and its CSRF token)."""
    target = "/can-bo" + request.rel_url.raw_path_qs
    if request.method in ("GET", "HEAD"):
        raise web.HTTPMovedPermanently(target)
    raise web.HTTPPermanentRedirect(target)


async def queue_page(request: web.Request) -> web.Response:
    officer = request[officer_key]
    desk = request.app[officer_pages_key].desk
    try:
        query = parse_queue_query(request.query, officer.username)
    except BadFilter as bad:
        raise web.HTTPBadRequest(text=texts.BAD_FILTER.format(field=bad.field)) from None
    page = await desk.queue(officer, query.filter, page=query.page)
    context = {
        "page": page,
        "query": query,
        "units": await _unit_names(request, officer),
        "statuses": list(Status),
        "all_statuses": ALL_STATUSES,
        "orders": QueueOrder,
        "types": labels.TYPE_LABELS,
    }
    return render("queue.html", request, context)


async def item_page(request: web.Request) -> web.Response:
    return await render_item(request, request.match_info["code"])


async def render_item(
    request: web.Request,
    code: str,
    *,
    error: str | None = None,
    form: Mapping[str, str] | None = None,
    failed_action: str | None = None,
    status: int = 200,
) -> web.Response:
    """The item page; after a refused action, with the message and what the officer typed kept in the form."""
    view = await load_item(request, code, (Looked(CHANNEL, Exposure.CONTACT),))
    context = await _item_context(request, view)
    context.update(error=error, form=form or {}, failed_action=failed_action)
    return render("item.html", request, context, status=status)


async def load_item(request: web.Request, code: str, looked: Sequence[Looked]) -> ItemView:
    """The item as this officer may see it; 404 for a code that does not exist, 403 out of their units.

    `looked`: what of the citizen's personal data the page will show, logged before it is shown."""
    try:
        return await request.app[officer_pages_key].desk.item(request[officer_key], code, looked)
    except (UnknownTrackingCode, InvalidTrackingCode):
        raise web.HTTPNotFound(text=texts.UNKNOWN_ITEM.format(code=code)) from None
    except OutOfReach:
        raise web.HTTPForbidden(text=texts.FORBIDDEN) from None


async def _item_context(request: web.Request, view: ItemView) -> dict[str, Any]:
    pages = request.app[officer_pages_key]
    officer = request[officer_key]
    forms = {name for name, needs in FORM_NEEDS.items() if needs & view.actions}
    if view.item.extended:
        forms.discard("extend")
    if view.item.status in IN_PROCESS_STATUSES and view.actions and not view.item.promise_moved:
        forms.add("apologise")  # the desk checks the rights again; shown to whoever may extend
    colleagues = await pages.desk.colleagues(officer, view.item.code) if "assign" in forms else []
    units = await pages.desk.forwarding_units(officer, view.item.code) if "forward" in forms else []
    return {
        "view": view,
        "item": view.item,
        "forms": forms,
        "colleagues": colleagues,
        "forward_units": units,
        "refusal_reasons": list(pages.refusal_reasons.values()),
        "downloadable": [_downloadable(pages.attachments_dir, a.local_path) is not None for a in view.item.attachments],
        "unit_names": await _unit_names(request, officer),
        "unreached": _unreached(view),
        "gives_pins": pages.desk.gives_pins,
    }


def _unreached(view: ItemView) -> str | None:
    """The line saying the citizen has not been told yet, while their channel holds a notice for them."""
    since = view.unreached_since
    if since is None:
        return None
    channel = view.held[0].channel
    line = texts.UNREACHED.get(channel, texts.UNREACHED_ELSEWHERE)
    kinds = labels.notice_kinds(notice.kind for notice in view.held)
    return line.format(channel=texts.CHANNEL_NAMES.get(channel, channel), since=vn_datetime(since), kinds=kinds)


async def attachment(request: web.Request) -> web.StreamResponse:
    index = request.match_info["index"]
    if not index.isdigit():
        raise web.HTTPNotFound(text=texts.ATTACHMENT_MISSING)
    view = await load_item(request, request.match_info["code"], (Looked(CHANNEL, Exposure.ATTACHMENT, index),))
    try:
        chosen = view.item.attachments[int(index)]
    except IndexError:
        raise web.HTTPNotFound(text=texts.ATTACHMENT_MISSING) from None
    path = _downloadable(request.app[officer_pages_key].attachments_dir, chosen.local_path)
    if path is None:
        raise web.HTTPNotFound(text=texts.ATTACHMENT_MISSING)
    name = chosen.file_name or path.name
    headers = {"Content-Type": download_type(name), "Content-Disposition": content_disposition(name)}
    return web.FileResponse(path, headers=headers)


def _downloadable(directory: Path | None, local_path: str | None) -> Path | None:
    """The file, if it was downloaded and lies inside the attachments directory (never a path elsewhere)."""
    if directory is None or not local_path:
        return None
    root = directory.resolve()
    path = Path(local_path).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


async def _unit_names(request: web.Request, officer: Officer) -> dict[str, str]:
    """The units the officer works for, code to name, in tree order (every unit for an administrator)."""
    tree = await request.app[officer_pages_key].desk.unit_tree()
    reach = visible_units(officer, tree)
    return {unit.code: unit.name for unit in tree if reach is None or unit.code in reach}
