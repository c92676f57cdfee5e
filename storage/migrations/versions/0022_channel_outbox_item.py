"""The channel outbox names the PAKN item a notice is about, so that a notice a channel holds until the
citizen writes again (Zalo outside its window, with no ZNS template) can be shown on the item: to its filer
on the tracking page, to officers as "not reached yet". Rows queued before it get the code their `notice`
JSON carries; a row that is not a notice has none.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OUTBOX = sa.table(
    "channel_outbox",
    sa.column("id", sa.Integer()),
    sa.column("notice", sa.Text()),
    sa.column("state", sa.String(16)),
    sa.column("item_code", sa.String(32)),
)


def upgrade() -> None:
    op.add_column("channel_outbox", sa.Column("item_code", sa.String(32)))
    op.create_index("ix_channel_outbox_item", "channel_outbox", ["item_code", "state"])
    connection = op.get_bind()
    # Sent rows are pruned and never shown on an item: only those still to go, held or refused, are named.
    rows = connection.execute(
        sa.select(_OUTBOX.c.id, _OUTBOX.c.notice).where(_OUTBOX.c.notice.is_not(None), _OUTBOX.c.state != "sent")
    ).all()
    for row in rows:
        code = json.loads(row.notice).get("code")
        if code:
            connection.execute(sa.update(_OUTBOX).where(_OUTBOX.c.id == row.id).values(item_code=str(code)[:32]))


def downgrade() -> None:
    op.drop_index("ix_channel_outbox_item", table_name="channel_outbox")
    with op.batch_alter_table("channel_outbox") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("item_code")
