"""The channel outbox by recipient: delivery claims a row only when no earlier row of the same recipient is
waiting, a lookup this index answers at once whatever the planner believes the table holds (after a burst
of thousands of rows not yet analysed, PostgreSQL planned the same check as a nested loop: 13 s a claim).
It also serves releasing a person's held rows.

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_channel_outbox_recipient", "channel_outbox", ["channel", "recipient", "state", "id"])


def downgrade() -> None:
    op.drop_index("ix_channel_outbox_recipient", table_name="channel_outbox")
