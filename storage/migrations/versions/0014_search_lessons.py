"""Search lessons: unanswered queries (text, channel, time; no personal data) and the agency's mappings.

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unanswered_queries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("group_key", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_unanswered_queries_group_key", "unanswered_queries", ["group_key"])
    op.create_table(
        "search_lessons",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("phrase", sa.String(200), nullable=False),
        sa.Column("expansion", sa.String(500), nullable=False),
        sa.Column("procedure_code", sa.String(64)),
        sa.Column("taught_by", sa.String(64), nullable=False),
        sa.Column("taught_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("search_lessons")
    op.drop_index("ix_unanswered_queries_group_key", table_name="unanswered_queries")
    op.drop_table("unanswered_queries")
