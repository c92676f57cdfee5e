"""Every keyboard the bot shows (inline, and the reply keyboard with the contact button).

Callback data always comes from bot.callback_data.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot import texts
from bot.callback_data import (
    CANCEL,
    DONE,
    EDIT_ADDRESS,
    EDIT_CONTACT,
    EDIT_CONTENT,
    EDIT_NAME,
    EDIT_PROCEDURE,
    EDIT_TYPE,
    EDIT_UNIT,
    KIEN_NGHI,
    NEW_CONTACT,
    NO_REASON,
    PHAN_ANH,
    REUSE_CONTACT,
    SEND,
    SEND_ANYWAY,
    SEND_INFORMATION,
    SKIP,
    STOP,
    AddInformation,
    CardPage,
    CodeBook,
    IntakeChoice,
    MenuChoice,
    OpenCard,
    OpenItem,
    PickProcedure,
    PickUnit,
    RateItem,
    ReopenItem,
    ResultsPage,
    encode,
)
from bot.context import MenuEntry
from bot.result_list import ResultsView
from feedback.model import NoticeKind
from feedback.ports import OutgoingNotice
from feedback.services import TrackingView
from feedback.status import Status

_LABEL_LENGTH = 56


def button_label(text: str) -> str:
    """Button labels are one line on a phone: long names are shortened at a word."""
    if len(text) <= _LABEL_LENGTH:
        return text
    return text[:_LABEL_LENGTH].rsplit(" ", 1)[0] + "…"


def main_menu(entries: Sequence[MenuEntry], codes: CodeBook) -> InlineKeyboardMarkup | None:
    if not entries:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(entry.label, callback_data=encode(MenuChoice(entry.key), codes))] for entry in entries]
    )


def results(view: ResultsView, search_id: str, codes: CodeBook) -> InlineKeyboardMarkup | None:
    """One button per listed procedure, then the paging row."""
    rows = [
        [
            InlineKeyboardButton(
                button_label(f"{item.number}. {item.name}"), callback_data=encode(OpenCard(item.code), codes)
            )
        ]
        for item in view.items
    ]
    paging = []
    if view.previous_page is not None:
        paging.append(
            InlineKeyboardButton(
                texts.BUTTON_PREVIOUS, callback_data=encode(ResultsPage(search_id, view.previous_page), codes)
            )
        )
    if view.next_page is not None:
        paging.append(
            InlineKeyboardButton(texts.BUTTON_MORE, callback_data=encode(ResultsPage(search_id, view.next_page), codes))
        )
    if paging:
        rows.append(paging)
    return InlineKeyboardMarkup(rows) if rows else None


def card(
    code: str, page: int, pages: int, share_link: str | None, share_text: str, codes: CodeBook
) -> InlineKeyboardMarkup:
    """Page buttons of a long card and a share button."""
    rows: list[list[InlineKeyboardButton]] = []
    paging = []
    if page > 1:
        label = texts.BUTTON_PAGE_PREVIOUS.format(page=page - 1, pages=pages)
        paging.append(InlineKeyboardButton(label, callback_data=encode(CardPage(code, page - 1), codes)))
    if page < pages:
        label = texts.BUTTON_PAGE_NEXT.format(page=page + 1, pages=pages)
        paging.append(InlineKeyboardButton(label, callback_data=encode(CardPage(code, page + 1), codes)))
    if paging:
        rows.append(paging)
    if share_link:
        url = f"https://t.me/share/url?url={quote(share_link, safe='')}&text={quote(share_text, safe='')}"
        rows.append([InlineKeyboardButton(texts.BUTTON_SHARE, url=url)])
    return InlineKeyboardMarkup(rows)


# --- PAKN ---------------------------------------------------------------------------------


def _intake(label: str, choice: str, codes: CodeBook) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(IntakeChoice(choice), codes))


def feedback_type(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_intake(texts.BUTTON_PHAN_ANH, PHAN_ANH, codes), _intake(texts.BUTTON_KIEN_NGHI, KIEN_NGHI, codes)],
            [_intake(texts.BUTTON_CANCEL, CANCEL, codes)],
        ]
    )


def content_done(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_intake(texts.BUTTON_DONE, DONE, codes)]])


def skip(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_intake(texts.BUTTON_SKIP, SKIP, codes)]])


def procedure_choices(procedures: Sequence[tuple[str, str]], codes: CodeBook) -> InlineKeyboardMarkup:
    """One button per (code, name) found, then "Bỏ qua"."""
    rows = [
        [InlineKeyboardButton(button_label(name), callback_data=encode(PickProcedure(code), codes))]
        for code, name in procedures
    ]
    return InlineKeyboardMarkup([*rows, [_intake(texts.BUTTON_SKIP, SKIP, codes)]])


def unit_choices(units: Sequence[tuple[str, str]], codes: CodeBook) -> InlineKeyboardMarkup:
    """One button per (code, name), then "Bỏ qua"."""
    rows = [
        [InlineKeyboardButton(button_label(name), callback_data=encode(PickUnit(code), codes))] for code, name in units
    ]
    return InlineKeyboardMarkup([*rows, [_intake(texts.BUTTON_SKIP, SKIP, codes)]])


def reuse_contact(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_intake(texts.BUTTON_REUSE_CONTACT, REUSE_CONTACT, codes)],
            [_intake(texts.BUTTON_NEW_CONTACT, NEW_CONTACT, codes)],
        ]
    )


def share_phone() -> ReplyKeyboardMarkup:
    """Under the input field: Telegram sends the citizen's own number, already checked by Telegram."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.BUTTON_SHARE_PHONE, request_contact=True)]], resize_keyboard=True, one_time_keyboard=True
    )


def no_keyboard() -> ReplyKeyboardRemove:
    return ReplyKeyboardRemove()


def summary(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_intake(texts.BUTTON_SEND, SEND, codes)],
            [
                _intake(texts.BUTTON_EDIT_TYPE, EDIT_TYPE, codes),
                _intake(texts.BUTTON_EDIT_CONTENT, EDIT_CONTENT, codes),
            ],
            [
                _intake(texts.BUTTON_EDIT_PROCEDURE, EDIT_PROCEDURE, codes),
                _intake(texts.BUTTON_EDIT_UNIT, EDIT_UNIT, codes),
            ],
            [
                _intake(texts.BUTTON_EDIT_NAME, EDIT_NAME, codes),
                _intake(texts.BUTTON_EDIT_CONTACT, EDIT_CONTACT, codes),
            ],
            [_intake(texts.BUTTON_EDIT_ADDRESS, EDIT_ADDRESS, codes)],
            [_intake(texts.BUTTON_CANCEL, CANCEL, codes)],
        ]
    )


def duplicate(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_intake(texts.BUTTON_SEND_ANYWAY, SEND_ANYWAY, codes), _intake(texts.BUTTON_CANCEL, CANCEL, codes)]]
    )


def retry(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_intake(texts.BUTTON_RETRY, SEND, codes), _intake(texts.BUTTON_CANCEL, CANCEL, codes)]]
    )


def my_items(items: Sequence[tuple[str, str]], codes: CodeBook) -> InlineKeyboardMarkup | None:
    """One button per (tracking code, status label)."""
    if not items:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button_label(f"{code} · {status}"), callback_data=encode(OpenItem(code), codes))]
            for code, status in items
        ]
    )


def answered(tracking_code: str, *, rate: bool, reopen: bool, codes: CodeBook) -> InlineKeyboardMarkup | None:
    """Under an answer: one tap rates it (1–5), and "Chưa được giải quyết" reopens it."""
    rows: list[list[InlineKeyboardButton]] = []
    if rate:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.BUTTON_STARS.format(stars=stars), callback_data=encode(RateItem(tracking_code, stars), codes)
                )
                for stars in range(1, 6)
            ]
        )
    if reopen:
        rows.append([InlineKeyboardButton(texts.BUTTON_REOPEN, callback_data=encode(ReopenItem(tracking_code), codes))])
    return InlineKeyboardMarkup(rows) if rows else None


def add_information(tracking_code: str, codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.BUTTON_ADD_INFORMATION, callback_data=encode(AddInformation(tracking_code), codes)
                )
            ]
        ]
    )


def for_item(view: TrackingView, codes: CodeBook) -> InlineKeyboardMarkup | None:
    """Under an item its owner looks up: rate or reopen an answer, or send the information asked for."""
    if not view.is_owner:
        return None
    if view.status == Status.ANSWERED:
        return answered(view.code, rate=view.rating is None, reopen=view.can_reopen, codes=codes)
    if view.status == Status.WAITING_FOR_CITIZEN:
        return add_information(view.code, codes)
    return None


def for_notice(notice: OutgoingNotice, codes: CodeBook) -> InlineKeyboardMarkup | None:
    match notice.kind:
        case NoticeKind.ANSWERED:
            return answered(notice.code, rate=True, reopen=True, codes=codes)
        case NoticeKind.INFORMATION_REQUESTED:
            return add_information(notice.code, codes)
    return None


def reopen_without_reason(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_intake(texts.BUTTON_REOPEN_NO_REASON, NO_REASON, codes), _intake(texts.BUTTON_CANCEL, STOP, codes)]]
    )


def send_information(codes: CodeBook) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_intake(texts.BUTTON_SEND, SEND_INFORMATION, codes), _intake(texts.BUTTON_CANCEL, STOP, codes)]]
    )
