"""The PAKN lifecycle table: every allowed step, and nothing else, whatever order actions come in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from feedback.domain.lifecycle import (
    CITIZEN_ACTIONS,
    OFFICER_ACTIONS,
    SYSTEM_ACTIONS,
    TRANSITIONS,
    Action,
    IllegalTransition,
    allowed_actions,
    next_status,
)
from feedback.domain.status import CLOCK_PAUSED, FINAL_STATUSES, IN_PROCESS_STATUSES, OPEN_STATUSES, Status

S, A = Status, Action

# The lifecycle as the design states it, written out independently of the module's table.
EXPECTED = [
    (S.RECEIVED, A.ACCEPT, S.ACCEPTED),
    (S.RECEIVED, A.REFUSE, S.REFUSED),
    (S.RECEIVED, A.FORWARD, S.FORWARDED),
    (S.FORWARDED, A.ACCEPT, S.ACCEPTED),
    (S.FORWARDED, A.REFUSE, S.REFUSED),
    (S.FORWARDED, A.FORWARD, S.FORWARDED),
    (S.ACCEPTED, A.ASSIGN, S.ASSIGNED),
    (S.ACCEPTED, A.START, S.IN_PROGRESS),
    (S.ACCEPTED, A.FORWARD, S.FORWARDED),
    (S.ACCEPTED, A.EXTEND, S.ACCEPTED),
    (S.ASSIGNED, A.ASSIGN, S.ASSIGNED),
    (S.ASSIGNED, A.START, S.IN_PROGRESS),
    (S.ASSIGNED, A.FORWARD, S.FORWARDED),
    (S.ASSIGNED, A.EXTEND, S.ASSIGNED),
    (S.IN_PROGRESS, A.ASSIGN, S.ASSIGNED),
    (S.IN_PROGRESS, A.ASK_CITIZEN, S.WAITING_FOR_CITIZEN),
    (S.IN_PROGRESS, A.ANSWER, S.ANSWERED),
    (S.IN_PROGRESS, A.FORWARD, S.FORWARDED),
    (S.IN_PROGRESS, A.EXTEND, S.IN_PROGRESS),
    (S.WAITING_FOR_CITIZEN, A.CITIZEN_REPLIED, S.IN_PROGRESS),
    (S.WAITING_FOR_CITIZEN, A.FORWARD, S.FORWARDED),
    (S.ANSWERED, A.CLOSE, S.CLOSED),
    (S.ANSWERED, A.REOPEN, S.REOPENED),
    (S.REOPENED, A.ASSIGN, S.ASSIGNED),
    (S.REOPENED, A.START, S.IN_PROGRESS),
    (S.REOPENED, A.FORWARD, S.FORWARDED),
    (S.REOPENED, A.EXTEND, S.REOPENED),
    # The filer withdraws, at any point before the answer.
    (S.RECEIVED, A.WITHDRAW, S.WITHDRAWN),
    (S.FORWARDED, A.WITHDRAW, S.WITHDRAWN),
    (S.ACCEPTED, A.WITHDRAW, S.WITHDRAWN),
    (S.ASSIGNED, A.WITHDRAW, S.WITHDRAWN),
    (S.IN_PROGRESS, A.WITHDRAW, S.WITHDRAWN),
    (S.WAITING_FOR_CITIZEN, A.WITHDRAW, S.WITHDRAWN),
    (S.REOPENED, A.WITHDRAW, S.WITHDRAWN),
]


@pytest.mark.parametrize(("status", "action", "after"), EXPECTED, ids=lambda v: str(v))
def test_each_designed_step_is_allowed(status: Status, action: Action, after: Status) -> None:
    assert next_status(status, action) == after
    assert action in allowed_actions(status)


def test_the_table_holds_exactly_the_designed_steps() -> None:
    assert dict(TRANSITIONS) == {(status, action): after for status, action, after in EXPECTED}


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.RECEIVED, A.ANSWER),  # classify first
        (S.RECEIVED, A.START),
        (S.RECEIVED, A.EXTEND),  # the answer deadline starts at acceptance
        (S.ACCEPTED, A.ANSWER),  # only someone working on it answers
        (S.ASSIGNED, A.ANSWER),
        (S.ACCEPTED, A.REFUSE),  # refusing is the classification decision
        (S.ASSIGNED, A.ASK_CITIZEN),
        (S.WAITING_FOR_CITIZEN, A.EXTEND),  # the clock is stopped
        (S.WAITING_FOR_CITIZEN, A.ANSWER),
        (S.ANSWERED, A.FORWARD),
        (S.ANSWERED, A.ANSWER),
        (S.IN_PROGRESS, A.CLOSE),
        (S.IN_PROGRESS, A.REOPEN),
        (S.REOPENED, A.ANSWER),
        (S.CLOSED, A.REOPEN),
        (S.REFUSED, A.ACCEPT),
    ],
)
def test_steps_outside_the_design_raise_and_name_status_and_action(status: Status, action: Action) -> None:
    with pytest.raises(IllegalTransition) as raised:
        next_status(status, action)
    assert (raised.value.status, raised.value.action) == (status, action)
    assert action not in allowed_actions(status)


@pytest.mark.parametrize("status", sorted(FINAL_STATUSES))
def test_final_statuses_accept_no_action(status: Status) -> None:
    assert allowed_actions(status) == frozenset()
    for action in Action:
        with pytest.raises(IllegalTransition):
            next_status(status, action)


def test_every_status_but_the_final_ones_has_a_way_forward() -> None:
    assert {status for status in Status if allowed_actions(status)} == set(OPEN_STATUSES)


def _reachable_from(start: Status) -> set[Status]:
    seen, frontier = {start}, [start]
    while frontier:
        status = frontier.pop()
        for action in allowed_actions(status):
            after = next_status(status, action)
            if after not in seen:
                seen.add(after)
                frontier.append(after)
    return seen


def test_every_status_is_reachable_from_received() -> None:
    assert _reachable_from(Status.RECEIVED) == set(Status)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_no_open_status_is_a_trap(status: Status) -> None:
    assert _reachable_from(status) & FINAL_STATUSES


def test_status_groups() -> None:
    assert set(FINAL_STATUSES) == {S.REFUSED, S.CLOSED, S.WITHDRAWN}
    assert set(OPEN_STATUSES) == set(Status) - FINAL_STATUSES
    assert set(IN_PROCESS_STATUSES) == OPEN_STATUSES - {S.ANSWERED}
    assert set(CLOCK_PAUSED) == {S.WAITING_FOR_CITIZEN}
    # Forwarding is allowed from exactly the statuses in process.
    assert {status for (status, action) in TRANSITIONS if action == A.FORWARD} == IN_PROCESS_STATUSES


def test_who_takes_which_action() -> None:
    assert set(CITIZEN_ACTIONS) == {A.CITIZEN_REPLIED, A.REOPEN, A.CLOSE, A.WITHDRAW}
    assert set(SYSTEM_ACTIONS) == {A.CLOSE}
    assert set(CITIZEN_ACTIONS & OFFICER_ACTIONS) == {A.CLOSE}  # an officer records the citizen's confirmation
    assert set(CITIZEN_ACTIONS | OFFICER_ACTIONS) == set(Action)
    assert A.ANSWER in OFFICER_ACTIONS and A.REOPEN not in OFFICER_ACTIONS and A.WITHDRAW not in OFFICER_ACTIONS


def test_extend_never_changes_the_status() -> None:
    for (status, action), after in TRANSITIONS.items():
        if action == A.EXTEND:
            assert after == status


@given(st.lists(st.sampled_from(Action), max_size=40))
def test_any_sequence_of_actions_stays_inside_the_table(actions: list[Action]) -> None:
    status = Status.RECEIVED
    for action in actions:
        if (status, action) in TRANSITIONS:
            status = next_status(status, action)
        else:
            before = status
            with pytest.raises(IllegalTransition):
                status = next_status(status, action)
            assert status == before
        assert status in Status


class ItemLifecycle(RuleBasedStateMachine):
    """An item pushed through random actions, legal or not, from the moment it is received."""

    def __init__(self) -> None:
        super().__init__()
        self.status = Status.RECEIVED
        self.visited = {Status.RECEIVED}

    @rule(action=st.sampled_from(Action))
    def act(self, action: Action) -> None:
        before = self.status
        if action in allowed_actions(before):
            self.status = next_status(before, action)
            assert self.status == TRANSITIONS[(before, action)]
            self.visited.add(self.status)
        else:
            with pytest.raises(IllegalTransition):
                self.status = next_status(before, action)
            assert self.status == before

    @invariant()
    def status_is_one_the_table_leads_to(self) -> None:
        assert self.status == Status.RECEIVED or self.status in set(TRANSITIONS.values())

    @invariant()
    def final_statuses_are_dead_ends(self) -> None:
        if self.status in FINAL_STATUSES:
            assert allowed_actions(self.status) == frozenset()

    @invariant()
    def a_received_item_never_comes_back_to_received(self) -> None:
        assert self.status != Status.RECEIVED or self.visited == {Status.RECEIVED}


TestItemLifecycle = ItemLifecycle.TestCase
