"""Which PAKN notices become a letter to a web filer, and what a letter says (plain text, the code, the page)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogue.rich_text import to_plain
from email_channel.notices import letter, subject
from feedback.domain.model import NoticeKind
from feedback.domain.status import Status
from feedback.service_layer.feedback_ports import OutgoingNotice

CODE = "20261203.0001"
PORTAL = "https://motcua.tanlap.gov.vn"


def notice(kind: NoticeKind, status: Status, text: str | None = None, due: date | None = None) -> OutgoingNotice:
    return OutgoingNotice(1, CODE, "web", "hoa@example.vn", kind, status, text, due, datetime.now(UTC))


def test_an_answer_is_a_letter_with_the_answer_as_written_and_the_items_page() -> None:
    body = letter(notice(NoticeKind.ANSWERED, Status.ANSWERED, "Đèn <thôn 3> & ngõ 5 đã sửa."), PORTAL)
    assert body is not None
    plain = to_plain(body)
    assert "Đèn <thôn 3> & ngõ 5 đã sửa." in plain
    assert f"{PORTAL}/phan-anh/tra-cuu?ma={CODE}" in plain
    assert CODE in subject(CODE, "answered", "answered")


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED])
def test_the_steps_in_between_send_no_letter(status: Status) -> None:
    assert letter(notice(NoticeKind.STATUS_CHANGED, status), PORTAL) is None


def test_a_refusal_and_an_extension_say_why_and_the_new_date() -> None:
    refused = letter(notice(NoticeKind.STATUS_CHANGED, Status.REFUSED, "Không thuộc thẩm quyền của xã"), PORTAL)
    extended = letter(
        notice(NoticeKind.DEADLINE_EXTENDED, Status.IN_PROGRESS, "Cần khảo sát", date(2026, 12, 21)), PORTAL
    )
    assert refused is not None and "Không thuộc thẩm quyền của xã" in refused
    assert extended is not None and "Cần khảo sát" in extended and "21/12/2026" in extended
    assert "Không được tiếp nhận" in subject(CODE, "status_changed", "refused")


def test_without_the_portals_address_the_letter_names_the_page() -> None:
    body = letter(notice(NoticeKind.INFORMATION_REQUESTED, Status.WAITING_FOR_CITIZEN, "Ảnh chụp ngõ"), None)
    assert body is not None and "/phan-anh/tra-cuu" in body and "http" not in body


def test_a_deletion_carried_out_is_the_last_letter_and_points_to_no_page() -> None:
    body = letter(notice(NoticeKind.DATA_DELETED, Status.CLOSED), PORTAL)
    assert body is not None and "đã được xoá" in body and PORTAL not in body
