"""The catalog's domain model: an administrative procedure (thủ tục hành chính) as published."""

from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass
from datetime import datetime


class Level(enum.StrEnum):
    """Government level that carries out a procedure (cấp thực hiện)."""

    CENTRAL = "central"  # Cấp Bộ / trung ương
    PROVINCE = "province"  # Cấp tỉnh
    DISTRICT = "district"  # Cấp huyện
    COMMUNE = "commune"  # Cấp xã
    OTHER = "other"  # Cơ quan khác


class OnlineLevel(enum.StrEnum):
    """Online public-service level (dịch vụ công trực tuyến)."""

    FULL = "toàn trình"
    PARTIAL = "một phần"


_LEVEL_WORDS: tuple[tuple[str, Level], ...] = (
    ("bộ", Level.CENTRAL),
    ("trung ương", Level.CENTRAL),
    ("tỉnh", Level.PROVINCE),
    ("huyện", Level.DISTRICT),
    ("xã", Level.COMMUNE),
    ("khác", Level.OTHER),
)


def parse_levels(text: str | None) -> frozenset[Level]:
    """Levels named in a published level text such as "Cấp Bộ, Cấp tỉnh, Cấp xã"."""
    if not text:
        return frozenset()
    lowered = text.lower()
    return frozenset(level for word, level in _LEVEL_WORDS if word in lowered)


_DAYS = re.compile(r"(\d+)\s*\(?[^\d()]{0,12}\)?\s*ngày(\s+làm\s+việc)?", re.IGNORECASE)


def parse_working_days(text: str | None) -> int | None:
    """Working days in a published processing time, or None when it is not stated in them.

    Only "N ngày làm việc" is counted: "N ngày" alone may be calendar days, and a bare
    number with no unit (a known defect of the source) says nothing reliable.
    """
    if not text:
        return None
    match = _DAYS.search(text)
    if match is None or match.group(2) is None:
        return None
    return int(match.group(1))


@dataclass(frozen=True)
class Procedure:
    """One administrative procedure of the national catalog, keyed by its code (mã TTHC)."""

    code: str
    name: str
    level: str | None = None
    field: str | None = None
    agency: str | None = None
    processing_time: str | None = None
    processing_days: int | None = None
    fees: str | None = None
    documents: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    online: OnlineLevel | None = None
    source: str | None = None
    updated_at: datetime | None = dataclasses.field(default=None, compare=False)

    @property
    def levels(self) -> frozenset[Level]:
        return parse_levels(self.level)


@dataclass(frozen=True)
class IndexEntry:
    """The part of a procedure the search index needs; cards are read from storage."""

    code: str
    name: str
    level: str | None = None
    field: str | None = None
    agency: str | None = None

    @classmethod
    def of(cls, procedure: Procedure) -> IndexEntry:
        return cls(procedure.code, procedure.name, procedure.level, procedure.field, procedure.agency)
