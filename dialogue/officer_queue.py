"""The officers' lists: the unit's queue (/hangdoi), my items (/cuatoi), overdue (/quahan), by legal
deadline, a page at a time with a choice to open each item and to turn pages. What a list holds is the
desk's business: it narrows every list to the units the officer works for."""

from __future__ import annotations

from dialogue import officer_choices as oc
from dialogue import officer_views, texts
from dialogue.officer_choices import officer_of
from dialogue.replies import Button
from dialogue.router import Router
from dialogue.turn import Turn
from feedback.domain.access import Officer
from feedback.domain.queue import QueuePage

PAGE_SIZE = 8  # a page fits a phone's screen and one message


async def _page(turn: Turn, officer: Officer, kind: str, number: int) -> QueuePage:
    desk = turn.services.desk
    assert desk is not None
    if kind == oc.MY_ITEMS:
        found = await desk.my_items(officer, page=number, page_size=PAGE_SIZE)
    elif kind == oc.OVERDUE:
        found = await desk.overdue(officer, page=number, page_size=PAGE_SIZE)
    else:
        found = await desk.queue(officer, page=number, page_size=PAGE_SIZE)
    if not found.entries and number > found.pages:  # items left the list since the page was shown
        return await _page(turn, officer, kind, found.pages)
    return found


def _choices(kind: str, found: QueuePage) -> list[list[Button]]:
    rows: list[list[Button]] = [
        [
            oc.open_item(
                entry.code,
                f"{officer_views.marker(entry.days_left, paused=entry.clock_paused, status=entry.status)} "
                f"{entry.code} · {officer_views.days(entry.days_left, paused=entry.clock_paused, status=entry.status)}",
            )
        ]
        for entry in found.entries
    ]
    paging: list[Button] = []
    if found.page > 1:
        paging.append(oc.page(kind, found.page - 1, texts.BUTTON_PREVIOUS_PAGE))
    if found.page < found.pages:
        paging.append(oc.page(kind, found.page + 1, texts.BUTTON_NEXT_PAGE))
    if paging:
        rows.append(paging)
    return rows


async def show_list(turn: Turn, kind: str, number: int = 1, *, in_place: bool = False) -> None:
    officer = await officer_of(turn)
    if officer is None:
        return
    found = await _page(turn, officer, kind, number)
    turn.say(officer_views.queue_page(kind, found), _choices(kind, found), replaces_origin=in_place)


def register(router: Router) -> None:
    """Not in the public command list: citizens should not see them."""

    async def hangdoi(turn: Turn) -> None:
        await show_list(turn, oc.UNIT_QUEUE)

    async def cuatoi(turn: Turn) -> None:
        await show_list(turn, oc.MY_ITEMS)

    async def quahan(turn: Turn) -> None:
        await show_list(turn, oc.OVERDUE)

    async def canbo(turn: Turn) -> None:
        if await officer_of(turn) is not None:
            turn.say(texts.OFFICER_HELP)

    router.command("hangdoi", hangdoi)
    router.command("cuatoi", cuatoi)
    router.command("quahan", quahan)
    router.command("canbo", canbo)
