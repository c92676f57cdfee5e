"""The officers' words on a messenger: how late each row is, and every refusal explained in Vietnamese."""

from __future__ import annotations

from datetime import date

import pytest

from dialogue.officer_views import days, marker, problem
from feedback.domain.access import NotPermitted
from feedback.domain.lifecycle import Action, IllegalTransition
from feedback.domain.model import AlreadyExtended, PromiseAlreadyMoved
from feedback.domain.status import Status
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.officer_desk import NotAColleague, OutOfReach

CODE = "20261123.0001"


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
