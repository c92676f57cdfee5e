"""`motcua serve` with the bot by webhook: a real process registers its webhook with the Bot API stand-in,
which posts the updates to it over HTTP; a call without the secret is refused."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import socket
import sys
from collections.abc import AsyncIterator

import aiohttp

from bot.webhook import SECRET_HEADER
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi
from tests.e2e.test_cli import FAKE_TOKEN, env, imported_database  # noqa: F401  (fixtures)

SECRET = "a-secret_from-the-settings"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def motcua_serve(environment: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "motcua.cli",
        "serve",
        env=environment,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)


async def _until(condition: object, what: str, process: asyncio.subprocess.Process, seconds: float = 60) -> None:
    for _ in range(int(seconds * 20)):
        if callable(condition) and condition():
            return
        if process.returncode is not None:
            stderr = await process.stderr.read() if process.stderr else b""
            raise AssertionError(f"motcua serve ended: {stderr.decode()[-2000:]}")
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


async def test_serve_registers_its_webhook_and_answers_updates_posted_with_the_secret(
    env: dict[str, str],  # noqa: F811
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    async with LocalBotApi() as api:
        environment = {
            **env,
            "MOTCUA_WEB_PORT": str(port),
            "MOTCUA_TELEGRAM_TOKEN": FAKE_TOKEN,
            "MOTCUA_TELEGRAM_BASE_URL": api.base_url,
            "MOTCUA_TELEGRAM_WEBHOOK_URL": url,
            "MOTCUA_TELEGRAM_WEBHOOK_SECRET": SECRET,
        }
        async with motcua_serve(environment) as process:
            await _until(lambda: api.webhook_url == url, "setWebhook", process)
            [registered] = [call for call in api.calls if call.method == "setWebhook"]
            assert registered.params["secret_token"] == SECRET
            assert "getUpdates" not in [call.method for call in api.calls]

            update_id, _ = await api.send_text("/help")
            await asyncio.wait_for(api.wait_delivered(update_id), 60)
            await _until(lambda: any(call.method == "sendMessage" for call in api.calls), "an answer", process)

            card, _ = await api.send_text("/tthc 1.001193")
            await asyncio.wait_for(api.wait_delivered(card), 60)
            link = "https://t.me/motcua_bot?start=tthc_1-001193"  # the share link names the bot asked by getMe
            await _until(lambda: any(link in message.text for message in api.messages.values()), "a card", process)
            answers = len([call for call in api.calls if call.method == "sendMessage"])

            forged = {"update_id": card + 1, "message": {"message_id": 9, "date": 0, "text": "/help"}}
            forged["message"].update(chat=CITIZEN.private_chat(), **{"from": CITIZEN.to_api()})
            async with aiohttp.ClientSession() as session:
                for headers, status in (({}, 401), ({SECRET_HEADER: "guess"}, 403)):
                    async with session.post(url, data=json.dumps(forged), headers=headers) as response:
                        assert response.status == status
            await asyncio.sleep(0.3)
            assert len([call for call in api.calls if call.method == "sendMessage"]) == answers
        assert process.returncode == 0
        stderr = (await process.stderr.read()).decode() if process.stderr else ""
    assert SECRET not in stderr and FAKE_TOKEN not in stderr
    assert "telegram webhook refused" in stderr
