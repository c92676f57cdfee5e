"""SQLAlchemy tables for PAKN: citizens, items, attachments, the audit trail, notices and code sequences."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base
from storage.utc_datetime import UtcDateTime

# What the report's figures read (storage.report_queries): SQLite groups by the first three in this order.
REPORT_INDEX_COLUMNS = (
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
    "days_left_at_pause",
    "standing_changed_on",
)
# The forward and answer entries the reports count, each kind in an index of its own (migration 0010): the
# forwards of a period by time, the answers by local day (the months' answers are counted per day, in index
# order). Each ends with the action although it holds one action only: SQLite reads a column of the query's
# WHERE from the row unless the index has it, even the partial index's own condition; and the action leading
# would keep PostgreSQL from seeking by the time or the day.
FORWARD_INDEX_COLUMNS = ("at", "from_unit", "from_due", "item_id", "action")
ANSWER_INDEX_COLUMNS = ("local_day", "from_unit", "action")
# The open items' overdue stock at month ends reads these (migration 0010).
OPEN_INDEX_COLUMNS = ("status", "due", "unit", "received_on", "days_left_at_pause", "standing_changed_on")


class CitizenRecord(Base):
    __tablename__ = "citizens"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_citizens_channel_external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    name: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FeedbackRecord(Base):
    __tablename__ = "feedback_items"
    __table_args__ = (
        Index("ix_feedback_items_citizen_received", "citizen_id", "received_at"),
        # One item per draft, whatever submits it twice (migration 0017).
        Index("ux_feedback_items_submission_key", "submission_key", unique=True),
        Index("ix_feedback_items_status_due", "status", "due"),
        Index("ix_feedback_items_unit_status_due", "unit", "status", "due"),
        # The reports read these instead of the rows with their texts (migrations 0007 and 0010, see
        # storage.report_queries): the figures in grouping order (SQLite) and by date (PostgreSQL, and the received
        # per day); the answers by date (closing answered items), the late ones and refusals by date, the open
        # items by deadline, and the few items whose unit, deadline or clock changed after the day of receipt.
        Index("ix_feedback_items_report", *REPORT_INDEX_COLUMNS),
        Index("ix_feedback_items_received", "received_on", *(c for c in REPORT_INDEX_COLUMNS if c != "received_on")),
        Index("ix_feedback_items_answered", "status", "answered_on", "due", "unit", "received_on"),
        Index(
            "ix_feedback_items_late_answers",
            *("status", "answered_on", "due", "unit", "received_on", "standing_changed_on"),
            sqlite_where=text("answered_on > due"),
            postgresql_where=text("answered_on > due"),
        ),
        Index(
            "ix_feedback_items_status_closed",
            *("status", "closed_on", "due", "unit", "received_on", "standing_changed_on"),
        ),
        Index("ix_feedback_items_open", *OPEN_INDEX_COLUMNS),
        Index(
            "ix_feedback_items_changed",
            *("standing_changed_on", "received_on", "id"),
            sqlite_where=text("standing_changed_on > received_on"),
            postgresql_where=text("standing_changed_on > received_on"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    content_kind: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32))
    content: Mapped[str] = mapped_column(Text)
    procedure_code: Mapped[str | None] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(64))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    # The contact as given with this item: the citizen may give other details next time.
    contact_name: Mapped[str] = mapped_column(Text)
    contact_address: Mapped[str] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    reply_to: Mapped[str | None] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_on: Mapped[date] = mapped_column(Date)
    classify_due: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    assignee: Mapped[str | None] = mapped_column(String(128))
    paused_on: Mapped[date | None] = mapped_column(Date)
    days_left_at_pause: Mapped[int | None] = mapped_column(Integer)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None] = mapped_column(Date)
    # Kept by the domain for the reports (migrations 0007, 0010): the working days the last answer took, the day
    # the item was first forwarded to another unit, the last day its unit, deadline or clock changed.
    answer_working_days: Mapped[int | None] = mapped_column(Integer)
    first_forwarded_on: Mapped[date | None] = mapped_column(Date)
    standing_changed_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    repeat_of: Mapped[str | None] = mapped_column(String(32))
    # Migration 0008: the citizen sent it as a PAKN although it read like a khiếu nại or tố cáo; a map location.
    regime_flag: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Migration 0012: the web filer's PIN (Argon2id hash) and the answer an officer published for anyone.
    pin_hash: Mapped[str | None] = mapped_column(String(128))
    public_answer: Mapped[str | None] = mapped_column(Text)
    # Migration 0017: the key the channel gave the draft when filing started (`Draft.submission_key`).
    submission_key: Mapped[str | None] = mapped_column(String(64))
    # The apology for lateness, and how far up the unit chain the overdue item was reported (migration 0004).
    promised_on: Mapped[date | None] = mapped_column(Date)
    promise_moved: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    escalation_level: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Migration 0016: the version of the personal-data notice the filer was shown (feedback.domain.privacy_notice), and
    # when the contact details were masked and the files deleted (retention, or the citizen's deletion request).
    notice_version: Mapped[str | None] = mapped_column(String(16))
    contact_masked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attachments_removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)

    citizen: Mapped[CitizenRecord] = relationship(lazy="joined")
    attachments: Mapped[list[AttachmentRecord]] = relationship(
        lazy="selectin", order_by="AttachmentRecord.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own declaration style


class AttachmentRecord(Base):
    __tablename__ = "feedback_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(Text)
    file_unique_id: Mapped[str | None] = mapped_column(String(128))
    file_name: Mapped[str | None] = mapped_column(Text)
    mime_type: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int | None] = mapped_column(Integer)
    local_path: Mapped[str | None] = mapped_column(Text)


class AuditRecord(Base):
    """Append-only: the repository only inserts, and database triggers refuse updates and deletes.

    The `from_` columns keep the item's standing just before the entry (`feedback.domain.model.Standing`), and
    `local_day` the day of `at` in Vietnam, from migration 0010 on: both are NULL on older entries, and
    `from_due` on the receive entry, which has no before."""

    __tablename__ = "feedback_audit"
    __table_args__ = (
        # The reports count forwards at the forwarding unit, and answers when given (migration 0010).
        Index(
            "ix_feedback_audit_forwards",
            *FORWARD_INDEX_COLUMNS,
            sqlite_where=text("action = 'forward'"),
            postgresql_where=text("action = 'forward'"),
        ),
        Index(
            "ix_feedback_audit_answers",
            *ANSWER_INDEX_COLUMNS,
            sqlite_where=text("action = 'answer'"),
            postgresql_where=text("action = 'answer'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("feedback_items.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(128))
    actor_name: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    local_day: Mapped[date | None] = mapped_column(Date)
    from_unit: Mapped[str | None] = mapped_column(String(64))
    from_due: Mapped[date | None] = mapped_column(Date)
    from_answered_on: Mapped[date | None] = mapped_column(Date)
    from_answer_working_days: Mapped[int | None] = mapped_column(Integer)
    from_days_left_at_pause: Mapped[int | None] = mapped_column(Integer)


class NoticeRecord(Base):
    """The outbox: written with the change it reports, delivered (and marked sent) by the channel."""

    __tablename__ = "feedback_notices"
    __table_args__ = (Index("ix_feedback_notices_channel_sent", "channel", "sent_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("feedback_items.id"))
    channel: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    answer_number: Mapped[int | None] = mapped_column(Integer)  # migration 0019
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DailySequenceRecord(Base):
    """The last tracking-code number given out on each day of receipt."""

    __tablename__ = "feedback_daily_sequences"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
