"""What filing shows from the draft: the summary to check, a contact to reuse, the receipt, the refusals.

Every value the citizen typed is escaped here; the shared refusal and advice sentences (`vocabulary`) are
plain text and escaped too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogue import texts
from dialogue.filing_draft import Answers, content, location
from dialogue.item_words import contact_line, day, shorten, type_label
from dialogue.rich_text import escape
from dialogue.turn import Services
from feedback.domain.deadlines import VIETNAM_TIME
from feedback.domain.intake_limits import AttachmentRejected, ContentRejected
from feedback.domain.model import Contact
from feedback.domain.privacy_notice import short_notice
from feedback.domain.retention import RetentionPolicy
from feedback.service_layer.feedback_service import Receipt
from vocabulary import refusals

SUMMARY_CONTENT = 1500


def privacy_notice(services: Services) -> str:
    """The short personal-data notice, with the ages the retention job applies and the full notice's address."""
    personal_data = services.personal_data
    retention = personal_data.retention if personal_data is not None else RetentionPolicy()
    link = services.privacy_notice_address or texts.PRIVACY_NOTICE_PAGE
    text = short_notice(contact_days=retention.contact_days, attachment_days=retention.attachment_days, link=link)
    return "🔒 " + escape(text)


def known_contact(known: Contact) -> str:
    """A contact from an earlier PAKN, shown to its owner to reuse."""
    return "\n".join((escape(known.name), contact_line(known.phone, known.email), escape(known.address)))


def summary(answers: Answers) -> str:
    text = content(answers)
    files = answers.get("files", [])
    place = location(answers)
    procedure = answers.get("procedure_name")
    unit = answers.get("unit_name")
    return texts.SUMMARY.format(
        type=type_label(answers["type"]),
        content=escape(shorten(text, SUMMARY_CONTENT)) if text else texts.SUMMARY_NO_TEXT,
        attachments=texts.SUMMARY_ATTACHMENTS.format(count=len(files)) if files else "",
        location=texts.SUMMARY_LOCATION.format(url=escape(place.map_url), coordinates=place.coordinates)
        if place is not None
        else "",
        procedure=escape(procedure) if procedure else texts.SUMMARY_NO_PROCEDURE,
        unit=escape(unit) if unit else texts.SUMMARY_NO_UNIT,
        name=escape(answers.get("name", "")),
        contact=contact_line(answers.get("phone"), answers.get("email")),
        address=escape(answers.get("address", "")),
    )


def rejection(error: ContentRejected | AttachmentRejected) -> str:
    """Why a content or a file is refused, with the limit: the sentence every channel uses."""
    if isinstance(error, AttachmentRejected):
        return escape(refusals.attachment_refusal(error))
    return escape(refusals.content_refusal(error))


def daily_cap(cap: int, opens_at: datetime | None) -> str:
    """The cap and, when known, the local minute from which the citizen may file again (rounded up)."""
    if opens_at is None:
        return escape(refusals.daily_cap_refusal(cap))
    local = opens_at.astimezone(VIETNAM_TIME)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return escape(refusals.daily_cap_refusal(cap, local))


def receipt(result: Receipt, kind: str, answer_days: int) -> str:
    return texts.RECEIVED.format(
        type_lower=type_label(kind).lower(), code=escape(result.code), due=day(result.due), days=answer_days
    )
