"""The messenger-neutral dialogue: each conversation's state, the channel events seen, the channel outbox.

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dialogue_conversations",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dialogue_events",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dialogue_events_handled_at", "dialogue_events", ["handled_at"])
    op.create_table(
        "channel_outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(64), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(64)),
        sa.Column("notice", sa.Text()),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("outcome", sa.String(300)),
    )
    op.create_index("ix_channel_outbox_due", "channel_outbox", ["channel", "state", "not_before"])


def downgrade() -> None:
    op.drop_index("ix_channel_outbox_due", table_name="channel_outbox")
    op.drop_table("channel_outbox")
    op.drop_index("ix_dialogue_events_handled_at", table_name="dialogue_events")
    op.drop_table("dialogue_events")
    op.drop_table("dialogue_conversations")
