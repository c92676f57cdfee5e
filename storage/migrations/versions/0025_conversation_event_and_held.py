"""A conversation row says whether messages are held for its person, and which event it answered last, so that
a turn reads what it needs in the one statement that reads (and locks) the row: whether its event was
answered already, and whether there is anything held to take, instead of asking the events table and the
outbox each time. Conversations whose person has held messages are marked so.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONVERSATIONS = sa.table(
    "dialogue_conversations",
    sa.column("channel", sa.String(16)),
    sa.column("user_id", sa.String(64)),
    sa.column("held", sa.Boolean()),
)
_OUTBOX = sa.table(
    "channel_outbox",
    sa.column("channel", sa.String(16)),
    sa.column("recipient", sa.String(64)),
    sa.column("state", sa.String(16)),
)


def upgrade() -> None:
    op.add_column("dialogue_conversations", sa.Column("last_event_id", sa.String(128)))
    op.add_column("dialogue_conversations", sa.Column("held", sa.Boolean(), nullable=False, server_default=sa.false()))
    held_for_them = sa.exists().where(
        _OUTBOX.c.channel == _CONVERSATIONS.c.channel,
        _OUTBOX.c.recipient == _CONVERSATIONS.c.user_id,
        _OUTBOX.c.state == "held",
    )
    op.get_bind().execute(sa.update(_CONVERSATIONS).where(held_for_them).values(held=True))


def downgrade() -> None:
    with op.batch_alter_table("dialogue_conversations") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("held")
        batch.drop_column("last_event_id")
