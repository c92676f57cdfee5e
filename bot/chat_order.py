"""Updates handled concurrently across chats and one at a time, in the order they came, within a chat.

A person's second message must not overtake their first (a name typed before the phone it asks for);
two people must not wait for each other. Polling hands updates to `PerChatUpdateProcessor`; the webhook
holds the same kind of lock around each call it answers.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256  # updates being handled at once, across chats (a database connection each, at most)
_UNBOUNDED = 1_000_000


@dataclass
class _Entry:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class ChatLocks:
    """One lock per chat, kept only while someone holds or waits for it. asyncio.Lock wakes its waiters in
    the order they came, so a chat's updates run in their order of arrival."""

    def __init__(self) -> None:
        self._entries: dict[int, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @contextlib.asynccontextmanager
    async def hold(self, chat_id: int | None) -> AsyncIterator[None]:
        if chat_id is None:  # not in a chat (an inline query): nothing to keep in order with
            yield
            return
        entry = self._entries.setdefault(chat_id, _Entry())
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if not entry.users:
                del self._entries[chat_id]


def chat_of(update: object) -> int | None:
    """The chat an update belongs to (the pressed message's, for a button), or its sender's id."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """PTB's concurrent updates, kept in order within each chat. The chat's lock is taken before a slot of
    the limit (PTB's own semaphore is left unbounded), so one busy chat never holds the slots others need."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(_UNBOUNDED)
        self.locks = ChatLocks()
        self._slots = asyncio.Semaphore(max_concurrent_updates)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self.locks.hold(chat_of(update)), self._slots:
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
