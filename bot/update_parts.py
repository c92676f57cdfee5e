"""The parts of an update a handler's filter guarantees, typed without Optional."""

from __future__ import annotations

from telegram import CallbackQuery, Chat, Message, Update, User


def message_of(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError("this handler needs an update with a message")
    return message


def chat_of(update: Update) -> Chat:
    chat = update.effective_chat
    if chat is None:
        raise ValueError("this handler needs an update in a chat")
    return chat


def user_of(update: Update) -> User:
    user = update.effective_user
    if user is None:
        raise ValueError("this handler needs an update from a user")
    return user


async def answered_query(update: Update) -> CallbackQuery:
    """The button press, answered at once so the citizen's client stops its spinner."""
    query = update.callback_query
    if query is None:
        raise ValueError("this handler needs a callback query")
    await query.answer()
    return query
