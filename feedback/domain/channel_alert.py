"""An alert to administrators that a messenger channel needs them: the Zalo OA's token could not be renewed
(the refresh token is used up or refused), so the OA must be connected again before its messages stop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from feedback.domain import digest
from feedback.domain.access import Officer


class ChannelProblem(StrEnum):
    TOKEN_RENEWAL_FAILED = "token_renewal_failed"


@dataclass(frozen=True)
class ChannelAlert:
    on: date
    channel: str  # "zalo"
    problem: ChannelProblem
    detail: str = ""  # what the channel answered (an error code and name), never a secret


def recipients(officers: list[Officer]) -> list[Officer]:
    """Who is told: active administrators with an account the officers' outbox can reach."""
    return [officer for officer in digest.recipients(officers) if officer.is_admin]
