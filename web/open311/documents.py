"""The GeoReport v2 documents as plain data (dicts and lists), ready for XML or JSON.

Field names and their order follow the spec's examples. Requests are built from `PublicRequest`,
which holds no personal data; unknown values are None (an empty element in XML, null in JSON).
"""

from __future__ import annotations

from feedback.domain.legal_type import FeedbackType
from feedback.domain.status import Status
from feedback.domain.units import UnitTree, UnknownUnit
from feedback.service_layer.feedback_service import Receipt
from vocabulary.labels import type_label
from web import texts as web_texts
from web.open311 import texts
from web.open311.mapping import SERVICE_CODES, AttributeSpec, PublicRequest, w3c_datetime

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
FORMATS = ["text/xml", "application/json"]
# When this API last changed, for the discovery document's changeset.
CHANGESET = "2026-11-25T00:00:00+07:00"


def discovery(url: str) -> dict[str, object]:
    return {
        "changeset": CHANGESET,
        "contact": texts.CONTACT,
        "key_service": texts.KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": FORMATS,
            }
        ],
    }


def services() -> list[dict[str, object]]:
    return [
        {
            "service_code": code,
            "service_name": type_label(code),
            "description": texts.SERVICE_DESCRIPTIONS[code],
            "metadata": True,
            "type": "realtime",
            "keywords": texts.SERVICE_KEYWORDS[code],
            "group": texts.SERVICE_GROUP,
        }
        for code in SERVICE_CODES
    ]


def service_definition(code: str, attributes: list[AttributeSpec]) -> dict[str, object]:
    return {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": str(attribute.code),
                "datatype": str(attribute.datatype),
                "required": attribute.required,
                "datatype_description": texts.ATTRIBUTE_DATATYPE_DESCRIPTIONS[attribute.code],
                "order": attribute.order,
                "description": texts.ATTRIBUTE_DESCRIPTIONS[attribute.code],
                "values": [{"key": key, "name": name} for key, name in attribute.values],
            }
            for attribute in attributes
        ],
    }


def receipt(kind: FeedbackType, received: Receipt) -> list[dict[str, object]]:
    notice = texts.RECEIVED_NOTICE.format(type=type_label(kind).lower(), code=received.code, due=received.due)
    return [{"service_request_id": received.code, "service_notice": notice, "account_id": None}]


def status_notes(request: PublicRequest) -> str:
    """Our detailed status, with the answer an officer published for anyone, if there is one."""
    label = web_texts.STATUS_LABELS[request.detailed_status]
    if request.public_answer and request.detailed_status in (Status.ANSWERED, Status.CLOSED):
        return texts.ANSWER_NOTE.format(status=label, answer=request.public_answer)
    return label


def _agency(units: UnitTree, code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return units.get(code).name
    except UnknownUnit:
        return code


def service_request(request: PublicRequest, units: UnitTree) -> dict[str, object]:
    return {
        "service_request_id": request.service_request_id,
        "status": str(request.status),
        "status_notes": status_notes(request),
        "service_name": type_label(request.service_code),
        "service_code": request.service_code,
        "description": request.description,
        "agency_responsible": _agency(units, request.unit),
        "service_notice": texts.DEADLINE_NOTICE.format(due=request.expected),
        "requested_datetime": w3c_datetime(request.requested),
        "updated_datetime": w3c_datetime(request.updated),
        "expected_datetime": w3c_datetime(request.expected),
        # The location is kept as the citizen's address (personal data): never shown.
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": request.media_url,
    }
