"""PAKN: citizens, items, attachments, the append-only audit trail, the notice outbox, code sequences, bot state.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "citizens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text()),
        sa.Column("address", sa.Text()),
        sa.Column("phone", sa.String(32)),
        sa.Column("email", sa.String(254)),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.UniqueConstraint("channel", "external_id", name="uq_citizens_channel_external_id"),
    )
    op.create_table(
        "feedback_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("content_kind", sa.String(16)),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("procedure_code", sa.String(64)),
        sa.Column("unit", sa.String(64)),
        sa.Column("citizen_id", sa.Integer(), sa.ForeignKey("citizens.id"), nullable=False),
        sa.Column("contact_name", sa.Text(), nullable=False),
        sa.Column("contact_address", sa.Text(), nullable=False),
        sa.Column("contact_phone", sa.String(32)),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("reply_to", sa.String(128)),
        sa.Column("received_at", _TIMESTAMP, nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("classify_due", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("assignee", sa.String(128)),
        sa.Column("paused_on", sa.Date()),
        sa.Column("days_left_at_pause", sa.Integer()),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("refusal_reason", sa.Text()),
        sa.Column("answer", sa.Text()),
        sa.Column("answered_on", sa.Date()),
        sa.Column("closed_on", sa.Date()),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer()),
        sa.Column("repeat_of", sa.String(32)),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_feedback_items_citizen_received", "feedback_items", ["citizen_id", "received_at"])
    op.create_index("ix_feedback_items_status_due", "feedback_items", ["status", "due"])
    op.create_index("ix_feedback_items_unit_status_due", "feedback_items", ["unit", "status", "due"])
    op.create_table(
        "feedback_attachments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "item_id", sa.Integer(), sa.ForeignKey("feedback_items.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_id", sa.Text(), nullable=False),
        sa.Column("file_unique_id", sa.String(128)),
        sa.Column("file_name", sa.Text()),
        sa.Column("mime_type", sa.String(128)),
        sa.Column("size", sa.Integer()),
        sa.Column("local_path", sa.Text()),
    )
    op.create_table(
        "feedback_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("feedback_items.id"), nullable=False, index=True),
        sa.Column("at", _TIMESTAMP, nullable=False),
        sa.Column("actor_kind", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(128), nullable=False),
        sa.Column("actor_name", sa.Text()),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("note", sa.Text()),
    )
    op.create_table(
        "feedback_notices",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("feedback_items.id"), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("text", sa.Text()),
        sa.Column("due", sa.Date()),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("sent_at", _TIMESTAMP),
    )
    op.create_index("ix_feedback_notices_channel_sent", "feedback_notices", ["channel", "sent_at"])
    op.create_table(
        "feedback_daily_sequences",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    op.create_table(
        "bot_state",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
    )
    _forbid_audit_changes()


def _forbid_audit_changes() -> None:
    """The audit trail is evidence: the database itself refuses to rewrite or delete it."""
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER feedback_audit_no_{event.lower()} BEFORE {event} ON feedback_audit "
                "BEGIN SELECT RAISE(ABORT, 'feedback_audit is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION feedback_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'feedback_audit is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER feedback_audit_append_only BEFORE UPDATE OR DELETE ON feedback_audit "
        "FOR EACH ROW EXECUTE FUNCTION feedback_audit_append_only()"
    )


def downgrade() -> None:
    for table in (
        "bot_state",
        "feedback_daily_sequences",
        "feedback_notices",
        "feedback_audit",
        "feedback_attachments",
        "feedback_items",
        "citizens",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS feedback_audit_append_only()")
