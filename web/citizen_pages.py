"""What the citizens' filing and following pages need from the composition root: services, key and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from feedback.domain.retention import RetentionPolicy
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins
from feedback.service_layer.personal_data import PersonalData
from web.form_guard import FormGuard, GuardPolicy
from web.uploads import UploadStore


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CitizenPages:
    feedback: FeedbackService
    pins: FilerPins
    uploads: UploadStore
    key: bytes  # the site's signing key (storage.web_attempts.site_secret): the same on every instance
    guard_policy: GuardPolicy = field(default_factory=GuardPolicy)
    # The ages the personal-data notice states (feedback.domain.privacy_notice): the same settings the job applies.
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    clock: Callable[[], datetime] = utc_now
    # «Dữ liệu của tôi» for a filer with the code and PIN (web/filer_data_views.py); None: not offered.
    personal_data: PersonalData | None = None
    # The server sends e-mail (MOTCUA_SMTP_*): a filer's e-mail address becomes where their notices go. Off,
    # no notice is kept for web filers: the page is the place, and nothing waits for a mail server.
    letters: bool = False

    @property
    def guard(self) -> FormGuard:
        return FormGuard(self.key, self.clock, self.guard_policy)
