"""What the Open311 views may reach, set once when the sub-application is built."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from feedback.service_layer.api_key_service import ApiKeyService
from feedback.service_layer.feedback_service import FeedbackService
from web.open311.public_reads import ReadPolicy


@dataclass(frozen=True)
class Open311Services:
    feedback: FeedbackService
    api_keys: ApiKeyService
    reads: ReadPolicy = field(default_factory=ReadPolicy)


open311_key = web.AppKey("open311", Open311Services)
