"""The officers' inline keyboards: queue pages, an item's actions, and the choices an action needs.

Which action buttons an item shows follows `ItemView.actions`, the desk's answer to "what may this officer
do now"; every press is checked by the desk again, so a button is an offer, never a permission.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callback_data import (
    ACCEPT,
    ANSWER,
    APOLOGISE,
    ASK_CITIZEN,
    ASSIGN,
    CANCEL,
    CLAIM,
    CLOSE,
    COLLEAGUE,
    EDIT,
    EXTEND,
    FORWARD,
    FORWARD_UNIT,
    REFUSAL_CONFIRMED,
    REFUSAL_REASON,
    REFUSE,
    REFUSE_OTHER,
    SEND,
    CodeBook,
    OfficerAct,
    OfficerChoice,
    OfficerList,
    OfficerOpen,
    OfficerPick,
    encode,
)
from bot.keyboards import button_label
from bot.officer_views import days, marker
from feedback.access import Officer
from feedback.lifecycle import Action
from feedback.officer_desk import ItemView
from feedback.queue import QueuePage
from feedback.refusal_reasons import RefusalReason
from feedback.status import IN_PROCESS_STATUSES
from feedback.units import Unit


def _button(
    label: str, action: OfficerAct | OfficerOpen | OfficerPick | OfficerList, codes: CodeBook
) -> InlineKeyboardButton:
    return InlineKeyboardButton(button_label(label), callback_data=encode(action, codes))


def queue(kind: str, page: QueuePage, codes: CodeBook) -> InlineKeyboardMarkup | None:
    """One button per item (code and days), then the paging row."""
    rows = [
        [
            _button(
                f"{marker(entry.days_left, paused=entry.clock_paused, status=entry.status)} {entry.code} · "
                f"{days(entry.days_left, paused=entry.clock_paused, status=entry.status)}",
                OfficerOpen(entry.code),
                codes,
            )
        ]
        for entry in page.entries
    ]
    paging = []
    if page.page > 1:
        paging.append(_button(texts.BUTTON_PREVIOUS, OfficerList(kind, page.page - 1), codes))
    if page.page < page.pages:
        paging.append(_button(texts.BUTTON_MORE, OfficerList(kind, page.page + 1), codes))
    if paging:
        rows.append(paging)
    return InlineKeyboardMarkup(rows) if rows else None


def offered(view: ItemView) -> list[str]:
    """The officer's intentions the item's allowed actions make possible, in the keyboard's order.

    "Tôi xử lý", "Giao cho…" and "Trả lời" accept (and take) the item first when needed, as the desk does."""
    actions = view.actions
    unclassified = Action.ACCEPT in actions
    wanted = [
        (CLAIM, Action.START in actions or unclassified),
        (ANSWER, Action.ANSWER in actions or Action.START in actions or unclassified),
        (ACCEPT, unclassified),
        (REFUSE, Action.REFUSE in actions),
        (ASSIGN, Action.ASSIGN in actions or unclassified),
        (FORWARD, Action.FORWARD in actions),
        (ASK_CITIZEN, Action.ASK_CITIZEN in actions),
        (EXTEND, Action.EXTEND in actions),  # the desk offers it once only
        (APOLOGISE, bool(actions) and view.item.status in IN_PROCESS_STATUSES),
        (CLOSE, Action.CLOSE in actions),
    ]
    return [intention for intention, possible in wanted if possible]


_LABELS = {
    CLAIM: texts.BUTTON_OFFICER_CLAIM,
    ANSWER: texts.BUTTON_OFFICER_ANSWER,
    ACCEPT: texts.BUTTON_OFFICER_ACCEPT,
    REFUSE: texts.BUTTON_OFFICER_REFUSE,
    ASSIGN: texts.BUTTON_OFFICER_ASSIGN,
    FORWARD: texts.BUTTON_OFFICER_FORWARD,
    ASK_CITIZEN: texts.BUTTON_OFFICER_ASK,
    EXTEND: texts.BUTTON_OFFICER_EXTEND,
    CLOSE: texts.BUTTON_OFFICER_CLOSE,
    APOLOGISE: texts.BUTTON_OFFICER_APOLOGISE,
}


def _pairs(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[start : start + 2]) for start in range(0, len(buttons), 2)]


def item(view: ItemView, codes: CodeBook) -> InlineKeyboardMarkup:
    """The actions the officer may take now, two a row, and "Xem lại" to reload."""
    code = view.item.code
    buttons = [_button(_LABELS[intention], OfficerAct(code, intention), codes) for intention in offered(view)]
    return InlineKeyboardMarkup([*_pairs(buttons), [_button(texts.BUTTON_OFFICER_REFRESH, OfficerOpen(code), codes)]])


def _back(code: str, codes: CodeBook) -> list[InlineKeyboardButton]:
    return [_button(texts.BUTTON_OFFICER_BACK, OfficerOpen(code), codes)]


def refusal_reasons(code: str, reasons: Iterable[RefusalReason], codes: CodeBook) -> InlineKeyboardMarkup:
    rows = [[_button(reason.label_vi, OfficerPick(code, REFUSAL_REASON, reason.code), codes)] for reason in reasons]
    rows.append([_button(texts.BUTTON_OFFICER_OTHER_REASON, OfficerAct(code, REFUSE_OTHER), codes)])
    return InlineKeyboardMarkup([*rows, _back(code, codes)])


def confirm_refusal(code: str, reason: str, codes: CodeBook) -> InlineKeyboardMarkup:
    confirm = _button(texts.BUTTON_OFFICER_CONFIRM_REFUSAL, OfficerPick(code, REFUSAL_CONFIRMED, reason), codes)
    return InlineKeyboardMarkup([[confirm], [_button(texts.BUTTON_OFFICER_BACK, OfficerAct(code, REFUSE), codes)]])


def colleagues(code: str, officers: Iterable[Officer], codes: CodeBook) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"{officer.display_name} ({officer.username})", OfficerPick(code, COLLEAGUE, officer.username), codes)]
        for officer in officers
    ]
    return InlineKeyboardMarkup([*rows, _back(code, codes)])


def units(code: str, candidates: Iterable[Unit], codes: CodeBook) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"{unit.name} ({unit.code})", OfficerPick(code, FORWARD_UNIT, unit.code), codes)]
        for unit in candidates
    ]
    return InlineKeyboardMarkup([*rows, _back(code, codes)])


def _choice(label: str, choice: str, codes: CodeBook) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(OfficerChoice(choice), codes))


def review(codes: CodeBook) -> InlineKeyboardMarkup:
    """Under what the citizen will read: "Gửi", "Sửa", "Huỷ"."""
    return InlineKeyboardMarkup(
        [
            [
                _choice(texts.BUTTON_OFFICER_SEND, SEND, codes),
                _choice(texts.BUTTON_OFFICER_EDIT, EDIT, codes),
                _choice(texts.BUTTON_OFFICER_CANCEL, CANCEL, codes),
            ]
        ]
    )


def send_again(codes: CodeBook) -> InlineKeyboardMarkup:
    """After someone else changed the item: the typed text is kept, to send again or drop."""
    return InlineKeyboardMarkup(
        [
            [
                _choice(texts.BUTTON_OFFICER_SEND_AGAIN, SEND, codes),
                _choice(texts.BUTTON_OFFICER_CANCEL, CANCEL, codes),
            ]
        ]
    )
