"""Reports that do not change after the fact, and units in the office's own order.

- `feedback_audit` keeps the item's standing just before each entry (unit, deadline, standing answer, days left
  at a pause; the status was kept already): a report of a past period rebuilds from it the items forwarded,
  paused, resumed, extended or reopened since, instead of reading their current columns; and the entry's
  local day, by which the months' answers are counted. Older entries have neither (`from_due`, `local_day`
  NULL): such items are read as they are now, as before this upgrade. The trail is append-only (triggers of
  0002), so older forward and answer entries keep `from_unit` NULL too: the reports then count them at the
  item's current unit, as before.
- `feedback_items.standing_changed_on`: the last day of such a change, filled in here from the audit trail;
  and `closed_on` of the items withdrawn since 0008, the day of their withdraw entry (a withdrawal is dated
  by it now, as a refusal).
- Indexes: the report's covering indexes read the new columns and no longer the first forward day; the open
  items by deadline (the overdue stock, paused items included); the few items changed after their day of
  receipt; forward and answer entries by time (forwards count at the forwarding unit, answers in the month
  they were given).
- `units.position`: where a unit comes among its siblings in the reports (`motcua admin unit order`).

Revision ID: 0010
Revises: 0014
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from feedback.domain.deadlines import local_date
from storage.utc_datetime import UtcDateTime

revision: str = "0010"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_REPORT_COLUMNS = [
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
_REPORT_COLUMNS = [
    *(column for column in _OLD_REPORT_COLUMNS if column != "first_forwarded_on"),
    "days_left_at_pause",
    "standing_changed_on",
]
_OLD_DATED = {
    "ix_feedback_items_late_answers": ["status", "answered_on", "due", "unit", "received_on"],
    "ix_feedback_items_status_closed": ["status", "closed_on", "due", "unit", "received_on"],
}
_LATE_ANSWER = sa.text("answered_on > due")
_CHANGED_AFTER_RECEIPT = sa.text("standing_changed_on > received_on")
_STANDING_CHANGES = ("forward", "ask_citizen", "citizen_replied", "extend", "reopen")  # feedback.domain.model
# With the action last: SQLite reads a column of a query's WHERE from the row unless the index has it, even the
# partial index's own condition, and leading it would keep PostgreSQL from seeking (storage.feedback_models).
_AUDIT_INDEXES = {
    "forward": ["at", "from_unit", "from_due", "item_id", "action"],
    "answer": ["local_day", "from_unit", "action"],
}
_BATCH = 10_000

_items = sa.table(
    "feedback_items",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("standing_changed_on", sa.Date),
    sa.column("closed_on", sa.Date),
)
_audit = sa.table("feedback_audit", sa.column("item_id", sa.Integer), sa.column("at", UtcDateTime), sa.column("action"))


def upgrade() -> None:
    op.add_column("units", sa.Column("position", sa.Integer()))
    for name, kind in (
        ("local_day", sa.Date()),
        ("from_unit", sa.String(64)),
        ("from_due", sa.Date()),
        ("from_answered_on", sa.Date()),
        ("from_answer_working_days", sa.Integer()),
        ("from_days_left_at_pause", sa.Integer()),
    ):
        op.add_column("feedback_audit", sa.Column(name, kind))
    op.add_column("feedback_items", sa.Column("standing_changed_on", sa.Date()))
    _backfill_standing_changed_on()
    _backfill_withdrawn_on()
    _index_items(_REPORT_COLUMNS, {name: [*columns, "standing_changed_on"] for name, columns in _OLD_DATED.items()})
    op.create_index(
        "ix_feedback_items_open",
        "feedback_items",
        ["status", "due", "unit", "received_on", "days_left_at_pause", "standing_changed_on"],
    )
    op.create_index(
        "ix_feedback_items_changed",
        "feedback_items",
        ["standing_changed_on", "received_on", "id"],
        sqlite_where=_CHANGED_AFTER_RECEIPT,
        postgresql_where=_CHANGED_AFTER_RECEIPT,
    )
    for name, action in (("ix_feedback_audit_forwards", "forward"), ("ix_feedback_audit_answers", "answer")):
        where = sa.text(f"action = '{action}'")
        op.create_index(name, "feedback_audit", _AUDIT_INDEXES[action], sqlite_where=where, postgresql_where=where)


def _index_items(report_columns: list[str], dated: dict[str, list[str]]) -> None:
    """(Re)create the report's covering indexes over `report_columns` and the dated ones over `dated`."""
    for name in ("ix_feedback_items_report", "ix_feedback_items_received", *dated):
        op.drop_index(name, table_name="feedback_items")
    op.create_index("ix_feedback_items_report", "feedback_items", report_columns)
    op.create_index(
        "ix_feedback_items_received",
        "feedback_items",
        ["received_on", *(column for column in report_columns if column != "received_on")],
    )
    op.create_index(
        "ix_feedback_items_late_answers",
        "feedback_items",
        dated["ix_feedback_items_late_answers"],
        sqlite_where=_LATE_ANSWER,
        postgresql_where=_LATE_ANSWER,
    )
    op.create_index("ix_feedback_items_status_closed", "feedback_items", dated["ix_feedback_items_status_closed"])


def _backfill_standing_changed_on() -> None:
    """The last day of a change of unit, deadline or clock, for the items that had one (local dates)."""
    connection = op.get_bind()
    last_changes = connection.execute(
        sa.select(_audit.c.item_id, sa.func.max(_audit.c.at))
        .where(_audit.c.action.in_(_STANDING_CHANGES))
        .group_by(_audit.c.item_id)
    ).all()
    for start in range(0, len(last_changes), _BATCH):
        connection.execute(
            sa.update(_items).where(_items.c.id == sa.bindparam("item_id")),
            [
                {"item_id": item_id, "standing_changed_on": local_date(at)}
                for item_id, at in last_changes[start : start + _BATCH]
            ],
        )


def _backfill_withdrawn_on() -> None:
    """The day each withdrawn item was taken back, from its withdraw entry (local dates)."""
    connection = op.get_bind()
    withdrawals = connection.execute(
        sa.select(_audit.c.item_id, sa.func.max(_audit.c.at))
        .select_from(_audit.join(_items, _items.c.id == _audit.c.item_id))
        .where(_audit.c.action == "withdraw", _items.c.status == "withdrawn", _items.c.closed_on.is_(None))
        .group_by(_audit.c.item_id)
    ).all()
    if withdrawals:
        connection.execute(
            sa.update(_items).where(_items.c.id == sa.bindparam("item_id")),
            [{"item_id": item_id, "closed_on": local_date(at)} for item_id, at in withdrawals],
        )


def downgrade() -> None:
    for name in ("ix_feedback_audit_answers", "ix_feedback_audit_forwards"):
        op.drop_index(name, table_name="feedback_audit")
    op.drop_index("ix_feedback_items_changed", table_name="feedback_items")
    op.drop_index("ix_feedback_items_open", table_name="feedback_items")
    _index_items(_OLD_REPORT_COLUMNS, _OLD_DATED)
    op.drop_column("feedback_items", "standing_changed_on")
    columns = ("from_days_left_at_pause", "from_answer_working_days", "from_answered_on", "from_due", "from_unit")
    for name in (*columns, "local_day"):
        op.drop_column("feedback_audit", name)
    op.drop_column("units", "position")
