"""The report's arithmetic without storage: the seeds' identity and rate, roll-ups, the monthly stock."""

from __future__ import annotations

from datetime import date

import pytest

from feedback.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.legal_type import FeedbackType
from feedback.report_figures import (
    DatedCount,
    Figures,
    ProcedureFigures,
    ProcedureInfo,
    UnitTypeFigures,
    by_field,
    by_unit,
    months,
)
from feedback.units import Unit, UnitTree
from feedback.working_days import WorkingCalendar

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
    assert [(line.key, line.depth, line.figures.received) for line in lines] == [
        ("HUYEN", 0, 7),
        ("XA1", 1, 6),
        ("THON", 2, 4),
        ("CU", 0, 8),
        (None, 0, 16),
    ]
    scoped = by_unit(groups, TREE, frozenset({"XA1", "THON"}))
    assert [(line.key, line.depth, line.figures.received) for line in scoped] == [("XA1", 0, 6), ("THON", 1, 4)]


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


def test_the_overdue_stock_at_each_month_end() -> None:
    rows = [
        DatedCount(date(2026, 1, 5), date(2026, 1, 19), None, False, False, 3),  # open, overdue since 20/1
        DatedCount(date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 10), True, False, 2),  # answered late 10/2
        DatedCount(date(2026, 1, 20), date(2026, 2, 3), None, False, True, 4),  # waiting for the citizen
        DatedCount(date(2026, 2, 2), date(2026, 2, 16), date(2026, 2, 5), False, False, 1),  # refused
    ]
    points = months(rows, date(2026, 1, 1), date(2026, 3, 31), as_of_day=date(2026, 2, 20))
    assert [(p.received, p.answered, p.overdue_at_end) for p in points] == [(9, 0, 5), (1, 2, 3), (0, 0, None)]


@pytest.mark.parametrize("end", [date(2026, 1, 31), date(2026, 12, 31)])
def test_the_months_of_a_period(end: date) -> None:
    points = months([], date(2026, 1, 15), end, as_of_day=end)
    assert points[0].month == date(2026, 1, 1)
    assert len(points) == end.month
