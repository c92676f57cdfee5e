"""The PAKN report on real storage, against a hand-built October 2026 whose figures are worked out by hand.

Units: UBND (root) ├─ P.MINHAN ─ TO.1 └─ P.CAMPHO. The answer deadline is 10 working days (no holidays in
October 2026). The items, with their due dates:
 1  1/10 P.MINHAN phản ánh, procedure ĐĐ-01  due 15/10  answered  9/10: on time, 6 working days, rated 5
 2  1/10 P.MINHAN phản ánh, procedure ĐĐ-01  due 15/10  answered 20/10: late, 13 working days, rated 2
 3  2/10 P.CAMPHO                            refused 5/10
 4  5/10 P.CAMPHO → forwarded 6/10 to P.MINHAN, procedure HT-01, due 20/10, answered 16/10: on time, 9 days;
                                             the forward counts at P.CAMPHO, the item at P.MINHAN
 5  5/10 TO.1     accepted, never answered   due 19/10: in process, overdue
 6 23/10 P.CAMPHO kiến nghị, accepted         due  6/11: in process within the deadline at 31/10
 7  1/10 P.MINHAN waiting for the citizen     due 15/10: clock paused, so within the deadline
 8 25/9  P.CAMPHO before the period, open     due  9/10: not received in October, but overdue stock
 9 26/10 P.CAMPHO answered 10/11              due  9/11: answered after the period, so in process at 31/10
10 28/10 no unit yet                          due 11/11: in process within
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft
from feedback.domain.report_figures import Figures, Line
from feedback.domain.units import InvalidUnitCode, Unit, UnknownUnit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.report_service import InvalidPeriod, ReportService
from procedures_catalog.model import Procedure
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội


@dataclass
class October:
    feedback: FeedbackService
    reports: ReportService
    clock: Clock
    codes: dict[int, str]


async def file(
    service: FeedbackService,
    clock: Clock,
    n: int,
    day: date,
    unit: str | None,
    *,
    procedure: str | None = None,
    kind: FeedbackType = FeedbackType.PHAN_ANH,
) -> str:
    clock.now = at(day)
    citizen = CitizenRef("telegram", str(7000 + n))
    contact = Contact(name=f"Người dân {n}", address="Hội An", phone="0912345678")
    content = f"Phản ánh số {n} về đường sá ở khu phố"
    draft = Draft(kind, content, contact, citizen, reply_to=citizen.external_id, unit=unit, procedure_code=procedure)
    return (await service.submit(draft)).code


async def act(service: FeedbackService, clock: Clock, day: date, code: str, *actions: Action, **kwargs: str) -> None:
    clock.now = at(day)
    for action in actions:
        await service.act(code, action, OFFICER, **(kwargs if action == actions[-1] else {}))


@pytest.fixture
async def october(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> October:
    async with uow_factory() as uow:
        for unit in (
            Unit("UBND", "UBND thành phố Hội An"),
            Unit("P.CAMPHO", "UBND phường Cẩm Phô", "UBND"),
            Unit("P.MINHAN", "UBND phường Minh An", "UBND"),
            Unit("TO.1", "Tổ dân phố 1", "P.MINHAN"),
        ):
            await uow.units.add(unit)
        await uow.procedures.upsert(
            [
                Procedure("ĐĐ-01", "Đăng ký đất đai lần đầu", field="Đất đai"),
                Procedure("HT-01", "Đăng ký khai sinh", field="Hộ tịch"),
            ]
        )
        await uow.commit()
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    s = feedback
    c: dict[int, str] = {
        1: await file(s, clock, 1, date(2026, 10, 1), "P.MINHAN", procedure="ĐĐ-01"),
        2: await file(s, clock, 2, date(2026, 10, 1), "P.MINHAN", procedure="ĐĐ-01"),
        7: await file(s, clock, 7, date(2026, 10, 1), "P.MINHAN"),
        3: await file(s, clock, 3, date(2026, 10, 2), "P.CAMPHO"),
        4: await file(s, clock, 4, date(2026, 10, 5), "P.CAMPHO", procedure="HT-01"),
        5: await file(s, clock, 5, date(2026, 10, 5), "TO.1"),
        6: await file(s, clock, 6, date(2026, 10, 23), "P.CAMPHO", kind=FeedbackType.KIEN_NGHI),
        8: await file(s, clock, 8, date(2026, 9, 25), "P.CAMPHO"),
        9: await file(s, clock, 9, date(2026, 10, 26), "P.CAMPHO"),
        10: await file(s, clock, 10, date(2026, 10, 28), None),
    }
    await act(s, clock, date(2026, 10, 2), c[7], Action.ACCEPT, Action.START, Action.ASK_CITIZEN, note="Xin địa chỉ.")
    await act(s, clock, date(2026, 10, 5), c[3], Action.REFUSE, note="Không thuộc phạm vi PAKN.")
    await act(s, clock, date(2026, 10, 5), c[5], Action.ACCEPT)
    await act(s, clock, date(2026, 10, 6), c[4], Action.FORWARD, unit="P.MINHAN")
    await act(s, clock, date(2026, 10, 9), c[1], Action.ACCEPT, Action.START, Action.ANSWER, note="Đã xử lý.")
    await act(s, clock, date(2026, 10, 16), c[4], Action.ACCEPT, Action.START, Action.ANSWER, note="Đã xử lý.")
    await act(s, clock, date(2026, 10, 20), c[2], Action.ACCEPT, Action.START, Action.ANSWER, note="Đã xử lý.")
    await act(s, clock, date(2026, 10, 23), c[6], Action.ACCEPT)
    await act(s, clock, date(2026, 11, 10), c[9], Action.ACCEPT, Action.START, Action.ANSWER, note="Đã xử lý.")
    await feedback.rate(c[1], CitizenRef("telegram", "7001"), 5)
    await feedback.rate(c[2], CitizenRef("telegram", "7002"), 2)
    clock.now = at(date(2026, 11, 12))  # the report is made on Thu 12/11/2026
    return October(feedback, ReportService(uow_factory, clock), clock, c)


def line(lines: tuple[Line, ...], key: str | None) -> Line:
    return next(found for found in lines if found.key == key)


async def test_october_in_the_seeds_terms(october: October) -> None:
    report = await october.reports.build(*OCTOBER)
    assert report.as_of == date(2026, 10, 31)
    assert report.total == Figures(
        received=9,
        answered_on_time=2,
        answered_late=1,
        refused=1,
        in_process_within=4,
        in_process_overdue=1,
        forwarded=1,
        answer_working_days=6 + 13 + 9,
        rating_sum=7,
        rating_count=2,
    )
    assert report.total.on_time_rate == pytest.approx(200 / 3)
    assert report.total.average_answer_days == pytest.approx(28 / 3)
    assert report.total.satisfaction == 3.5


async def test_units_roll_up_their_sub_units_and_the_unrouted_item_has_its_own_line(october: October) -> None:
    report = await october.reports.build(*OCTOBER)
    assert [(found.key, found.depth) for found in report.by_unit] == [
        ("UBND", 0),
        ("P.CAMPHO", 1),
        ("P.MINHAN", 1),
        ("TO.1", 2),
        (None, 0),
    ]
    minhan = line(report.by_unit, "P.MINHAN").figures
    assert (minhan.received, minhan.answered_on_time, minhan.answered_late, minhan.in_process_overdue) == (5, 2, 1, 1)
    assert (minhan.in_process_within, minhan.forwarded, minhan.refused) == (1, 0, 0)
    campho = line(report.by_unit, "P.CAMPHO").figures
    assert (campho.received, campho.refused, campho.in_process_within, campho.answered) == (3, 1, 2, 0)
    assert campho.forwarded == 1
    assert line(report.by_unit, "UBND").figures.received == 8
    assert line(report.by_unit, None).figures.received == 1
    assert line(report.by_unit, "UBND").name == "UBND thành phố Hội An"


async def test_a_unit_alone_or_with_its_sub_units(october: October) -> None:
    with_sub_units = await october.reports.build(*OCTOBER, unit="p.minhan")
    alone = await october.reports.build(*OCTOBER, unit="P.MINHAN", include_sub_units=False)
    assert (with_sub_units.unit, with_sub_units.unit_name) == ("P.MINHAN", "UBND phường Minh An")
    assert (with_sub_units.total.received, with_sub_units.total.in_process_overdue) == (5, 1)
    assert [(found.key, found.depth) for found in with_sub_units.by_unit] == [("P.MINHAN", 0), ("TO.1", 1)]
    assert (alone.total.received, alone.total.in_process_overdue) == (4, 0)
    assert [found.key for found in alone.by_unit] == ["P.MINHAN"]
    commune = await october.reports.build(*OCTOBER, unit="UBND")
    assert commune.total.received == 8  # the item with no unit yet belongs to no unit's report


async def test_by_type_field_and_procedure(october: October) -> None:
    report = await october.reports.build(*OCTOBER)
    assert [(found.key, found.figures.received) for found in report.by_type] == [("phan_anh", 8), ("kien_nghi", 1)]
    assert [(found.key, found.figures.received) for found in report.by_field] == [
        ("Đất đai", 2),
        ("Hộ tịch", 1),
        (None, 6),
    ]
    land = line(report.by_field, "Đất đai").figures
    assert (land.answered_on_time, land.answered_late, land.on_time_rate) == (1, 1, 50)
    assert [(found.key, found.name, found.figures.received) for found in report.by_procedure] == [
        ("ĐĐ-01", "Đăng ký đất đai lần đầu", 2),
        ("HT-01", "Đăng ký khai sinh", 1),
        (None, None, 6),
    ]


async def test_months_show_the_flow_and_the_overdue_stock(october: October) -> None:
    # On 12/11: Oct end has items 5 and 8 overdue (7 is paused, 2 answered by then); on 12/11 also 6 (due 6/11)
    # and 10 (due 11/11), while 9 was answered on 10/11, a day after its due date.
    report = await october.reports.build(date(2026, 10, 1), date(2026, 12, 31))
    assert report.as_of == date(2026, 11, 12)
    assert [(p.month, p.received, p.answered, p.overdue_at_end) for p in report.months] == [
        (date(2026, 10, 1), 9, 3, 2),
        (date(2026, 11, 1), 0, 1, 4),
        (date(2026, 12, 1), 0, 0, None),
    ]
    # By 12/11 item 9 is answered, a day late.
    assert (report.total.answered_late, report.total.in_process_overdue) == (2, 3)


async def test_a_reversed_period_or_an_unknown_unit_is_refused(october: October) -> None:
    with pytest.raises(InvalidPeriod):
        await october.reports.build(date(2026, 10, 31), date(2026, 10, 1))
    with pytest.raises(UnknownUnit):
        await october.reports.build(*OCTOBER, unit="P.KHONGCO")
    with pytest.raises(InvalidUnitCode):
        await october.reports.build(*OCTOBER, unit="phường ?")
