"""Who looked at a citizen's personal data: every time an officer is shown a filer's contact details or
one of their files, a `DataView` is written in the transaction that read the item, before the channel shows
anything (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15: the processor must be able to show who processed what).

The entry names the officer, their units, the channel, the item and what was shown; never the data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from feedback.domain.access import Officer
from feedback.domain.model import FeedbackItem


class Exposure(StrEnum):
    CONTACT = "contact"  # name, address, phone, e-mail on the item page or card
    ATTACHMENT = "attachment"  # one file downloaded (detail: its position)
    ATTACHMENTS = "attachments"  # every file resent at once (the Telegram card)


@dataclass(frozen=True)
class Looked:
    """What a channel is about to show an officer, and where."""

    channel: str
    exposure: Exposure = Exposure.CONTACT
    detail: str | None = None


@dataclass(frozen=True)
class DataView:
    at: datetime
    officer: str  # username
    officer_units: str | None  # the officer's units, comma-separated; None for an administrator
    channel: str
    item_code: str
    exposure: Exposure
    detail: str | None = None


def data_view(officer: Officer, item: FeedbackItem, looked: Looked, at: datetime) -> DataView | None:
    """The entry for what the officer is shown of the item; None for the files of an item that has none left
    (never any, or deleted by retention or a deletion request)."""
    if looked.exposure != Exposure.CONTACT and not any(a.file_id or a.local_path for a in item.attachments):
        return None
    units = sorted({unit for _, unit in officer.roles if unit is not None})
    return DataView(
        at=at,
        officer=officer.username,
        officer_units=",".join(units) if units and not officer.is_admin else None,
        channel=looked.channel,
        item_code=item.code,
        exposure=looked.exposure,
        detail=looked.detail,
    )
