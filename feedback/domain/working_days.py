"""Working days of Vietnamese public administration, and counting in them.

A working day is Monday to Friday, except public holidays and the days off the government announces, plus
the weekend days it announces as worked (làm bù). The holidays (lunar Tết, Giỗ Tổ, observed days, 2/9 and
its adjacent day, 24/11 since 2026) and most announced swaps come from the `holidays` library (country VN);
the administrator's override file (`feedback.domain.calendar_overrides`) corrects what the library lacks and wins
over it. Years the library has not been told about yet carry its estimates; years it does not cover at all
(version 0.109: before 1901 and after 2100) are plain Monday to Friday.

Counting rule (pakn-rules.md, "Working days"): a deadline of N working days from day D ends at the close of
the N-th working day after D; the day of receipt is not counted. Something received on a non-working day
"counts from the next working day": we read that as *deemed received on* the next working day, whose day is
then not counted either. A PAKN sent on Saturday is in the same position as one handed in first thing on
Monday (nobody can act on it before Monday), so both get the same deadline: received Sat 7/3/2026, one
working day → Tue 10/3/2026, not Mon 9/3. The other reading (Monday counted as day 1) would give the Saturday
sender less time than the Monday one, and would make the sentence in the rules redundant, since "the N-th
working day after D" already skips a weekend. The same deeming applies to every count that
`add_working_days` starts, so a pause, a resume, an answer or a reopen on a weekend behaves like one on the
next working day; `working_days_between` counts the working days of a plain interval.

Performance: each year is computed once (library + overrides) and kept as a prefix count of working days
over a contiguous span of years plus the sorted list of working days, so `add_working_days`,
`working_days_between` and `is_working_day` are a couple of list look-ups (about a microsecond) once the
years are loaded, and a year is loaded (well under a millisecond) the first time a date in it is asked about.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from itertools import accumulate

import holidays

from feedback.domain.calendar_overrides import NO_OVERRIDES, CalendarOverrides

YearSource = Callable[[int], tuple[Iterable[date], Iterable[date]]]
"""For a year, the weekdays that are not worked and the weekend days that are worked, from a holiday source.
Dates outside the year are ignored."""

_SATURDAY = 5
# Working days in a year are never fewer than this (≈ 250 in practice); used only to guess how many years a
# long count needs before loading them, so a wrong guess costs a second load, never a wrong answer.
_MIN_WORKING_DAYS_PER_YEAR = 200


def vietnam_public_holidays(year: int) -> tuple[set[date], set[date]]:
    """The weekdays off and the weekend days worked in `year`, as the `holidays` library has them for VN."""
    table = holidays.country_holidays("VN", years=year)
    days_off = {day for day in table if day.year == year and day.weekday() < _SATURDAY}
    worked = {day for day in table.weekend_workdays if day.year == year}
    return days_off, worked


@dataclass(frozen=True, slots=True)
class _Span:
    """Working days over the whole years first_year..last_year.

    before[i] is the number of working days in [first, first + i) (one more entry than there are days), and
    working lists the ordinals of the working days in order, so working[before[i]] is the first working day
    on or after the day first + i.
    """

    first_year: int
    last_year: int
    first: int
    before: list[int]
    working: list[int]


_EMPTY_SPAN = _Span(first_year=0, last_year=-1, first=0, before=[0], working=[])


class WorkingCalendar:
    """Which days are working days, and deadlines counted in them. Safe to share between threads."""

    def __init__(self, year_source: YearSource, overrides: CalendarOverrides = NO_OVERRIDES) -> None:
        self._year_source = year_source
        self._overrides = overrides
        self._years: dict[int, bytes] = {}
        self._span = _EMPTY_SPAN
        self._lock = threading.Lock()

    @classmethod
    def vietnam(cls, overrides: CalendarOverrides | None = None) -> WorkingCalendar:
        """The calendar of Vietnamese public administration: the `holidays` library (VN) plus `overrides`."""
        return cls(vietnam_public_holidays, overrides if overrides is not None else NO_OVERRIDES)

    @property
    def overrides(self) -> CalendarOverrides:
        return self._overrides

    def __repr__(self) -> str:
        overrides = self._overrides
        return (
            f"WorkingCalendar({getattr(self._year_source, '__name__', self._year_source)!s}, "
            f"{len(overrides.days_off)} days off and {len(overrides.working_days)} working days overridden)"
        )

    # Queries.

    def is_working_day(self, day: date) -> bool:
        span = self._span
        i = day.toordinal() - span.first
        if not 0 <= i < len(span.before) - 1:
            span = self._cover(day.year, day.year)
            i = day.toordinal() - span.first
        before = span.before
        return before[i + 1] != before[i]

    def add_working_days(self, start: date, days: int) -> date:
        """The day a count of `days` working days from `start` ends (at its close).

        `start` itself is not counted. A `start` that is not a working day is deemed to be the next working
        day (see the module docstring), so `days=0` gives `start` when it is a working day and otherwise the
        next one, and Saturday + 1 is the day after Monday (with Monday a working day). A negative `days`
        counts back: the |days|-th working day before `start` (before its deemed working day if it has
        none), so that `add_working_days(add_working_days(d, n), -n) == d` for a working day d.
        A count that leaves the years 1 to 9999 raises OverflowError.
        """
        span = self._span
        i = start.toordinal() - span.first
        if 0 <= i < len(span.before) - 1:
            k = span.before[i] + days
            if 0 <= k < len(span.working):
                return date.fromordinal(span.working[k])
        return self._add_slow(start, days)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in (start, end]; negative, the number in (end, start], if end < start.

        `working_days_between(d, add_working_days(d, n)) == n` for every working day d.
        """
        span = self._covering(start, end)
        before = span.before
        return before[end.toordinal() - span.first + 1] - before[start.toordinal() - span.first + 1]

    def next_working_day(self, day: date) -> date:
        """The first working day after `day` (never `day` itself)."""
        return self._step(day, forward=True)

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day` (never `day` itself)."""
        return self._step(day, forward=False)

    # Loading.

    def load_years(self, first_year: int, last_year: int) -> None:
        """Load the years first_year..last_year now rather than on the first question about them: the holiday
        library's first load takes a good part of a second, which a server pays at start-up, not a citizen."""
        self._cover(first_year, last_year)

    def _covering(self, first: date, second: date) -> _Span:
        span = self._span
        low, high = (first, second) if first <= second else (second, first)
        if low.toordinal() < span.first or high.toordinal() - span.first >= len(span.before) - 1:
            span = self._cover(low.year, high.year)
        return span

    def _step(self, day: date, *, forward: bool) -> date:
        year = day.year
        while True:
            span = self._span
            i = day.toordinal() - span.first
            if 0 <= i < len(span.before) - 1:
                k = span.before[i + 1] if forward else span.before[i] - 1
                if 0 <= k < len(span.working):
                    return date.fromordinal(span.working[k])
            # Not loaded, or the next working day lies in a year not loaded yet: load one more year that way.
            year = year + 1 if forward else year - 1
            if not MINYEAR <= year <= MAXYEAR:
                raise OverflowError(f"no working day {'after' if forward else 'before'} {day.isoformat()}")
            self._cover(min(day.year, year), max(day.year, year))

    def _add_slow(self, start: date, days: int) -> date:
        reach = abs(days) // _MIN_WORKING_DAYS_PER_YEAR + 1
        low, high = (start.year, start.year + reach) if days >= 0 else (start.year - reach, start.year)
        while True:
            span = self._cover(max(low, MINYEAR), min(high, MAXYEAR))
            k = span.before[start.toordinal() - span.first] + days
            if 0 <= k < len(span.working):
                return date.fromordinal(span.working[k])
            if (days >= 0 and span.last_year >= MAXYEAR) or (days < 0 and span.first_year <= MINYEAR):
                raise OverflowError(f"{days} working days from {start.isoformat()} fall outside the calendar")
            low, high = (low, high + reach) if days >= 0 else (low - reach, high)

    def _cover(self, first_year: int, last_year: int) -> _Span:
        """The span, grown if needed to include the years first_year..last_year (within MINYEAR..MAXYEAR)."""
        first_year, last_year = max(first_year, MINYEAR), min(last_year, MAXYEAR)
        with self._lock:
            span = self._span
            if span.first_year <= first_year and last_year <= span.last_year:
                return span
            if span.last_year >= span.first_year:  # grow the span we have, keeping it one contiguous run
                first_year, last_year = min(first_year, span.first_year), max(last_year, span.last_year)
            flags = b"".join(self._year_flags(year) for year in range(first_year, last_year + 1))
            first = date(first_year, 1, 1).toordinal()
            before = list(accumulate(flags, initial=0))
            working = [first + i for i, flag in enumerate(flags) if flag]
            span = _Span(first_year=first_year, last_year=last_year, first=first, before=before, working=working)
            self._span = span
            return span

    def _year_flags(self, year: int) -> bytes:
        """One byte per day of `year`, 1 for a working day: Monday to Friday, then the source, then overrides."""
        flags = self._years.get(year)
        if flags is None:
            first = date(year, 1, 1).toordinal()
            length = date(year, 12, 31).toordinal() - first + 1
            # date.toordinal() % 7 is 1 for Monday ... 5 for Friday, 6 for Saturday and 0 for Sunday.
            days = bytearray(1 if (first + i) % 7 not in (6, 0) else 0 for i in range(length))
            source_off, source_worked = self._year_source(year)
            corrections = (
                (source_off, 0),
                (source_worked, 1),
                (self._overrides.days_off, 0),
                (self._overrides.working_days, 1),
            )
            for dates, flag in corrections:  # in this order, so that the overrides win
                for day in dates:
                    if day.year == year:
                        days[day.toordinal() - first] = flag
            flags = bytes(days)
            self._years[year] = flags
        return flags
