"""Delivering the feedback outbox: every status change, answer and question reaches the citizen's chat.

The feedback services write a notice row in the same transaction as the change. A loop started with
the bot (post_init) and stopped with it (post_stop) sends the pending ones, oldest first, and marks
each one sent only after Telegram accepted it:

- a network error or flood control stops the round; the rest wait for the next round, in order;
- a citizen who blocked the bot (403) or a chat that no longer exists will never get it: marked sent,
  with a log line;
- any other refusal is logged and retried next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.constants import MessageLimit
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import feedback_views, keyboards
from bot.card import split_html
from bot.context import CHANNEL, BotApplication
from feedback.ports import OutgoingNotice

log = logging.getLogger(__name__)

STOP_TIMEOUT = 30.0  # seconds for the last round to finish on shutdown


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
    done = 0
    for notice in await feedback.pending_notices(CHANNEL):
        extra = {"notice_id": notice.id, "code": notice.code}
        try:
            await _send(application, notice)
        except Forbidden:
            log.warning("notice not delivered: the citizen blocked the bot", extra=extra)
        except BadRequest as error:
            if "chat not found" not in error.message.lower():
                log.error("notice refused by Telegram; retrying next round", extra={**extra, "error": error.message})
                continue
            log.warning("notice not delivered: the chat no longer exists", extra=extra)
        except (NetworkError, RetryAfter) as error:
            log.warning("Telegram unreachable; notices wait for the next round", extra={**extra, "error": str(error)})
            break
        await feedback.mark_notice_sent(notice.id)
        done += 1
    return done


async def _deliver_until(application: BotApplication, interval: float, stopping: asyncio.Event) -> None:
    while not stopping.is_set():
        try:
            await deliver_pending(application)
        except Exception:
            # The database may be down for a while: the loop must outlive it.
            log.exception("delivering notices failed; trying again later")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)


async def start_delivery(application: BotApplication) -> None:
    """post_init: start the loop when the bot has a feedback service and an interval."""
    data = application.bot_data
    if data.feedback is None or data.notice_interval is None or data.notice_delivery is not None:
        return
    data.notice_stopping = asyncio.Event()
    data.notice_delivery = asyncio.create_task(_deliver_until(application, data.notice_interval, data.notice_stopping))


async def stop_delivery(application: BotApplication) -> None:
    """post_stop: let the round in progress finish (so no notice is sent twice), then stop."""
    data = application.bot_data
    task, data.notice_delivery = data.notice_delivery, None
    if task is None:
        return
    data.notice_stopping.set()
    try:
        await asyncio.wait_for(task, STOP_TIMEOUT)
    except TimeoutError:
        log.warning("notice delivery did not stop in time; a notice may be sent again after the restart")
