"""/start and /help on the plain-text channel, with the flows' entries."""

from __future__ import annotations

from tests.dialogue.conftest import TypingCitizen


async def test_start_greets_and_help_explains(citizen: TypingCitizen) -> None:
    greeting = await citizen.say("/start")
    assert "Xin chào" in greeting and "Một Cửa bot" in greeting
    assert "/tthc" in await citizen.say("/help")
    assert "chưa hiểu lệnh" in await citizen.say("/khongcolenhnay")
