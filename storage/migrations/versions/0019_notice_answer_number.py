"""PAKN notices: the answer round an answer's notice carries, so that the rating choices under a first answer
never rate a second one (after a reopen). Notices stored before are numbered by counting the item's answer
notices up to each.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("feedback_notices", sa.Column("answer_number", sa.Integer()))
    op.execute(
        "UPDATE feedback_notices SET answer_number = ("
        " SELECT COUNT(*) FROM feedback_notices AS earlier"
        " WHERE earlier.item_id = feedback_notices.item_id AND earlier.kind = 'answered'"
        " AND earlier.id <= feedback_notices.id"
        ") WHERE kind = 'answered'"
    )


def downgrade() -> None:
    op.drop_column("feedback_notices", "answer_number")
