"""The lifecycle `motcua serve` uses: start_polling publishes the dialogue's commands and hands updates to it,
stop_polling ends cleanly."""

from __future__ import annotations

from bot.application import build_application, start_polling, stop_polling
from dialogue.events import Command, Inbound
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import LocalBotApi
from tests.e2e.conftest import BOT_TOKEN, assert_telegram_accepted_everything

COMMANDS = [("start", "Mở menu chính"), ("help", "Hướng dẫn sử dụng"), ("tthc", "Xem thủ tục theo mã")]


class Heard:
    """A dialogue that only listens: what the application handed over."""

    def __init__(self) -> None:
        self.inbound: list[Inbound] = []

    async def handle(self, inbound: Inbound) -> None:
        self.inbound.append(inbound)


async def test_start_and_stop_polling_against_a_bot_api_server(stand_in: LocalBotApi, small_catalog: Catalog) -> None:
    heard = Heard()
    application = build_application(token=BOT_TOKEN, base_url=stand_in.base_url, dialogue=heard, commands=COMMANDS)
    await start_polling(application, poll_timeout=1)
    try:
        update_id, _ = await stand_in.send_text("/help")
        await stand_in.wait_fetched(update_id)
        await application.update_queue.join()
    finally:
        await stop_polling(application)
    assert not application.running
    methods = [call.method for call in stand_in.calls]
    assert methods[:2] == ["getMe", "setMyCommands"]
    assert "deleteWebhook" in methods and "sendMessage" not in methods  # the delivery loop sends, not the bot
    assert [command["command"] for command in stand_in.commands] == ["start", "help", "tthc"]
    (inbound,) = heard.inbound
    assert inbound.event == Command("help", "") and inbound.event_id == str(update_id)
    assert_telegram_accepted_everything(stand_in)
