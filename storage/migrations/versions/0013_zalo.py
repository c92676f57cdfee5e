"""Zalo: the OA connection (token pair, OA, last webhook received) and officers' Zalo accounts.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "zalo_connection",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("oa_id", sa.String(32)),
        sa.Column("oa_name", sa.Text()),
        sa.Column("access_token", sa.Text()),
        sa.Column("refresh_token", sa.Text()),
        sa.Column("expires_at", _TIMESTAMP),
        sa.Column("connected_at", _TIMESTAMP),
        sa.Column("renewed_at", _TIMESTAMP),
        sa.Column("renewal_failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("renewal_error", sa.Text()),
        sa.Column("last_webhook_at", _TIMESTAMP),
        sa.CheckConstraint("id = 1", name="ck_zalo_connection_single_row"),
    )
    # A plain ADD COLUMN and an index: no batch copy of a table others point at.
    op.add_column("officers", sa.Column("zalo_user_id", sa.String(32)))
    op.create_index("uq_officers_zalo_user_id", "officers", ["zalo_user_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_officers_zalo_user_id", table_name="officers")
    op.drop_column("officers", "zalo_user_id")
    op.drop_table("zalo_connection")
