"""Looking procedures up on the plain-text channel: search, paging, cards by number, code, /tthc and link."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from dialogue.engine import Dialogue
from dialogue.events import Account, Choose, Inbound, Text
from dialogue.lookup import PARTS_AT_ONCE
from dialogue.ports import ConversationChanged
from dialogue.recent_searches import KEPT
from dialogue.replies import Link, Reply
from dialogue.rich_text import to_plain
from dialogue.turn import Services
from feedback.service_layer.feedback_service import FeedbackService
from procedures_catalog.services import Catalog
from procedures_catalog.teaching import SearchTeaching
from storage.dialogue_store import SqlConversationStore
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import TypingCitizen
from tests.e2e.conftest import ESCAPE_CODE, ESCAPE_NAME, LONG_CODE, LONG_DOCUMENTS, LONG_STEPS
from tests.manual_clock import Clock

SHARE = "https://t.me/motcua_bot?start={parameter}"
ACCOUNT = Account("text", "citizen-1", "citizen-1")


@pytest.fixture
def services(catalog: Catalog, feedback: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork]) -> Services:
    return Services(
        catalog=catalog,
        feedback=feedback,
        teaching=SearchTeaching(uow_factory, catalog),
        share_addresses={"text": SHARE},
    )


def number_of(answer: str, label: str) -> str:
    """The number the plain-text channel shows for the choice whose label starts with `label`."""
    match = re.search(rf"^(\d+)\. {re.escape(label)}", answer, re.MULTILINE)
    assert match, f"no choice {label!r} in:\n{answer}"
    return match.group(1)


def words(text: str) -> str:
    return " ".join(text.split())


async def choose(dialogue: Dialogue, choice_id: str) -> list[Reply]:
    return await dialogue.handle(Inbound(ACCOUNT, Choose(choice_id)))


async def unanswered(uow_factory: Callable[[], SqlUnitOfWork]) -> dict[str, tuple[str, ...]]:
    async with uow_factory() as uow:
        return {group.key: group.channels for group in await uow.search_lessons.unanswered_groups(50)}


async def test_words_without_accents_list_procedures_and_a_number_opens_the_card(citizen: TypingCitizen) -> None:
    results = await citizen.say("doi bang lai xe")
    assert "1. Đổi giấy phép lái xe" in results
    assert "Mã 3.000347 · Cấp Bộ" in results
    assert "điểm" not in results.lower()  # no scores shown
    card = await citizen.say(number_of(results, "Đổi giấy phép lái xe"))
    assert card.startswith("📄 Đổi giấy phép lái xe")
    for expected in (
        "Mã thủ tục: 3.000347",
        "Cấp thực hiện: Cấp Bộ",
        "Lĩnh vực: Sát hạch, cấp giấy phép lái xe",
        "Thời hạn giải quyết: 5 ngày làm việc",
        "Phí, lệ phí: Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần",
        "Dịch vụ công trực tuyến: toàn trình",
        "1. Đơn đề nghị đổi giấy phép lái xe",
        "2. Nhận giấy phép lái xe mới",
        "• Luật Trật tự, an toàn giao thông đường bộ 36/2024/QH15",
        "🔗 Chia sẻ thủ tục này: https://t.me/motcua_bot?start=tthc_3-000347",
        "📤 Chia sẻ: https://t.me/motcua_bot?start=tthc_3-000347",
    ):
        assert expected in card


async def test_results_page_with_the_search_remembered_not_carried_in_the_ids(
    citizen: TypingCitizen, dialogue: Dialogue
) -> None:
    first = await citizen.say("dang ky khai sinh")
    assert "(kết quả 1–5)" in first
    (listed,) = await dialogue.handle(Inbound(ACCOUNT, Text("dang ky khai sinh")))
    assert all("khai" not in choice.id and len(choice.id.encode()) <= 64 for choice in listed.choices)
    assert [choice.id.split(":")[:2] for choice in listed.choices][:5] == [["lk", "c"]] * 5

    second = await citizen.say(number_of(first, "Xem thêm ▶"))
    assert "(kết quả 6–10)" in second
    assert re.search(r"^1\. ", second, re.MULTILINE)  # each page numbered as its choices are
    assert "◀ Trước" in second
    back = await citizen.say(number_of(second, "◀ Trước"))
    assert "(kết quả 1–5)" in back
    card = await citizen.say("1")
    assert card.startswith("📄 Thủ tục đăng ký khai sinh")


async def test_turning_a_page_replaces_the_list_where_the_channel_can(dialogue: Dialogue) -> None:
    (listed,) = await dialogue.handle(Inbound(ACCOUNT, Text("dang ky khai sinh")))
    more = next(choice for choice in listed.choices if choice.label == "Xem thêm ▶")
    (page,) = await choose(dialogue, more.id)
    assert page.replaces_origin and "(kết quả 6–10)" in page.text


async def test_a_code_typed_alone_tthc_and_a_provincial_code_open_the_card(citizen: TypingCitizen) -> None:
    assert (await citizen.say("1.001193")).startswith("📄 Thủ tục đăng ký khai sinh")
    assert (await citizen.say(" 3.000347 ")).startswith("📄 Đổi giấy phép lái xe")
    assert "Mã thủ tục: 3.000347" in await citizen.say("/tthc 3.000347.000.00.00.H12")
    assert "/tthc 1.001193" in await citizen.say("/tthc")


async def test_unknown_codes_say_so_briefly(citizen: TypingCitizen) -> None:
    answer = await citizen.say("9.999999")
    assert "Không có thủ tục nào mang mã 9.999999" in answer
    assert "Gõ số" not in answer
    assert "Không có thủ tục nào mang mã <b>" in await citizen.say("/tthc <b>")
    assert len(await citizen.say("/tthc " + "1" * 4000)) < 300


@pytest.mark.parametrize("parameter", ["tthc_1-001193", "tthc_1_001193", "tthc_1.001193", "tthc-1-001193"])
async def test_a_shared_link_opens_the_card(citizen: TypingCitizen, parameter: str) -> None:
    card = await citizen.say(f"/start {parameter}")
    assert card.startswith("📄 Thủ tục đăng ký khai sinh")
    assert "https://t.me/motcua_bot?start=tthc_1-001193" in card


async def test_links_to_nothing_or_malformed_say_so_and_other_payloads_greet(citizen: TypingCitizen) -> None:
    assert "Không có thủ tục nào mang mã 9.999999" in await citizen.say("/start tthc_9-999999")
    assert "không đúng định dạng" in await citizen.say("/start tthc_<b>")
    assert "Xin chào" in await citizen.say("/start from_website")


async def test_the_menu_entry_asks_what_to_look_for_and_help_explains(citizen: TypingCitizen) -> None:
    greeting = await citizen.say("/start")
    prompt = await citizen.say(number_of(greeting, "🔎 Tra cứu thủ tục"))
    assert "Bạn cần làm thủ tục gì?" in prompt
    assert "Đổi giấy phép lái xe" in await citizen.say("doi bang lai")
    help_text = await citizen.say("/help")
    assert "/tthc MÃ" in help_text and "Tra cứu thủ tục" in help_text and "/start" in help_text


async def test_no_good_match_suggests_and_keeps_the_query_for_the_agency(
    citizen: TypingCitizen, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    answer = await citizen.say("xyzzy qwerty")
    assert "Chưa tìm thấy thủ tục nào khớp với «xyzzy qwerty»" in answer
    assert "Mẹo" in answer and "Mã thủ tục:" not in answer
    if "Có phải bạn muốn tìm…" in answer:
        assert "Gõ số để chọn." in answer
    assert (await unanswered(uow_factory)).get("xyzzy qwerty") == ("text",)


async def test_a_query_is_kept_with_its_turn_so_once_even_when_the_turn_is_answered_again(
    dialogue: Dialogue, uow_factory: Callable[[], SqlUnitOfWork], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second instance saving the conversation meanwhile makes the turn run again: the query goes with the
    turn that is saved, not with each run."""
    save = SqlConversationStore.save
    changed = [True]

    async def moved_once(store: SqlConversationStore, *args: Any, **kwargs: Any) -> None:
        if changed.pop() if changed else False:
            raise ConversationChanged("another instance saved it")
        await save(store, *args, **kwargs)

    monkeypatch.setattr(SqlConversationStore, "save", moved_once)
    await dialogue.handle(Inbound(ACCOUNT, Text("xyzzy qwerty"), event_id="search-1"))
    async with uow_factory() as uow:
        (group,) = await uow.search_lessons.unanswered_groups(50)
    assert (group.key, group.count) == ("xyzzy qwerty", 1)


async def test_a_search_right_after_an_unopened_list_is_kept_as_searched_again(
    citizen: TypingCitizen, uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    await citizen.say("doi bang lai xe")
    await citizen.say("cap lai can cuoc")
    assert "doi bang lai xe" in await unanswered(uow_factory)

    await citizen.say("1")  # found it: the list before a card is not kept
    await citizen.say("dang ky ket hon")
    assert "cap lai can cuoc" not in await unanswered(uow_factory)

    clock.advance(hours=2)  # another day's question, not a second try
    await citizen.say("dang ky khai sinh")
    assert "dang ky ket hon" not in await unanswered(uow_factory)


async def test_the_engines_reading_and_pointers_are_shown_as_on_the_portal(citizen: TypingCitizen) -> None:
    answer = await citizen.say("dangky kethon")
    assert "Có phải bạn muốn tìm: đăng ký kết hôn?" in answer
    searched = await citizen.say(number_of(answer, "🔎 Tìm «đăng ký kết hôn»"))
    assert "Các thủ tục phù hợp với «đăng ký kết hôn»" in searched
    assert "Thủ tục đăng ký kết hôn" in searched

    court = await citizen.say("thu tuc ly hon")
    assert "Tòa án nhân dân" in court


async def test_catalog_text_is_escaped_and_shown_as_written(citizen: TypingCitizen, dialogue: Dialogue) -> None:
    results = await citizen.say("thu nghiem ky tu dac biet")
    assert ESCAPE_NAME in results
    card = await citizen.say(number_of(results, ESCAPE_NAME))
    assert ESCAPE_NAME in card and ESCAPE_CODE in card
    assert "100 & 200 <đồng>" in card and "Cấp <xã>" in card
    replies = await dialogue.handle(Inbound(ACCOUNT, Text(ESCAPE_CODE)))
    assert "&lt;b&gt;&amp;" in replies[0].text and "<b>&" not in replies[0].text


async def test_a_long_card_comes_in_parts_cut_between_sections_the_rest_when_asked(dialogue: Dialogue) -> None:
    replies = await dialogue.handle(Inbound(ACCOUNT, Text(LONG_CODE)))
    assert len(replies) == PARTS_AT_ONCE
    while replies[-1].choices:
        (more,) = replies[-1].choices
        assert more.label.startswith("Xem tiếp ▶ (phần")
        asked = await dialogue.handle(Inbound(ACCOUNT, Text("1")))  # typed: the channel has no buttons
        assert 1 <= len(asked) <= PARTS_AT_ONCE
        replies.extend(asked)
    total = len(replies)
    assert total >= 5
    plain = [to_plain(reply.text) for reply in replies]
    assert all(len(text) <= 2000 for text in plain)
    for number, text in enumerate(plain[1:], start=2):
        assert text.startswith("Thủ tục thử nghiệm") and f"phần {number}/{total}" in text
    body = words(" ".join(text if n == 0 else text.split("\n", 2)[2] for n, text in enumerate(plain)))
    for item in (*LONG_DOCUMENTS, *LONG_STEPS):
        assert words(item) in body
    assert "Luật Xây dựng 50/2014/QH13" in body
    assert "📎 Thành phần hồ sơ (tiếp)" in body
    assert all(not any(isinstance(b, Link) for row in reply.buttons for b in row) for reply in replies[:-1])
    assert replies[-1].buttons == ((Link("📤 Chia sẻ", SHARE.format(parameter="tthc_9-900002")),),)


async def test_stale_and_forged_choices_are_answered_without_acting(citizen: TypingCitizen, dialogue: Dialogue) -> None:
    (first,) = await dialogue.handle(Inbound(ACCOUNT, Text("dang ky khai sinh")))
    more = next(choice for choice in first.choices if choice.label == "Xem thêm ▶")
    for n in range(KEPT):
        await citizen.say(f"khai sinh {n}")
    (forgotten,) = await choose(dialogue, more.id)
    assert "đã cũ" in forgotten.text and not forgotten.choices

    for forged in (
        "lk:k:9.900002:x",
        "lk:k::2",
        "lk:p:zz:2",
        "lk:p:0:abc",
        "lk:p:0:99999999999",
        "lk:m:zz",
        "lk:c:",
        "lk:zzz",
        "lk:menu:x",
    ):
        (answer,) = await choose(dialogue, forged)
        assert "đã cũ" in answer.text, forged
    (answer,) = await choose(dialogue, "lk:c:<b>")
    assert "Không có thủ tục nào mang mã <code>&lt;b&gt;</code>" in answer.text
    # An older list's card choice still opens its card: reading a procedure changes nothing.
    opened = await choose(dialogue, first.choices[0].id)
    assert opened[0].text.startswith("📄 ")


async def test_a_very_long_query_is_echoed_short(citizen: TypingCitizen) -> None:
    answer = await citizen.say("khai sinh " * 400)
    assert len(answer) < 3000
    assert "Thủ tục đăng ký khai sinh" in answer
    assert "lệnh" not in await citizen.say("   ")
