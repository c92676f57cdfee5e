"""«Mã PIN xem trên web»: a messenger filer's PIN for the portal's page of one of their items.

A PAKN filed on a messenger got no PIN (the chat it came from is its filer's proof), so the portal's page of
the item (the content, the full answer, the history, «Dữ liệu của tôi») stayed shut to its own filer. Under
their item the filer is offered a PIN: pressed, it gives a fresh one (`FilerPins.replace_for_filer`: only to
the chat the item was filed from; any earlier PIN stops working; the item's history records it, never the
PIN), shown once with the portal's address: the reply is secret, so the channel outbox keeps its text only until
it is sent.
"""

from __future__ import annotations

from dialogue import texts
from dialogue.citizen import citizen_of
from dialogue.replies import Choice
from dialogue.rich_text import escape
from dialogue.router import Router, choice_id
from dialogue.turn import Turn
from feedback.domain.tracking_code import InvalidTrackingCode, parse_code
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import NotYourItem, UnknownTrackingCode

PREFIX = "pin"


def choice(code: str) -> Choice:
    return Choice(choice_id(PREFIX, code), texts.CHOICE_WEB_PIN)


def _where(turn: Turn, code: str) -> str:
    address = turn.services.portal_follow_address
    if address is None:
        return texts.WEB_PIN_PORTAL
    link = escape(f"{address}?ma={code}")
    return f'<a href="{link}">{link}</a>'


async def give(turn: Turn, code: str) -> None:
    pins = turn.services.pins
    if pins is None:
        turn.say(texts.WEB_PIN_UNAVAILABLE)
        return
    try:
        code = str(parse_code(code))
        pin = await pins.replace_for_filer(code, citizen_of(turn.account))
    except (InvalidTrackingCode, UnknownTrackingCode, NotYourItem):
        turn.say(texts.NOT_YOURS)  # an id is never trusted: only the item's own chat gets its PIN
        return
    except ConcurrentChange:
        turn.say(texts.WEB_PIN_AGAIN)
        return
    turn.say(texts.WEB_PIN.format(code=escape(code), pin=pin, where=_where(turn, code)), secret=True)


def register(router: Router) -> None:
    async def chosen(turn: Turn, rest: str) -> None:
        if not rest:
            turn.say(texts.STALE_CHOICE)
            return
        await give(turn, rest)

    router.choices(PREFIX, chosen)
