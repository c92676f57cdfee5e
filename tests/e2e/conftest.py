"""Fixtures for the bot's end-to-end tests: the real Application polling the local Bot API stand-in."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from motcua.bootstrap import bundled_catalog_path
from procedures_catalog.importing import import_catalog
from procedures_catalog.model import OnlineLevel, Procedure
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.telegram_bot_api import CITIZEN, MAX_CALLBACK_DATA, LocalBotApi, LocalChat, TelegramUser
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

BOT_TOKEN = "123456:TEST-token-for-the-local-stand-in"

_BIRTH_NAMES = {
    "1.001193": "Thủ tục đăng ký khai sinh",
    "1.000110": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới",
    "1.000689": "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con",
    "1.000893": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân",
    "1.001695": "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài",
    "1.003583": "Thủ tục đăng ký khai sinh lưu động",
    "1.004772": "Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
    "1.004884": "Thủ tục đăng ký lại khai sinh",
    "2.000522": "Thủ tục đăng ký lại khai sinh có yếu tố nước ngoài",
    "2.000528": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
}
ESCAPE_CODE = "9.900001"
ESCAPE_NAME = "Thủ tục thử nghiệm <b>& ký tự đặc biệt"
LONG_CODE = "9.900002"
LONG_DOCUMENTS = tuple(
    f"Giấy tờ thứ {n}: bản sao có chứng thực hoặc bản chính để đối chiếu, kèm tờ khai theo mẫu <TK-{n:02}> & phụ lục "
    * 6
    for n in range(1, 61)
)
LONG_STEPS = tuple(f"Bước {n}: cán bộ tiếp nhận kiểm tra hồ sơ, " + "đối chiếu thông tin " * 80 for n in range(1, 11))


def small_catalog_procedures() -> list[Procedure]:
    births = [
        Procedure(code=code, name=name, level="Cấp xã", field="Hộ tịch", fees="Miễn phí")
        for code, name in _BIRTH_NAMES.items()
    ]
    return [
        *births,
        Procedure(
            code="3.000347",
            name="Đổi giấy phép lái xe",
            level="Cấp Bộ",
            field="Sát hạch, cấp giấy phép lái xe",
            agency="Cục cảnh sát giao thông, Công an tỉnh, Công an cấp Xã",
            processing_time="5 ngày làm việc",
            fees="Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần",
            documents=("Đơn đề nghị đổi giấy phép lái xe", "Bản sao giấy phép lái xe"),
            steps=("Nộp hồ sơ", "Nhận giấy phép lái xe mới"),
            legal_basis=("Luật Trật tự, an toàn giao thông đường bộ 36/2024/QH15",),
            online=OnlineLevel.FULL,
        ),
        Procedure(
            code="1.012783",
            name="Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            level="Cấp tỉnh",
            field="Đất đai",
        ),
        Procedure(code="1.014064", name="Cấp lại thẻ căn cước", level="Cấp xã", field="Cấp, quản lý căn cước"),
        Procedure(code="1.000894", name="Thủ tục đăng ký kết hôn", level="Cấp xã", field="Hộ tịch"),
        Procedure(code=ESCAPE_CODE, name=ESCAPE_NAME, level="Cấp <xã>", fees="100 & 200 <đồng>"),
        Procedure(
            code=LONG_CODE,
            name="Thủ tục thử nghiệm hồ sơ rất dài về cấp phép xây dựng",
            level="Cấp tỉnh",
            documents=LONG_DOCUMENTS,
            steps=LONG_STEPS,
            legal_basis=("Luật Xây dựng 50/2014/QH13",),
        ),
    ]


@pytest.fixture
async def small_catalog(sqlite_url: str) -> AsyncIterator[Catalog]:
    engine = create_engine(sqlite_url)
    await upgrade(engine)
    session_factory = create_session_factory(engine)
    async with SqlUnitOfWork(session_factory) as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    yield await Catalog.load(lambda: SqlUnitOfWork(session_factory), load_synonyms())
    await engine.dispose()


@pytest.fixture(scope="session")
def bundled_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the bundled catalog imported once for the session."""
    path = tmp_path_factory.mktemp("bundled") / "motcua.db"

    async def fill() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        async with SqlUnitOfWork(create_session_factory(engine)) as uow:
            report = await import_catalog(bundled_catalog_path(), uow)
        await engine.dispose()
        assert report.applied and report.inserted > 2000

    asyncio.run(fill())
    return path


@pytest.fixture
async def bundled_catalog(bundled_database: Path) -> AsyncIterator[Catalog]:
    engine = create_engine(f"sqlite+aiosqlite:///{bundled_database}")
    session_factory = create_session_factory(engine)
    yield await Catalog.load(lambda: SqlUnitOfWork(session_factory), load_synonyms())
    await engine.dispose()


def assert_telegram_accepted_everything(api: LocalBotApi) -> None:
    """No call was refused, every button press was answered, every button fits in 64 bytes."""
    assert [(call.method, call.error) for call in api.calls if not call.ok] == []
    assert api.unanswered_callback_queries() == []
    for message in api.messages.values():
        for button in message.buttons:
            if button.callback_data is not None:
                assert len(button.callback_data.encode("utf-8")) <= MAX_CALLBACK_DATA


@pytest.fixture
async def stand_in() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi() as api:
        yield api


@pytest.fixture
async def chat(stand_in: LocalBotApi, sqlite_url: str) -> AsyncIterator[LocalChat]:
    """A citizen talking to the real bot's dialogue (small catalog); checks afterwards that Telegram would accept
    it all."""
    from tests.e2e.dialogue_bot import open_dialogue_bot  # it imports this module's catalog

    engine = create_engine(sqlite_url)
    await upgrade(engine)
    sessions = create_session_factory(engine)
    async with SqlUnitOfWork(sessions) as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    catalog = await Catalog.load(uow_factory, load_synonyms())
    clock = Clock()
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)  # PAKN on, as motcua serve runs it
    async with open_dialogue_bot(stand_in, catalog, feedback, uow_factory, sessions, clock) as bot:
        yield bot.chat
    await engine.dispose()
    assert_telegram_accepted_everything(stand_in)


def texts_of(messages: Sequence[object]) -> str:
    return "\n".join(getattr(message, "text", "") for message in messages)


# --- PAKN: the bot's dialogue with a FeedbackService on a real database -------------

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))


@pytest.fixture
def feedback_service(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@contextlib.asynccontextmanager
async def open_pakn_chat(
    api: LocalBotApi,
    catalog: Catalog,
    service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
    user: TelegramUser = CITIZEN,
    attachments_dir: Path | None = None,
) -> AsyncIterator[LocalChat]:
    """A citizen talking to the bot's dialogue with PAKN, its state and replies in the database of
    `session_factory` (the dialogue's clock is the service's)."""
    from tests.e2e.dialogue_bot import open_dialogue_bot  # it imports this module's catalog

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory)

    async with open_dialogue_bot(
        api, catalog, service, uow_factory, session_factory, service.now, user=user, attachments_dir=attachments_dir
    ) as bot:
        yield bot.chat


@pytest.fixture
async def pakn_chat(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    feedback_service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[LocalChat]:
    """A citizen talking to the bot with PAKN on a real database (SQLite and PostgreSQL)."""
    async with open_pakn_chat(stand_in, small_catalog, feedback_service, session_factory) as citizen:
        yield citizen
    assert_telegram_accepted_everything(stand_in)
