"""Scheduled jobs: leases so each run fires once, the officers' message outbox, escalation and apology columns.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "job_leases",
        sa.Column("job", sa.String(64), primary_key=True),
        sa.Column("run_key", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("expires_at", _TIMESTAMP, nullable=False),
        sa.Column("done_at", _TIMESTAMP),
    )
    op.create_table(
        "officer_messages",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("sent_at", _TIMESTAMP),
    )
    op.create_index("ix_officer_messages_sent_at", "officer_messages", ["sent_at"])
    # Plain ADD COLUMNs (no batch copy on SQLite): other tables point at feedback_items.
    op.add_column("feedback_items", sa.Column("promised_on", sa.Date()))
    op.add_column("feedback_items", sa.Column("promise_moved", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column(
        "feedback_items", sa.Column("escalation_level", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )


def downgrade() -> None:
    for column in ("escalation_level", "promise_moved", "promised_on"):
        op.drop_column("feedback_items", column)
    op.drop_index("ix_officer_messages_sent_at", table_name="officer_messages")
    op.drop_table("officer_messages")
    op.drop_table("job_leases")
