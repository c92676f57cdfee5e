"""Who may do what: units with their parent units, officers, and the roles officers hold in units.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("parent_code", sa.String(64), sa.ForeignKey("units.code")),
    )
    op.create_index("ix_units_parent_code", "units", ["parent_code"])
    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text()),
        sa.Column("telegram_user_id", sa.BigInteger()),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.UniqueConstraint("username", name="uq_officers_username"),
        sa.UniqueConstraint("telegram_user_id", name="uq_officers_telegram_user_id"),
    )
    op.create_table(
        "officer_roles",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("unit_code", sa.String(64), sa.ForeignKey("units.code")),
        sa.UniqueConstraint("officer_id", "role", "unit_code", name="uq_officer_roles_officer_role_unit"),
        sa.CheckConstraint("(role = 'admin') = (unit_code IS NULL)", name="ck_officer_roles_unit_only_for_unit_roles"),
    )
    op.create_index("ix_officer_roles_unit_code", "officer_roles", ["unit_code"])
    # NULLs never collide in a UNIQUE constraint: this keeps an officer's unit-less roles unique.
    op.create_index(
        "uq_officer_roles_officer_role_everywhere",
        "officer_roles",
        ["officer_id", "role"],
        unique=True,
        sqlite_where=sa.text("unit_code IS NULL"),
        postgresql_where=sa.text("unit_code IS NULL"),
    )


def downgrade() -> None:
    for table in ("officer_roles", "officers", "units"):
        op.drop_table(table)
