"""The officers' buttons and words: callback data that fits and round-trips, markers, and refusals explained."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.callback_data import (
    COLLEAGUE,
    FORWARD_UNIT,
    MAX_BYTES,
    CodeBook,
    OfficerAct,
    OfficerChoice,
    OfficerList,
    OfficerOpen,
    OfficerPick,
    decode,
    encode,
    officer_act_pattern,
    pattern,
)
from bot.officer_views import days, marker, problem
from feedback.access import NotPermitted
from feedback.lifecycle import Action, IllegalTransition
from feedback.model import AlreadyExtended, PromiseAlreadyMoved
from feedback.officer_desk import NotAColleague, OutOfReach
from feedback.ports import ConcurrentChange
from feedback.status import Status

CODE = "20261123.0001"
LONGEST_USERNAME = "a" * 64
LONGEST_UNIT = "000.00.31.H56-" + "X" * 50


@pytest.mark.parametrize(
    "action",
    [
        OfficerList("q", 3),
        OfficerOpen(CODE),
        OfficerAct(CODE, "refuse_other"),
        OfficerPick(CODE, COLLEAGUE, "an"),
        OfficerPick(CODE, COLLEAGUE, LONGEST_USERNAME),
        OfficerPick(CODE, FORWARD_UNIT, LONGEST_UNIT),
        OfficerPick("20261123.123456", "r", "out_of_scope_khieu_nai"),
        OfficerChoice("send"),
    ],
)
def test_officer_buttons_fit_in_64_bytes_and_decode_to_what_was_asked(action: object) -> None:
    codes = CodeBook()
    data = encode(action, codes)  # type: ignore[arg-type]
    assert len(data.encode("utf-8")) <= MAX_BYTES
    assert decode(data, codes) == action
    assert re.match(pattern(type(action)), data)  # type: ignore[arg-type]


def test_a_long_choice_is_forgotten_by_a_new_book_and_decodes_to_nothing() -> None:
    data = encode(OfficerPick(CODE, COLLEAGUE, LONGEST_USERNAME), CodeBook())
    assert decode(data, CodeBook()) is None


def test_the_action_pattern_selects_by_action_only() -> None:
    typed = officer_act_pattern("answer", "ask")
    assert re.match(typed, encode(OfficerAct(CODE, "answer"), CodeBook()))
    assert not re.match(typed, encode(OfficerAct(CODE, "accept"), CodeBook()))
    assert not re.match(typed, encode(OfficerAct(CODE, "answer_all"), CodeBook()))


@pytest.mark.parametrize(
    ("days_left", "paused", "status", "shown"),
    [
        (5, False, Status.IN_PROGRESS, "⏰ còn 5 ngày"),
        (2, False, Status.ACCEPTED, "🟠 còn 2 ngày"),
        (0, False, Status.RECEIVED, "🟠 hạn hôm nay"),
        (-3, False, Status.IN_PROGRESS, "🔴 quá hạn 3 ngày"),
        (-3, True, Status.WAITING_FOR_CITIZEN, "⏸ tạm dừng, chờ người dân"),
        (-3, False, Status.ANSWERED, "✔️ đã xong"),
    ],
)
def test_each_row_says_how_late_it_is(days_left: int, paused: bool, status: Status, shown: str) -> None:
    assert f"{marker(days_left, paused=paused, status=status)} {days(days_left, paused=paused, status=status)}" == shown


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (ConcurrentChange(), "vừa được người khác thay đổi"),
        (IllegalTransition(Status.ANSWERED, Action.START), "vừa được người khác thay đổi"),
        (OutOfReach(CODE), "không thuộc đơn vị bạn phụ trách"),
        (NotPermitted(1, Action.REFUSE, "MOT-CUA"), "không có quyền"),
        (NotAColleague("dung"), "«dung» không xử lý được"),
        (AlreadyExtended(), "đã được gia hạn một lần"),
        (PromiseAlreadyMoved(date(2026, 12, 15)), "dời một lần (đến 15/12/2026)"),
    ],
)
def test_every_refusal_is_explained_in_vietnamese(error: Exception, words: str) -> None:
    assert words in problem(error, CODE)
