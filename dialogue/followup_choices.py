"""The choices under a PAKN item or notice: rate, reopen, supply information, withdraw.

Their ids carry the item's code and, for rating and reopening, the answer round they were shown under
(`TrackingView.answer_number`), so that stars pressed under a first answer never rate a second one. The
follow-up flow (`dialogue.followup`) reads them and checks every part again against the item.
"""

from __future__ import annotations

from dialogue import texts
from dialogue.replies import Choice
from dialogue.router import choice_id
from feedback.domain.status import IN_PROCESS_STATUSES, Status
from feedback.service_layer.feedback_service import TrackingView

PREFIX = "fu"
RATE = "rate"
REOPEN = "reopen"
INFORMATION = "info"
WITHDRAW = "withdraw"
NO_REASON = "noreason"
SEND = "send"
STOP = "stop"


def rating(code: str, answer_number: int) -> list[Choice]:
    return [
        Choice(choice_id(PREFIX, RATE, code, answer_number, stars), texts.CHOICE_STARS.format(stars=stars))
        for stars in range(1, 6)
    ]


def reopen(code: str, answer_number: int) -> Choice:
    return Choice(choice_id(PREFIX, REOPEN, code, answer_number), texts.CHOICE_REOPEN)


def add_information(code: str) -> Choice:
    return Choice(choice_id(PREFIX, INFORMATION, code), texts.CHOICE_ADD_INFORMATION)


def withdraw(code: str) -> Choice:
    return Choice(choice_id(PREFIX, WITHDRAW, code), texts.CHOICE_WITHDRAW)


def no_reason(label: str) -> Choice:
    return Choice(choice_id(PREFIX, NO_REASON), label)


def send() -> Choice:
    return Choice(choice_id(PREFIX, SEND), texts.CHOICE_SEND)


def stop() -> Choice:
    return Choice(choice_id(PREFIX, STOP), texts.CHOICE_STOP)


def answered(code: str, answer_number: int, *, rate: bool, can_reopen: bool) -> list[list[Choice]]:
    """Under an answer: one choice rates it (1–5), and «Chưa được giải quyết» reopens it."""
    rows: list[list[Choice]] = []
    if rate:
        rows.append(rating(code, answer_number))
    if can_reopen:
        rows.append([reopen(code, answer_number)])
    return rows


def for_item(view: TrackingView) -> list[list[Choice]]:
    """What the filer may do with their item now; nothing for anyone else."""
    if not view.is_owner:
        return []
    if view.status == Status.ANSWERED:
        return answered(view.code, view.answer_number, rate=view.rating is None, can_reopen=view.can_reopen)
    rows: list[list[Choice]] = []
    if view.status == Status.WAITING_FOR_CITIZEN:
        rows.append([add_information(view.code)])
    if view.status in IN_PROCESS_STATUSES:
        rows.append([withdraw(view.code)])
    return rows
