"""Every inline keyboard the bot shows; callback data always comes from bot.callback_data."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callback_data import CardPage, CodeBook, MenuChoice, OpenCard, ResultsPage, encode
from bot.context import MenuEntry
from bot.result_list import ResultsView

_LABEL_LENGTH = 56


def _label(text: str) -> str:
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
        [InlineKeyboardButton(_label(f"{item.number}. {item.name}"), callback_data=encode(OpenCard(item.code), codes))]
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
