"""A notice's text: the answer whole and escaped, a question shortened, a status with its date and reason."""

from __future__ import annotations

from datetime import date

from dialogue.notice_text import NOTE_LIMIT, notice_text
from feedback.domain.model import NoticeKind
from feedback.domain.status import Status


def test_an_answer_is_whole_and_escaped() -> None:
    answer = "Phường sẽ vá <ổ gà> " + "rất sớm " * 600
    text = notice_text(NoticeKind.ANSWERED, "20261123.0001", Status.ANSWERED, answer, date(2026, 12, 8))
    assert "&lt;ổ gà&gt;" in text and text.count("rất sớm") == 600


def test_a_question_is_shortened_and_a_status_has_its_date_and_reason() -> None:
    asked = notice_text(NoticeKind.INFORMATION_REQUESTED, "c", Status.WAITING_FOR_CITIZEN, "ảnh " * 800, None)
    assert asked.count("ảnh") < NOTE_LIMIT // 4 + 1 and "…" in asked
    refused = notice_text(NoticeKind.STATUS_CHANGED, "c", Status.REFUSED, "Không thuộc thẩm quyền", date(2026, 12, 8))
    assert "Không được tiếp nhận xử lý" in refused and "08/12/2026" in refused and "Lý do: Không thuộc" in refused
    sorry = notice_text(NoticeKind.APOLOGY, "c", Status.IN_PROGRESS, None, date(2026, 12, 20))
    assert "xin lỗi" in sorry and "20/12/2026" in sorry


def test_a_deletion_requests_result_is_about_the_citizens_data() -> None:
    done = notice_text(NoticeKind.DATA_DELETED, "20261123.0001", Status.ANSWERED, None, None)
    assert "đã được thực hiện" in done and "số điện thoại" in done and "20261123.0001" not in done
    refused = notice_text(NoticeKind.DATA_DELETION_REFUSED, "c", Status.IN_PROGRESS, "Đang <xử lý> PAKN", None)
    assert "chưa được chấp nhận" in refused and "Lý do: Đang &lt;xử lý&gt; PAKN" in refused
