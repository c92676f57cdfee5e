"""Delivering the officers' outbox: the morning digest and escalation alerts reach their Telegram chats, by
the rules of `bot.outbox_delivery` (an officer who never opened a chat with the bot is logged and skipped)."""

from __future__ import annotations

from telegram.constants import MessageLimit

from bot import officer_alert_views
from bot.card import split_html
from bot.context import BotApplication
from bot.outbox_delivery import DeliveryLoop, Outbox, deliver_round
from feedback.scheduled_job_ports import StoredOfficerMessage


async def _send(application: BotApplication, stored: StoredOfficerMessage) -> None:
    for piece in split_html(officer_alert_views.render(stored.message), MessageLimit.MAX_TEXT_LENGTH):
        await application.bot.send_message(stored.telegram_user_id, piece)


async def deliver_pending(application: BotApplication) -> int:
    """One round of delivery; how many messages were marked sent."""
    jobs = application.bot_data.officer_alerts
    if jobs is None:
        return 0

    async def mark_sent(stored: StoredOfficerMessage) -> None:
        await jobs.mark_officer_message_sent(stored.id)

    async def send(stored: StoredOfficerMessage) -> None:
        await _send(application, stored)

    outbox = Outbox(
        what="officer message",
        pending=jobs.pending_officer_messages,
        send=send,
        mark_sent=mark_sent,
        describe=lambda stored: {"officer_message_id": stored.id, "officer_id": stored.officer_id},
    )
    return await deliver_round(outbox)


async def start_delivery(application: BotApplication) -> None:
    """post_init: start the loop when the bot has the scheduled jobs' outbox and an interval."""
    data = application.bot_data
    if data.officer_alerts is None or data.notice_interval is None or data.officer_alert_delivery is not None:
        return
    data.officer_alert_delivery = DeliveryLoop(
        lambda: deliver_pending(application), data.notice_interval, "officer message"
    )
    data.officer_alert_delivery.start()


async def stop_delivery(application: BotApplication) -> None:
    """post_stop: let the round in progress finish (so no message is sent twice), then stop."""
    loop, application.bot_data.officer_alert_delivery = application.bot_data.officer_alert_delivery, None
    if loop is not None:
        await loop.stop()
