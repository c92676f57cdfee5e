"""The Zalo sender against the stand-in over HTTP: replies delivered whole and once; rate limits and outages
retried with back-off and nothing dropped; outside the consultation window a PAKN notice goes as the
agency's ZNS template, or is held until the citizen writes; a person who left the OA is undeliverable."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import aiohttp
import pytest

from delivery.ports import Delivered, HoldUntilContact, NoticeRef, OutgoingMessage, RetryLater, Undeliverable
from dialogue.replies import Choice, Reply, Request
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import CITIZEN_ID
from tests.manual_clock import Clock
from zalo.connection import NotConnected
from zalo.oa_client import OaClient
from zalo.sender import ZaloSender
from zalo.zns import ZnsTemplates

ANSWER_TEMPLATE = "287654"
CODE = "20261123.0001"


class StandInTokens:
    """A token the stand-in issued; the renewal itself is tested with the database in test_zalo_tokens."""

    def __init__(self, oa: LocalZaloOa | None) -> None:
        self._oa = oa
        self._token = oa.issue_tokens().access_token if oa is not None else None

    async def current(self) -> str:
        if self._token is None:
            raise NotConnected("the Zalo OA is not connected")
        return self._token

    async def replace_rejected(self, token: str) -> str:
        assert self._oa is not None
        self._token = self._oa.issue_tokens().access_token
        return self._token


class Phones:
    def __init__(self, phones: dict[str, str]) -> None:
        self.phones = phones
        self.asked: list[NoticeRef] = []

    async def phone_for(self, notice: NoticeRef) -> str | None:
        self.asked.append(notice)
        return self.phones.get(notice.code)


@pytest.fixture
async def oa(clock: Clock) -> AsyncIterator[LocalZaloOa]:
    async with LocalZaloOa(clock=clock, zns_templates={ANSWER_TEMPLATE}) as stand_in:
        stand_in.interacted(CITIZEN_ID)
        yield stand_in


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


def sender(
    oa: LocalZaloOa,
    session: aiohttp.ClientSession,
    *,
    templates: dict[str, str] | None = None,
    phones: Phones | None = None,
    connected: bool = True,
) -> ZaloSender:
    client = OaClient(session, StandInTokens(oa if connected else None), api_base=oa.api_base, zns_base=oa.zns_base)
    return ZaloSender(client, templates=ZnsTemplates(templates or {}), phones=phones)


def outgoing(reply: Reply, row: int = 1, notice: NoticeRef | None = None) -> OutgoingMessage:
    return OutgoingMessage(id=row, channel="zalo", recipient=CITIZEN_ID, reply=reply, notice=notice)


ANSWER = NoticeRef(code=CODE, kind="answered", due=date(2026, 12, 18))


async def test_a_reply_is_delivered_as_zalo_messages_with_their_ids(
    oa: LocalZaloOa, session: aiohttp.ClientSession
) -> None:
    reply = Reply(
        "Chọn loại:", buttons=((Choice("t:pa", "Phản ánh"), Choice("t:kn", "Kiến nghị")),), request=Request.PHONE
    )
    outcome = await sender(oa, session).send(outgoing(reply))
    assert isinstance(outcome, Delivered)
    assert outcome.message_ids == tuple(sent.message_id for sent in oa.sent)
    assert [sent.template_type for sent in oa.sent] == [None, "request_user_info"]
    assert [button["title"] for button in oa.sent[0].buttons] == ["Phản ánh", "Kiến nghị"]
    assert oa.refused_calls() == []


async def test_the_rate_limit_is_retried_later_with_growing_back_off_and_sent_once(
    oa: LocalZaloOa, session: aiohttp.ClientSession
) -> None:
    zalo = sender(oa, session)
    oa.rate_limit_next(2)
    first = await zalo.send(outgoing(Reply("Xin chào")))
    second = await zalo.send(outgoing(Reply("Xin chào")))
    assert isinstance(first, RetryLater) and isinstance(second, RetryLater)
    assert 0 < first.after_seconds < second.after_seconds
    assert first.whole_channel and second.whole_channel  # the app's limit: every message waits
    assert isinstance(await zalo.send(outgoing(Reply("Xin chào"))), Delivered)
    assert [sent.text for sent in oa.sent] == ["Xin chào"]


async def test_an_outage_is_retried_later_and_nothing_is_lost(oa: LocalZaloOa, session: aiohttp.ClientSession) -> None:
    zalo = sender(oa, session)
    oa.fail_next(3)
    outcomes = [await zalo.send(outgoing(Reply("Đã tiếp nhận"))) for _ in range(4)]
    assert [type(outcome) for outcome in outcomes] == [RetryLater, RetryLater, RetryLater, Delivered]
    assert all(isinstance(outcome, RetryLater) and outcome.whole_channel for outcome in outcomes[:3])
    assert [sent.text for sent in oa.sent] == ["Đã tiếp nhận"]


async def test_a_reply_cut_short_by_the_rate_limit_goes_on_where_it_stopped_without_repeating(
    oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    oa.rate_limit_per_minute = 2
    zalo = sender(oa, session)
    long_text = " ".join(f"đoạn{n:03}" for n in range(600))  # 4,800 characters: three messages
    assert isinstance(await zalo.send(outgoing(Reply(long_text), row=7)), RetryLater)
    assert len(oa.sent) == 2
    clock.advance(minutes=1)
    outcome = await zalo.send(outgoing(Reply(long_text), row=7))
    assert isinstance(outcome, Delivered) and len(outcome.message_ids) == 3
    assert " ".join(sent.text for sent in oa.sent).split() == long_text.split()


async def test_a_burst_above_the_rate_limit_is_all_delivered_once_in_the_end(
    oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    oa.rate_limit_per_minute = 10
    zalo = sender(oa, session)
    pending = list(range(1, 36))
    rounds = 0
    while pending:
        rounds += 1
        outcomes = {row: await zalo.send(outgoing(Reply(f"Trả lời {row}"), row=row)) for row in pending}
        pending = [row for row, outcome in outcomes.items() if isinstance(outcome, RetryLater)]
        assert all(isinstance(outcome, Delivered | RetryLater) for outcome in outcomes.values())
        clock.advance(minutes=1)
    assert sorted(sent.text for sent in oa.sent) == sorted(f"Trả lời {row}" for row in range(1, 36))
    assert rounds == 4


async def test_an_answer_ten_working_days_later_goes_as_the_zns_template_to_the_citizens_phone(
    oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    phones = Phones({CODE: "0912345678"})
    zalo = sender(oa, session, templates={"answered": ANSWER_TEMPLATE}, phones=phones)
    clock.advance(days=14)  # 10 working days: the consultation window (7 days) closed long ago
    outcome = await zalo.send(outgoing(Reply("Cơ quan đã trả lời phản ánh của bạn."), row=3, notice=ANSWER))
    assert isinstance(outcome, Delivered)
    (template,) = oa.templates_sent
    assert (template.phone, template.template_id, template.tracking_id) == ("84912345678", ANSWER_TEMPLATE, "motcua-3")
    assert template.template_data == {"ma_phan_anh": CODE, "ngay_hen": "18/12/2026"}
    assert outcome.message_ids == (template.msg_id,)
    assert oa.sent == [] and [call.error for call in oa.calls][-2:] == [-230, 0]


@pytest.mark.parametrize("why", ["no template for the kind", "no phone", "not a notice", "template not approved"])
async def test_outside_the_window_without_a_way_to_send_it_is_held_until_the_citizen_writes(
    oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock, why: str
) -> None:
    templates = {"answered": ANSWER_TEMPLATE} if why != "no template for the kind" else {"apology": ANSWER_TEMPLATE}
    if why == "template not approved":
        templates = {"answered": "999999"}
    phones = Phones({} if why == "no phone" else {CODE: "0912345678"})
    notice = None if why == "not a notice" else ANSWER
    zalo = sender(oa, session, templates=templates, phones=phones)
    clock.advance(days=14)
    message = outgoing(Reply("Cơ quan đã trả lời phản ánh của bạn."), row=4, notice=notice)
    assert isinstance(await zalo.send(message), HoldUntilContact)
    assert oa.sent == [] and oa.templates_sent == []
    oa.interacted(CITIZEN_ID)  # the citizen writes again: the held notice is released and sent
    assert isinstance(await zalo.send(message), Delivered)
    assert [sent.text for sent in oa.sent] == ["Cơ quan đã trả lời phản ánh của bạn."]


async def test_a_person_who_left_the_oa_is_undeliverable(oa: LocalZaloOa, session: aiohttp.ClientSession) -> None:
    oa.unfollowed(CITIZEN_ID)
    outcome = await sender(oa, session).send(outgoing(Reply("Xin chào")))
    assert isinstance(outcome, Undeliverable) and "-213" in outcome.reason


async def test_without_a_connection_messages_wait(oa: LocalZaloOa, session: aiohttp.ClientSession) -> None:
    outcome = await sender(oa, session, connected=False).send(outgoing(Reply("Xin chào")))
    assert isinstance(outcome, RetryLater) and oa.calls == []


def test_the_sender_keeps_zalos_app_limit_with_room_for_multi_part_replies() -> None:
    from zalo.sender import LIMITS

    assert LIMITS.per_second * 60 <= 4000
