"""Delivering a stored outbox to Telegram: the rules and the loop shared by every outbox the bot sends.

The services write an outbox row in the same transaction as the change it reports (a citizen's notice, an
officer's digest or alert). A loop started with the bot (post_init) and stopped with it (post_stop) sends
the pending rows, oldest first, and marks each one sent only after Telegram accepted it:

- a network error or flood control stops the round; the rest wait for the next round, in order;
- a recipient who blocked the bot (403) or a chat that does not exist (never opened, deleted) will never
  get it: marked sent, with a log line;
- any other refusal is logged and retried next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

log = logging.getLogger(__name__)

STOP_TIMEOUT = 30.0  # seconds for the last round to finish on shutdown

Row = TypeVar("Row")


@dataclass(frozen=True)
class Outbox(Generic[Row]):
    """One outbox as the delivery sees it; `what` names its rows in the logs ("notice", "officer message")."""

    what: str
    pending: Callable[[], Awaitable[Sequence[Row]]]
    send: Callable[[Row], Awaitable[None]]
    mark_sent: Callable[[Row], Awaitable[None]]
    describe: Callable[[Row], Mapping[str, object]]  # the row's ids, for the log lines


async def deliver_round(outbox: Outbox[Row]) -> int:
    """One round of delivery; how many rows were marked sent."""
    done = 0
    for row in await outbox.pending():
        extra = dict(outbox.describe(row))
        try:
            await outbox.send(row)
        except Forbidden:
            log.warning("%s not delivered: the recipient blocked the bot", outbox.what, extra=extra)
        except BadRequest as error:
            if "chat not found" not in error.message.lower():
                refused = {**extra, "error": error.message}
                log.error("%s refused by Telegram; retrying next round", outbox.what, extra=refused)
                continue
            log.warning("%s not delivered: no chat with the recipient", outbox.what, extra=extra)
        except (NetworkError, RetryAfter) as error:
            unreachable = {**extra, "error": str(error)}
            log.warning(
                "Telegram unreachable; the %s and the rest wait for the next round", outbox.what, extra=unreachable
            )
            break
        await outbox.mark_sent(row)
        done += 1
    return done


class DeliveryLoop:
    """Runs a delivery round every `interval` seconds until stopped; a failing round (the database down for
    a while) is logged and the loop goes on."""

    def __init__(self, deliver: Callable[[], Awaitable[int]], interval: float, what: str) -> None:
        self._deliver = deliver
        self._interval = interval
        self._what = what
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Let the round in progress finish (so nothing is sent twice), then stop."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(task, STOP_TIMEOUT)
        except TimeoutError:
            log.warning("%s delivery did not stop in time; one may be sent again after the restart", self._what)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._deliver()
            except Exception:
                log.exception("delivering the %s outbox failed; trying again later", self._what)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)
