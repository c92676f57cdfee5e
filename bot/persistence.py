"""python-telegram-bot persistence in our database (not a pickle file): conversations and user data.

A citizen half-way through filing a PAKN keeps their place and their answers across a restart. Values
are stored as JSON: `UserData` converts itself (`to_json`/`from_json`), and handlers keep only plain
data (str, int, lists, dicts) in its conversation scratch.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from copy import deepcopy
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict

from bot.context import UserData
from storage.bot_state_store import BotStateStore

_USER_DATA = "user_data"
_CONVERSATION = "conversation:"


def _conversation_key(key: tuple[Hashable, ...]) -> str:
    return json.dumps(list(key))


class DatabasePersistence(BasePersistence[UserData, dict[str, Any], dict[str, Any]]):
    """Stores user data and conversation states; chat data, bot data and callback data are not used."""

    def __init__(self, store: BotStateStore, *, update_interval: float = 1) -> None:
        # A short interval: user data changed by a step is written within a second, not a minute.
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self._store = store
        self._user_data: dict[int, dict[str, Any]] | None = None  # as last stored, in JSON form
        self._conversations: dict[str, ConversationDict] = {}

    async def get_user_data(self) -> dict[int, UserData]:
        if self._user_data is None:
            stored = await self._store.load(_USER_DATA)
            self._user_data = {int(user_id): data for user_id, data in stored.items()}
        return {user_id: UserData.from_json(deepcopy(data)) for user_id, data in self._user_data.items()}

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        if self._user_data is None:
            self._user_data = {}
        stored = data.to_json()
        if self._user_data.get(user_id) == stored:
            return
        self._user_data[user_id] = deepcopy(stored)
        await self._store.save(_USER_DATA, str(user_id), stored)

    async def drop_user_data(self, user_id: int) -> None:
        if self._user_data is not None:
            self._user_data.pop(user_id, None)
        await self._store.delete(_USER_DATA, str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing to do: this process is the only writer of its users' data."""

    async def get_conversations(self, name: str) -> ConversationDict:
        if name not in self._conversations:
            stored = await self._store.load(_CONVERSATION + name)
            self._conversations[name] = {tuple(json.loads(key)): state for key, state in stored.items()}
        return dict(self._conversations[name])

    async def update_conversation(self, name: str, key: tuple[Hashable, ...], new_state: object | None) -> None:
        conversations = self._conversations.setdefault(name, {})
        if conversations.get(key) == new_state:
            return
        if new_state is None:
            conversations.pop(key, None)
            await self._store.delete(_CONVERSATION + name, _conversation_key(key))
            return
        conversations[key] = new_state
        await self._store.save(_CONVERSATION + name, _conversation_key(key), new_state)

    # Chat data, bot data and callback data are switched off in PersistenceInput above.
    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {}

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        pass

    async def drop_chat_data(self, chat_id: int) -> None:
        pass

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        pass

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        pass

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        pass

    async def get_callback_data(self) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        pass

    async def flush(self) -> None:
        """Every update is written when it happens; nothing is left to flush."""
