"""Delivering the officers' outbox: the morning digest and escalation alerts reach their Telegram chats.

The scheduled jobs write a message row in the same transaction as their effects. A loop started with the
bot (post_init) and stopped with it (post_stop) sends the pending ones, oldest first, and marks each one
sent only after Telegram accepted it, with the rules of `bot.notices`:

- a network error or flood control stops the round; the rest wait for the next round, in order;
- an officer who blocked the bot (403) or never opened a chat with it ("chat not found") will not get
  it: marked sent, with a log line;
- any other refusal is logged and retried next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.constants import MessageLimit
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import officer_alert_views
from bot.card import split_html
from bot.context import BotApplication
from feedback.scheduled_job_ports import StoredOfficerMessage

log = logging.getLogger(__name__)

STOP_TIMEOUT = 30.0


async def _send(application: BotApplication, stored: StoredOfficerMessage) -> None:
    for piece in split_html(officer_alert_views.render(stored.message), MessageLimit.MAX_TEXT_LENGTH):
        await application.bot.send_message(stored.telegram_user_id, piece)


async def deliver_pending(application: BotApplication) -> int:
    """One round of delivery; how many messages were marked sent."""
    jobs = application.bot_data.officer_alerts
    if jobs is None:
        return 0
    done = 0
    for stored in await jobs.pending_officer_messages():
        extra = {"officer_message_id": stored.id, "officer_id": stored.officer_id}
        try:
            await _send(application, stored)
        except Forbidden:
            log.warning("officer message not delivered: the officer blocked the bot", extra=extra)
        except BadRequest as error:
            if "chat not found" not in error.message.lower():
                log.error("officer message refused by Telegram; retrying", extra={**extra, "error": error.message})
                continue
            log.warning("officer message not delivered: no chat with the officer", extra=extra)
        except (NetworkError, RetryAfter) as error:
            log.warning("Telegram unreachable; officer messages wait", extra={**extra, "error": str(error)})
            break
        await jobs.mark_officer_message_sent(stored.id)
        done += 1
    return done


async def _deliver_until(application: BotApplication, interval: float, stopping: asyncio.Event) -> None:
    while not stopping.is_set():
        try:
            await deliver_pending(application)
        except Exception:
            log.exception("delivering officer messages failed; trying again later")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)


async def start_delivery(application: BotApplication) -> None:
    """post_init: start the loop when the bot has the scheduled jobs' outbox and an interval."""
    data = application.bot_data
    if data.officer_alerts is None or data.notice_interval is None or data.officer_alert_delivery is not None:
        return
    data.officer_alert_stopping = asyncio.Event()
    data.officer_alert_delivery = asyncio.create_task(
        _deliver_until(application, data.notice_interval, data.officer_alert_stopping)
    )


async def stop_delivery(application: BotApplication) -> None:
    """post_stop: let the round in progress finish (so no message is sent twice), then stop."""
    data = application.bot_data
    task, data.officer_alert_delivery = data.officer_alert_delivery, None
    if task is None:
        return
    data.officer_alert_stopping.set()
    try:
        await asyncio.wait_for(task, STOP_TIMEOUT)
    except TimeoutError:
        log.warning("officer message delivery did not stop in time; a message may be sent again after the restart")
