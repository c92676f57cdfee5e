"""Indexes for the PAKN reports: a covering index over the columns they aggregate, and forward entries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REPORT_COLUMNS = [
    "received_on",
    "unit",
    "type",
    "procedure_code",
    "status",
    "due",
    "answered_on",
    "closed_on",
    "rating",
]


def upgrade() -> None:
    # The yearly report reads half a million items: from this index alone, not from rows that carry the texts.
    op.create_index("ix_feedback_items_report", "feedback_items", _REPORT_COLUMNS)
    op.create_index("ix_feedback_audit_action_at", "feedback_audit", ["action", "at", "item_id"])


def downgrade() -> None:
    op.drop_index("ix_feedback_audit_action_at", table_name="feedback_audit")
    op.drop_index("ix_feedback_items_report", table_name="feedback_items")
