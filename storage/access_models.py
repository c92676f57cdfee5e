"""SQLAlchemy tables for who may do what: units, officers and the roles officers hold in units."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base
from storage.utc_datetime import UtcDateTime


class UnitRecord(Base):
    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"), index=True)
    position: Mapped[int | None] = mapped_column(Integer)  # among its siblings (migration 0010)


class OfficerRecord(Base):
    __tablename__ = "officers"
    __table_args__ = (
        UniqueConstraint("username", name="uq_officers_username"),
        UniqueConstraint("telegram_user_id", name="uq_officers_telegram_user_id"),
        # An index, not a constraint: SQLite adds an index without copying a table others point at.
        Index("uq_officers_zalo_user_id", "zalo_user_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str | None] = mapped_column(Text)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)  # Telegram's ids outgrew 32 bits
    zalo_user_id: Mapped[str | None] = mapped_column(String(32))  # Zalo's ids are strings beyond 2^53
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    roles: Mapped[list[OfficerRoleRecord]] = relationship(
        lazy="selectin", order_by="OfficerRoleRecord.id", cascade="all, delete-orphan"
    )


class OfficerRoleRecord(Base):
    """One role of one officer: in a unit, or (administrator) everywhere with no unit.

    NULLs never collide in a UNIQUE constraint, so the partial index keeps the unit-less roles unique."""

    __tablename__ = "officer_roles"
    __table_args__ = (
        UniqueConstraint("officer_id", "role", "unit_code", name="uq_officer_roles_officer_role_unit"),
        Index(
            "uq_officer_roles_officer_role_everywhere",
            "officer_id",
            "role",
            unique=True,
            sqlite_where=text("unit_code IS NULL"),
            postgresql_where=text("unit_code IS NULL"),
        ),
        CheckConstraint("(role = 'admin') = (unit_code IS NULL)", name="ck_officer_roles_unit_only_for_unit_roles"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"), index=True)
