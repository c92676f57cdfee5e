"""The morning digest: which list each queue entry goes in, who gets which units, and the stored form."""

from __future__ import annotations

from datetime import date

from dialogue import officer_alert_text
from feedback.domain.access import Officer, Role
from feedback.domain.channel_alert import ChannelAlert, ChannelProblem
from feedback.domain.citizen_alert import CitizenAlert, CitizenStep
from feedback.domain.digest import Digest, UnitDigest, by_unit, for_officer, recipients
from feedback.domain.escalation import EscalatedItem, EscalationAlert
from feedback.domain.legal_type import FeedbackType
from feedback.domain.queue import QueueEntry
from feedback.domain.status import Status
from feedback.domain.units import Unit, UnitTree
from storage.officer_message_json import from_json, kind_of, to_json

FRIDAY = date(2026, 8, 28)
TREE = UnitTree(
    [
        Unit("UBND-XA", "UBND xã An Bình"),
        Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA"),
        Unit("DIA-CHINH", "Công chức địa chính", "UBND-XA"),
    ]
)


def entry(code: str, unit: str | None, days_left: int, due: date, *, paused: bool = False) -> QueueEntry:
    return QueueEntry(
        code=code,
        type=FeedbackType.PHAN_ANH,
        status=Status.WAITING_FOR_CITIZEN if paused else Status.ACCEPTED,
        unit=unit,
        assignee=None,
        received_on=date(2026, 8, 10),
        due=due,
        days_left=days_left,
        preview=f"Nội dung <{code}>",
        clock_paused=paused,
    )


LATE = entry("20260811.0001", "MOT-CUA", -4, date(2026, 8, 24))
TODAY = entry("20260817.0001", "MOT-CUA", 0, FRIDAY)
SOON = entry("20260818.0001", "MOT-CUA", 1, date(2026, 9, 3))
SOON_TOO = entry("20260819.0001", "MOT-CUA", 2, date(2026, 9, 4))
LATER = entry("20260820.0001", "MOT-CUA", 3, date(2026, 9, 7))
PAUSED = entry("20260812.0001", "MOT-CUA", -2, date(2026, 8, 25), paused=True)
LAND = entry("20260813.0001", "DIA-CHINH", -2, date(2026, 8, 26))
UNROUTED = entry("20260814.0001", None, 0, FRIDAY)


def test_entries_go_to_overdue_due_today_or_due_soon_and_the_rest_are_left_out() -> None:
    units = by_unit([LATE, TODAY, SOON, SOON_TOO, LATER, PAUSED, LAND, UNROUTED], TREE)
    assert units == [
        UnitDigest(None, None, due_today=(UNROUTED,)),  # unrouted first, then in the order of the tree
        UnitDigest("DIA-CHINH", "Công chức địa chính", overdue=(LAND,)),
        UnitDigest("MOT-CUA", "Bộ phận một cửa", due_today=(TODAY,), due_soon=(SOON, SOON_TOO), overdue=(LATE,)),
    ]


def test_each_officer_gets_the_units_their_roles_cover_and_nothing_when_none_has_news() -> None:
    units = by_unit([LATE, LAND, UNROUTED], TREE)
    desk = Officer(1, "an", "Nguyễn An", frozenset({(Role.OFFICER, "MOT-CUA")}), telegram_user_id=501)
    head = Officer(2, "chi", "Lê Chi", frozenset({(Role.UNIT_HEAD, "UBND-XA")}), telegram_user_id=502)
    assert for_officer(desk, units, TREE, FRIDAY) == Digest(FRIDAY, (units[2],))
    assert for_officer(head, units, TREE, FRIDAY) == Digest(FRIDAY, tuple(units))
    assert for_officer(desk, by_unit([LAND], TREE), TREE, FRIDAY) is None


def test_only_active_officers_with_a_linked_account_receive_messages() -> None:
    linked = Officer(1, "an", "Nguyễn An", telegram_user_id=501)
    unlinked = Officer(2, "binh", "Trần Bình")
    retired = Officer(3, "chi", "Lê Chi", telegram_user_id=503, active=False)
    assert recipients([linked, unlinked, retired]) == [linked]


def test_messages_come_back_whole_from_their_stored_form() -> None:
    digest = Digest(FRIDAY, tuple(by_unit([LATE, TODAY, SOON, UNROUTED], TREE)))
    alert = EscalationAlert(FRIDAY, (EscalatedItem("20260811.0001", "MOT-CUA", date(2026, 8, 24), 4, 2, "UBND-XA"),))
    channel = ChannelAlert(FRIDAY, "zalo", ChannelProblem.TOKEN_RENEWAL_FAILED, "Zalo refused (-14014 Invalid …)")
    citizen = CitizenAlert(FRIDAY, "20260811.0001", CitizenStep.INFORMATION, None, date(2026, 8, 31), "Làn phải", 1)
    withdrawn = CitizenAlert(FRIDAY, "20260811.0002", CitizenStep.WITHDRAWN, "MOT-CUA", None)
    for message in (digest, alert, channel, citizen, withdrawn):
        assert from_json(kind_of(message), to_json(message)) == message


def test_the_digest_reads_by_unit_with_the_late_items_first_and_escapes_the_content() -> None:
    text = officer_alert_text.render(Digest(FRIDAY, tuple(by_unit([SOON, LATE, TODAY, UNROUTED], TREE))))
    assert text.splitlines() == [
        "☀️ <b>Việc cần xử lý ngày 28/08/2026</b>",
        "",
        "🏢 <b>Chưa phân đơn vị</b>",
        "🟠 Đến hạn hôm nay (1):",
        "• <code>20260814.0001</code> · hạn 28/08/2026 · Nội dung &lt;20260814.0001&gt;",
        "",
        "🏢 <b>Bộ phận một cửa</b>",
        "🔴 Quá hạn (1):",
        "• <code>20260811.0001</code> · hạn 24/08/2026 (quá 4 ngày) · Nội dung &lt;20260811.0001&gt;",
        "🟠 Đến hạn hôm nay (1):",
        "• <code>20260817.0001</code> · hạn 28/08/2026 · Nội dung &lt;20260817.0001&gt;",
        "🟡 Đến hạn trong 2 ngày làm việc tới (1):",
        "• <code>20260818.0001</code> · hạn 03/09/2026 · Nội dung &lt;20260818.0001&gt;",
    ]


def test_a_long_list_is_cut_with_a_count_of_the_rest() -> None:
    many = [entry(f"20260811.{n:04}", "MOT-CUA", -4, date(2026, 8, 24)) for n in range(1, 26)]
    text = officer_alert_text.render(Digest(FRIDAY, tuple(by_unit(many, TREE))))
    assert text.count("<code>20260811.") == 10
    assert text.endswith("… và 15 việc khác")
