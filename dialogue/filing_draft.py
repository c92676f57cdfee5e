"""The PAKN being filed, as plain JSON in the conversation's answers, and the domain's Draft made from it.

Only str, int, float, bool, None, lists and dicts go in: the answers are stored with the conversation's
row, so a citizen half-way through keeps every answer across a restart or on another instance. The key
given when filing starts goes with the Draft (`Draft.submission_key`): submitting it again, after a crash
or from a second instance, is the item already filed.
"""

from __future__ import annotations

import uuid
from typing import Any

from dialogue.events import Account, FileShared, LocationShared
from feedback.domain.intake_limits import content_length
from feedback.domain.legal_type import FeedbackType, OtherRegime
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft, Location

Answers = dict[str, Any]

# The answers' keys.
KEY = "key"
TYPE = "type"
TEXTS = "texts"
FILES = "files"
LOCATION = "location"
PROCEDURE_CODE, PROCEDURE_NAME = "procedure_code", "procedure_name"
UNIT_CODE, UNIT_NAME = "unit_code", "unit_name"
NAME, PHONE, EMAIL, ADDRESS = "name", "phone", "email", "address"
EDITING = "editing"  # changing one field from the summary: the answer goes back to it
REGIME_SEEN = "regime_seen"  # the khiếu nại / tố cáo advice the citizen read and went on after
REPEAT_OF = "repeat_of"  # the near-duplicate the citizen was warned of and sends anyway
OFFER = "offer"  # the procedures or units offered last, by number (a choice names its offer's serial)
OFFER_SERIAL = "offer_serial"
NOTICE_VERSION = "notice_version"  # the personal-data notice shown before the first personal detail was asked


def begin() -> Answers:
    """A fresh draft with its submission key."""
    return {KEY: uuid.uuid4().hex, TEXTS: [], FILES: []}


def citizen_of(account: Account) -> CitizenRef:
    return CitizenRef(account.channel, account.user_id)


def content(answers: Answers) -> str:
    return "\n\n".join(answers.get(TEXTS, []))


def chars(answers: Answers) -> int:
    return content_length(content(answers))


def forget_content(answers: Answers) -> None:
    answers[TEXTS], answers[FILES] = [], []
    answers.pop(LOCATION, None)
    answers.pop(REGIME_SEEN, None)


def file_json(shared: FileShared) -> dict[str, Any]:
    return {
        "kind": str(shared.kind),
        "ref": shared.ref,
        "unique_ref": shared.unique_ref,
        "name": shared.name,
        "mime_type": shared.mime_type,
        "size": shared.size,
        "local_path": shared.local_path,
    }


def location_json(shared: LocationShared) -> dict[str, Any]:
    return {"latitude": shared.latitude, "longitude": shared.longitude, "title": shared.title}


def location(answers: Answers) -> Location | None:
    stored = answers.get(LOCATION)
    if not stored:
        return None
    return Location(float(stored["latitude"]), float(stored["longitude"]))


def _attachment(stored: dict[str, Any]) -> Attachment:
    return Attachment(
        kind=AttachmentKind(stored["kind"]),
        file_id=stored["ref"],
        file_unique_id=stored.get("unique_ref"),
        file_name=stored.get("name"),
        mime_type=stored.get("mime_type"),
        size=stored.get("size"),
        local_path=stored.get("local_path"),
    )


def contact(answers: Answers) -> Contact:
    return Contact(
        name=answers.get(NAME, ""),
        address=answers.get(ADDRESS, ""),
        phone=answers.get(PHONE),
        email=answers.get(EMAIL),
    )


def use_contact(answers: Answers, known: Contact) -> None:
    answers[NAME], answers[ADDRESS] = known.name, known.address
    answers[PHONE], answers[EMAIL] = known.phone, known.email


def to_draft(answers: Answers, account: Account, regime: OtherRegime | None) -> Draft:
    """The domain's Draft; notices go back to where this account is answered. `regime`: the content read like
    a khiếu nại or tố cáo, the citizen was told and sends it anyway: the officer sees the flag."""
    return Draft(
        type=FeedbackType(answers[TYPE]),
        content=content(answers),
        contact=contact(answers),
        citizen=citizen_of(account),
        reply_to=account.reply_to,
        attachments=tuple(_attachment(stored) for stored in answers.get(FILES, [])),
        procedure_code=answers.get(PROCEDURE_CODE),
        unit=answers.get(UNIT_CODE),
        repeat_of=answers.get(REPEAT_OF),
        regime_flag=regime,
        location=location(answers),
        submission_key=answers.get(KEY),
        notice_version=answers.get(NOTICE_VERSION),
    )
