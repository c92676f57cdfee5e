"""Officers' messages reach a linked Zalo account too: each row keeps the officer's Zalo id as it was when
written, beside the Telegram one, which becomes optional (an officer may be linked on Zalo alone).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A batch copy on SQLite (no ALTER COLUMN there): nothing points at officer_messages.
    with op.batch_alter_table("officer_messages") as batch:
        batch.alter_column("telegram_user_id", existing_type=sa.BigInteger(), nullable=True)
        batch.add_column(sa.Column("zalo_user_id", sa.String(32)))


def downgrade() -> None:
    op.execute("DELETE FROM officer_messages WHERE telegram_user_id IS NULL")
    with op.batch_alter_table("officer_messages") as batch:
        batch.drop_column("zalo_user_id")
        batch.alter_column("telegram_user_id", existing_type=sa.BigInteger(), nullable=False)
