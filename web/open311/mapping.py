"""Open311 GeoReport v2 in our terms: services, the service request form, the public view, the query.

Pure rules, no I/O; the rest of `web/open311/` adds the words and the XML or JSON.

- Services are the two PAKN types (phản ánh, kiến nghị); what our intake asks beyond the standard
  fields (the content kind, the related procedure, the unit addressed) are Open311 attributes.
- The form of a POST becomes a `Draft` for `FeedbackService.submit`, which applies the same rules as
  for the bot. Open311 has no field for the filer's own postal address, so the location given
  (address_string and/or lat/long) is kept as the contact's address, the law's required one; that is
  personal data and is never shown by a GET. Text is brought to NFC: Vietnamese typed on a Mac (NFD)
  and on Windows (NFC) is then the same text, and NFC text comes back byte for byte.
- A citizen is (client, phone or e-mail): the daily cap counts each citizen of a kiosk on its own,
  not the kiosk as one citizen. The contact is hashed into the id, so the audit trail carries no
  phone number.
- The public view (`PublicRequest`) has no field for a name, phone, e-mail or address: a GET cannot
  leak what it does not hold. Descriptions and media links are public only for items filed through
  Open311, whose clients publish them; a citizen who wrote to the bot was told only they would see it.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from feedback.domain.contact import normalise_email, normalise_phone
from feedback.domain.deadlines import VIETNAM_TIME
from feedback.domain.legal_type import ContentKind, FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft, FeedbackItem
from feedback.domain.status import Status
from feedback.domain.tracking_code import InvalidTrackingCode, parse_code
from feedback.domain.units import UnitTree
from procedures_catalog.procedure_code import short_code

CHANNEL = "open311"
MAX_DESCRIPTION = 4000  # the standard's limit; the intake limits apply too
MAX_FIELD = 500  # names, addresses and other short fields
MAX_MEDIA_URL = 2000
MAX_PROCEDURE_CODE = 64
DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000
# `GET requests` is paged (page, page_size: an extension of the standard, as other servers do): a public
# read of 1,000 items (600 KB) a call let a few anonymous readers starve intake.
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 200
MAX_PAGE = 10_000
# An answered item is resolved for Open311, although the citizen may still reopen it (and it is then open again).
CLOSED_STATUSES: frozenset[Status] = frozenset({Status.ANSWERED, Status.CLOSED, Status.REFUSED, Status.WITHDRAWN})
# Characters XML 1.0 cannot carry: refused on the way in, so what is stored comes back the same in both formats.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_FIELD = re.compile(r"attribute\[([^\[\]]*)\](\[\])?")
_STANDARD_FIELDS = frozenset(
    {
        "api_key",
        "jurisdiction_id",
        "service_code",
        "description",
        "first_name",
        "last_name",
        "email",
        "phone",
        "address_string",
        "address_id",
        "lat",
        "long",
        "media_url",
        "device_id",
        "account_id",
    }
)


class Format(StrEnum):
    XML = "xml"
    JSON = "json"


class RequestStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Problem(StrEnum):
    """What is wrong with a request's parameters; the channel words each one."""

    REPEATED = "repeated"
    MISSING_SERVICE_CODE = "missing_service_code"
    UNKNOWN_SERVICE_CODE = "unknown_service_code"
    MISSING_DESCRIPTION = "missing_description"
    DESCRIPTION_TOO_LONG = "description_too_long"
    TOO_LONG = "too_long"
    ILLEGAL_CHARACTERS = "illegal_characters"
    MISSING_NAME = "missing_name"
    MISSING_CONTACT = "missing_contact"
    MISSING_LOCATION = "missing_location"
    BAD_COORDINATES = "bad_coordinates"
    BAD_MEDIA_URL = "bad_media_url"
    UNKNOWN_ATTRIBUTE = "unknown_attribute"
    BAD_ATTRIBUTE_VALUE = "bad_attribute_value"
    BAD_DATE = "bad_date"
    BAD_DATE_RANGE = "bad_date_range"
    BAD_STATUS = "bad_status"
    BAD_REQUEST_ID = "bad_request_id"
    TOO_MANY_IDS = "too_many_ids"
    BAD_PAGE = "bad_page"
    BAD_PAGE_SIZE = "bad_page_size"


class InvalidParameter(ValueError):
    def __init__(self, problem: Problem, field: str, value: str = "") -> None:
        super().__init__(f"{field}: {problem}")
        self.problem = problem
        self.field = field
        self.value = value


# --- services ---------------------------------------------------------------------------------


class Datatype(StrEnum):
    STRING = "string"
    SINGLEVALUELIST = "singlevaluelist"


class AttributeCode(StrEnum):
    CONTENT_KIND = "content_kind"
    PROCEDURE_CODE = "procedure_code"
    UNIT = "unit"


@dataclass(frozen=True)
class AttributeSpec:
    """One extra field of a service; `values` are the allowed keys of a list, with their names."""

    code: AttributeCode
    datatype: Datatype
    order: int
    required: bool = False
    values: tuple[tuple[str, str], ...] = ()


SERVICE_CODES: tuple[str, ...] = tuple(str(kind) for kind in FeedbackType)


def service_type(code: str) -> FeedbackType:
    """The PAKN type a service code names; raises InvalidParameter."""
    try:
        return FeedbackType(code)
    except ValueError:
        raise InvalidParameter(Problem.UNKNOWN_SERVICE_CODE, "service_code", code) from None


def service_attributes(units: UnitTree, content_kind_names: Mapping[str, str]) -> list[AttributeSpec]:
    """The attributes every service has; the unit list only once an administrator has added units."""
    kinds = tuple((str(kind), content_kind_names[str(kind)]) for kind in ContentKind)
    attributes = [
        AttributeSpec(AttributeCode.CONTENT_KIND, Datatype.SINGLEVALUELIST, 1, values=kinds),
        AttributeSpec(AttributeCode.PROCEDURE_CODE, Datatype.STRING, 2),
    ]
    if len(units):
        values = tuple((unit.code, unit.name) for unit in units)
        attributes.append(AttributeSpec(AttributeCode.UNIT, Datatype.SINGLEVALUELIST, 3, values=values))
    return attributes


# --- the service request form ------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRequestForm:
    """A POST's fields, checked one by one; the intake rules are checked by `FeedbackService.submit`."""

    type: FeedbackType
    description: str
    name: str
    phone: str | None
    email: str | None
    location: str
    media_url: str | None = None
    content_kind: ContentKind | None = None
    procedure_code: str | None = None
    unit: str | None = None


def single_values(fields: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """One value per name; a name given twice is ambiguous, and refused."""
    values: dict[str, str] = {}
    for name, given in fields.items():
        if len(given) != 1:
            raise InvalidParameter(Problem.REPEATED, name)
        values[name] = given[0]
    return values


def _text(values: Mapping[str, str], name: str, limit: int = MAX_FIELD) -> str | None:
    """The field in NFC, or None when absent or blank; raises InvalidParameter."""
    raw = values.get(name)
    if raw is None or not raw.strip():
        return None
    if XML_ILLEGAL.search(raw):
        raise InvalidParameter(Problem.ILLEGAL_CHARACTERS, name)
    text = unicodedata.normalize("NFC", raw)
    if len(text) > limit:
        raise InvalidParameter(Problem.DESCRIPTION_TOO_LONG if name == "description" else Problem.TOO_LONG, name)
    return text


def parse_service_request(values: Mapping[str, str]) -> ServiceRequestForm:
    """The form of `POST requests`, one value per field; raises InvalidParameter."""
    code = values.get("service_code", "").strip()
    if not code:
        raise InvalidParameter(Problem.MISSING_SERVICE_CODE, "service_code")
    kind = service_type(code)
    attributes = _attributes(values)
    description = _text(values, "description", MAX_DESCRIPTION)
    if description is None:
        raise InvalidParameter(Problem.MISSING_DESCRIPTION, "description")
    # Vietnamese names put the family name (last_name) first: "Nguyễn" + "Văn An".
    name = " ".join(part.strip() for part in (_text(values, "last_name"), _text(values, "first_name")) if part)
    if not name:
        raise InvalidParameter(Problem.MISSING_NAME, "first_name")
    phone, email = _text(values, "phone"), _text(values, "email")
    if phone is None and email is None:
        raise InvalidParameter(Problem.MISSING_CONTACT, "phone")
    return ServiceRequestForm(
        type=kind,
        description=description,
        name=name,
        phone=phone,
        email=email,
        location=_location(values),
        media_url=_media_url(values),
        content_kind=ContentKind(attributes[AttributeCode.CONTENT_KIND])
        if AttributeCode.CONTENT_KIND in attributes
        else None,
        procedure_code=attributes.get(AttributeCode.PROCEDURE_CODE),
        unit=attributes.get(AttributeCode.UNIT),
    )


def _attributes(values: Mapping[str, str]) -> dict[AttributeCode, str]:
    found: dict[AttributeCode, str] = {}
    for field, value in values.items():
        if field in _STANDARD_FIELDS:
            continue
        match = _ATTRIBUTE_FIELD.fullmatch(field)
        if match is None:
            continue  # a parameter the standard does not define: ignored, as clients add their own
        try:
            code = AttributeCode(match.group(1))
        except ValueError:
            raise InvalidParameter(Problem.UNKNOWN_ATTRIBUTE, field) from None
        text = _text(values, field, MAX_PROCEDURE_CODE)
        if match.group(2) or text is None:  # every attribute of ours takes one value
            raise InvalidParameter(Problem.BAD_ATTRIBUTE_VALUE, field, value)
        text = text.strip()
        if code == AttributeCode.CONTENT_KIND and text not in set(ContentKind):
            raise InvalidParameter(Problem.BAD_ATTRIBUTE_VALUE, field, text)
        if code == AttributeCode.PROCEDURE_CODE and short_code(text) is None:
            raise InvalidParameter(Problem.BAD_ATTRIBUTE_VALUE, field, text)
        found[code] = text
    return found


def _location(values: Mapping[str, str]) -> str:
    address = _text(values, "address_string")
    lat, long = values.get("lat", "").strip(), values.get("long", "").strip()
    coordinates = None
    if lat or long:
        coordinates = _coordinates(lat, long)
    parts = [part.strip() for part in (address, coordinates) if part]
    if not parts:
        raise InvalidParameter(Problem.MISSING_LOCATION, "address_string")
    return " ".join(parts) if len(parts) == 1 else f"{parts[0]} ({parts[1]})"


def _coordinates(lat: str, long: str) -> str:
    try:
        latitude, longitude = float(lat), float(long)
    except ValueError:
        raise InvalidParameter(Problem.BAD_COORDINATES, "lat", f"{lat},{long}") from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or abs(latitude) > 90 or abs(longitude) > 180:
        raise InvalidParameter(Problem.BAD_COORDINATES, "lat", f"{lat},{long}")
    return f"{latitude:.6f}, {longitude:.6f}"


def _media_url(values: Mapping[str, str]) -> str | None:
    url = values.get("media_url", "").strip()
    if not url:
        return None
    if len(url) > MAX_MEDIA_URL or XML_ILLEGAL.search(url) or any(ch.isspace() for ch in url):
        raise InvalidParameter(Problem.BAD_MEDIA_URL, "media_url")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise InvalidParameter(Problem.BAD_MEDIA_URL, "media_url") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidParameter(Problem.BAD_MEDIA_URL, "media_url")
    return url


def citizen_ref(client_id: int, phone: str | None, email: str | None) -> CitizenRef:
    """The citizen as this client knows them; raises feedback.domain.contact.InvalidContact for a bad phone or
    e-mail."""
    contact = normalise_phone(phone) if phone else normalise_email(email or "")
    digest = hashlib.sha256(contact.encode("utf-8")).hexdigest()[:24]
    return CitizenRef(CHANNEL, f"{client_id}:{digest}")


def to_draft(form: ServiceRequestForm, client_id: int) -> Draft:
    """The draft `FeedbackService.submit` takes; raises InvalidContact for a bad phone or e-mail."""
    attachments: tuple[Attachment, ...] = ()
    if form.media_url is not None:
        name = urlsplit(form.media_url).path.rsplit("/", 1)[-1] or None
        attachments = (Attachment(AttachmentKind.DOCUMENT, form.media_url, file_name=name),)
    return Draft(
        type=form.type,
        content=form.description,
        contact=Contact(name=form.name, address=form.location, phone=form.phone, email=form.email),
        citizen=citizen_ref(client_id, form.phone, form.email),
        attachments=attachments,
        procedure_code=form.procedure_code,
        unit=form.unit,
        content_kind=form.content_kind,
    )


# --- what a GET shows ---------------------------------------------------------------------------


def request_status(status: Status) -> RequestStatus:
    return RequestStatus.CLOSED if status in CLOSED_STATUSES else RequestStatus.OPEN


def statuses_for(wanted: frozenset[RequestStatus]) -> frozenset[Status]:
    return frozenset(status for status in Status if request_status(status) in wanted)


@dataclass(frozen=True)
class PublicRequest:
    """An item as anyone may see it through Open311: there is no field for personal data."""

    service_request_id: str
    status: RequestStatus
    detailed_status: Status
    service_code: str
    description: str | None
    # Only what an officer published for anyone with the code: the answer itself names the citizen and their
    # case, and a refusal's reason may too (Nghị định 20/2008, Art. 19); the filer reads them in their channel.
    public_answer: str | None
    unit: str | None
    requested: datetime
    updated: datetime
    expected: datetime
    media_url: str | None


def public_request(item: FeedbackItem) -> PublicRequest:
    published = item.citizen.channel == CHANNEL
    media = next((a.file_id for a in item.attachments if a.file_id.startswith(("http://", "https://"))), None)
    return PublicRequest(
        service_request_id=item.code,
        status=request_status(item.status),
        detailed_status=item.status,
        service_code=str(item.type),
        description=item.content if published else None,
        public_answer=item.public_answer,
        unit=item.unit,
        requested=item.received_at,
        updated=item.updated_at or item.received_at,
        expected=end_of_day(item.due),
        media_url=media if published else None,
    )


def end_of_day(day: date) -> datetime:
    """The legal deadline is a date: the answer is due by the end of it, Vietnam time."""
    return datetime.combine(day, time(23, 59, 59), VIETNAM_TIME)


def w3c_datetime(instant: datetime) -> str:
    """ISO 8601 in Vietnam time with its offset: 2026-11-23T08:00:00+07:00."""
    return instant.astimezone(VIETNAM_TIME).isoformat(timespec="seconds")


# --- the query of GET requests ------------------------------------------------------------------


@dataclass(frozen=True)
class RequestQuery:
    """`codes`, when given, override everything else, as the standard says."""

    since: datetime
    until: datetime
    codes: tuple[str, ...] | None = None
    types: frozenset[FeedbackType] | None = None
    statuses: frozenset[Status] | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def _listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_request_query(values: Mapping[str, str], now: datetime) -> RequestQuery:
    """The parameters of `GET requests`, with the standard's defaults (90 days, 1,000 requests)."""
    window = _window(values.get("start_date", "").strip(), values.get("end_date", "").strip(), now)
    if values.get("service_request_id", "").strip():
        return RequestQuery(*window, codes=_codes(values["service_request_id"]))
    types = None
    if values.get("service_code", "").strip():
        types = frozenset(service_type(code) for code in _listed(values["service_code"]))
    statuses = None
    if values.get("status", "").strip():
        try:
            statuses = statuses_for(frozenset(RequestStatus(word.lower()) for word in _listed(values["status"])))
        except ValueError:
            raise InvalidParameter(Problem.BAD_STATUS, "status", values["status"]) from None
    page = _bounded(values.get("page"), "page", 1, MAX_PAGE, Problem.BAD_PAGE)
    page_size = _bounded(values.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Problem.BAD_PAGE_SIZE)
    return RequestQuery(*window, types=types, statuses=statuses, page=page, page_size=page_size)


def _bounded(text: str | None, field: str, default: int, most: int, problem: Problem) -> int:
    """A whole number from 1 to `most`, in plain digits; `default` when not given (given empty is an error)."""
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 6 or not 1 <= int(text) <= most:
        raise InvalidParameter(problem, field, text)
    return int(text)


def _codes(text: str) -> tuple[str, ...]:
    listed = _listed(text)
    if len(listed) > MAX_RESULTS:
        raise InvalidParameter(Problem.TOO_MANY_IDS, "service_request_id")
    return tuple(tracking_code(code) for code in listed)


def tracking_code(text: str) -> str:
    try:
        return str(parse_code(text))
    except InvalidTrackingCode:
        raise InvalidParameter(Problem.BAD_REQUEST_ID, "service_request_id", text) from None


def _window(start: str, end: str, now: datetime) -> tuple[datetime, datetime]:
    try:
        return _checked_window(start, end, now)
    except OverflowError:  # 90 days before year 1 or after year 9999
        raise InvalidParameter(Problem.BAD_DATE_RANGE, "start_date", start) from None


def _checked_window(start: str, end: str, now: datetime) -> tuple[datetime, datetime]:
    since = parse_w3c(start, "start_date") if start else None
    until = parse_w3c(end, "end_date", end_of_day=True) if end else None
    if since is None and until is None:
        return now - DEFAULT_WINDOW, now
    if since is None:
        assert until is not None
        return until - DEFAULT_WINDOW, until
    if until is None:
        return since, since + DEFAULT_WINDOW
    if since > until or until - since > DEFAULT_WINDOW:
        raise InvalidParameter(Problem.BAD_DATE_RANGE, "end_date", end)
    return since, until


def parse_w3c(text: str, field: str, *, end_of_day: bool = False) -> datetime:
    """A W3C date-time with its offset ("2026-11-23T08:00:00+07:00", "…Z"), or a date in Vietnam time.

    A date alone is the start of the day, or with `end_of_day` its last second. Raises InvalidParameter."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time(23, 59, 59, 999999) if end_of_day else time(0), VIETNAM_TIME)
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidParameter(Problem.BAD_DATE, field, text) from None
    if instant.tzinfo is None or "T" not in text.upper():
        raise InvalidParameter(Problem.BAD_DATE, field, text)  # the standard requires the offset
    return instant
