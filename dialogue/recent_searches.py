"""The searches a person made lately, kept in the conversation's memory so that a result page can be turned
later. A choice id carries a short id of the search, never the words typed: ids are small, and a channel
may keep them where the words should not be.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

KEY = "lookup"
KEPT = 10  # older result lists answer their page choices with "đã cũ"
# A search followed within this time by another one, with no card opened between, did not find what the
# person meant: it is kept for the agency to teach search (as the portal does for "search again").
SEARCHED_AGAIN_WITHIN = timedelta(minutes=10)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _short_id(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, len(_DIGITS))
        digits = _DIGITS[digit] + digits
        if not number:
            return digits


class RecentSearches:
    def __init__(self, memory: dict[str, Any]) -> None:
        self._data: dict[str, Any] = memory.setdefault(KEY, {})

    def remember(self, query: str, now: datetime, *, answered: bool) -> str:
        """Keep `query` and return its id. `answered`: it listed procedures (no card opened yet)."""
        number = int(self._data.get("next", 0))
        search_id = _short_id(number)
        self._data["next"] = number + 1
        searches = [list(item) for item in self._data.get("searches", [])]
        self._data["searches"] = [*searches[-(KEPT - 1) :], [search_id, query]]
        self._data["unopened"] = [query, now.isoformat()] if answered else None
        return search_id

    def query(self, search_id: str) -> str | None:
        """The words of a search still kept, or None (forgotten, or an id never given)."""
        for kept_id, query in self._data.get("searches", []):
            if kept_id == search_id:
                return str(query)
        return None

    def opened(self) -> None:
        """A card was opened: the last list found what was meant."""
        self._data["unopened"] = None

    def left_unopened(self, now: datetime) -> str | None:
        """The last search, if it listed procedures moments ago and none was opened since."""
        unopened = self._data.get("unopened")
        if not unopened:
            return None
        query, at = unopened
        try:
            listed_at = datetime.fromisoformat(at)
        except (TypeError, ValueError):
            return None
        return str(query) if timedelta(0) <= now - listed_at <= SEARCHED_AGAIN_WITHIN else None
