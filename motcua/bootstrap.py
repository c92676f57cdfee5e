"""The composition root: storage, catalog and services built once from the settings.

`light_bootstrap` opens the database with the services that need only it (the command-line tools);
`bootstrap` builds on it with the catalog and everything the channels use (`motcua serve`, `chat`, `search`).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import DeadlinePolicy
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.retention import RetentionPolicy
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.api_key_service import ApiKeyService
from feedback.service_layer.data_views import DataViews
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins, PinPolicy
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from feedback.service_layer.report_service import ReportService
from feedback.service_layer.scheduled_jobs import JobPolicy, ScheduledJobs
from motcua.settings import Settings
from procedures_catalog.importing import import_catalog
from procedures_catalog.pointers import load_pointers
from procedures_catalog.synonyms import load_synonyms
from storage.attachment_files import DiskAttachmentFiles
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_or_check
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork

if TYPE_CHECKING:  # imported by `bootstrap` alone: the search brings numpy (0.2 s), which the light one goes without
    from procedures_catalog.services import Catalog
    from procedures_catalog.teaching import SearchTeaching

log = logging.getLogger(__name__)


# Where citizens' files are kept when MOTCUA_ATTACHMENTS_DIR is not set (the portal writes there).
DEFAULT_ATTACHMENTS_DIR = Path("var/attachments")
# A PIN is six digits, so its hash guards little against a stolen database; what guards it is the limit on
# wrong tries. A cheaper Argon2id than the officers' passwords (RFC 9106's second profile scaled down:
# 19 MiB, 2 passes, as OWASP advises at least) keeps a filing well inside its time budget.
PIN_HASH_COST = {"time_cost": 2, "memory_cost_kib": 19 * 1024, "parallelism": 1}
# PINs hashed before a filing asks for one (`FilerPins`): the filing POST does not wait for Argon2id, and a few
# filings in a row each find one ready; held in memory, never given twice.
PINS_HASHED_AHEAD = 4


def bundled_catalog_path() -> Path:
    return Path(str(resources.files("procedures_catalog") / "data" / "catalog.jsonl.gz"))


@dataclass
class DatabaseServices:
    """The database and the services that need nothing else: what the command-line tools use (`motcua admin`,
    `motcua report`), without the catalog loaded in memory or anything `motcua serve` adds."""

    engine: AsyncEngine
    uow_factory: Callable[[], SqlUnitOfWork]
    admin: AdminService
    reports: ReportService
    api_keys: ApiKeyService
    data_views: DataViews

    async def close(self) -> None:
        await self.engine.dispose()


@dataclass
class Services(DatabaseServices):
    """Everything the channels use: the database's services, the catalog, PAKN intake and the desk, the jobs."""

    catalog: Catalog
    feedback: FeedbackService
    desk: OfficerDesk
    scheduled_jobs: ScheduledJobs
    search_teaching: SearchTeaching
    personal_data: PersonalData
    # The portal's PINs: given with a web filing, given again by a messenger filer or an officer at the desk.
    pins: FilerPins

    async def close(self) -> None:
        await self.pins.close()
        await super().close()


async def open_storage(
    settings: Settings, *, migrate: bool | None = None
) -> tuple[AsyncEngine, async_sessionmaker[AsyncSession]]:
    """An engine on an up-to-date schema: upgraded here when `migrate` (default: the setting), else checked.

    Raises SchemaOutOfDate rather than run on a schema the code does not know."""
    engine = create_engine(settings.database_url)
    try:
        await upgrade_or_check(engine, migrate=settings.migrates_on_start() if migrate is None else migrate)
    except BaseException:  # SchemaOutOfDate, or no database to reach
        await engine.dispose()
        raise
    return engine, create_session_factory(engine)


async def import_bundled_catalog_if_empty(uow_factory: Callable[[], SqlUnitOfWork]) -> None:
    async with uow_factory() as uow:
        if await uow.procedures.count() > 0:
            return
    async with uow_factory() as uow:
        report = await import_catalog(bundled_catalog_path(), uow)
    log.info("bundled catalog imported", extra={"inserted": report.inserted, "bad_rows": len(report.bad_rows)})


async def light_bootstrap(settings: Settings) -> DatabaseServices:
    """The database on an up-to-date schema (or SchemaOutOfDate) and the services that need only it."""
    engine, session_factory = await open_storage(settings)

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory)

    return DatabaseServices(
        engine=engine,
        uow_factory=uow_factory,
        admin=AdminService(uow_factory, Argon2PasswordHasher()),
        reports=ReportService(uow_factory),
        api_keys=ApiKeyService(uow_factory),
        data_views=DataViews(uow_factory),
    )


async def bootstrap(settings: Settings) -> Services:
    """The light bootstrap, with the catalog (the bundled one imported into an empty database) and the rest."""
    from procedures_catalog.services import Catalog
    from procedures_catalog.teaching import SearchTeaching

    base = await light_bootstrap(settings)
    uow_factory = base.uow_factory
    await import_bundled_catalog_if_empty(uow_factory)
    catalog = await Catalog.load(
        uow_factory, load_synonyms(settings.synonyms_file), load_pointers(settings.pointers_file)
    )
    log.info("catalog loaded", extra={"procedures": len(catalog.index)})
    feedback = feedback_service(settings, uow_factory)
    personal_data = personal_data_service(settings, uow_factory, feedback.calendar)
    pins = FilerPins(
        uow_factory,
        Argon2PasswordHasher(**PIN_HASH_COST),
        feedback.now,
        PinPolicy(failures_per_code=settings.web_pin_max_failures),
        hashed_ahead=PINS_HASHED_AHEAD,
    )
    return Services(
        engine=base.engine,
        uow_factory=uow_factory,
        admin=base.admin,
        reports=base.reports,
        api_keys=base.api_keys,
        data_views=base.data_views,
        catalog=catalog,
        feedback=feedback,
        desk=OfficerDesk(feedback, base.admin, pins),
        scheduled_jobs=scheduled_jobs(settings, uow_factory, feedback, personal_data),
        search_teaching=SearchTeaching(uow_factory, catalog),
        personal_data=personal_data,
        pins=pins,
    )


def personal_data_service(
    settings: Settings, uow_factory: Callable[[], SqlUnitOfWork], calendar: WorkingCalendar
) -> PersonalData:
    """Retention and the citizens' rights, with the ages and the deadline set."""
    retention = RetentionPolicy(settings.retention_contact_days, settings.retention_attachment_days)
    return PersonalData(
        uow_factory,
        DiskAttachmentFiles(settings.attachments_dir or DEFAULT_ATTACHMENTS_DIR),
        calendar=calendar,
        retention=retention,
        deletion_answer_days=settings.deletion_answer_days,
    )


def scheduled_jobs(
    settings: Settings,
    uow_factory: Callable[[], SqlUnitOfWork],
    feedback: FeedbackService,
    personal_data: PersonalData | None = None,
) -> ScheduledJobs:
    """Escalation, apologies and the digest; the holder name tells instances apart in the job leases."""
    policy = JobPolicy(
        run_at=settings.digest_time,
        escalation_step_days=settings.escalation_step_days,
        apology_extra_days=settings.apology_extra_days,
    )
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    return ScheduledJobs(uow_factory, feedback, holder=holder, policy=policy, personal_data=personal_data)


def feedback_service(settings: Settings, uow_factory: Callable[[], SqlUnitOfWork]) -> FeedbackService:
    """The PAKN service with the office's calendar, deadlines and limits from the settings."""
    calendar = WorkingCalendar.vietnam(load_overrides(settings.calendar_overrides_file or DEFAULT_OVERRIDES_PATH))
    policy = DeadlinePolicy(
        classify_days=settings.deadline_classify_days,
        forward_days=settings.deadline_forward_days,
        answer_days=settings.deadline_answer_days,
        extension_days=settings.deadline_extension_days,
        reopen_window_days=settings.reopen_window_days,
    )
    limits = IntakeLimits(
        content_min_chars=settings.content_min_chars,
        content_max_chars=settings.content_max_chars,
        max_attachments=settings.max_attachments,
        max_attachment_bytes=settings.max_attachment_bytes,
        daily_cap_per_citizen=settings.daily_cap_per_citizen,
        daily_cap_per_address=settings.web_daily_cap_per_address,
    )
    return FeedbackService(uow_factory, calendar=calendar, policy=policy, limits=limits)
