"""Citizens' personal data: who looked at it, the notice version shown with each item, masking and file removal
(retention, deletion), and the citizens' deletion requests.

Revision ID: 0016
Revises: 0019
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("feedback_items", sa.Column("notice_version", sa.String(16)))
    op.add_column("feedback_items", sa.Column("contact_masked_at", sa.DateTime(timezone=True)))
    op.add_column("feedback_items", sa.Column("attachments_removed_at", sa.DateTime(timezone=True)))
    op.create_table(
        "personal_data_views",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("officer", sa.String(128), nullable=False),
        sa.Column("officer_units", sa.String(255)),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("item_code", sa.String(32), nullable=False),
        sa.Column("exposure", sa.String(16), nullable=False),
        sa.Column("detail", sa.String(64)),
    )
    op.create_index("ix_personal_data_views_item_at", "personal_data_views", ["item_code", "at"])
    op.create_index("ix_personal_data_views_officer_at", "personal_data_views", ["officer", "at"])
    op.create_index("ix_personal_data_views_at", "personal_data_views", ["at"])
    op.create_table(
        "data_deletion_requests",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("reply_to", sa.String(128)),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("decided_by", sa.String(128)),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_data_deletion_requests_status_due", "data_deletion_requests", ["status", "due_on"])
    op.create_index("ix_data_deletion_requests_citizen", "data_deletion_requests", ["channel", "external_id"])


def downgrade() -> None:
    op.drop_index("ix_data_deletion_requests_citizen", table_name="data_deletion_requests")
    op.drop_index("ix_data_deletion_requests_status_due", table_name="data_deletion_requests")
    op.drop_table("data_deletion_requests")
    op.drop_index("ix_personal_data_views_at", table_name="personal_data_views")
    op.drop_index("ix_personal_data_views_officer_at", table_name="personal_data_views")
    op.drop_index("ix_personal_data_views_item_at", table_name="personal_data_views")
    op.drop_table("personal_data_views")
    for column in ("attachments_removed_at", "contact_masked_at", "notice_version"):
        op.drop_column("feedback_items", column)
