"""The notices a channel holds for an item's citizen (`feedback.service_layer.held_notices.HeldNotices`), read from the
channel outbox by the item code each notice row carries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogue import reply_codec
from dialogue.rich_text import to_plain
from feedback.domain.held_notice import HeldNotice
from feedback.domain.model import NoticeKind
from storage.dialogue_models import OutboxRecord
from storage.dialogue_store import HELD, notice_ref


class SqlHeldNotices:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_item(self, code: str) -> list[HeldNotice]:
        statement = (
            select(OutboxRecord.channel, OutboxRecord.reply, OutboxRecord.notice, OutboxRecord.created_at)
            .where(OutboxRecord.item_code == code, OutboxRecord.state == HELD)
            .order_by(OutboxRecord.id)
        )
        held: list[HeldNotice] = []
        for row in (await self._session.execute(statement)).all():
            ref = notice_ref(row.notice)
            if ref is None:
                continue
            held.append(
                HeldNotice(
                    code=ref.code,
                    kind=NoticeKind(ref.kind),
                    channel=row.channel,
                    # Zalo and the plain-text channel send the reply's text without its markup, as here.
                    text=to_plain(reply_codec.loads(row.reply).text),
                    since=row.created_at,
                )
            )
        return held

    async def unreached(self, codes: Sequence[str]) -> dict[str, datetime]:
        statement = (
            select(OutboxRecord.item_code, func.min(OutboxRecord.created_at))
            .where(OutboxRecord.item_code.in_(codes), OutboxRecord.state == HELD, OutboxRecord.notice.is_not(None))
            .group_by(OutboxRecord.item_code)
        )
        return {code: since for code, since in (await self._session.execute(statement)).all() if code is not None}
