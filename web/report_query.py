"""The reports page's GET parameters: the period, the unit, whether its sub-units count, the download format.

Parameters: from / to (YYYY-MM-DD as a date field sends them, or DD/MM/YYYY as typed), unit ("" every unit,
absent the officer's default), sub=1 (with sub-units), format (downloads). A request that names none of
from, to and unit is the first visit and takes the defaults: 1 January of this year to today (local time),
the officer's default scope. After that an unticked box sends nothing, so no sub=1 means without sub-units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from feedback.domain.report_access import ReportScope
from feedback.domain.units import InvalidUnitCode, normalise_unit_code
from web import texts

FORMATS = ("xlsx", "csv", "docx", "json")
# The report works day by day over the period (working-day ordinals, months): a bound keeps a typo such as
# 0001-01-01 from costing a minute of CPU, and dates near date.min from overflowing.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
MAX_PERIOD = timedelta(days=5 * 366)
MAX_PERIOD_YEARS = 5
_DAY_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y")


class BadReportQuery(ValueError):
    """A parameter the page cannot use; the message says which and why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportQuery:
    start: date
    end: date
    scope: ReportScope

    @property
    def params(self) -> dict[str, str]:
        params = {"from": self.start.isoformat(), "to": self.end.isoformat(), "unit": self.scope.unit or ""}
        if self.scope.include_sub_units:
            params["sub"] = "1"
        return params

    def download_link(self, format_name: str) -> str:
        return "/can-bo/reports/download?" + urlencode({**self.params, "format": format_name})

    def file_name(self, format_name: str) -> str:
        """ASCII only (unit codes are), so the plain Content-Disposition filename is enough."""
        unit = f"{self.scope.unit}-" if self.scope.unit else ""
        return f"bao-cao-pakn-{unit}{self.start.isoformat()}_{self.end.isoformat()}.{format_name}"


def parse_report_query(query: Mapping[str, str], today: date, default: ReportScope) -> ReportQuery:
    """Raises BadReportQuery. `today` is the local date; `default` the officer's first scope."""
    start = _day(query.get("from"), date(today.year, 1, 1))
    end = _day(query.get("to"), today)
    if start > end:
        raise BadReportQuery(texts.REPORT_PERIOD_REVERSED.format(start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))
    if end - start > MAX_PERIOD:
        raise BadReportQuery(texts.REPORT_PERIOD_TOO_LONG.format(years=MAX_PERIOD_YEARS))
    if not any(key in query for key in ("from", "to", "unit")):
        return ReportQuery(start, end, default)
    unit = _unit(query["unit"]) if "unit" in query else default.unit
    return ReportQuery(start, end, ReportScope(unit, include_sub_units=query.get("sub") == "1"))


def parse_format(value: str | None) -> str:
    if value not in FORMATS:
        raise BadReportQuery(texts.REPORT_BAD_FORMAT)
    return value


def _day(value: str | None, default: date) -> date:
    if value is None or not value.strip():
        return default
    for pattern in _DAY_PATTERNS:
        try:
            day = datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
        if not EARLIEST <= day <= LATEST:
            raise BadReportQuery(texts.REPORT_DATE_OUT_OF_RANGE.format(value=value.strip()))
        return day
    raise BadReportQuery(texts.REPORT_BAD_DATE.format(value=value.strip()[:40]))


def _unit(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        return normalise_unit_code(value)
    except InvalidUnitCode:
        raise BadReportQuery(texts.REPORT_BAD_UNIT.format(unit=value.strip()[:70])) from None
