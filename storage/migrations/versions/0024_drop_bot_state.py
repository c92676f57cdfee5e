"""The old Telegram bot's conversation state (`bot_state`: python-telegram-bot's conversations and each user's
scratch data, citizens' unfinished drafts among it) goes: the dialogue keeps its state in
`dialogue_conversations`, and nothing reads the old table any more.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("bot_state")


def downgrade() -> None:
    # Empty, as the old bot would find it after a first start: what it held is not brought back.
    op.create_table(
        "bot_state",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
