"""The citizens' web portal: the filer's PIN (hashed) and the public answer on each item; the attempts the portal
counts per code and per client (wrong PINs, filings); the site's signing key, shared by every web instance.

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("feedback_items", sa.Column("pin_hash", sa.String(128)))
    op.add_column("feedback_items", sa.Column("public_answer", sa.Text()))
    op.create_table(
        "web_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(32)),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_attempts_kind_code_at", "web_attempts", ["kind", "code", "at"])
    op.create_index("ix_web_attempts_kind_client_at", "web_attempts", ["kind", "client", "at"])
    op.create_table(
        "site_secrets",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("site_secrets")
    op.drop_index("ix_web_attempts_kind_client_at", "web_attempts")
    op.drop_index("ix_web_attempts_kind_code_at", "web_attempts")
    op.drop_table("web_attempts")
    op.drop_column("feedback_items", "public_answer")
    op.drop_column("feedback_items", "pin_hash")
