"""SQLAlchemy tables for citizens' personal data (migration 0016): who looked at it, and deletion requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.utc_datetime import UtcDateTime


class DataViewRecord(Base):
    """Append-only: one officer shown one item's contact details or files (feedback.service_layer.data_views)."""

    __tablename__ = "personal_data_views"
    __table_args__ = (
        Index("ix_personal_data_views_item_at", "item_code", "at"),
        Index("ix_personal_data_views_officer_at", "officer", "at"),
        Index("ix_personal_data_views_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    officer: Mapped[str] = mapped_column(String(128))
    officer_units: Mapped[str | None] = mapped_column(String(255))
    channel: Mapped[str] = mapped_column(String(16))
    item_code: Mapped[str] = mapped_column(String(32))
    exposure: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(String(64))


class DeletionRequestRecord(Base):
    """A citizen's request to delete their personal data, tracked to its deadline
    (feedback.service_layer.personal_data)."""

    __tablename__ = "data_deletion_requests"
    __table_args__ = (
        Index("ix_data_deletion_requests_status_due", "status", "due_on"),
        Index("ix_data_deletion_requests_citizen", "channel", "external_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    reply_to: Mapped[str | None] = mapped_column(String(128))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    item_code: Mapped[str | None] = mapped_column(String(32))  # migration 0023: a request for one item only
