"""What the PAKN reports read, kept on the item: working days to answer, the day first forwarded; their indexes.

The report no longer joins a table of working-day ordinals nor the audit trail (see storage.report_queries):
the domain stores both figures when the item is answered or forwarded, and this migration fills them in for
the items already there. The working days are counted with the bundled calendar (holidays library + the
bundled overrides file): a deployment with an overrides file of its own gets, for the items answered before
this upgrade only, the count of the bundled calendar, which differs only on the days the two files disagree.

The report index of migration 0005 is replaced by two covering the figures: one in the order SQLite groups
them by, so it groups while it reads instead of sorting half a million entries, one by date, the period's
entries that PostgreSQL hashes (and the items received per day); then three narrow ones for the monthly
series: answers by date, late answers only, refusals by date.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import local_date, working_days_to_answer
from feedback.domain.working_days import WorkingCalendar
from storage.utc_datetime import UtcDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_REPORT_COLUMNS = [
    "received_on",
    "unit",
    "type",
    "procedure_code",
    "status",
    "due",
    "answered_on",
    "closed_on",
    "rating",
]
_REPORT_COLUMNS = [
    "unit",
    "type",
    "procedure_code",
    "received_on",
    "status",
    "due",
    "answered_on",
    "closed_on",
    "rating",
    "answer_working_days",
    "first_forwarded_on",
]
_BATCH = 10_000

_items = sa.table(
    "feedback_items",
    sa.column("id", sa.Integer),
    sa.column("received_on", sa.Date),
    sa.column("answered_on", sa.Date),
    sa.column("answer_working_days", sa.Integer),
    sa.column("first_forwarded_on", sa.Date),
)
_audit = sa.table("feedback_audit", sa.column("item_id", sa.Integer), sa.column("at", UtcDateTime), sa.column("action"))


def upgrade() -> None:
    op.add_column("feedback_items", sa.Column("answer_working_days", sa.Integer()))
    op.add_column("feedback_items", sa.Column("first_forwarded_on", sa.Date()))
    _backfill_working_days()
    _backfill_first_forwarded()
    # The reports no longer read forward entries from the audit trail: that index would only slow every write.
    op.drop_index("ix_feedback_audit_action_at", table_name="feedback_audit")
    op.drop_index("ix_feedback_items_report", table_name="feedback_items")
    op.create_index("ix_feedback_items_report", "feedback_items", _REPORT_COLUMNS)
    op.create_index(
        "ix_feedback_items_received",
        "feedback_items",
        ["received_on", *(c for c in _REPORT_COLUMNS if c != "received_on")],
    )
    op.create_index(
        "ix_feedback_items_answered", "feedback_items", ["status", "answered_on", "due", "unit", "received_on"]
    )
    # Answers after the due date, the few the overdue stock needs among all answers since the period's start.
    op.create_index(
        "ix_feedback_items_late_answers",
        "feedback_items",
        ["status", "answered_on", "due", "unit", "received_on"],
        sqlite_where=sa.text("answered_on > due"),
        postgresql_where=sa.text("answered_on > due"),
    )
    op.create_index(
        "ix_feedback_items_status_closed", "feedback_items", ["status", "closed_on", "due", "unit", "received_on"]
    )


def _backfill_working_days() -> None:
    connection = op.get_bind()
    calendar = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(_items.c.id, _items.c.received_on, _items.c.answered_on)
            .where(_items.c.answered_on.is_not(None), _items.c.id > last_id)
            .order_by(_items.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            sa.update(_items).where(_items.c.id == sa.bindparam("item_id")),
            [
                {"item_id": item_id, "answer_working_days": working_days_to_answer(calendar, received, answered)}
                for item_id, received, answered in rows
            ],
        )
        last_id = rows[-1][0]


def _backfill_first_forwarded() -> None:
    connection = op.get_bind()
    first_forwards = connection.execute(
        sa.select(_audit.c.item_id, sa.func.min(_audit.c.at))
        .where(_audit.c.action == "forward")
        .group_by(_audit.c.item_id)
    ).all()
    for start in range(0, len(first_forwards), _BATCH):
        connection.execute(
            sa.update(_items).where(_items.c.id == sa.bindparam("item_id")),
            [
                {"item_id": item_id, "first_forwarded_on": local_date(at)}
                for item_id, at in first_forwards[start : start + _BATCH]
            ],
        )


def downgrade() -> None:
    op.drop_index("ix_feedback_items_status_closed", table_name="feedback_items")
    op.drop_index("ix_feedback_items_late_answers", table_name="feedback_items")
    op.drop_index("ix_feedback_items_answered", table_name="feedback_items")
    op.drop_index("ix_feedback_items_received", table_name="feedback_items")
    op.drop_index("ix_feedback_items_report", table_name="feedback_items")
    op.create_index("ix_feedback_items_report", "feedback_items", _OLD_REPORT_COLUMNS)
    op.create_index("ix_feedback_audit_action_at", "feedback_audit", ["action", "at", "item_id"])
    for column in ("first_forwarded_on", "answer_working_days"):
        op.drop_column("feedback_items", column)
