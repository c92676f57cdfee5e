"""The apology for a late item: when the system owes it, its new date, and moving that date only once."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feedback.domain.apology import default_promise, owes_apology
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import DeadlinePolicy
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import (
    SYSTEM,
    Actor,
    ActorKind,
    CannotApologise,
    CitizenRef,
    Contact,
    Draft,
    FeedbackItem,
    InvalidPromise,
    NoticeKind,
    PromiseAlreadyMoved,
)
from feedback.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
POLICY = DeadlinePolicy()
OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn An")


def at(day: date) -> datetime:
    """08:00 in Hà Nội on `day`."""
    return datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)


def received_on(day: date) -> FeedbackItem:
    draft = Draft(
        type=FeedbackType.PHAN_ANH,
        content="Đèn đường ngõ 5 Trần Phú tắt cả tháng nay.",
        contact=Contact(name="Trần Thị Lan", address="5 Trần Phú", phone="0912345678"),
        citizen=CitizenRef("telegram", "100001"),
        reply_to="100001",
    )
    item = FeedbackItem.receive(draft, at=at(day), calendar=CALENDAR, policy=POLICY)
    item.code = "20260818.0001"
    item.take_pending()
    return item


def test_the_apology_is_owed_on_the_last_working_day_before_the_deadline_across_the_national_day() -> None:
    item = received_on(date(2026, 8, 18))
    assert item.due == date(2026, 9, 3)  # Thu: 31/8 (swapped) to 2/9 are days off
    assert not owes_apology(item, date(2026, 8, 27), CALENDAR)
    assert owes_apology(item, date(2026, 8, 28), CALENDAR)  # Fri, not Wed 2/9
    assert owes_apology(item, date(2026, 9, 3), CALENDAR)  # a missed day is caught up


def test_no_apology_is_owed_while_the_clock_is_stopped_after_an_apology_or_once_answered() -> None:
    late_day = date(2026, 8, 28)
    item = received_on(date(2026, 8, 18))
    for action in (Action.ACCEPT, Action.START):
        item.apply(action, actor=OFFICER, at=at(date(2026, 8, 19)), calendar=CALENDAR, policy=POLICY)
    item.apply(Action.ASK_CITIZEN, actor=OFFICER, at=at(late_day), calendar=CALENDAR, policy=POLICY, note="Ảnh?")
    assert not owes_apology(item, late_day, CALENDAR)

    answered = received_on(date(2026, 8, 18))
    for action, note in ((Action.ACCEPT, None), (Action.START, None), (Action.ANSWER, "Đã sửa đèn.")):
        answered.apply(action, actor=OFFICER, at=at(late_day), calendar=CALENDAR, policy=POLICY, note=note)
    assert not owes_apology(answered, late_day, CALENDAR)

    apologised = received_on(date(2026, 8, 18))
    apologised.apologise(actor=SYSTEM, at=at(late_day), new_date=date(2026, 9, 10), calendar=CALENDAR)
    assert not owes_apology(apologised, late_day, CALENDAR)


def test_the_default_new_date_counts_working_days_after_the_deadline_or_after_today_when_it_has_passed() -> None:
    item = received_on(date(2026, 8, 18))
    assert default_promise(item, date(2026, 8, 28), CALENDAR, 5) == date(2026, 9, 10)
    assert default_promise(item, date(2026, 9, 8), CALENDAR, 5) == date(2026, 9, 15)


def test_an_apology_sets_the_date_tells_the_citizen_and_leaves_status_and_deadline_alone() -> None:
    item = received_on(date(2026, 8, 18))
    entry = item.apologise(
        actor=OFFICER, at=at(date(2026, 8, 28)), new_date=date(2026, 9, 10), calendar=CALENDAR, reason="Chờ điện lực"
    )
    assert (item.promised_on, item.promise_moved, item.due) == (date(2026, 9, 10), False, date(2026, 9, 3))
    assert (entry.action, entry.actor, entry.note) == ("apologise", OFFICER, "2026-09-10 Chờ điện lực")
    audit, notices = item.take_pending()
    assert audit == [entry]
    assert [(n.kind, n.due, n.text) for n in notices] == [(NoticeKind.APOLOGY, date(2026, 9, 10), "Chờ điện lực")]


def test_the_new_date_can_be_moved_once_and_a_second_move_is_refused_without_a_trace() -> None:
    item = received_on(date(2026, 8, 18))
    item.apologise(actor=SYSTEM, at=at(date(2026, 8, 28)), new_date=date(2026, 9, 10), calendar=CALENDAR)
    moved = item.apologise(actor=OFFICER, at=at(date(2026, 9, 3)), new_date=date(2026, 9, 17), calendar=CALENDAR)
    assert moved.action == "move_promise"
    assert (item.promised_on, item.promise_moved) == (date(2026, 9, 17), True)
    item.take_pending()
    with pytest.raises(PromiseAlreadyMoved) as refused:
        item.apologise(actor=OFFICER, at=at(date(2026, 9, 4)), new_date=date(2026, 9, 24), calendar=CALENDAR)
    assert refused.value.promised_on == date(2026, 9, 17)
    assert item.promised_on == date(2026, 9, 17)
    assert item.take_pending() == ([], [])


@pytest.mark.parametrize(
    "new_date",
    [
        date(2026, 9, 3),  # the deadline itself: that is no new date
        date(2026, 8, 27),  # before today
        date(2026, 9, 5),  # a Saturday: nobody answers on it
        date(2026, 9, 2),  # the National Day
    ],
)
def test_a_new_date_must_be_a_working_day_after_the_deadline_and_after_today(new_date: date) -> None:
    item = received_on(date(2026, 8, 18))
    with pytest.raises(InvalidPromise):
        item.apologise(actor=OFFICER, at=at(date(2026, 8, 28)), new_date=new_date, calendar=CALENDAR)
    assert item.promised_on is None


def test_an_answered_item_owes_no_apology() -> None:
    item = received_on(date(2026, 8, 18))
    for action, note in ((Action.ACCEPT, None), (Action.START, None), (Action.ANSWER, "Đã sửa đèn.")):
        item.apply(action, actor=OFFICER, at=at(date(2026, 8, 20)), calendar=CALENDAR, policy=POLICY, note=note)
    with pytest.raises(CannotApologise):
        item.apologise(actor=OFFICER, at=at(date(2026, 8, 28)), new_date=date(2026, 9, 10), calendar=CALENDAR)
