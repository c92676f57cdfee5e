"""The dialogue on a real database (SQLite and PostgreSQL), spoken to through the plain-text channel.

`citizen` is one person typing; `citizen.say("…")` returns what the product answered, as text. Flows are
tested here through the router every channel uses; the channels' own suites add their rendering."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dialogue.engine import Dialogue
from dialogue.flows import build_router
from dialogue.turn import Services
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import small_catalog_procedures
from tests.manual_clock import Clock
from text_channel.channel import TextChannel

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))


class TypingCitizen:
    """One person on the plain-text channel."""

    def __init__(self, channel: TextChannel, user_id: str) -> None:
        self.channel = channel
        self.user_id = user_id
        self.heard: list[str] = []

    async def say(self, line: str) -> str:
        replies = await self.channel.send(self.user_id, line)
        self.heard.extend(replies)
        return "\n\n".join(replies)


@pytest.fixture
async def catalog(uow_factory: Callable[[], SqlUnitOfWork]) -> Catalog:
    async with uow_factory() as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    return await Catalog.load(uow_factory, load_synonyms())


@pytest.fixture
def feedback(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@pytest.fixture
def services(catalog: Catalog, feedback: FeedbackService) -> Services:
    return Services(catalog=catalog, feedback=feedback)


@pytest.fixture
def dialogue(uow_factory: Callable[[], SqlUnitOfWork], services: Services, clock: Clock) -> Dialogue:
    return Dialogue(uow_factory, build_router(), services, clock=clock)


@pytest.fixture
def text_channel(dialogue: Dialogue) -> TextChannel:
    return TextChannel(dialogue)


@pytest.fixture
def citizen(text_channel: TextChannel) -> TypingCitizen:
    return TypingCitizen(text_channel, "citizen-1")
