"""The report against the hand-built April–May 2026 of tests/report_spring.py, cell by cell, on both databases.

Each finding of issue 14 has its case there: an item paused after its deadline is overdue (4, 18), a forward
counts at the unit that made it (6, 7, 8, 14), answers count in the month they were given though reopened
later (9, 10), both on-time rates with their denominators, and an item counts at the unit responsible for it
on the period's last day, so April reads the same on 30/4 and in June (7, 8, 10, 18); and one the filer took
back counts as withdrawn (19).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from feedback.domain.report_figures import Figures, Report
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.report_spring import APRIL, SPRING, Spring, build_spring

# Per line: received, on time, late, within, overdue, refused, withdrawn, forwarded, working days summed,
# ratings summed, rated.
APRIL_BY_UNIT = [
    ("HUYEN", 0, (17, 5, 1, 4, 4, 2, 1, 1, 60, 11, 3)),
    ("VP", 1, (5, 2, 0, 2, 1, 0, 0, 0, 16, 9, 2)),
    ("KT", 1, (6, 3, 1, 0, 2, 0, 0, 0, 44, 2, 1)),
    ("XA", 1, (6, 0, 0, 2, 1, 2, 1, 1, 0, 0, 0)),
    ("MC", 2, (2, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0)),
    (None, 0, (0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)),
]
SPRING_BY_UNIT = [
    ("HUYEN", 0, (18, 7, 4, 1, 3, 2, 1, 3, 156, 16, 4)),
    ("VP", 1, (6, 3, 2, 1, 0, 0, 0, 1, 75, 14, 3)),
    ("KT", 1, (7, 3, 2, 0, 2, 0, 0, 0, 71, 2, 1)),
    ("XA", 1, (5, 1, 0, 0, 1, 2, 1, 2, 10, 0, 0)),
    ("MC", 2, (1, 1, 0, 0, 0, 0, 0, 1, 10, 0, 0)),
    (None, 0, (0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)),
]


def cells(figures: Figures) -> tuple[int, ...]:
    f = figures
    return (
        f.received,
        f.answered_on_time,
        f.answered_late,
        f.in_process_within,
        f.in_process_overdue,
        f.refused,
        f.withdrawn,
        f.forwarded,
        f.answer_working_days,
        f.rating_sum,
        f.rating_count,
    )


def table(report: Report) -> list[tuple[str | None, int, tuple[int, ...]]]:
    return [(line.key, line.depth, cells(line.figures)) for line in report.by_unit]


@pytest.fixture
async def spring(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> Spring:
    return await build_spring(uow_factory, clock)


async def test_april_cell_by_cell(spring: Spring) -> None:
    report = await spring.reports.build(*APRIL)
    assert report.as_of == date(2026, 4, 30)
    assert table(report) == APRIL_BY_UNIT
    assert cells(report.total) == (17, 5, 1, 4, 4, 2, 1, 2, 60, 11, 3)
    assert [(p.month, p.received, p.answered, p.overdue_at_end) for p in report.months] == [
        (date(2026, 4, 1), 17, 7, 5)
    ]


async def test_april_and_may_cell_by_cell(spring: Spring) -> None:
    report = await spring.reports.build(*SPRING)
    assert report.as_of == date(2026, 5, 31)
    assert table(report) == SPRING_BY_UNIT
    assert cells(report.total) == (18, 7, 4, 1, 3, 2, 1, 4, 156, 16, 4)
    assert [(p.month, p.received, p.answered, p.overdue_at_end) for p in report.months] == [
        (date(2026, 4, 1), 17, 7, 5),
        (date(2026, 5, 1), 1, 6, 4),
    ]
    # The stock at 31/5 is the table's overdue (4, 10, 13) and one item received before the period (15).
    assert (report.overdue_at_as_of, report.overdue_carried_over) == (4, 1)


async def test_an_item_paused_after_its_deadline_stays_overdue(spring: Spring) -> None:
    # 4 and 18 were already late when the officer asked the citizen: overdue at KT on 30/4, and in the stock.
    kt = next(line for line in (await spring.reports.build(*APRIL, unit="KT")).by_unit if line.key == "KT")
    assert (kt.figures.in_process_overdue, kt.figures.in_process_within) == (2, 0)
    # 5 was paused with 7 working days left: within, though its due date (28/4) has passed.
    vp = (await spring.reports.build(*APRIL, unit="VP")).total
    assert (vp.in_process_within, vp.in_process_overdue) == (2, 1)


async def test_forwards_count_at_the_unit_that_made_them_beside_the_identity(spring: Spring) -> None:
    xa = await spring.reports.build(*APRIL, unit="XA", include_sub_units=False)
    # XA forwarded 6 to KT: it shows the forward, and not the item, which KT answered.
    assert (xa.total.forwarded, xa.total.received) == (1, 4)
    kt = await spring.reports.build(*APRIL, unit="KT")
    assert (kt.total.forwarded, kt.total.received, kt.total.answered_on_time) == (0, 6, 3)
    total = (await spring.reports.build(*APRIL)).total
    identity = total.answered + total.refused + total.withdrawn + total.in_process
    assert identity == total.received == 17  # the forwards are beside it, not inside


async def test_answers_count_in_the_month_they_were_given(spring: Spring) -> None:
    # 9 answered 9/4, reopened 14/4, answered again 5/5; 10 answered 17/4, reopened 5/5: both April answers stay.
    months = (await spring.reports.build(*SPRING)).months
    assert [point.answered for point in months] == [7, 6]


async def test_both_on_time_rates_with_their_denominators(spring: Spring) -> None:
    total = (await spring.reports.build(*APRIL)).total
    assert (total.answered_on_time, total.answered, total.deadline_come) == (5, 6, 10)
    assert total.on_time_rate == pytest.approx(500 / 6)
    assert total.on_time_rate_of_deadline_come == pytest.approx(50)


async def test_a_closed_period_reads_the_same_after_later_forwards_reopens_and_replies(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    spring = await build_spring(uow_factory, clock, until=date(2026, 4, 30))
    on_the_day = await spring.reports.build(*APRIL)
    assert table(on_the_day) == APRIL_BY_UNIT
    assert [(p.received, p.answered, p.overdue_at_end) for p in on_the_day.months] == [(17, 7, 5)]


async def test_a_unit_alone_or_with_its_sub_units_in_may(spring: Spring) -> None:
    with_sub_units = await spring.reports.build(*SPRING, unit="xa")
    assert [(line.key, line.depth, cells(line.figures)) for line in with_sub_units.by_unit] == [
        ("XA", 0, (5, 1, 0, 0, 1, 2, 1, 2, 10, 0, 0)),
        ("MC", 1, (1, 1, 0, 0, 0, 0, 0, 1, 10, 0, 0)),
    ]
    alone = await spring.reports.build(*SPRING, unit="XA", include_sub_units=False)
    assert cells(alone.total) == (4, 0, 0, 0, 1, 2, 1, 1, 0, 0, 0)
    # MC's item 8 was at MC on 30/4, overdue; it moved to VP on 6/5.
    assert [(p.received, p.answered, p.overdue_at_end) for p in with_sub_units.months] == [(5, 0, 1), (0, 1, 1)]
