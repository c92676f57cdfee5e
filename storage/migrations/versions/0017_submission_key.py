"""PAKN items: the key a channel gives a draft when filing starts, unique, so that the same draft submitted twice
(an event retried after a crash, two instances taking one press) is stored once.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("feedback_items", sa.Column("submission_key", sa.String(64)))
    op.create_index("ux_feedback_items_submission_key", "feedback_items", ["submission_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_feedback_items_submission_key", table_name="feedback_items")
    op.drop_column("feedback_items", "submission_key")
