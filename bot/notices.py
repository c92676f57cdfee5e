"""Delivering the feedback outbox: every status change, answer and question reaches the citizen's chat,
by the rules of `bot.outbox_delivery` (sent oldest first, marked sent only once Telegram accepted it)."""

from __future__ import annotations

from telegram.constants import MessageLimit

from bot import feedback_views, keyboards
from bot.card import split_html
from bot.context import CHANNEL, BotApplication
from bot.outbox_delivery import DeliveryLoop, Outbox, deliver_round
from feedback.ports import OutgoingNotice


async def _send(application: BotApplication, notice: OutgoingNotice) -> None:
    """The whole notice: an official answer is never cut, a long one comes in several messages, the
    buttons under the last."""
    pieces = split_html(feedback_views.notice(notice), MessageLimit.MAX_TEXT_LENGTH)
    for piece in pieces[:-1]:
        await application.bot.send_message(int(notice.recipient), piece)
    await application.bot.send_message(
        int(notice.recipient), pieces[-1], reply_markup=keyboards.for_notice(notice, application.bot_data.codes)
    )


async def deliver_pending(application: BotApplication) -> int:
    """One round of delivery; how many notices were marked sent."""
    feedback = application.bot_data.feedback
    if feedback is None:
        return 0

    async def mark_sent(notice: OutgoingNotice) -> None:
        await feedback.mark_notice_sent(notice.id)

    async def send(notice: OutgoingNotice) -> None:
        await _send(application, notice)

    outbox = Outbox(
        what="notice",
        pending=lambda: feedback.pending_notices(CHANNEL),
        send=send,
        mark_sent=mark_sent,
        describe=lambda notice: {"notice_id": notice.id, "code": notice.code},
    )
    return await deliver_round(outbox)


async def start_delivery(application: BotApplication) -> None:
    """post_init: start the loop when the bot has a feedback service and an interval."""
    data = application.bot_data
    if data.feedback is None or data.notice_interval is None or data.notice_delivery is not None:
        return
    data.notice_delivery = DeliveryLoop(lambda: deliver_pending(application), data.notice_interval, "notice")
    data.notice_delivery.start()


async def stop_delivery(application: BotApplication) -> None:
    """post_stop: let the round in progress finish (so no notice is sent twice), then stop."""
    loop, application.bot_data.notice_delivery = application.bot_data.notice_delivery, None
    if loop is not None:
        await loop.stop()
