"""The channel outbox's reading side (`delivery.ports.OutboxStore`): claims, outcomes, held rows, counts.

A claim is one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) … RETURNING: the chosen rows get a
lease (`claimed_until`) in the statement that chooses them. On PostgreSQL a second instance skips the rows
the first has locked and, once the first commits, re-checks the lease on the new row versions; SQLite lets
one writer at a time in, so the lease alone keeps the second out. Outcomes are written only where the row
still carries the caller's lease, so a holder whose lease ran out cannot overwrite the next holder's work.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Update, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery.ports import Claim, OutboxCounts, OutgoingMessage
from dialogue import reply_codec
from dialogue.replies import Reply
from storage.dialogue_models import ConversationRecord, OutboxRecord
from storage.dialogue_store import HELD, WAITING, notice_ref, utc_now
from storage.models import table_of
from storage.statement_results import rows_changed

SENT = "sent"
UNDELIVERABLE = "undeliverable"

_OUTCOME_LENGTH = 300  # the column's width
_AGAIN_AFTER = timedelta(seconds=1)  # a row refused while its person was writing goes again this soon
_FORGOTTEN = reply_codec.dumps(Reply(text="", secret=True))  # what a secret reply's row keeps once settled


_OUTBOX = table_of(OutboxRecord)
_CONVERSATIONS = table_of(ConversationRecord)


def _claimable() -> ColumnElement[bool]:
    return and_(
        _OUTBOX.c.channel == bindparam("of_channel"),  # not a column's name: an UPDATE's SET has those
        _OUTBOX.c.state == WAITING,
        _OUTBOX.c.not_before <= bindparam("now"),
        or_(_OUTBOX.c.claimed_until.is_(None), _OUTBOX.c.claimed_until <= bindparam("now")),
    )


def _claim_statement() -> Update:
    """Built once (a delivery loop claims every few milliseconds when busy): parameters of_channel, now, most,
    lease_until."""
    earlier = _OUTBOX.alias("earlier")
    # A correlated scalar subquery, not a join: PostgreSQL runs it as one probe of
    # ix_channel_outbox_recipient per candidate whatever it believes the table holds (as a join, a burst
    # of rows not yet analysed was planned as a nested loop: seconds a claim).
    oldest_waiting = (
        select(func.min(earlier.c.id))
        .where(
            earlier.c.channel == _OUTBOX.c.channel,
            earlier.c.recipient == _OUTBOX.c.recipient,
            earlier.c.state == WAITING,
        )
        .correlate(_OUTBOX)
        .scalar_subquery()
    )
    chosen = (
        select(_OUTBOX.c.id)
        .where(_claimable(), _OUTBOX.c.id == oldest_waiting)  # the recipient's oldest only
        .order_by(_OUTBOX.c.id)
        .limit(bindparam("most"))
        .with_for_update(skip_locked=True)  # PostgreSQL only; SQLite has one writer anyway
        # Chosen once: PostgreSQL may otherwise run the choice again for each row it updates, and each
        # run skips the rows this statement already took: the limit would not hold.
        .cte("chosen")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    return (
        update(_OUTBOX)
        # the conditions again: PostgreSQL re-checks them on a row another instance changed meanwhile
        .where(_OUTBOX.c.id.in_(select(chosen.c.id)), _claimable())
        .values(claimed_until=bindparam("lease_until"))
        .returning(
            _OUTBOX.c.id,
            _OUTBOX.c.recipient,
            _OUTBOX.c.reply,
            _OUTBOX.c.origin,
            _OUTBOX.c.notice,
            _OUTBOX.c.attempts,
        )
    )


_CLAIM = _claim_statement()


@functools.cache
def _settle_statement(columns: tuple[str, ...], unless_wrote: bool = False) -> Update:
    """An outcome written where the row still carries the claim's lease (parameters claim_id, lease,
    new_attempts and new_<column> for each of `columns`); `unless_wrote`: and only if the person has not
    written since claimed_at. A few shapes, each built once."""
    also = []
    if unless_wrote:
        wrote = exists().where(
            _CONVERSATIONS.c.channel == _OUTBOX.c.channel,
            _CONVERSATIONS.c.user_id == _OUTBOX.c.recipient,
            _CONVERSATIONS.c.updated_at > bindparam("claimed_at"),
        )
        also.append(~wrote)
    return (
        update(_OUTBOX)
        .where(
            _OUTBOX.c.id == bindparam("claim_id"),
            _OUTBOX.c.state == WAITING,
            _OUTBOX.c.claimed_until == bindparam("lease"),
            *also,
        )
        .values(
            claimed_until=None,
            attempts=bindparam("new_attempts"),
            **{column: bindparam(f"new_{column}") for column in columns},
        )
    )


def _settling(
    claim: Claim, values: Mapping[str, object], unless_wrote_since: datetime | None = None
) -> tuple[Update, dict[str, object]]:
    """The statement that writes an outcome (`_settle_statement`) and its parameters."""
    parameters: dict[str, object] = {
        "claim_id": claim.message.id,
        "lease": claim.until,
        "new_attempts": claim.attempts + 1,
        **{f"new_{column}": value for column, value in values.items()},
    }
    if unless_wrote_since is not None:
        parameters["claimed_at"] = unless_wrote_since
    return _settle_statement(tuple(values), unless_wrote_since is not None), parameters


_MARK_HELD = (
    update(_CONVERSATIONS)
    .where(_CONVERSATIONS.c.channel == bindparam("of_channel"), _CONVERSATIONS.c.user_id == bindparam("of_user_id"))
    .values(held=True, version=_CONVERSATIONS.c.version + 1)
)


class SqlOutboxStore:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def claim(self, channel: str, *, now: datetime, until: datetime, limit: int) -> list[Claim]:
        claimed_at = utc_now()
        async with self._session_factory() as session:
            claimed = await session.execute(
                _CLAIM, {"of_channel": channel, "now": now, "most": limit, "lease_until": until}
            )
            rows = claimed.all()
            await session.commit()
        claims = [
            Claim(
                OutgoingMessage(
                    id=row.id,
                    channel=channel,
                    recipient=row.recipient,
                    reply=reply_codec.loads(row.reply),
                    origin=row.origin,
                    notice=notice_ref(row.notice),
                ),
                until=until,
                attempts=row.attempts,
                claimed_at=claimed_at,
            )
            for row in rows
        ]
        return sorted(claims, key=lambda claim: claim.message.id)  # RETURNING promises no order

    async def delivered(self, claim: Claim, message_ids: tuple[str, ...], *, now: datetime) -> bool:
        outcome = _short(",".join(message_ids))
        return await self._settle(claim, {"state": SENT, "sent_at": now, "outcome": outcome, **_forgotten(claim)})

    async def retry(self, claim: Claim, *, at: datetime, reason: str) -> bool:
        return await self._settle(claim, {"state": WAITING, "not_before": at, "outcome": _short(reason)})

    async def hold(self, claim: Claim, reason: str) -> bool:
        """Held until the person writes, unless they wrote while this row was in flight: their turn found nothing
        held to queue again, and the channel's refusal (outside its window) may predate their message, so it goes
        again instead. Their conversation is marked in the same transaction, its version moved: their next turn
        takes what is held, and a turn of theirs that read the conversation before the mark answers again. On
        PostgreSQL the mark waits for a turn of theirs under way, which the check after it then sees."""
        held = {"state": HELD, "outcome": _short(reason)}
        statement, parameters = _settling(claim, held, claim.claimed_at)
        person = {"of_channel": claim.message.channel, "of_user_id": claim.message.recipient}
        async with self._session_factory() as session:
            await session.execute(_MARK_HELD, person)
            if rows_changed(await session.execute(statement, parameters)) == 1:
                await session.commit()
                return True
            await session.rollback()
        if claim.claimed_at is None:
            return False
        return await self.retry(claim, at=utc_now() + _AGAIN_AFTER, reason=f"{reason}; the person wrote meanwhile")

    async def undeliverable(self, claim: Claim, reason: str, *, now: datetime) -> bool:
        return await self._settle(
            claim, {"state": UNDELIVERABLE, "sent_at": now, "outcome": _short(reason), **_forgotten(claim)}
        )

    async def _settle(self, claim: Claim, values: Mapping[str, object]) -> bool:
        statement, parameters = _settling(claim, values)
        async with self._session_factory() as session:
            changed = rows_changed(await session.execute(statement, parameters))
            await session.commit()
        return changed == 1

    async def put_back(self, claims: list[Claim], *, at: datetime) -> None:
        if not claims:
            return
        statement = (
            update(OutboxRecord)
            .where(or_(*(_held_by(claim) for claim in claims)))
            .values(claimed_until=None, not_before=at)
            .execution_options(synchronize_session=False)
        )
        async with self._session_factory() as session:
            await session.execute(statement)
            await session.commit()

    async def prune_sent(self, channel: str, *, before: datetime, limit: int) -> int:
        oldest = (
            select(OutboxRecord.id)
            .where(OutboxRecord.channel == channel, OutboxRecord.state == SENT, OutboxRecord.sent_at < before)
            .limit(limit)
        )
        statement = (
            delete(OutboxRecord)
            .where(OutboxRecord.id.in_(oldest.scalar_subquery()))
            .execution_options(synchronize_session=False)
        )
        async with self._session_factory() as session:
            pruned = rows_changed(await session.execute(statement))
            await session.commit()
        return pruned

    async def counts(self, channel: str, *, now: datetime) -> OutboxCounts:
        is_due = and_(OutboxRecord.state == WAITING, OutboxRecord.not_before <= now)
        statement = select(
            func.count().filter(OutboxRecord.state == WAITING),
            func.count().filter(is_due),
            func.count().filter(OutboxRecord.state == HELD),
            func.count().filter(OutboxRecord.state == UNDELIVERABLE),
            func.min(OutboxRecord.created_at).filter(is_due),
        ).where(OutboxRecord.channel == channel)
        async with self._session_factory() as session:
            row = (await session.execute(statement)).one()
        oldest = row[4]
        if isinstance(oldest, str):  # SQLite's min() over the column comes back as text
            oldest = datetime.fromisoformat(oldest)
        return OutboxCounts(waiting=row[0], due=row[1], held=row[2], undeliverable=row[3], oldest_due=_aware(oldest))


def _held_by(claim: Claim) -> ColumnElement[bool]:
    return and_(
        OutboxRecord.id == claim.message.id,
        OutboxRecord.state == WAITING,
        OutboxRecord.claimed_until == claim.until,
    )


def _forgotten(claim: Claim) -> dict[str, str]:
    """A secret reply (a PIN) settled for good: its text goes, so the sent rows kept for a while do not keep it."""
    return {"reply": _FORGOTTEN} if claim.message.reply.secret else {}


def _short(text: str) -> str:
    return text if len(text) <= _OUTCOME_LENGTH else text[: _OUTCOME_LENGTH - 1] + "…"


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
