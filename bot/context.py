"""What handlers share: the CallbackContext subclass and the state it gives typed access to."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.callback_data import CodeBook
from procedures_catalog.services import Catalog

_REMEMBERED_SEARCHES = 20


@dataclass(frozen=True)
class MenuEntry:
    """One button of the main menu: its callback key (short, ASCII) and its label."""

    key: str
    label: str


@dataclass(frozen=True)
class BotCommandEntry:
    """One command of the bot's command list (setMyCommands)."""

    command: str
    description: str


class BotData:
    """bot_data: set up once by build_application, read by every handler."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.menu: list[MenuEntry] = []
        self.commands: list[BotCommandEntry] = []
        self.codes = CodeBook()


class RecentSearches:
    """A user's last queries under short ids, so result paging never puts a query in a button."""

    def __init__(self, size: int = _REMEMBERED_SEARCHES) -> None:
        self._size = size
        self._queries: OrderedDict[str, str] = OrderedDict()
        self._counter = 0

    def remember(self, query: str) -> str:
        self._counter += 1
        search_id = _base36(self._counter)
        self._queries[search_id] = query
        while len(self._queries) > self._size:
            self._queries.popitem(last=False)
        return search_id

    def query(self, search_id: str) -> str | None:
        return self._queries.get(search_id)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


class UserData:
    """user_data: what the bot remembers about one citizen between messages."""

    def __init__(self) -> None:
        self.searches = RecentSearches()


class BotContext(CallbackContext[ExtBot[None], UserData, dict[Any, Any], BotData]):
    """The context every handler receives, with typed access to the shared services."""

    @property
    def catalog(self) -> Catalog:
        catalog = self.bot_data.catalog
        if catalog is None:
            raise RuntimeError("build_application sets the catalog before the bot starts")
        return catalog

    @property
    def codes(self) -> CodeBook:
        return self.bot_data.codes

    @property
    def searches(self) -> RecentSearches:
        if self.user_data is None:
            raise RuntimeError("searches need a user")
        return self.user_data.searches


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData, user_data=UserData)

BotApplication = Application[ExtBot[None], BotContext, UserData, dict[Any, Any], BotData, Any]
