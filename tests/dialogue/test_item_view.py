"""An item as the dialogue shows it: the deadline as days left or overdue, nothing personal to anyone but its
filer, everything escaped (ported from the old bot's views)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogue.item_view import item
from dialogue.rich_text import to_plain
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Contact
from feedback.domain.status import Status
from feedback.service_layer.feedback_service import TrackingView

SNEAKY = "<b>Lan</b> & <script>"


def view(**changes: object) -> TrackingView:
    values: dict[str, object] = {
        "code": "20261123.0001",
        "type": FeedbackType.PHAN_ANH,
        "status": Status.IN_PROGRESS,
        "received_on": date(2026, 11, 23),
        "due": date(2026, 12, 8),
        "days_left": 3,
        "answer": None,
        "refusal_reason": None,
        "clock_paused": False,
        "rating": None,
        "is_owner": False,
    }
    values.update(changes)
    return TrackingView(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("days_left", "status", "shown"),
    [
        (3, Status.IN_PROGRESS, "Hạn trả lời: 08/12/2026 (còn 3 ngày làm việc)"),
        (0, Status.IN_PROGRESS, "Hạn trả lời: 08/12/2026 (hôm nay là hạn cuối)"),
        (-2, Status.ACCEPTED, "Hạn trả lời: 08/12/2026 (⚠️ quá hạn 2 ngày làm việc)"),
        (-2, Status.ANSWERED, "Hạn trả lời: 08/12/2026"),  # settled: no days, nothing overdue
    ],
)
def test_the_deadline_reads_as_days_left_or_overdue(days_left: int, status: Status, shown: str) -> None:
    text = to_plain(item(view(days_left=days_left, status=status, answer="Đã xử lý."), "UBND xã"))
    assert shown in text and (status != Status.ANSWERED or "ngày" not in text.split("Hạn trả lời")[1])


def test_a_stranger_never_sees_personal_data_and_everything_is_escaped() -> None:
    contact = Contact(name=SNEAKY, address="12 <Lê Lợi>", phone="0912345678")
    public = item(view(answer="Đã vá <ổ gà> & dọn dẹp", contact=contact, content="Nội dung <i>"), None)
    assert "ổ gà" not in public and "Lan" not in public and "Nội dung" not in public and "0912345678" not in public
    owner = item(view(is_owner=True, content="Nội dung <i>", contact=contact, attachments=2, answer="<ổ gà>"), None)
    assert "&lt;b&gt;Lan&lt;/b&gt; &amp; &lt;script&gt;" in owner and "&lt;ổ gà&gt;" in owner
    shown = to_plain(owner)
    assert SNEAKY in shown and "12 <Lê Lợi>" in shown and "Nội dung <i>" in shown and "2 tệp" in shown
