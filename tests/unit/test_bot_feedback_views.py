"""The bot's PAKN messages and buttons: every status has a label, everything is escaped, buttons fit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot import feedback_views, texts
from bot.callback_data import (
    MAX_BYTES,
    AddInformation,
    CodeBook,
    IntakeChoice,
    OpenItem,
    PickProcedure,
    RateItem,
    ReopenItem,
    decode,
    encode,
)
from bot.context import RecentSearches, UserData
from feedback.legal_type import FeedbackType, OtherRegime
from feedback.model import Contact, NoticeKind
from feedback.ports import OutgoingNotice
from feedback.services import TrackingView
from feedback.status import Status
from stand_ins.telegram_html import parse

LONGEST_CODE = "20261123.10000"
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


def test_every_status_and_type_has_a_vietnamese_label() -> None:
    assert set(texts.STATUS_LABELS) == {str(status) for status in Status}
    assert set(texts.TYPE_LABELS) == {str(kind) for kind in FeedbackType}
    assert {str(regime) for regime in OtherRegime} == {"khieu_nai", "to_cao"}


@pytest.mark.parametrize(
    ("days_left", "status", "shown"),
    [
        (3, Status.IN_PROGRESS, "(còn 3 ngày làm việc)"),
        (0, Status.IN_PROGRESS, "(hôm nay là hạn cuối)"),
        (-2, Status.ACCEPTED, "(⚠️ quá hạn 2 ngày làm việc)"),
        (-2, Status.ANSWERED, "Hạn trả lời: 08/12/2026\n"),
    ],
)
def test_the_deadline_reads_as_days_left_or_overdue(days_left: int, status: Status, shown: str) -> None:
    text = parse(feedback_views.item(view(days_left=days_left, status=status, answer="Đã xử lý."))).text
    assert shown in text


def test_a_stranger_never_sees_personal_data_and_everything_is_escaped() -> None:
    contact = Contact(name=SNEAKY, address="12 <Lê Lợi>", phone="0912345678")
    public = feedback_views.item(view(answer="Đã vá <ổ gà> & dọn dẹp", contact=None))
    assert "&lt;ổ gà&gt; &amp; dọn dẹp" in public and "Lan" not in public
    owner = feedback_views.item(view(is_owner=True, content="Nội dung <i>", contact=contact, attachments=2))
    parsed = parse(owner).text
    assert SNEAKY in parsed and "12 <Lê Lợi>" in parsed and "Nội dung <i>" in parsed and "Kèm theo: 2 tệp" in parsed


def test_notices_name_the_status_the_answer_or_the_question() -> None:
    def notice(kind: NoticeKind, status: Status, text: str | None) -> str:
        outgoing = OutgoingNotice(
            1, "20261123.0001", "telegram", "100001", kind, status, text, date(2026, 12, 8), datetime.now(UTC)
        )
        return parse(feedback_views.notice(outgoing)).text

    refused = notice(NoticeKind.STATUS_CHANGED, Status.REFUSED, "Không thuộc phạm vi <PAKN>")
    assert "Không được tiếp nhận xử lý" in refused and "Lý do: Không thuộc phạm vi <PAKN>" in refused
    answered = notice(NoticeKind.ANSWERED, Status.ANSWERED, "Đã xử lý xong.")
    assert "kết quả trả lời:\n\nĐã xử lý xong." in answered
    asked = notice(NoticeKind.INFORMATION_REQUESTED, Status.WAITING_FOR_CITIZEN, "Ảnh chụp vị trí?")
    assert "cần bạn bổ sung:\n\nẢnh chụp vị trí?" in asked


def test_a_long_answer_is_shortened_to_fit_one_message() -> None:
    text = feedback_views.item(view(answer="trả lời " * 2000, is_owner=False))
    assert len(parse(text).text) < 4096 and "…" in text


def test_every_pakn_button_fits_in_64_bytes_and_round_trips() -> None:
    codes = CodeBook()
    actions = [
        IntakeChoice("send_information"),
        PickProcedure("1.001193.000.00.00.H12" + "A1.B2" * 8),
        OpenItem(LONGEST_CODE),
        RateItem(LONGEST_CODE, 5),
        ReopenItem(LONGEST_CODE),
        AddInformation(LONGEST_CODE),
    ]
    for action in actions:
        data = encode(action, codes)
        assert len(data.encode("utf-8")) <= MAX_BYTES
        assert decode(data, codes) == action
    assert decode("r:20261123.0001:6", codes) is None
    assert decode("r:20261123.0001:0", codes) is None


def test_user_data_goes_to_json_and_back() -> None:
    user_data = UserData()
    search_id = user_data.searches.remember("đăng ký khai sinh")
    user_data.scratch["intake"] = {"texts": ["Ổ gà"], "attachments": []}
    restored = UserData.from_json(user_data.to_json())
    assert restored.searches.query(search_id) == "đăng ký khai sinh"
    assert restored.searches.remember("sổ đỏ") != search_id
    assert restored.scratch == {"intake": {"texts": ["Ổ gà"], "attachments": []}}
    assert UserData.from_json({}).to_json() == UserData().to_json()
    assert RecentSearches.from_json(RecentSearches().to_json()).query("1") is None
