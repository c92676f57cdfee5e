"""«Mã PIN xem trên web»: a messenger filer gets a PIN for the portal's page of their item, under the item; a
fresh one replaces the last; only the chat that filed the item gets one; the history says so without the PIN."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from dialogue.engine import Dialogue
from dialogue.events import Account, Choose, Inbound
from dialogue.flows import build_router
from dialogue.turn import Services
from feedback.domain.model import REPLACE_PIN, ActorKind
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins, PinAttemptsExhausted, PinPolicy, WrongPin
from procedures_catalog.services import Catalog
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import TypingCitizen
from tests.dialogue.pakn_items import answered_item, file_item, text_citizen
from tests.manual_clock import Clock
from tests.office_fixture import cheap_hasher
from text_channel.channel import TextChannel

FOLLOW = "https://motcua.xa.gov.vn/phan-anh/tra-cuu"
CLIENT = "a client's digest"


@pytest.fixture
def pins(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FilerPins:
    return FilerPins(uow_factory, cheap_hasher(), clock)


@pytest.fixture
def services(catalog: Catalog, feedback: FeedbackService, pins: FilerPins) -> Services:
    return Services(catalog=catalog, feedback=feedback, pins=pins, portal_follow_address=FOLLOW)


def pin_in(text: str) -> str:
    found = re.search(r"trên web: (?:<b>)?(\d{6})", text)
    assert found is not None, text
    return found.group(1)


def number_of(shown: str, label: str) -> str:
    """The number a choice is typed as, on the plain-text channel."""
    found = re.search(rf"^(\d+)\. {re.escape(label)}", shown, re.MULTILINE)
    assert found is not None, shown
    return found.group(1)


async def test_the_filer_gets_a_pin_under_their_item_that_opens_it_on_the_portal(
    citizen: TypingCitizen, feedback: FeedbackService, pins: FilerPins, dialogue: Dialogue
) -> None:
    code = await file_item(feedback)
    shown = await citizen.say(f"/tracuu {code}")
    given = await citizen.say(number_of(shown, "🔑 Mã PIN xem trên web"))
    pin = pin_in(given)
    assert f"{FOLLOW}?ma={code}" in given and "không dùng được nữa" in given
    assert await pins.verify(code, pin, CLIENT) == code

    trail = await feedback.audit_trail(code)
    assert trail[-1].action == REPLACE_PIN and trail[-1].note is None
    assert trail[-1].actor.kind == ActorKind.CITIZEN and trail[-1].actor.id == "text:citizen-1"
    assert (await feedback.item(code)).pin_hash not in (None, pin)
    # A secret reply: the channel outbox forgets its text once it is sent (tests/integration/test_channel_outbox.py).
    (again,) = await dialogue.handle(Inbound(Account("text", "citizen-1", "citizen-1"), Choose(f"pin:{code}")))
    assert again.secret and await pins.verify(code, pin_in(again.text), CLIENT) == code


async def test_a_new_pin_replaces_the_last_which_stops_working(
    citizen: TypingCitizen, feedback: FeedbackService, pins: FilerPins
) -> None:
    code = await answered_item(feedback)  # under an answer too, after the stars and «Chưa được giải quyết»
    shown = await citizen.say(f"/tracuu {code}")
    first = pin_in(await citizen.say(number_of(shown, "🔑 Mã PIN xem trên web")))
    shown = await citizen.say(f"/tracuu {code}")
    second = pin_in(await citizen.say(number_of(shown, "🔑 Mã PIN xem trên web")))
    if first != second:  # one chance in a million that the two are the same
        with pytest.raises(WrongPin):
            await pins.verify(code, first, CLIENT)
    assert await pins.verify(code, second, CLIENT) == code


async def test_only_the_chat_that_filed_the_item_gets_its_pin(
    citizen: TypingCitizen, text_channel: TextChannel, feedback: FeedbackService, dialogue: Dialogue
) -> None:
    code = await file_item(feedback)
    stranger = TypingCitizen(text_channel, "citizen-2")
    assert "Mã PIN" not in await stranger.say(f"/tracuu {code}")  # not offered
    # Nor given for a choice made up by hand: the id is checked against the item's filer.
    (refused,) = await dialogue.handle(Inbound(Account("text", "citizen-2", "citizen-2"), Choose(f"pin:{code}")))
    assert refused.text == "Đây không phải phản ánh bạn đã gửi."
    assert not [entry for entry in await feedback.audit_trail(code) if entry.action == REPLACE_PIN]
    assert (await feedback.item(code)).pin_hash is None


async def test_without_the_portal_no_pin_is_offered(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, clock: Clock
) -> None:
    plain = Dialogue(uow_factory, build_router(), Services(catalog=catalog, feedback=feedback), clock=clock)
    citizen = TypingCitizen(TextChannel(plain), "citizen-1")
    code = await file_item(feedback)
    assert "Mã PIN" not in await citizen.say(f"/tracuu {code}")
    (said,) = await plain.handle(Inbound(Account("text", "citizen-1", "citizen-1"), Choose(f"pin:{code}")))
    assert said.text == "Cổng thông tin web chưa được mở ở đây, nên chưa cấp được mã PIN."


async def test_a_new_pin_works_at_once_after_the_item_was_locked_but_the_guessers_address_stays_locked(
    uow_factory: Callable[[], SqlUnitOfWork], feedback: FeedbackService, clock: Clock
) -> None:
    pins = FilerPins(uow_factory, cheap_hasher(), clock, PinPolicy(failures_per_code=5, failures_per_client=5))
    code = await file_item(feedback)
    for _ in range(5):
        with pytest.raises(WrongPin):
            await pins.verify(code, "000000", "guesser")
    with pytest.raises(PinAttemptsExhausted):
        await pins.verify(code, "000000", CLIENT)  # the item is locked for everyone
    pin = await pins.replace_for_filer(code, text_citizen())
    assert await pins.verify(code, pin, CLIENT) == code
    with pytest.raises(PinAttemptsExhausted):
        await pins.verify(code, pin, "guesser")  # its own five failures still count against it
