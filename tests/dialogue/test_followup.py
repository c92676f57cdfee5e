"""After the answer, or a question from the officer, on the plain-text channel: rating, reopening with a reason,
supplying information, withdrawing; each choice checked again against the item when it is pressed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from dialogue import officer_alert_text
from dialogue.citizen_alert_reply import citizen_alert_reply
from dialogue.engine import Dialogue
from dialogue.events import Account, Choose, FileKind, FileShared, Inbound
from dialogue.notices import notice_reply
from dialogue.replies import Reply
from feedback.domain.citizen_alert import CitizenAlert, CitizenStep
from feedback.domain.lifecycle import Action
from feedback.domain.model import CitizenRef
from feedback.domain.status import Status
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import TypingCitizen
from tests.dialogue.pakn_items import OFFICER, answer, answered_item, file_item, in_progress, text_citizen
from tests.manual_clock import Clock
from tests.office_fixture import build_office, cheap_hasher
from text_channel.rendering import render

LAN = text_citizen()


async def latest_notice(feedback: FeedbackService) -> Reply:
    """The last notice owed to the person on the plain-text channel, as the dialogue renders it."""
    pending = await feedback.pending_notices("text")
    for notice in pending:
        await feedback.mark_notice_sent(notice.id)
    return notice_reply(pending[-1])


def choice(reply: Reply, label: str) -> str:
    return next(option.id for option in reply.choices if label in option.label)


async def press(dialogue: Dialogue, choice_id: str, user_id: str = "citizen-1") -> str:
    """A choice pressed under a message (a Telegram button, a Zalo template's): its id comes back as is."""
    replies = await dialogue.handle(Inbound(Account("text", user_id, user_id), Choose(choice_id)))
    return "\n\n".join(render(reply) for reply in replies)


async def test_one_choice_rates_the_answer(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await answered_item(feedback)
    notice = await latest_notice(feedback)
    assert "đã có kết quả trả lời" in render(notice)
    assert [option.label for option in notice.choices] == [*(f"{n} ⭐" for n in range(1, 6)), "Chưa được giải quyết"]
    thanked = await press(dialogue, choice(notice, "4 ⭐"))
    assert f"Cảm ơn bạn đã đánh giá ★★★★☆ cho phản ánh {code}." in thanked
    assert "1. Chưa được giải quyết" in thanked  # the stars are gone, reopening stays
    assert (await feedback.track(code, LAN)).rating == 4


async def test_stars_under_a_first_answer_never_rate_the_second(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService, clock: Clock
) -> None:
    code = await answered_item(feedback)
    first = await latest_notice(feedback)
    await feedback.reopen(code, LAN, "Chưa vá.")
    await feedback.act(code, Action.START, OFFICER)
    await answer(feedback, code, "Lần hai: đã vá xong ổ gà.")
    second = await latest_notice(feedback)

    old = await press(dialogue, choice(first, "5 ⭐"))
    assert "thuộc câu trả lời trước" in old
    assert (await feedback.track(code, LAN)).rating is None
    assert "hiện không ở trạng thái có thể mở lại" in await press(dialogue, choice(first, "Chưa được giải quyết"))
    assert (await feedback.track(code, LAN)).status == Status.ANSWERED

    assert "★★☆☆☆" in await press(dialogue, choice(second, "2 ⭐"))
    assert (await feedback.track(code, LAN)).rating == 2


async def test_chua_duoc_giai_quyet_asks_why_and_the_reason_goes_there_not_to_search(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService, clock: Clock
) -> None:
    code = await answered_item(feedback)
    notice = await latest_notice(feedback)
    clock.now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 30/11/2026
    asked = await press(dialogue, choice(notice, "Chưa được giải quyết"))
    assert f"Vì sao việc {code} chưa được giải quyết?" in asked
    done = await citizen.say("làm sổ đỏ ở đâu: ổ gà vẫn còn nguyên, chưa ai đến vá")
    assert done == f"🔁 Đã mở lại phản ánh {code} để xem xét lại. Hạn trả lời mới: 14/12/2026."
    assert (await feedback.track(code, LAN)).status == Status.REOPENED
    assert "Hạn trả lời: 14/12/2026 (còn 10 ngày làm việc)" in await citizen.say(f"/tracuu {code}")  # it moved
    trail = await feedback.audit_trail(code)
    assert trail[-1].action == "reopen" and trail[-1].note == "làm sổ đỏ ở đâu: ổ gà vẫn còn nguyên, chưa ai đến vá"
    assert "hiện không ở trạng thái có thể mở lại" in await press(dialogue, choice(notice, "Chưa được giải quyết"))


async def test_a_turn_taken_again_after_its_change_says_it_was_done(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    """Two instances, or a retry after the conversation could not be saved: the domain kept the first change,
    and the turn run again from the saved question says so rather than "not now"."""
    code = await answered_item(feedback)
    await press(dialogue, choice(await latest_notice(feedback), "Chưa được giải quyết"))
    await feedback.reopen(code, LAN, "Ổ gà vẫn còn.")  # the first run's change, committed
    assert (await citizen.say("Ổ gà vẫn còn.")).startswith(f"🔁 Đã mở lại phản ánh {code}")
    assert [entry.action for entry in await feedback.audit_trail(code)].count("reopen") == 1

    other = await file_item(feedback, content="Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    await citizen.say(f"rút phản ánh {other}")
    await feedback.withdraw(other, LAN, "Đã xong.")
    assert (await citizen.say("Đã xong.")).startswith(f"↩️ Đã rút phản ánh {other}")


async def test_reopening_without_a_reason_and_leaving_the_question(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await answered_item(feedback)
    notice = await latest_notice(feedback)
    await press(dialogue, choice(notice, "Chưa được giải quyết"))
    assert (await citizen.say("/huy")).startswith("Đã thôi.")
    assert (await feedback.track(code, LAN)).status == Status.ANSWERED
    asked = await press(dialogue, choice(notice, "Chưa được giải quyết"))
    assert "1. Gửi không kèm lý do" in asked
    assert (await citizen.say("1")).startswith(f"🔁 Đã mở lại phản ánh {code}")
    assert (await feedback.audit_trail(code))[-1].note is None


async def test_a_question_from_the_officer_is_answered_with_the_next_messages(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback)
    await in_progress(feedback, code)
    await feedback.act(code, Action.ASK_CITIZEN, OFFICER, note="Xin cho biết ổ gà ở làn nào?")
    question = await latest_notice(feedback)
    assert "cần bạn bổ sung:\n\nXin cho biết ổ gà ở làn nào?" in render(question) and "tạm dừng" in render(question)
    asked = await press(dialogue, choice(question, "Gửi thông tin bổ sung"))
    assert f"Gõ thông tin bổ sung cho phản ánh {code}" in asked

    await citizen.say("Làn bên phải, hướng ra chợ.")
    photo = FileShared(FileKind.PHOTO, "photo-ref-1", size=120_000)
    replies = await dialogue.handle(Inbound(Account("text", "citizen-1", "citizen-1"), photo))
    assert "Đã nhận (27 ký tự, 1 tệp)" in render(replies[0])
    more = await citizen.say("tra cứu 20261123.0001 gần cột điện số 14")  # words of an intent, but an answer here
    assert "Đã nhận" in more and "1. 📨 Gửi" in more
    sent = await citizen.say("1")
    assert sent.startswith(f"✅ Đã gửi thông tin bổ sung cho phản ánh {code}")
    view = await feedback.track(code, LAN)
    assert view.status == Status.IN_PROGRESS and view.attachments == 1
    announced = sent.rsplit("hạn trả lời mới: ", 1)[1].rstrip(".")
    assert f"Hạn trả lời: {announced}" in await citizen.say(f"/tracuu {code}")  # the deadline said is the one kept
    trail = await feedback.audit_trail(code)
    assert trail[-1].note == "Làn bên phải, hướng ra chợ.\n\ntra cứu 20261123.0001 gần cột điện số 14"
    assert "hiện không chờ bổ sung thông tin" in await press(dialogue, choice(question, "Gửi thông tin bổ sung"))


async def test_information_over_five_thousand_characters_is_refused_clearly_and_the_rest_kept(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback)
    await in_progress(feedback, code)
    await feedback.act(code, Action.ASK_CITIZEN, OFFICER, note="Ổ gà ở làn nào?")
    await press(dialogue, choice(await latest_notice(feedback), "Gửi thông tin bổ sung"))
    await citizen.say("Làn bên phải.")
    refused = await citizen.say("rất dài " * 700)
    assert "dài quá 5.000 ký tự" in refused and "chưa được thêm vào" in refused and "(đã có 13 ký tự)" in refused
    assert (await citizen.say("1")).startswith("✅ Đã gửi thông tin bổ sung")
    assert (await feedback.audit_trail(code))[-1].note == "Làn bên phải."


async def test_the_filer_withdraws_before_the_answer_and_not_after(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback)
    asked = await citizen.say(f"tôi muốn rút phản ánh {code}")
    assert f"Bạn muốn rút phản ánh {code}?" in asked
    done = await citizen.say("Tôi đã tự liên hệ được với tổ dân phố.")
    assert done.startswith(f"↩️ Đã rút phản ánh {code}")
    assert (await feedback.track(code, LAN)).status == Status.WITHDRAWN
    trail = await feedback.audit_trail(code)
    assert trail[-1].action == "withdraw" and trail[-1].actor.id == "text:citizen-1"
    assert trail[-1].note == "Tôi đã tự liên hệ được với tổ dân phố."

    answered = await answered_item(feedback)
    assert "không rút được nữa" in await citizen.say(f"rút phản ánh {answered}")
    assert (await feedback.track(answered, LAN)).status == Status.ANSWERED


async def test_withdrawing_without_a_code_offers_the_items_that_can_be(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    assert "không có phản ánh nào đang được xử lý" in await citizen.say("tôi muốn rút phản ánh")
    first = await file_item(feedback)
    second = await file_item(feedback, content="Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    which = await citizen.say("tôi muốn rút phản ánh")
    assert f"1. {second}" in which and f"2. {first}" in which
    assert f"Bạn muốn rút phản ánh {first}?" in await citizen.say("2")
    assert "Đã rút" in await citizen.say("1")  # «Rút, không nêu lý do»
    assert (await feedback.track(first, LAN)).status == Status.WITHDRAWN
    assert (await feedback.track(second, LAN)).status == Status.RECEIVED


async def test_forged_and_stale_choices_do_nothing(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await answered_item(feedback)
    notice = await latest_notice(feedback)
    assert "không phải phản ánh bạn đã gửi" in await press(dialogue, choice(notice, "5 ⭐"), user_id="citizen-2")
    assert "không phải phản ánh bạn đã gửi" in await press(dialogue, f"fu:withdraw:{code}", user_id="citizen-2")
    assert (await feedback.track(code, LAN)).rating is None
    for stale in ("fu:send", "fu:noreason", "fu:stop", f"fu:rate:{code}:1:9", "fu:rate:x", f"fu:reopen:{code}:x"):
        assert "đã cũ" in await press(dialogue, stale)
    assert (await feedback.track(code, CitizenRef("text", "citizen-1"))).status == Status.ANSWERED


async def officers_told(uow_factory: Callable[[], SqlUnitOfWork]) -> list[tuple[int, CitizenAlert]]:
    async with uow_factory() as uow:
        pending = await uow.officer_messages.pending(limit=50)
    return [(stored.telegram_user_id, stored.message) for stored in pending if isinstance(stored.message, CitizenAlert)]


async def test_officers_are_told_when_the_filer_reopens_supplies_information_or_withdraws(
    citizen: TypingCitizen,
    dialogue: Dialogue,
    feedback: FeedbackService,
    uow_factory: Callable[[], SqlUnitOfWork],
    clock: Clock,
) -> None:
    office = await build_office(AdminService(uow_factory, cheap_hasher(), clock=clock))
    assert office.officers["binh"].telegram_user_id == 9002
    # Assigned to binh (land registry): he alone is told that the information he asked for came.
    asked = await file_item(feedback, unit="DIA-CHINH")
    await feedback.act(asked, Action.ACCEPT, OFFICER)
    await feedback.act(asked, Action.START, OFFICER, assignee="binh")
    await feedback.act(asked, Action.ASK_CITIZEN, OFFICER, note="Ổ gà ở làn nào?")
    await press(dialogue, choice(await latest_notice(feedback), "Gửi thông tin bổ sung"))
    await citizen.say("Làn bên phải, gần cột điện số 14.")
    await citizen.say("1")
    ((told, alert),) = await officers_told(uow_factory)
    assert told == 9002 and alert.code == asked and alert.step == CitizenStep.INFORMATION
    assert alert.note == "Làn bên phải, gần cột điện số 14." and alert.due == (await feedback.track(asked)).due
    shown = render(citizen_alert_reply(alert))
    assert f"Người gửi đã gửi thông tin bổ sung cho phản ánh {asked}" in shown and "1. Xem phản ánh" in shown
    assert "gửi thông tin bổ sung" in officer_alert_text.reply(alert).text  # as the relay queues it for the officer

    # Not assigned: the officers of the item's unit (an, at the one-stop desk) hear of the reopening.
    reopened = await file_item(feedback, unit="MOT-CUA", content="Đèn đường ngõ 5 Trần Phú tắt cả tháng nay.")
    await in_progress(feedback, reopened)
    await answer(feedback, reopened)
    await press(dialogue, choice(await latest_notice(feedback), "Chưa được giải quyết"))
    await citizen.say("Ổ gà vẫn còn.")
    told_now = (await officers_told(uow_factory))[1:]
    assert [(to, alert.code, alert.step, alert.note) for to, alert in told_now] == [
        (9001, reopened, CitizenStep.REOPENED, "Ổ gà vẫn còn.")
    ]

    # Not routed yet: the officers of the root units (chi heads UBND-XA, dung works at XA-KHAC) hear of it.
    withdrawn = await file_item(feedback, content="Rác thải tập kết sai chỗ ở đầu ngõ 7 Phan Chu Trinh.")
    await citizen.say(f"rút phản ánh {withdrawn}")
    await citizen.say("Đã được dọn.")
    last = (await officers_told(uow_factory))[2:]
    assert {to for to, _ in last} == {9003, 9004}
    assert {(alert.code, alert.step, alert.due, alert.note) for _, alert in last} == {
        (withdrawn, CitizenStep.WITHDRAWN, None, "Đã được dọn.")
    }
    assert "Người gửi đã rút phản ánh" in render(citizen_alert_reply(last[0][1]))


async def test_a_notice_s_choices_typed_in_words_on_a_channel_without_buttons(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    """A notice comes between two turns, so its numbers cannot be typed; its choices' words can."""
    assert "không có phản ánh nào đang chờ việc này" in await citizen.say("chưa được giải quyết")
    code = await answered_item(feedback)
    assert f"Cảm ơn bạn đã đánh giá ★★★★★ cho phản ánh {code}" in await citizen.say("5 sao")
    assert f"Vì sao việc {code} chưa được giải quyết?" in await citizen.say("Chưa được giải quyết")
    assert (await citizen.say("Vẫn còn ổ gà.")).startswith(f"🔁 Đã mở lại phản ánh {code}")

    waiting = await file_item(feedback, content="Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    await in_progress(feedback, waiting)
    await feedback.act(waiting, Action.ASK_CITIZEN, OFFICER, note="Đèn ở cột số mấy?")
    assert f"Gõ thông tin bổ sung cho phản ánh {waiting}" in await citizen.say("gửi thông tin bổ sung")
    await citizen.say("Cột số 14.")
    assert (await citizen.say("1")).startswith(f"✅ Đã gửi thông tin bổ sung cho phản ánh {waiting}")


async def test_a_draft_being_written_waits_untouched_while_the_information_is_sent(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback)
    await in_progress(feedback, code)
    await citizen.say("/phananh")
    typed = await citizen.say("1")  # «Phản ánh»
    assert "mô tả rõ sự việc" in typed
    await citizen.say("Cống thoát nước đường Nguyễn Huệ bị tắc, mưa là ngập cả đoạn.")

    await feedback.act(code, Action.ASK_CITIZEN, OFFICER, note="Ổ gà ở làn nào?")
    await press(dialogue, choice(await latest_notice(feedback), "Gửi thông tin bổ sung"))
    await citizen.say("Làn bên phải.")  # the information, not the draft's content
    sent = await citizen.say("1")
    assert sent.startswith(f"✅ Đã gửi thông tin bổ sung cho phản ánh {code}") and "vẫn được giữ nguyên" in sent
    assert (await feedback.audit_trail(code))[-1].note == "Làn bên phải."

    more = await citizen.say("Đã ba ngày chưa ai đến xử lý.")  # the draft again, with what it had
    assert "Đã nhận (" in more and "Đã ba ngày" not in (await feedback.audit_trail(code))[-1].note
    chars = len("Cống thoát nước đường Nguyễn Huệ bị tắc, mưa là ngập cả đoạn.\nĐã ba ngày chưa ai đến xử lý.")
    assert f"Đã nhận ({chars} ký tự" in more  # both parts of the content: the first was kept
