"""Refusal reasons as data: the bundled file, and files an administrator got wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback.domain.refusal_reasons import (
    DEFAULT_REFUSAL_REASONS_PATH,
    DuplicateRefusalReason,
    InvalidRefusalReasons,
    RefusalReason,
    load_refusal_reasons,
    refusal_note,
)

GOOD = """
[[reason]]
code = "missing_requirements"
basis = "legal"
label_vi = "Chưa đáp ứng yêu cầu"
advice_vi = "Bổ sung và gửi lại."

[[reason]]
code = "rude"
basis = "local"
label_vi = "  Lời lẽ xúc phạm  "
advice_vi = "Gửi lại với lời lẽ phù hợp."
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reasons.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_file_has_the_legal_grounds_and_local_examples() -> None:
    reasons = load_refusal_reasons()
    assert load_refusal_reasons(DEFAULT_REFUSAL_REASONS_PATH) == reasons
    legal = [code for code, reason in reasons.items() if reason.basis == "legal"]
    local = [code for code, reason in reasons.items() if reason.basis == "local"]
    assert legal == ["missing_requirements", "out_of_scope", "out_of_scope_khieu_nai", "out_of_scope_to_cao"]
    assert local == ["offensive_language", "before_court"]
    assert "Luật Khiếu nại" in reasons["out_of_scope_khieu_nai"].advice_vi
    assert "Luật Tố cáo" in reasons["out_of_scope_to_cao"].advice_vi
    for reason in reasons.values():
        assert reason.label_vi and reason.advice_vi


def test_a_file_is_read_in_order_with_labels_trimmed(tmp_path: Path) -> None:
    reasons = load_refusal_reasons(write(tmp_path, GOOD))
    assert list(reasons) == ["missing_requirements", "rude"]
    assert reasons["rude"] == RefusalReason("rude", "local", "Lời lẽ xúc phạm", "Gửi lại với lời lẽ phù hợp.")


def test_a_code_used_twice_is_named(tmp_path: Path) -> None:
    first_reason_again = "[[reason]]" + GOOD.split("[[reason]]")[1]
    path = write(tmp_path, GOOD + first_reason_again)
    with pytest.raises(DuplicateRefusalReason) as raised:
        load_refusal_reasons(path)
    assert raised.value.code == "missing_requirements"
    assert raised.value.path == path


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[reason]\ncode = 'x'", "not valid TOML"),
        ("", "no [[reason]] tables"),
        ("reason = 'x'", "no [[reason]] tables"),
        ("[reasons]\ncode = 'x'", "unknown top-level keys"),
        (GOOD.replace('basis = "local"', 'basis = "regional"'), "basis 'regional'"),
        (GOOD.replace('code = "rude"', 'code = "Rude reason"'), "code 'Rude reason'"),
        (GOOD.replace('label_vi = "  Lời lẽ xúc phạm  "', 'label_vi = "   "'), "label_vi must be a non-empty string"),
        (GOOD.replace('advice_vi = "Bổ sung và gửi lại."', "advice_vi = 3"), "advice_vi must be a non-empty string"),
        (GOOD.replace("label_vi", "lable_vi", 1), "reason 1: missing ['label_vi'], unknown ['lable_vi']"),
    ],
)
def test_a_malformed_file_is_refused_saying_where(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(InvalidRefusalReasons) as raised:
        load_refusal_reasons(write(tmp_path, text))
    assert says in raised.value.detail


def test_a_missing_file_is_not_silently_empty(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_refusal_reasons(tmp_path / "nowhere.toml")


def test_the_citizen_reads_the_ground_the_officer_s_words_and_what_to_do_next() -> None:
    reason = RefusalReason(
        "khieu_nai", "legal", "Nội dung là khiếu nại", "Bạn gửi đơn khiếu nại đến cơ quan đã ra quyết định."
    )
    assert refusal_note(reason) == "Nội dung là khiếu nại.\nBạn gửi đơn khiếu nại đến cơ quan đã ra quyết định."
    assert refusal_note(reason, "  Đã hướng dẫn qua điện thoại. ") == (
        "Nội dung là khiếu nại.\nĐã hướng dẫn qua điện thoại.\nBạn gửi đơn khiếu nại đến cơ quan đã ra quyết định."
    )
