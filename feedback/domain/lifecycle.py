"""The PAKN lifecycle: which action moves an item from which status to which, all in one table.

received → accepted | refused → assigned → in_progress ⇄ waiting_for_citizen → answered → closed;
answered → reopened → in_progress; any status in process → forwarded. Decisions beyond that outline:

- Forwarding leads to the status `forwarded`, which the receiving unit treats as `received`: it accepts,
  refuses, or forwards again. A status of its own (rather than going back to `received`) lets the citizen
  and the reports see that the item changed hands; the unit and the new deadlines are the item's business.
- Forwarding is allowed from every status in process, `waiting_for_citizen` included (the receiving unit
  starts afresh), but not from `answered`: an answered item is no longer being handled by anyone.
- Refusing is the classification decision, so only `received` and `forwarded` can be refused. An officer
  who reclassifies an item as khiếu nại or tố cáo does it then.
- `start` (an officer takes the item himself) goes from `accepted` straight to `in_progress`, since in a
  small commune the officer who accepts is often the one who handles it; `assign` is for handing it on.
  `assign` from `assigned` or `in_progress` reassigns, and leaves the item for the new officer to start.
- `answer` only from `in_progress`, so "in progress" always tells who is working on an item, and the
  answered item names who handled it. A channel's one-step "answer now" sends `start` then `answer`.
- `ask_citizen` only from `in_progress`, and `citizen_replied` returns there: the loop is symmetric.
- `extend` keeps the status and is allowed where an answer is being prepared and the clock runs:
  accepted, assigned, in_progress, reopened. Not while waiting for the citizen (the clock is stopped and
  resuming recomputes the deadline), nor before acceptance (the answer deadline starts at acceptance).
  The once-only rule and the reason belong to the item, not to this table.
- A reopened item goes back to work by `start` (in_progress) or to another officer by `assign`.
- The filer may withdraw an item until it is answered: from every status in process (a reopened item
  included: the citizen no longer wants it looked at again). Withdrawn is final, and reports count it as
  withdrawn, not as received and unanswered.
- The final statuses (refused, closed, withdrawn) accept no action at all.
- Rating is not a transition; the reopen window is checked by the item, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from feedback.domain.status import IN_PROCESS_STATUSES, Status


class Action(StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"
    ASSIGN = "assign"
    START = "start"
    ASK_CITIZEN = "ask_citizen"
    CITIZEN_REPLIED = "citizen_replied"
    ANSWER = "answer"
    CLOSE = "close"
    REOPEN = "reopen"
    FORWARD = "forward"
    EXTEND = "extend"
    WITHDRAW = "withdraw"


class IllegalTransition(Exception):
    """An action that the lifecycle does not allow in the item's current status."""

    def __init__(self, status: Status, action: Action) -> None:
        super().__init__(f"{action!s} is not allowed in status {status!s}")
        self.status = status
        self.action = action


TRANSITIONS: Mapping[tuple[Status, Action], Status] = MappingProxyType(
    {
        # Classification, at the receiving unit or at the unit an item was forwarded to.
        (Status.RECEIVED, Action.ACCEPT): Status.ACCEPTED,
        (Status.RECEIVED, Action.REFUSE): Status.REFUSED,
        (Status.RECEIVED, Action.FORWARD): Status.FORWARDED,
        (Status.FORWARDED, Action.ACCEPT): Status.ACCEPTED,
        (Status.FORWARDED, Action.REFUSE): Status.REFUSED,
        (Status.FORWARDED, Action.FORWARD): Status.FORWARDED,
        # Accepted: handed to an officer, or taken by the one who accepted it.
        (Status.ACCEPTED, Action.ASSIGN): Status.ASSIGNED,
        (Status.ACCEPTED, Action.START): Status.IN_PROGRESS,
        (Status.ACCEPTED, Action.FORWARD): Status.FORWARDED,
        (Status.ACCEPTED, Action.EXTEND): Status.ACCEPTED,
        (Status.ASSIGNED, Action.ASSIGN): Status.ASSIGNED,
        (Status.ASSIGNED, Action.START): Status.IN_PROGRESS,
        (Status.ASSIGNED, Action.FORWARD): Status.FORWARDED,
        (Status.ASSIGNED, Action.EXTEND): Status.ASSIGNED,
        # Work, with the clock paused while the citizen is asked for information.
        (Status.IN_PROGRESS, Action.ASSIGN): Status.ASSIGNED,
        (Status.IN_PROGRESS, Action.ASK_CITIZEN): Status.WAITING_FOR_CITIZEN,
        (Status.IN_PROGRESS, Action.ANSWER): Status.ANSWERED,
        (Status.IN_PROGRESS, Action.FORWARD): Status.FORWARDED,
        (Status.IN_PROGRESS, Action.EXTEND): Status.IN_PROGRESS,
        (Status.WAITING_FOR_CITIZEN, Action.CITIZEN_REPLIED): Status.IN_PROGRESS,
        (Status.WAITING_FOR_CITIZEN, Action.FORWARD): Status.FORWARDED,
        # After the answer: closed, or reopened by the citizen and worked on again.
        (Status.ANSWERED, Action.CLOSE): Status.CLOSED,
        (Status.ANSWERED, Action.REOPEN): Status.REOPENED,
        (Status.REOPENED, Action.ASSIGN): Status.ASSIGNED,
        (Status.REOPENED, Action.START): Status.IN_PROGRESS,
        (Status.REOPENED, Action.FORWARD): Status.FORWARDED,
        (Status.REOPENED, Action.EXTEND): Status.REOPENED,
        # The filer takes it back, at any point before the answer.
        **{(status, Action.WITHDRAW): Status.WITHDRAWN for status in IN_PROCESS_STATUSES},
    }
)

# Who may take an action. The citizen replies, reopens, or closes by confirming that the answer settled
# the matter; the system closes an answered item when the reopen window has ended. An officer closes only
# to record that the citizen confirmed it another way (by phone, at the desk): that cuts the reopen window
# short, so the item insists on the note saying so, and the citizen is told. Every other action is an
# officer's.
CITIZEN_ACTIONS: frozenset[Action] = frozenset({Action.CITIZEN_REPLIED, Action.REOPEN, Action.CLOSE, Action.WITHDRAW})
SYSTEM_ACTIONS: frozenset[Action] = frozenset({Action.CLOSE})
OFFICER_ACTIONS: frozenset[Action] = frozenset(Action) - {Action.CITIZEN_REPLIED, Action.REOPEN, Action.WITHDRAW}


def next_status(status: Status, action: Action) -> Status:
    """The status after `action`; raises IllegalTransition when the table does not allow it."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise IllegalTransition(status, action) from None


def allowed_actions(status: Status) -> frozenset[Action]:
    return frozenset(action for (source, action) in TRANSITIONS if source == status)
