"""The report's arithmetic without storage: the seeds' identity and rate, roll-ups, the monthly stock."""

from __future__ import annotations

from datetime import date

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Standing
from feedback.domain.report_figures import (
    DailyCounts,
    DatedCount,
    Figures,
    ProcedureFigures,
    ProcedureInfo,
    UnitTypeFigures,
    by_field,
    by_unit,
    month_starts,
    monthly_series,
    stock_days,
)
from feedback.domain.report_standing import ItemHistory, Outcome, StandingChange, outcome_at
from feedback.domain.status import Status
from feedback.domain.units import Unit, UnitTree
from feedback.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
PA, KN = FeedbackType.PHAN_ANH, FeedbackType.KIEN_NGHI


def test_the_seeds_table_adds_up_and_gives_its_rate() -> None:
    # 002: UBND huyện received 14.083: 13.676 on time, 343 late, 64 within, 0 overdue; 97,55 %.
    huyen = Figures(received=14083, answered_on_time=13676, answered_late=343, in_process_within=64)
    assert huyen.answered + huyen.in_process + huyen.refused == huyen.received
    assert round(huyen.on_time_rate or 0, 2) == 97.55


def test_empty_figures_have_no_rate_average_or_satisfaction() -> None:
    assert (Figures().on_time_rate, Figures().average_answer_days, Figures().satisfaction) == (None, None, None)


def test_figures_add_field_by_field() -> None:
    one = Figures(received=2, answered_on_time=1, rating_sum=5, rating_count=1)
    other = Figures(received=3, answered_late=2, rating_sum=2, rating_count=1)
    assert one + other == Figures(received=5, answered_on_time=1, answered_late=2, rating_sum=7, rating_count=2)


TREE = UnitTree([Unit("HUYEN", "UBND huyện"), Unit("XA1", "UBND xã 1", "HUYEN"), Unit("THON", "Thôn", "XA1")])


def test_units_roll_up_their_sub_units_and_units_outside_the_tree_come_last() -> None:
    groups = [
        UnitTypeFigures("HUYEN", PA, Figures(received=1)),
        UnitTypeFigures("XA1", PA, Figures(received=2)),
        UnitTypeFigures("THON", KN, Figures(received=4)),
        UnitTypeFigures("CU", PA, Figures(received=8)),
        UnitTypeFigures(None, PA, Figures(received=16)),
    ]
    lines = by_unit(groups, TREE, None)
    assert [(line.key, line.depth, line.parent, line.figures.received) for line in lines] == [
        ("HUYEN", 0, None, 7),
        ("XA1", 1, "HUYEN", 6),
        ("THON", 2, "XA1", 4),
        ("CU", 0, None, 8),
        (None, 0, None, 16),
    ]
    scoped = by_unit(groups, TREE, frozenset({"XA1", "THON"}))
    assert [(line.key, line.depth, line.parent, line.figures.received) for line in scoped] == [
        ("XA1", 0, None, 6),
        ("THON", 1, "XA1", 4),
    ]


def test_fields_come_from_the_procedures() -> None:
    procedures = {"A": ProcedureInfo("A", "Đăng ký đất đai", "Đất đai"), "B": ProcedureInfo("B", "Khai sinh", None)}
    by_procedure = [
        ProcedureFigures("A", Figures(received=2, forwarded=1)),
        ProcedureFigures("B", Figures(received=1, forwarded=1)),
    ]
    assert [
        (line.key, line.figures.received, line.figures.forwarded) for line in by_field(by_procedure, procedures)
    ] == [
        ("Đất đai", 2, 1),
        (None, 1, 1),
    ]


def series(rows: list[DatedCount], histories: list[ItemHistory], as_of: date, scope: frozenset[str] | None = None):  # type: ignore[no-untyped-def]
    daily = DailyCounts(received={}, answered={}, maybe_overdue=tuple(rows))
    return monthly_series(daily, histories, start=date(2026, 1, 1), end=date(2026, 3, 31), as_of_day=as_of, scope=scope)


def test_the_overdue_stock_at_each_month_end() -> None:
    rows = [
        DatedCount(date(2026, 1, 5), date(2026, 1, 19), None, False, None, 3),  # open, overdue since 20/1
        DatedCount(date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 10), False, None, 2),  # answered late 10/2
        DatedCount(date(2026, 1, 20), date(2026, 2, 3), None, True, None, 4),  # waiting within its deadline
        DatedCount(date(2026, 2, 2), date(2026, 2, 16), date(2026, 2, 5), False, None, 1),  # refused
    ]
    points = series(rows, [], as_of=date(2026, 2, 20))
    assert [p.overdue_at_end for p in points] == [5, 3, None]


def test_a_row_changed_after_a_month_end_is_left_to_its_history_there() -> None:
    # Extended on 10/2: at the end of January it stood as the history says (overdue), not as its row does now.
    row = DatedCount(date(2026, 1, 5), date(2026, 2, 16), None, False, date(2026, 2, 10), 1)
    before = Standing("XA1", Status.ACCEPTED, date(2026, 1, 19), None, None, None)
    now = Standing("XA1", Status.ACCEPTED, date(2026, 2, 16), None, None, None)
    history = ItemHistory(
        date(2026, 1, 5), PA, None, None, None, date(2026, 2, 10), now, (StandingChange(date(2026, 2, 10), before),)
    )
    points = series([row], [history], as_of=date(2026, 3, 31))
    assert [p.overdue_at_end for p in points] == [1, 1, 1]  # January from the history, then from the row
    # Storage gives the rows of the scope's units; the history is counted where the item stood.
    assert [p.overdue_at_end for p in series([], [history], date(2026, 3, 31), frozenset({"XA2"}))] == [0, 0, 0]


def test_a_paused_item_is_overdue_only_if_it_was_late_when_paused() -> None:
    late = Standing("XA1", Status.WAITING_FOR_CITIZEN, date(2026, 1, 19), None, None, -3)
    in_time = Standing("XA1", Status.WAITING_FOR_CITIZEN, date(2026, 1, 19), None, None, 2)
    assert outcome_at(late, None, date(2026, 1, 31)) == Outcome.OVERDUE
    assert outcome_at(in_time, None, date(2026, 1, 31)) == Outcome.WITHIN


def test_an_answer_stands_only_by_its_day_and_a_refusal_likewise() -> None:
    answered = Standing("XA1", Status.ANSWERED, date(2026, 1, 19), date(2026, 1, 22), 13, None)
    assert outcome_at(answered, None, date(2026, 1, 31)) == Outcome.LATE
    assert outcome_at(answered, None, date(2026, 1, 21)) == Outcome.OVERDUE
    refused = Standing("XA1", Status.REFUSED, date(2026, 1, 19), None, None, None)
    assert outcome_at(refused, date(2026, 1, 7), date(2026, 1, 31)) == Outcome.REFUSED
    assert outcome_at(refused, date(2026, 1, 7), date(2026, 1, 6)) == Outcome.WITHIN


def test_the_standing_at_a_day_is_the_one_kept_by_the_first_change_after_it() -> None:
    first = Standing("XA1", Status.ACCEPTED, date(2026, 1, 19), None, None, None)
    second = Standing("XA2", Status.FORWARDED, date(2026, 2, 20), None, None, None)
    now = Standing("XA2", Status.ACCEPTED, date(2026, 3, 20), None, None, None)
    changes = (StandingChange(date(2026, 2, 6), first), StandingChange(date(2026, 3, 6), second))
    history = ItemHistory(date(2026, 1, 5), PA, None, None, None, date(2026, 3, 6), now, changes)
    assert history.standing_at(date(2026, 1, 31)) == first
    assert history.standing_at(date(2026, 2, 6)) == second  # the change of 6/2 is part of that day
    assert history.standing_at(date(2026, 3, 31)) == now
    unrecorded = ItemHistory(
        date(2026, 1, 5), PA, None, None, None, date(2026, 2, 6), now, (StandingChange(date(2026, 2, 6), None),)
    )
    assert unrecorded.standing_at(date(2026, 1, 31)) == now  # an entry from before migration 0010


@pytest.mark.parametrize("end", [date(2026, 1, 31), date(2026, 12, 31)])
def test_the_months_of_a_period(end: date) -> None:
    months = month_starts(date(2026, 1, 15), end)
    assert months[0] == date(2026, 1, 1)
    assert len(months) == end.month
    assert stock_days(date(2026, 1, 15), end, as_of_day=date(2026, 1, 20))[-1] == (
        date(2026, 1, 20) if end.month == 1 else None
    )


def test_both_on_time_rates_state_their_denominators() -> None:
    # 000: "Đến hạn giải quyết là 86.021 hồ sơ … trước và đúng hạn 80.898 hồ sơ (đạt tỷ lệ 94,04%)".
    tinh = Figures(received=89336, answered_on_time=80898, answered_late=5000, in_process_overdue=123)
    assert tinh.deadline_come == 86021
    assert round(tinh.on_time_rate_of_deadline_come or 0, 2) == 94.04
    assert round(tinh.on_time_rate or 0, 2) == round(100 * 80898 / 85898, 2)
    assert Figures().on_time_rate_of_deadline_come is None
