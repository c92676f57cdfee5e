"""Cards: every field shown, every string escaped, long cards split into pages Telegram accepts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.card import PAGE_LIMIT, card_pages, split_html
from procedures_catalog.model import OnlineLevel, Procedure
from stand_ins.telegram_html import parse, utf16_length

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
)


def words(text: str) -> str:
    return " ".join(text.split())


def readable_pages(pages: tuple[str, ...]) -> str:
    """The pages' text as one, without the headers that continuation pages repeat."""
    texts = []
    for number, page in enumerate(pages, start=1):
        text = parse(page).text
        if number > 1:
            text = text.split("\n", 2)[2]
        texts.append(text)
    return words(" ".join(texts))


def test_a_card_shows_every_field() -> None:
    (page,) = card_pages(BIRTH, share_link="https://t.me/motcua_bot?start=tthc_1-001193")
    text = parse(page).text
    for expected in (
        "Thủ tục đăng ký khai sinh",
        "1.001193",
        "Cấp xã",
        "Hộ tịch",
        "Ủy ban nhân dân cấp xã",
        "Ngay trong ngày tiếp nhận",
        "Miễn phí",
        "1. Giấy chứng sinh (1 bản chính)",
        "2. Nhận Giấy khai sinh",
        "• Luật Hộ tịch 60/2014/QH13",
        "toàn trình",
        "https://t.me/motcua_bot?start=tthc_1-001193",
    ):
        assert expected in text


def test_missing_fields_say_so_instead_of_vanishing() -> None:
    (page,) = card_pages(Procedure(code="1.000001", name="Thủ tục thiếu thông tin"))
    text = parse(page).text
    assert text.count("chưa có thông tin") == 8  # level, field, agency, time, fees, 3 lists
    assert "Dịch vụ công trực tuyến: chưa có" in text


def test_online_levels_are_named() -> None:
    partial = Procedure(code="1.000002", name="Thủ tục một phần", online=OnlineLevel.PARTIAL)
    assert "Dịch vụ công trực tuyến: một phần" in parse(card_pages(partial)[0]).text


def test_catalog_text_is_escaped() -> None:
    nasty = Procedure(
        code="1.000003", name="Thủ tục <b>& đặc biệt", fees="<i>100 & 200</i>", documents=("Tờ khai <mẫu 01>",)
    )
    (page,) = card_pages(nasty)
    assert "&lt;b&gt;&amp; đặc biệt" in page
    text = parse(page).text
    assert "Thủ tục <b>& đặc biệt" in text
    assert "<i>100 & 200</i>" in text
    assert "Tờ khai <mẫu 01>" in text


def test_a_long_card_is_split_into_valid_pages_with_all_content() -> None:
    documents = tuple(f"Giấy tờ số {n}: " + "bản sao có chứng thực & hợp lệ " * 30 for n in range(60))
    long_step = "Bước dài: " + " ".join(f"việc{n}" for n in range(3000))
    procedure = Procedure(code="1.000004", name="Thủ tục <rất> dài", documents=documents, steps=("Bước 1", long_step))
    pages = card_pages(procedure, share_link="https://t.me/motcua_bot?start=tthc_1-000004")
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert utf16_length(page) <= PAGE_LIMIT
        parse(page)  # well-formed
        if number > 1:
            assert f"trang {number}/{len(pages)}" in parse(page).text
    text = readable_pages(pages)
    for document in documents:
        assert words(document) in text
    assert words(long_step) in text
    assert "Thành phần hồ sơ (tiếp)" in text


def test_a_word_longer_than_a_page_is_cut_without_breaking_entities() -> None:
    url = "https://example.gov.vn/" + "a&b" * 3000
    pages = card_pages(Procedure(code="1.000005", name="Thủ tục", legal_basis=(url,)))
    for page in pages:
        assert utf16_length(page) <= PAGE_LIMIT
        assert not re.search(r"&[a-z#0-9]*$", page.split("<")[0])
        parse(page)
    assert "".join(readable_pages(pages).split()).count("a&b") == 3000


fragments = st.lists(
    st.one_of(
        st.sampled_from(["đăng", "ký", "khai", "sinh", "&amp;", "&lt;b&gt;", "x" * 30, "😀"]),
        st.builds(lambda w: f"<b>{w}</b>", st.sampled_from(["đậm", "hai từ", "a &amp; b"])),
        st.builds(lambda w: f"<i>nghiêng <b>{w}</b> nữa</i>", st.sampled_from(["lồng", "x y z"])),
    ),
    min_size=1,
    max_size=200,
).map(lambda parts: " ".join(parts))


@settings(max_examples=200, deadline=None)
@given(fragment=fragments, limit=st.integers(min_value=60, max_value=400))
def test_split_html_keeps_every_piece_valid_and_within_the_limit(fragment: str, limit: int) -> None:
    pieces = split_html(fragment, limit)
    for piece in pieces:
        assert utf16_length(piece) <= limit
        parse(piece)
    assert words(" ".join(parse(piece).text for piece in pieces)) == words(parse(fragment).text)
