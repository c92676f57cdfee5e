"""What the Open311 views may reach, set once when the sub-application is built."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from feedback.api_key_service import ApiKeyService
from feedback.services import FeedbackService


@dataclass(frozen=True)
class Open311Services:
    feedback: FeedbackService
    api_keys: ApiKeyService


open311_key = web.AppKey("open311", Open311Services)
