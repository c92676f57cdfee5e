"""A procedure's card in the dialogue: every field shown, every value escaped, long cards cut between
sections; and the links that open a card."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue.card import PART_LIMIT, card_parts
from dialogue.procedure_links import code_from_parameter, share_address, start_parameter
from dialogue.rich_text import to_plain
from procedures_catalog.model import OnlineLevel, Procedure

BIRTH = Procedure(
    code="1.001193",
    name="Thủ tục đăng ký khai sinh",
    level="Cấp xã",
    field="Hộ tịch",
    agency="Ủy ban nhân dân cấp xã",
    processing_time="Ngay trong ngày tiếp nhận",
    fees="Miễn phí",
    documents=("Giấy chứng sinh (1 bản chính)", "Văn bản ủy quyền (nếu có)"),
    steps=("Nộp hồ sơ tại UBND cấp xã", "Nhận Giấy khai sinh"),
    legal_basis=("Luật Hộ tịch 60/2014/QH13",),
    online=OnlineLevel.FULL,
    source="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
)
TAGS = re.compile(r"</?(?:b|i|code|a)(?: [^>]*)?>")


def words(text: str) -> str:
    return " ".join(text.split())


def balanced(text: str) -> bool:
    """Every <b>, <i>, <code>, <a> opened in `text` is closed in it, in order."""
    stack: list[str] = []
    for tag in TAGS.findall(text):
        name = tag.strip("</>").split(" ")[0]
        if tag.startswith("</"):
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def readable(parts: list[str]) -> str:
    """The parts' text as one, without the header later parts repeat."""
    plain = [to_plain(part) for part in parts]
    return words(" ".join(text if n == 0 else text.split("\n", 2)[2] for n, text in enumerate(plain)))


def test_a_card_shows_every_field() -> None:
    (part,) = card_parts(BIRTH, share_link="https://t.me/motcua_bot?start=tthc_1-001193")
    text = to_plain(part)
    for expected in (
        "📄 Thủ tục đăng ký khai sinh",
        "Mã thủ tục: 1.001193",
        "Cấp thực hiện: Cấp xã",
        "Lĩnh vực: Hộ tịch",
        "Cơ quan thực hiện: Ủy ban nhân dân cấp xã",
        "Thời hạn giải quyết: Ngay trong ngày tiếp nhận",
        "Phí, lệ phí: Miễn phí",
        "Dịch vụ công trực tuyến: toàn trình",
        "1. Giấy chứng sinh (1 bản chính)",
        "2. Nhận Giấy khai sinh",
        "• Luật Hộ tịch 60/2014/QH13",
        "Nguồn: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
        "🔗 Chia sẻ thủ tục này: https://t.me/motcua_bot?start=tthc_1-001193",
    ):
        assert expected in text
    assert '<a href="https://dichvucong.gov.vn/' in part


def test_missing_fields_say_so_instead_of_vanishing() -> None:
    (part,) = card_parts(Procedure(code="1.000001", name="Thủ tục thiếu thông tin", source="javascript:alert(1)"))
    text = to_plain(part)
    assert text.count("chưa có thông tin") == 8  # level, field, agency, time, fees, 3 lists
    assert "Dịch vụ công trực tuyến: chưa có" in text
    assert "Nguồn" not in text and "Chia sẻ" not in text


def test_online_levels_are_named() -> None:
    partial = Procedure(code="1.000002", name="Thủ tục một phần", online=OnlineLevel.PARTIAL)
    assert "Dịch vụ công trực tuyến: một phần" in to_plain(card_parts(partial)[0])


def test_catalog_text_is_escaped() -> None:
    nasty = Procedure(
        code="1.000003",
        name="Thủ tục <b>& đặc biệt",
        fees="<i>100 & 200</i>",
        documents=("Tờ khai <mẫu 01>",),
        source='https://x.gov.vn/"><script>',
    )
    (part,) = card_parts(nasty, share_link="https://t.me/bot?start=tthc_1-000003&x=<y>")
    assert "&lt;b&gt;&amp; đặc biệt" in part and "<script>" not in part and "<y>" not in part
    assert balanced(part)
    text = to_plain(part)
    assert "Thủ tục <b>& đặc biệt" in text
    assert "<i>100 & 200</i>" in text
    assert "Tờ khai <mẫu 01>" in text


def test_a_long_card_is_cut_between_sections_and_items_with_all_its_content() -> None:
    documents = tuple(f"Giấy tờ số {n}: " + "bản sao có chứng thực & hợp lệ " * 30 for n in range(60))
    steps = ("Bước 1", "Bước 2: nộp hồ sơ")
    procedure = Procedure(code="1.000004", name="Thủ tục <rất> dài", documents=documents, steps=steps)
    parts = card_parts(procedure)
    assert len(parts) > 10
    for number, part in enumerate(parts, start=1):
        assert len(to_plain(part)) <= PART_LIMIT and balanced(part)
        if number > 1:
            assert to_plain(part).startswith(f"Thủ tục <rất> dài\nMã 1.000004 · phần {number}/{len(parts)}")
    text = readable(parts)
    for document in documents:
        assert words(document) in text
    assert "Thành phần hồ sơ (tiếp)" in text
    assert "Trình tự thực hiện (tiếp)" not in text  # a section that fits a part is never cut


def test_an_item_longer_than_a_part_stays_whole_for_the_channel_to_cut() -> None:
    url = "https://example.gov.vn/" + "a&b" * 3000
    parts = card_parts(Procedure(code="1.000005", name="Thủ tục", legal_basis=(url,)))
    assert all(balanced(part) for part in parts)
    assert "".join(readable(parts).split()).count("a&b") == 3000


@settings(max_examples=60, deadline=None)
@given(
    items=st.lists(st.text(alphabet="ab <>&đ\n", min_size=1, max_size=900), max_size=40),
    limit=st.integers(min_value=300, max_value=3000),
)
def test_every_part_is_balanced_and_within_the_limit_unless_one_item_is_longer(items: list[str], limit: int) -> None:
    procedure = Procedure(code="1.000006", name="Thủ tục", documents=tuple(items), steps=tuple(reversed(items)))
    parts = card_parts(procedure, limit=limit)
    longest_item = max((len(item.strip()) + 5 for item in items), default=0)
    for part in parts:
        assert balanced(part)
        assert len(to_plain(part)) <= max(limit, longest_item + 120)
    text = readable(parts)
    for item in items:
        if item.strip():
            assert words(item) in text


def test_a_code_becomes_a_link_parameter_and_back() -> None:
    assert start_parameter("1.001193") == "tthc_1-001193"
    assert code_from_parameter(start_parameter("1.001193.000.00.00.H12") or "") == "1.001193.000.00.00.H12"
    assert start_parameter("1.001193." + "A" * 60) is None


@pytest.mark.parametrize("parameter", ["tthc_1-001193", "tthc_1_001193", "tthc_1.001193", "tthc-1-001193"])
def test_every_spelling_of_a_card_link_finds_the_code(parameter: str) -> None:
    assert code_from_parameter(parameter) == "1.001193"


@pytest.mark.parametrize("parameter", ["", "tthc_", "hello", "tthc_<b>", "ref_1-001193"])
def test_other_parameters_are_not_card_links(parameter: str) -> None:
    assert code_from_parameter(parameter) is None


def test_each_channel_shares_its_own_address() -> None:
    addresses = {
        "telegram": "https://t.me/motcua_bot?start={parameter}",
        "zalo": "https://dichvu.example.vn/thu-tuc/{code}",
    }
    assert share_address(addresses, "telegram", "1.001193") == "https://t.me/motcua_bot?start=tthc_1-001193"
    assert share_address(addresses, "zalo", "1.001193") == "https://dichvu.example.vn/thu-tuc/1.001193"
    assert share_address(addresses, "text", "1.001193") is None
    assert share_address(addresses, "telegram", "1.001193." + "A" * 60) is None
