"""The PAKN figures an operator watches, as read at each scrape (storage.operational_figures reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class OperationalFigures:
    items_by_status: dict[str, int]
    overdue: int
    outbox_backlog: int
    outbox_oldest: datetime | None
