"""How the dialogue words an item's fields."""

from __future__ import annotations

from datetime import date

from dialogue.item_words import contact_line, day, shorten, status_label, type_label
from feedback.domain.legal_type import FeedbackType
from feedback.domain.status import Status


def test_the_words_of_an_item() -> None:
    assert day(date(2026, 12, 8)) == "08/12/2026"
    assert shorten("đường ngập sâu sau mưa lớn", 12) == "đường ngập …"
    assert shorten("  ngắn  ", 12) == "ngắn"
    assert type_label("kien_nghi") == "Kiến nghị" and type_label(FeedbackType.PHAN_ANH) == "Phản ánh"
    assert status_label(Status.ANSWERED) == "Đã có kết quả trả lời"
    assert contact_line("0912345678", "<lan>@x.vn") == "0912345678 · &lt;lan&gt;@x.vn"
    assert contact_line(None, None) == ""
