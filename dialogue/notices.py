"""A PAKN notice as a dialogue reply: its text (`dialogue.notice_text`) and the choices that go under it.

Under an answer: the stars, bound to that answer's round, and «Chưa được giải quyết»; under a request for
information: «Gửi thông tin bổ sung». The follow-up flow checks each choice again when it is pressed (the
item may have moved on since the notice went out), so a notice may offer them without asking the item.
"""

from __future__ import annotations

from dialogue import followup_choices
from dialogue.notice_text import notice_text
from dialogue.replies import Choice, Reply
from feedback.domain.model import NoticeKind
from feedback.service_layer.feedback_ports import OutgoingNotice


def choices(notice: OutgoingNotice) -> list[list[Choice]]:
    match notice.kind:
        case NoticeKind.ANSWERED:
            # A notice stored before answers were numbered carried the first (migration 0019 numbers old ones).
            answer_number = notice.answer_number or 1
            return followup_choices.answered(notice.code, answer_number, rate=True, can_reopen=True)
        case NoticeKind.INFORMATION_REQUESTED:
            return [[followup_choices.add_information(notice.code)]]
    return []


def notice_reply(notice: OutgoingNotice) -> Reply:
    """What the citizen is sent: the whole text (a channel splits a long answer, the choices under the last
    part) and the choices."""
    text = notice_text(notice.kind, notice.code, notice.status, notice.text, notice.due)
    return Reply(text=text, buttons=tuple(tuple(row) for row in choices(notice)))
