"""A deletion request may cover one item only: a filer on the citizens' portal proves with the code and the PIN
that one item is theirs, nothing more, so their request names it. Earlier requests (from the messengers)
cover every item of their citizen and keep NULL.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("data_deletion_requests", sa.Column("item_code", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("data_deletion_requests") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("item_code")
