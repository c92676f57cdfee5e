"""PAKN items: the flag of a text that read like a khiếu nại or tố cáo and was sent as a PAKN anyway, and the
map location a citizen shared (a flooded road).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("feedback_items", sa.Column("regime_flag", sa.String(16)))
    op.add_column("feedback_items", sa.Column("latitude", sa.Float()))
    op.add_column("feedback_items", sa.Column("longitude", sa.Float()))


def downgrade() -> None:
    for column in ("longitude", "latitude", "regime_flag"):
        op.drop_column("feedback_items", column)
