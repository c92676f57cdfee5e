"""The queue page's GET parameters: parsed into a queue filter, and rebuilt into links that keep them.

Everything the officer chooses is in the address, so a filtered, sorted page can be bookmarked or sent
to a colleague. Parameters: unit, status ("" in process, "all", or one status), type, assignee,
mine=1, from / to (received, YYYY-MM-DD), overdue=1, q (a code or words), sort, dir=desc, page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from feedback.domain.legal_type import FeedbackType
from feedback.domain.queue import QueueFilter, QueueOrder
from feedback.domain.status import Status
from feedback.domain.units import InvalidUnitCode, normalise_unit_code

ALL_STATUSES = "all"
# Far past any real queue, and far inside what an SQL OFFSET holds (a 20-digit page overflowed it: a 500).
MAX_PAGE = 100_000
_KEPT = ("unit", "status", "type", "assignee", "mine", "from", "to", "overdue", "q", "sort", "dir")


class BadFilter(ValueError):
    """A parameter that cannot be understood; `field` names it for the message."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class QueueQuery:
    filter: QueueFilter
    page: int
    params: Mapping[str, str]  # the non-empty parameters given (page aside), to rebuild links

    def link(self, **changes: str | None) -> str:
        """A query string with these parameters changed (None removes one); the page is reset unless given."""
        params = {**self.params, **changes}
        return "?" + urlencode({key: value for key, value in params.items() if value})

    def sort_link(self, order: QueueOrder) -> str:
        """Sorting by a column; asking again for the current one turns the direction round."""
        descending = self.filter.order == order and not self.filter.descending
        return self.link(sort=str(order), dir="desc" if descending else None)


def parse_queue_query(query: Mapping[str, str], username: str) -> QueueQuery:
    """Raises BadFilter. `username` is the officer's, for "my items" (mine=1)."""
    params = {key: query[key].strip() for key in _KEPT if query.get(key, "").strip()}
    assignee = username if params.get("mine") == "1" else params.get("assignee", "").lower() or None
    wanted = QueueFilter(
        units=_units(params.get("unit")),
        statuses=_statuses(params.get("status")),
        types=_types(params.get("type")),
        assignee=assignee,
        received_from=_date(params.get("from"), "from"),
        received_to=_date(params.get("to"), "to"),
        overdue_only=params.get("overdue") == "1",
        words=params.get("q"),
        order=_order(params.get("sort")),
        descending=params.get("dir") == "desc",
    )
    return QueueQuery(filter=wanted, page=_page(query.get("page")), params=params)


def _units(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    try:
        return frozenset({normalise_unit_code(value)})
    except InvalidUnitCode:
        raise BadFilter("unit") from None


def _statuses(value: str | None) -> frozenset[Status]:
    if value is None:
        return QueueFilter().statuses
    if value == ALL_STATUSES:
        return frozenset(Status)
    try:
        return frozenset({Status(value)})
    except ValueError:
        raise BadFilter("status") from None


def _types(value: str | None) -> frozenset[FeedbackType] | None:
    if value is None:
        return None
    try:
        return frozenset({FeedbackType(value)})
    except ValueError:
        raise BadFilter("type") from None


def _date(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadFilter(field) from None


def _order(value: str | None) -> QueueOrder:
    try:
        return QueueOrder(value) if value else QueueOrder.DEADLINE
    except ValueError:
        raise BadFilter("sort") from None


def _page(value: str | None) -> int:
    try:
        page = int(value) if value else 1
    except ValueError:
        raise BadFilter("page") from None
    if not 1 <= page <= MAX_PAGE:
        raise BadFilter("page")
    return page
