"""The way in: /start with the main menu, /help, the command list, and what nobody else handles."""

from __future__ import annotations

import html
import logging

from telegram import BotCommand, Update
from telegram.error import BadRequest
from telegram.ext import CommandHandler, MessageHandler, filters

from bot import keyboards, texts
from bot.context import BotApplication, BotCommandEntry, BotContext

log = logging.getLogger(__name__)


async def start(update: Update, context: BotContext) -> None:
    """Greet and show the main menu."""
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    name = texts.GREETING_NAME.format(name=html.escape(user.first_name)) if user and user.first_name else ""
    markup = keyboards.main_menu(context.bot_data.menu, context.codes)
    await message.reply_text(texts.GREETING.format(name=name), reply_markup=markup)


async def help_command(update: Update, context: BotContext) -> None:
    """Explain how to use the bot."""
    if update.effective_message is not None:
        extra = texts.HELP_FEEDBACK if context.bot_data.feedback is not None else ""
        await update.effective_message.reply_text(texts.HELP + extra)


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.UNKNOWN_COMMAND)


async def not_text(update: Update, context: BotContext) -> None:
    """A sticker, photo or voice message in a private chat."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.NOT_TEXT)


async def set_commands(application: BotApplication) -> None:
    """post_init: publish the command list the features registered (setMyCommands)."""
    commands: list[BotCommand] = []
    for entry in application.bot_data.commands:  # a command two features list (dialogue, officers): the first
        if all(command.command != entry.command for command in commands):
            commands.append(BotCommand(entry.command, entry.description))
    await application.bot.set_my_commands(commands)


async def report_error(update: object, context: BotContext) -> None:
    """Log a failed update without its content, and tell the citizen something went wrong."""
    error = context.error
    if isinstance(error, BadRequest) and "not modified" in error.message:
        return  # a button pressed twice: the message already shows what was asked for
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update failed", exc_info=error, extra={"update_id": update_id})
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None:
        try:
            await chat.send_message(texts.ERROR)
        except Exception:
            log.exception("could not tell the user about the error", extra={"update_id": update_id})


def add_handlers(application: BotApplication) -> None:
    """/start and /help, and their place in the command list."""
    application.bot_data.commands.append(BotCommandEntry("start", texts.COMMAND_START))
    application.bot_data.commands.append(BotCommandEntry("help", texts.COMMAND_HELP))
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))


def add_fallbacks(application: BotApplication) -> None:
    """Last of all: unknown commands and messages that are not text."""
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, not_text)
    )
    application.add_error_handler(report_error)
