"""What handlers share: the CallbackContext subclass and the state it gives typed access to."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import User
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.callback_data import CodeBook
from bot.outbox_delivery import DeliveryLoop
from feedback.model import CitizenRef
from feedback.services import FeedbackService
from procedures_catalog.services import Catalog

_REMEMBERED_SEARCHES = 20
CHANNEL = "telegram"  # the feedback services' name for this channel: notices and citizen references


def citizen_of(user: User) -> CitizenRef:
    """A Telegram user as the feedback services know them."""
    return CitizenRef(CHANNEL, str(user.id))


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
        self.feedback: FeedbackService | None = None  # None: the bot only looks procedures up
        self.attachments_dir: Path | None = None  # where copies of PAKN attachments go; None: file ids only
        self.menu: list[MenuEntry] = []
        self.commands: list[BotCommandEntry] = []
        self.codes = CodeBook()
        self.notice_interval: float | None = None  # seconds between deliveries of notices; None: no loop
        self.notice_delivery: DeliveryLoop | None = None


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

    def to_json(self) -> dict[str, Any]:
        return {"counter": self._counter, "queries": list(self._queries.items())}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RecentSearches:
        searches = cls()
        searches._counter = int(data.get("counter", 0))
        for search_id, query in data.get("queries", []):
            searches._queries[str(search_id)] = str(query)
        return searches


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


class UserData:
    """user_data: what the bot remembers about one citizen between messages, stored as JSON.

    `scratch` is a conversation's answers so far: plain JSON values only (str, int, lists, dicts),
    set by one step, read by the next, deleted when the conversation ends.
    """

    def __init__(self) -> None:
        self.searches = RecentSearches()
        self.scratch: dict[str, Any] = {}

    def to_json(self) -> dict[str, Any]:
        return {"searches": self.searches.to_json(), "scratch": self.scratch}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UserData:
        user_data = cls()
        user_data.searches = RecentSearches.from_json(data.get("searches", {}))
        user_data.scratch = dict(data.get("scratch", {}))
        return user_data


class BotContext(CallbackContext[ExtBot[None], UserData, dict[Any, Any], BotData]):
    """The context every handler receives, with typed access to the shared services."""

    @property
    def catalog(self) -> Catalog:
        catalog = self.bot_data.catalog
        if catalog is None:
            raise RuntimeError("build_application sets the catalog before the bot starts")
        return catalog

    @property
    def feedback(self) -> FeedbackService:
        feedback = self.bot_data.feedback
        if feedback is None:
            raise RuntimeError("PAKN handlers are registered only when build_application gets a FeedbackService")
        return feedback

    @property
    def codes(self) -> CodeBook:
        return self.bot_data.codes

    @property
    def searches(self) -> RecentSearches:
        if self.user_data is None:
            raise RuntimeError("searches need a user")
        return self.user_data.searches

    @property
    def scratch(self) -> dict[str, Any]:
        if self.user_data is None:
            raise RuntimeError("a conversation needs a user")
        return self.user_data.scratch


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData, user_data=UserData)

BotApplication = Application[ExtBot[None], BotContext, UserData, dict[Any, Any], BotData, Any]
