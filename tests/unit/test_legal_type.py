"""Recognising a khiếu nại or a tố cáo in a citizen's text, with or without accents, and nothing else."""

from __future__ import annotations

import unicodedata

import pytest

from feedback.domain.legal_type import ContentKind, FeedbackType, OtherRegime, detect_other_regime
from vietnamese_text.normalise import fold


@pytest.mark.parametrize(
    "text",
    [
        "Tôi khiếu nại quyết định thu hồi đất số 123/QĐ-UBND của UBND xã.",
        "toi khieu nai quyet dinh xu phat hanh chinh",
        "Đơn khiếu nại về việc cấp giấy chứng nhận quyền sử dụng đất",
        "ĐƠN KHIẾU NẠI",
        "Tôi muốn khieu nai quyết định này",  # typed partly without accents
        "Khiếu nại: xã không cấp phép xây dựng cho gia đình tôi",
    ],
)
def test_a_khieu_nai_is_recognised(text: str) -> None:
    assert detect_other_regime(text) == OtherRegime.KHIEU_NAI


@pytest.mark.parametrize(
    "text",
    [
        "Tôi tố cáo cán bộ địa chính xã nhận hối lộ khi làm sổ đỏ.",
        "toi to cao can bo dia chinh nhan hoi lo",
        "don to cao ong Nguyen Van A, chu tich xa",
        "TỐ CÁO hành vi nhận tiền của cán bộ một cửa",
        "Tôi tố cáo",
    ],
)
def test_a_to_cao_is_recognised(text: str) -> None:
    assert detect_other_regime(text) == OtherRegime.TO_CAO


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary phản ánh, including discontent in other words.
        "Tôi phàn nàn về việc cán bộ một cửa trả hồ sơ chậm hai tuần.",
        "toi rat buc xuc vi ho so bi tra ve nhieu lan",
        "Đề nghị sửa quy định về thời hạn cấp giấy phép xây dựng.",
        # "to cao" meaning big and tall, accented text or not, and its other look-alikes.
        "Nhà bên cạnh xây to cao che hết ánh sáng nhà tôi.",
        "nha ben canh xay to cao che het anh sang",
        "Bức tường được tô cao thêm một mét lấn sang lối đi chung.",
        "Tổ cao su của hợp tác xã đổ rác ra đường.",
        "nha toi to cao nhung bi nha ben canh xay lan sang",
        # In an accented text, a bare "to cao" is the adjective, even next to "đơn" or "cán bộ".
        "Nhà văn hóa được xây to cao, cán bộ xã nói là đúng thiết kế.",
        "Đơn to cao quá, tôi không điền được.",
        # Context on the far side of a comma does not count.
        "nha van hoa duoc xay to cao, can bo xa noi la dung thiet ke",
        # Negated, or naming the procedure or the law rather than filing one.
        "Đây không phải khiếu nại, tôi chỉ phản ánh việc trả hồ sơ chậm.",
        "Tôi không muốn tố cáo ai, chỉ mong xã sửa đường.",
        "Thủ tục khiếu nại ở xã quá rườm rà, cần đơn giản hóa.",
        "Đề nghị hướng dẫn Luật Tố cáo cho người dân.",
        # A negation or a topic covers a second phrase joined by "hay", "hoặc", "và".
        "Tôi không muốn khiếu nại hay tố cáo ai, chỉ mong xã sắp xếp lại quy trình cho nhanh hơn.",
        "toi khong khieu nai hoac to cao ai ca",
        "Thủ tục khiếu nại và tố cáo ở xã quá rườm rà.",
        "",
    ],
)
def test_other_texts_are_left_alone(text: str) -> None:
    assert detect_other_regime(text) is None


def test_decomposed_input_is_read_like_composed() -> None:
    text = "Tôi tố cáo cán bộ xã"
    assert detect_other_regime(unicodedata.normalize("NFD", text)) == OtherRegime.TO_CAO


def test_the_accent_free_form_of_to_cao_counts_only_in_an_accent_free_text() -> None:
    accented = "Tôi muốn to cao cán bộ xã"
    assert detect_other_regime(accented) is None
    assert detect_other_regime(fold(accented)) == OtherRegime.TO_CAO


def test_when_both_are_named_the_first_wins() -> None:
    assert detect_other_regime("Tôi tố cáo cán bộ đã ra quyết định sai, tôi cũng khiếu nại") == OtherRegime.TO_CAO
    assert detect_other_regime("Tôi khiếu nại quyết định và tố cáo người ký") == OtherRegime.KHIEU_NAI


def test_a_negated_mention_does_not_hide_a_later_real_one() -> None:
    text = "Tôi không khiếu nại quyết định, nhưng tôi tố cáo cán bộ nhận tiền."
    assert detect_other_regime(text) == OtherRegime.TO_CAO
    # Only a phrase joined right after the negated one shares its negation.
    assert detect_other_regime("Tôi không khiếu nại quyết định mà tố cáo người ký") == OtherRegime.TO_CAO


def test_the_enums_store_as_plain_codes() -> None:
    assert [str(t) for t in FeedbackType] == ["phan_anh", "kien_nghi"]
    assert [str(k) for k in ContentKind] == ["hanh_vi", "quy_dinh"]
    assert [str(r) for r in OtherRegime] == ["khieu_nai", "to_cao"]
