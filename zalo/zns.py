"""PAKN notices as ZNS template messages, for citizens outside the consultation window.

A notice (the answer, a request for information, an apology with a new date, a status change) may come
days after the citizen last wrote, when Zalo refuses a consultation message (-230, -232). If the agency has
an approved ZNS template for that kind of notice, it goes as that template to the phone number the citizen
gave with the item. ZNS sends to a phone number (84…), not to the Zalo user: the number comes through
`NoticePhones`, which the dialogue's storage provides.

Template parameters: every template the agency registers for the product takes `ma_phan_anh` (the tracking
code) and `ngay_hen` (the date the notice gives, dd/mm/yyyy, or empty); the words around them are the
template's own, approved by Zalo.

Which template: one per notice kind (`feedback.domain.model.NoticeKind`: answered, information_requested, apology,
deadline_extended, status_changed, data_deleted, data_deletion_refused). A template's words are fixed, so
a status change may have one per status it reaches (`status_changed.refused`, `status_changed.closed`,
`status_changed.forwarded`…): a refusal then says "refused", and the kind's own template covers the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from delivery.ports import NoticeRef
from feedback.domain.model import NoticeKind
from feedback.domain.status import Status

MAX_TRACKING_ID = 48


class NoticePhones(Protocol):
    async def phone_for(self, notice: NoticeRef) -> str | None:
        """The phone number the citizen gave with the item `notice.code` (national form, "09…"); None when
        they gave none (an e-mail only) or the item is unknown."""
        ...


def _by_status(status: Status) -> str:
    return f"{NoticeKind.STATUS_CHANGED}.{status}"


# What an agency may name a template for: each notice kind, and a status change by the status it reaches.
TEMPLATE_KEYS: frozenset[str] = frozenset(NoticeKind) | frozenset(_by_status(status) for status in Status)


@dataclass(frozen=True)
class ZnsTemplates:
    """The agency's approved template ids, by notice kind or `status_changed.<status>` (`TEMPLATE_KEYS`)."""

    by_kind: Mapping[str, str] = field(default_factory=dict)

    def template_for(self, notice: NoticeRef) -> str | None:
        """The status's own template for a status change when there is one, else the kind's."""
        keys = [notice.kind]
        if notice.kind == NoticeKind.STATUS_CHANGED and notice.status:
            keys.insert(0, f"{notice.kind}.{notice.status}")
        for key in keys:
            template = (self.by_kind.get(key) or "").strip()
            if template:
                return template
        return None


def template_data(notice: NoticeRef) -> dict[str, str]:
    return {"ma_phan_anh": notice.code, "ngay_hen": notice.due.strftime("%d/%m/%Y") if notice.due else ""}


def international(phone: str) -> str | None:
    """A Vietnamese number in the form ZNS takes ("84912345678"); None for anything else."""
    digits = phone.strip().removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        return None
    if digits.startswith("84"):
        return digits
    if digits.startswith("0") and len(digits) > 1:
        return "84" + digits[1:]
    return None


def tracking_id(outbox_id: int) -> str:
    """Our correlation id in Zalo's delivery receipts: the outbox row."""
    return f"motcua-{outbox_id}"[:MAX_TRACKING_ID]
