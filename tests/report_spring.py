"""A hand-built April–May 2026 for the reports: every case the figures must get right, worked out by hand.

Units, in the office's order (not the codes'): UBND huyện Tân Lập (HUYEN) ├─ 1 Văn phòng HĐND và UBND (VP)
├─ 2 Phòng Kinh tế và Hạ tầng (KT) └─ 3 UBND xã Tân Hòa (XA) ─ Bộ phận một cửa xã (MC). The answer deadline
is 10 working days; 27/4 (Giỗ Tổ, observed), 30/4 and 1/5 are days off. The report is made on 15/6/2026.

 #  received      unit  what happens                                                         at 30/4     at 31/5
 1  1/4 06:30     VP    answered 9/4 (6 wd), rated 5; ĐĐ-01                                  on time     on time
 2  1/4           KT    kiến nghị, answered 20/4 (13 wd), due 15/4, rated 2; ĐĐ-01           late        late
 3  2/4           XA    refused 3/4                                                           refused     refused
 4  1/4           KT    due 15/4, asked the citizen 20/4 (already 3 days late), still waiting overdue     overdue
 5  13/4          VP    due 28/4, asked the citizen 16/4 (7 days left), still waiting         within      within
 6  2/4           XA    forwarded by XA to KT 6/4 (due 20/4), answered 10/4 (6 wd); HT-01     on time     on time
 7  20/4          VP    due 7/5; forwarded by VP to KT 5/5 (due 19/5), answered 12/5 (13 wd)  within VP   on time KT
 8  1/4           MC    due 15/4; forwarded by MC to VP 6/5 (due 20/5), answered 25/5 (35 wd) overdue MC  late VP
 9  1/4           VP    answered 9/4, reopened 14/4 (due 29/4), answered again 5/5 (21 wd)    overdue     late
10  6/4           KT    answered 17/4 (9 wd), reopened 5/5 (due 19/5), not answered again     on time     overdue
11  2/4           KT    kiến nghị, due 16/4, extended 15/4 to 5/5, answered 24/4 (16 wd)      on time     on time
12  Sat 4/4       VP    counted from Mon 6/4, due 20/4, answered 20/4 (10 wd), rated 4        on time     on time
13  30/4 (day off) XA   counted from 4/5, due 18/5, not answered                              within      overdue
14  22/4          none  routed to XA 23/4 (a forward from no unit), refused by XA 24/4         refused XA  refused XA
15  20/3          KT    due 3/4, never answered: before both periods, in the overdue stock     (stock)     (stock)
16  5/5           VP    answered 8/5 (3 wd), rated 5                                          -           on time
17  15/4          MC    due 4/5, answered 4/5 (10 wd)                                          within      on time
18  1/4           KT    due 15/4, asked the citizen 16/4 (1 day late), replied 6/5 (due 5/5),  overdue     late
                        answered 7/5 (23 wd)
19  8/4           XA    withdrawn by the citizen 10/4                                         withdrawn   withdrawn

Answers given: in April those of 1, 2, 6, 9, 10, 11, 12 (7); in May those of 7, 8, 9, 16, 17, 18 (6).
Forwards made: in April by XA (6) and by no unit (14); in May by VP (7) and by MC (8).
Overdue at the close of 30/4: 4, 8, 9, 18 and 15 (5); of 31/5: 4, 10, 13 and 15 (4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import VIETNAM_TIME
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft
from feedback.domain.units import Unit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.report_service import ReportService
from procedures_catalog.model import Procedure
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "can-bo-1", "Nguyễn Thị Lan")
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
SPRING = (date(2026, 4, 1), date(2026, 5, 31))
REPORT_DAY = date(2026, 6, 15)
UNITS = (
    Unit("HUYEN", "UBND huyện Tân Lập"),
    Unit("VP", "Văn phòng HĐND và UBND", "HUYEN", position=1),
    Unit("KT", "Phòng Kinh tế và Hạ tầng", "HUYEN", position=2),
    Unit("XA", "UBND xã Tân Hòa", "HUYEN", position=3),
    Unit("MC", "Bộ phận một cửa xã", "XA"),
)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """`hour`:`minute` in Hà Nội on `day`."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM_TIME).astimezone(UTC)


def citizen(n: int) -> CitizenRef:
    return CitizenRef("telegram", str(9100 + n))


@dataclass
class Spring:
    feedback: FeedbackService
    reports: ReportService
    clock: Clock
    codes: dict[int, str]


async def _file(
    service: FeedbackService,
    clock: Clock,
    n: int,
    when: datetime,
    unit: str | None,
    *,
    kind: FeedbackType = FeedbackType.PHAN_ANH,
    procedure: str | None = None,
) -> str:
    clock.now = when
    contact = Contact(name=f"Người dân số {n}", address="Thị trấn Tân Lập", phone="0912345678")
    content = f"Phản ánh số {n} về việc giải quyết hồ sơ tại bộ phận một cửa"
    draft = Draft(kind, content, contact, citizen(n), reply_to=str(9100 + n), unit=unit, procedure_code=procedure)
    return (await service.submit(draft)).code


async def build_spring(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, *, until: date = REPORT_DAY) -> Spring:
    """The office as it stands on REPORT_DAY, or with only what happened by `until` (a closed period's report
    must read the same either way)."""
    async with uow_factory() as uow:
        for unit in UNITS:
            await uow.units.add(unit)
        await uow.procedures.upsert(
            [
                Procedure("ĐĐ-01", "Đăng ký đất đai lần đầu", field="Đất đai"),
                Procedure("HT-01", "Đăng ký khai sinh", field="Hộ tịch"),
            ]
        )
        await uow.commit()
    s = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)

    async def act(day: date, n: int, *actions: Action, **kwargs: str) -> None:
        if day > until:
            return
        clock.now = at(day)
        for action in actions:
            await s.act(c[n], action, OFFICER, **(kwargs if action == actions[-1] else {}))

    async def by_citizen(day: date, n: int, call: str, text: str = "") -> None:
        if day > until:
            return
        clock.now = at(day)
        if call == "reopen":
            await s.reopen(c[n], citizen(n), text or "Chưa được giải quyết.")
        elif call == "withdraw":
            await s.withdraw(c[n], citizen(n), text or "Đã tự giải quyết được.")
        else:
            await s.reply_with_information(c[n], citizen(n), text or "Xin gửi bổ sung giấy tờ.")

    april = lambda d: date(2026, 4, d)  # noqa: E731 - the dates read as in the table above
    may = lambda d: date(2026, 5, d)  # noqa: E731
    c: dict[int, str] = {}
    c[15] = await _file(s, clock, 15, at(date(2026, 3, 20)), "KT")
    c[1] = await _file(s, clock, 1, at(april(1), 6, 30), "VP", procedure="ĐĐ-01")  # 31/3 23:30 UTC
    c[2] = await _file(s, clock, 2, at(april(1)), "KT", kind=FeedbackType.KIEN_NGHI, procedure="ĐĐ-01")
    c[4] = await _file(s, clock, 4, at(april(1)), "KT")
    c[8] = await _file(s, clock, 8, at(april(1)), "MC")
    c[9] = await _file(s, clock, 9, at(april(1)), "VP")
    c[18] = await _file(s, clock, 18, at(april(1)), "KT")
    c[3] = await _file(s, clock, 3, at(april(2)), "XA")
    c[6] = await _file(s, clock, 6, at(april(2)), "XA", procedure="HT-01")
    c[11] = await _file(s, clock, 11, at(april(2)), "KT", kind=FeedbackType.KIEN_NGHI)
    c[12] = await _file(s, clock, 12, at(april(4)), "VP")
    c[10] = await _file(s, clock, 10, at(april(6)), "KT")
    c[5] = await _file(s, clock, 5, at(april(13)), "VP")
    c[17] = await _file(s, clock, 17, at(april(15)), "MC")
    c[7] = await _file(s, clock, 7, at(april(20)), "VP", procedure="HT-01")
    c[14] = await _file(s, clock, 14, at(april(22)), None)
    c[19] = await _file(s, clock, 19, at(april(8)), "XA")
    c[13] = await _file(s, clock, 13, at(april(30)), "XA")
    if until >= may(5):
        c[16] = await _file(s, clock, 16, at(may(5)), "VP")

    answer = (Action.ACCEPT, Action.START, Action.ANSWER)
    await act(date(2026, 3, 23), 15, Action.ACCEPT)
    await act(april(2), 4, Action.ACCEPT, Action.START)
    await act(april(2), 8, Action.ACCEPT)
    await act(april(2), 18, Action.ACCEPT, Action.START)
    await act(april(3), 3, Action.REFUSE, note="Không thuộc phạm vi phản ánh, kiến nghị.")
    await act(april(3), 11, Action.ACCEPT)
    await act(april(6), 6, Action.FORWARD, unit="KT")
    await act(april(9), 1, *answer, note="Đã xử lý.")
    await act(april(9), 9, *answer, note="Đã xử lý.")
    await act(april(10), 6, *answer, note="Đã xử lý.")
    await by_citizen(april(10), 19, "withdraw")
    await by_citizen(april(14), 9, "reopen")
    await act(april(14), 5, Action.ACCEPT, Action.START)
    await act(april(15), 11, Action.EXTEND, note="Cần xác minh thực địa.")
    await act(april(16), 5, Action.ASK_CITIZEN, note="Xin bản chụp giấy tờ.")
    await act(april(16), 18, Action.ASK_CITIZEN, note="Xin bản chụp giấy tờ.")
    await act(april(17), 10, *answer, note="Đã xử lý.")
    await act(april(20), 2, *answer, note="Đã xử lý.")
    await act(april(20), 12, *answer, note="Đã xử lý.")
    await act(april(20), 4, Action.ASK_CITIZEN, note="Xin bản chụp giấy tờ.")
    await act(april(21), 7, Action.ACCEPT)
    await act(april(23), 14, Action.FORWARD, unit="XA")
    await act(april(24), 11, Action.START, Action.ANSWER, note="Đã xử lý.")
    await act(april(24), 14, Action.REFUSE, note="Không thuộc phạm vi phản ánh, kiến nghị.")
    await act(may(4), 17, *answer, note="Đã xử lý.")
    await act(may(5), 7, Action.FORWARD, unit="KT")
    await act(may(5), 9, Action.START, Action.ANSWER, note="Đã xử lý lại.")
    await by_citizen(may(5), 10, "reopen")
    await act(may(6), 8, Action.FORWARD, unit="VP")
    await by_citizen(may(6), 18, "reply")
    await act(may(7), 18, Action.ANSWER, note="Đã xử lý.")
    await act(may(8), 16, *answer, note="Đã xử lý.")
    await act(may(12), 7, *answer, note="Đã xử lý.")
    await act(may(25), 8, *answer, note="Đã xử lý.")
    for n, stars in ((1, 5), (2, 2), (12, 4), (16, 5)):
        if n in c:
            await s.rate(c[n], citizen(n), stars)
    clock.now = at(until)
    return Spring(s, ReportService(uow_factory, clock), clock, c)
