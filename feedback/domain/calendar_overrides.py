"""The administrator's corrections to the holiday library: extra days off and extra working days.

Each year the government announces swapped working days (làm bù: a Saturday worked so that a bridge day is
off) and the exact Tết break for civil servants. The `holidays` library carries most of them, not all (it
misses the Tết Dương lịch 2026 swap), so the working calendar is the library plus this file, which the
administrator edits when an announcement comes out. The file is TOML (see the bundled
`data/calendar_overrides.toml`): `[[day_off]]` and `[[working_day]]` tables, each with a `date` (a bare TOML
date, `2026-01-02`) and a `note` naming the announcement. An entry wins over the library: a day off is off
even if the library says it is worked, a working day is worked even if it is a Saturday or a library holiday.

Loading checks every entry and refuses the whole file on the first mistake, naming the entry, so a typo
cannot silently move deadlines.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

DEFAULT_OVERRIDES_PATH = Path(__file__).parent.parent / "data" / "calendar_overrides.toml"

DAY_OFF = "day_off"
WORKING_DAY = "working_day"
_KINDS = (DAY_OFF, WORKING_DAY)
_FIELDS = ("date", "note")


class BadCalendarOverrides(ValueError):
    """The overrides file cannot be used; `detail` says why and `entry` which entry, for the administrator."""

    def __init__(self, path: Path, detail: str, entry: str | None = None) -> None:
        where = f"{path}: {entry}: " if entry else f"{path}: "
        super().__init__(where + detail)
        self.path = path
        self.detail = detail
        self.entry = entry


@dataclass(frozen=True)
class CalendarOverrides:
    """Days the administrator declares off or worked, whatever the holiday library says.

    `notes` gives the reason recorded for each date (the announcement), for display; it takes no part in
    equality.
    """

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    notes: Mapping[date, str] = field(default_factory=lambda: MappingProxyType({}), compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))  # a read-only copy
        both = self.days_off & self.working_days
        if both:
            listed = ", ".join(day.isoformat() for day in sorted(both))
            raise ValueError(f"listed both as a day off and as a working day: {listed}")


NO_OVERRIDES = CalendarOverrides()


def load_overrides(path: Path = DEFAULT_OVERRIDES_PATH) -> CalendarOverrides:
    """The overrides in `path`; raises BadCalendarOverrides for a file that is missing or malformed."""
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except OSError as error:
        raise BadCalendarOverrides(path, f"cannot be read: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise BadCalendarOverrides(path, f"not valid TOML: {error}") from error
    unknown = sorted(set(document) - set(_KINDS))
    if unknown:
        raise BadCalendarOverrides(
            path, f"unknown top-level keys {unknown}; entries go in [[{DAY_OFF}]] or [[{WORKING_DAY}]] tables"
        )
    seen: dict[date, tuple[str, str]] = {}  # date -> (kind, where)
    notes: dict[date, str] = {}
    days: dict[str, set[date]] = {kind: set() for kind in _KINDS}
    for kind in _KINDS:
        entries = document.get(kind, [])
        if not isinstance(entries, list):
            raise BadCalendarOverrides(path, f"{kind} must be a list of [[{kind}]] tables", kind)
        for number, entry in enumerate(entries, start=1):
            where = f"{kind} {number}"
            day, note = _entry(path, where, entry)
            where = f"{where} ({day.isoformat()})"
            if day in seen:
                earlier_kind, earlier = seen[day]
                detail = (
                    f"the date is listed twice (also {earlier})"
                    if earlier_kind == kind
                    else f"listed both as a day off and as a working day (also {earlier})"
                )
                raise BadCalendarOverrides(path, detail, where)
            seen[day] = (kind, where)
            notes[day] = note
            days[kind].add(day)
    return CalendarOverrides(
        days_off=frozenset(days[DAY_OFF]),
        working_days=frozenset(days[WORKING_DAY]),
        notes=MappingProxyType(notes),
    )


def _entry(path: Path, where: str, entry: object) -> tuple[date, str]:
    if not isinstance(entry, dict):
        raise BadCalendarOverrides(path, "is not a table with a date and a note", where)
    missing = [name for name in _FIELDS if name not in entry]
    unknown = sorted(set(entry) - set(_FIELDS))
    if missing or unknown:
        raise BadCalendarOverrides(path, f"missing {missing}, unknown {unknown}; give exactly date and note", where)
    day = entry["date"]
    # A TOML date-time reads as a datetime, which is also a date: refuse it, a day off has no time of day.
    if not isinstance(day, date) or isinstance(day, datetime):
        hint = " (write it without quotes)" if isinstance(day, str) else ""
        raise BadCalendarOverrides(path, f"date must be a TOML date such as 2026-01-02, not {day!r}{hint}", where)
    note = entry["note"]
    if not isinstance(note, str) or not note.strip():
        raise BadCalendarOverrides(path, "note must say which announcement this comes from", where)
    return day, note.strip()
