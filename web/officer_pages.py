"""What the officers' pages need from the composition root: the desk, the admin and report services, settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from feedback.domain.refusal_reasons import RefusalReason, load_refusal_reasons
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.data_views import DataViews
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from feedback.service_layer.report_service import ReportService
from web.login_throttle import ThrottlePolicy
from web.sessions import SessionPolicy
from web.state_ports import WebStateUnitOfWork


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class OfficerPages:
    desk: OfficerDesk
    admin: AdminService
    reports: ReportService
    # Where the sessions and failed logins are kept, shared by every instance (storage.SqlUnitOfWork).
    web_state: Callable[[], WebStateUnitOfWork]
    # Who looked at citizens' personal data, for administrators (/can-bo/du-lieu-ca-nhan/truy-cap).
    data_views: DataViews | None = None
    # The citizens' deletion requests, for administrators (/can-bo/du-lieu-ca-nhan/yeu-cau-xoa).
    personal_data: PersonalData | None = None
    refusal_reasons: Mapping[str, RefusalReason] = field(default_factory=load_refusal_reasons)
    # Files the bot downloaded; an attachment is offered for download only from inside this directory.
    attachments_dir: Path | None = None
    sessions: SessionPolicy = field(default_factory=SessionPolicy)
    login_throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    clock: Callable[[], datetime] = utc_now
