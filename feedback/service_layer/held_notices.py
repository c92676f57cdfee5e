"""The notices a citizen's channel holds for them until they write again (`feedback.domain.held_notice`), as a
port."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from feedback.domain.held_notice import HeldNotice


class HeldNotices(Protocol):
    async def for_item(self, code: str) -> list[HeldNotice]:
        """The item's notices held for its citizen, oldest first."""
        ...

    async def unreached(self, codes: Sequence[str]) -> dict[str, datetime]:
        """Of these items, those with a notice held for their citizen, with the oldest one's time (a queue page's
        marker, in one read)."""
        ...
