"""Notices the citizen has not been reached with yet: their channel holds them until the citizen writes again.

Zalo lets an Official Account write to a citizen freely only for a while after the citizen last wrote; a
notice that comes later (an answer, an apology, a request for information) goes as a ZNS template when the
agency has one for it, and is otherwise kept in the channel outbox and sent the next time the citizen
writes. Until then the item's filer sees it on the tracking page and officers see that the citizen has not
been told yet: an officer may phone them instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from feedback.domain.model import NoticeKind


@dataclass(frozen=True)
class HeldNotice:
    code: str
    kind: NoticeKind
    channel: str  # the channel that will deliver it ("zalo")
    text: str  # plain text, as the citizen will receive it
    since: datetime  # when it was queued: the citizen has not been told since


def unreached_since(held: list[HeldNotice] | tuple[HeldNotice, ...]) -> datetime | None:
    """Since when the citizen has not been reached: the oldest held notice's time; None when none is held."""
    return min((notice.since for notice in held), default=None)
