"""A PAKN item and what happens to it: the entity, its audit entries and the notices it owes the citizen.

The item applies an action in one place (`FeedbackItem.apply`): the lifecycle table decides the next
status, the deadline functions move the dates, and an audit entry records who did what and when.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from feedback.domain import deadlines
from feedback.domain.deadlines import DeadlinePolicy
from feedback.domain.legal_type import ContentKind, FeedbackType, OtherRegime
from feedback.domain.lifecycle import Action, next_status
from feedback.domain.retention import MASKED
from feedback.domain.status import CLOCK_PAUSED, IN_PROCESS_STATUSES, OPEN_STATUSES, Status
from feedback.domain.working_days import WorkingCalendar

# The actions that change what a report of an earlier day would read in the item's current columns: its
# unit, its deadline, its clock, or (a reopen) an answer that stood. The item keeps the last day of one
# (`standing_changed_on`), so the reports rebuild from the audit trail only the items changed since.
# Answering and refusing are not among them: the item keeps their dates, which is enough.
STANDING_CHANGES: frozenset[Action] = frozenset(
    {Action.FORWARD, Action.ASK_CITIZEN, Action.CITIZEN_REPLIED, Action.EXTEND, Action.REOPEN}
)


# The longest e-mail address notices are sent to (the channel outbox's recipient column): a longer one gets
# none, and the portal's page is the place.
LETTER_ADDRESS_MAX_LENGTH = 64
# The audit entry of a PIN given again (by its filer on a messenger, or by an officer at the desk).
REPLACE_PIN = "replace_pin"
# Every action an audit entry records: the lifecycle's, and the steps that change no status. Each channel labels
# them all (vocabulary/labels.py), so a history never shows a raw code.
RECORDED_ACTIONS: frozenset[str] = frozenset(
    {
        *Action,
        "receive",
        "apologise",
        "move_promise",
        "publish_answer",
        "unpublish_answer",
        "escalate",
        "mask_contact",
        "remove_attachments",
        "correct_contact",
        REPLACE_PIN,
    }
)


class ActorKind(StrEnum):
    CITIZEN = "citizen"
    OFFICER = "officer"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: str
    name: str | None = None


SYSTEM = Actor(ActorKind.SYSTEM, "system")


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Attachment:
    """A file the citizen sent, known by the channel's own id (a Telegram file id)."""

    kind: AttachmentKind
    file_id: str
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None
    local_path: str | None = None


@dataclass(frozen=True)
class Contact:
    """Who filed the item: the law requires name, address, and a phone number or an e-mail."""

    name: str
    address: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Location:
    """A place the citizen shared on the map (a flooded road), in WGS 84 degrees."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise ValueError("a latitude is within ±90 degrees and a longitude within ±180")

    @property
    def coordinates(self) -> str:
        """As officers read and paste them into any map: "16.067890, 108.220120"."""
        return f"{self.latitude:.6f}, {self.longitude:.6f}"

    @property
    def map_url(self) -> str:
        """The place on OpenStreetMap, with a marker: opens in any browser, needs no key."""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


@dataclass(frozen=True)
class CitizenRef:
    """A citizen as a channel knows them, e.g. ("telegram", "<user id>")."""

    channel: str
    external_id: str


def citizen_actor(citizen: CitizenRef) -> Actor:
    """The audit trail's name for a citizen: channel and id, never their personal details."""
    return Actor(ActorKind.CITIZEN, f"{citizen.channel}:{citizen.external_id}")


@dataclass(frozen=True)
class Draft:
    """Everything a citizen has given before submitting."""

    type: FeedbackType
    content: str
    contact: Contact
    citizen: CitizenRef
    reply_to: str | None = None  # where notices go on the citizen's channel (a chat id)
    attachments: tuple[Attachment, ...] = ()
    procedure_code: str | None = None
    unit: str | None = None
    content_kind: ContentKind | None = None
    repeat_of: str | None = None  # the citizen's earlier item on the same matter, when they chose to send again
    # The citizen's words read like a khiếu nại or tố cáo and they chose to send it as a PAKN anyway: a flag
    # for the officer, who decides (recognising another regime is advice, never a refusal).
    regime_flag: OtherRegime | None = None
    location: Location | None = None
    # The Argon2id hash of the PIN a web filer got with the code (feedback/service_layer/filer_pin.py); None elsewhere.
    pin_hash: str | None = None
    # Given when the citizen starts filing: the same draft submitted again (a retried event after a crash, two
    # instances taking one press) is the item already stored, never a second one.
    submission_key: str | None = None
    # The version of the personal-data notice the citizen was shown before giving their details
    # (feedback.domain.privacy_notice.NOTICE_VERSION); None from a channel that showed none (an API client).
    notice_version: str | None = None
    # A keyed digest of the web client's address (never the address): counted against the daily cap per address
    # in the transaction that stores the item (feedback/service_layer/address_cap.py); None on other channels.
    client: str | None = None


@dataclass(frozen=True)
class Standing:
    """What the reports read of an item at a moment: its unit, status, deadline, standing answer, paused clock.

    Each audit entry keeps the item's standing just before it, so that a report of a past period sees the
    item as it stood then, whatever happened to it since (`feedback.domain.report_standing`)."""

    unit: str | None
    status: Status
    due: date
    answered_on: date | None
    answer_working_days: int | None
    days_left_at_pause: int | None


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: Actor
    action: str
    from_status: Status | None
    to_status: Status
    note: str | None = None
    before: Standing | None = None  # None on the receive entry, and on entries stored before migration 0010


class NoticeKind(StrEnum):
    STATUS_CHANGED = "status_changed"
    ANSWERED = "answered"
    INFORMATION_REQUESTED = "information_requested"
    APOLOGY = "apology"  # the item will be late: an apology with the new expected date
    # An officer extended the deadline (with the reason): told apart from other status changes so that a
    # channel that sends fixed templates (Zalo's ZNS) can say so.
    DEADLINE_EXTENDED = "deadline_extended"
    # The citizen's request to delete their personal data was carried out, or refused with the reason (text).
    DATA_DELETED = "data_deleted"
    DATA_DELETION_REFUSED = "data_deletion_refused"


@dataclass(frozen=True)
class Notice:
    """Something the citizen must be told; stored with the change and delivered by their channel."""

    kind: NoticeKind
    status: Status
    text: str | None = None
    due: date | None = None
    # Which answer an ANSWERED notice carries (1, or more after a reopen): the rating choices under it rate
    # that answer and no later one.
    answer_number: int | None = None
    # Where it goes when not to the item's reply_to: the last letter to an e-mail address masked by the same
    # change (a deletion's result reaches the address it erased, and nothing after it).
    recipient: str | None = None


class ItemError(Exception):
    """An action that the item's rules forbid."""


class MissingReason(ItemError):
    """Refusing, forwarding, extending and asking the citizen all need a stated reason or target."""


class AlreadyExtended(ItemError):
    """The law allows one extension."""


class ReopenWindowClosed(ItemError):
    def __init__(self, window_ended: date) -> None:
        super().__init__(f"reopen window ended on {window_ended.isoformat()}")
        self.window_ended = window_ended


class NotRateable(ItemError):
    """Only an answered or closed item can be rated, with 1 to 5 stars, and only its latest answer: the stars
    under an earlier answer (before the item was reopened and answered again) no longer rate anything."""


class InvalidPublicAnswer(ItemError):
    """A public answer needs a text (of at most PUBLIC_ANSWER_MAX_CHARS), and an item the citizen was answered on."""


PUBLIC_ANSWER_MAX_CHARS = 5000


class CannotApologise(ItemError):
    """Only an item still in process can be late: an answered or closed one owes no apology."""


class InvalidPromise(ItemError):
    """The new expected date must be a working day after the deadline and after today (and, when moved, differ)."""


class PromiseAlreadyMoved(ItemError):
    """The one-stop rules let the new expected date be moved once; this item's has been moved already."""

    def __init__(self, promised_on: date) -> None:
        super().__init__(f"the new date was moved once already, to {promised_on.isoformat()}")
        self.promised_on = promised_on


@dataclass
class FeedbackItem:
    code: str
    type: FeedbackType
    content: str
    contact: Contact
    citizen: CitizenRef
    received_at: datetime
    received_on: date
    classify_due: date
    due: date
    status: Status = Status.RECEIVED
    reply_to: str | None = None
    attachments: tuple[Attachment, ...] = ()
    procedure_code: str | None = None
    unit: str | None = None
    content_kind: ContentKind | None = None
    repeat_of: str | None = None
    regime_flag: OtherRegime | None = None
    location: Location | None = None
    pin_hash: str | None = None
    submission_key: str | None = None
    # What an officer chose to publish for anyone holding the code: a text without personal data, apart from
    # the answer the citizen got, which names them and their case (Nghị định 20/2008, Art. 19).
    public_answer: str | None = None
    assignee: str | None = None
    paused_on: date | None = None
    days_left_at_pause: int | None = None
    extended: bool = False
    refusal_reason: str | None = None
    answer: str | None = None
    answered_on: date | None = None
    # What the reports read, kept as the item changes so they need no calendar.
    answer_working_days: int | None = None  # from receipt to the last answer, as deadlines count them
    first_forwarded_on: date | None = None  # ever forwarded: its unit may have been another one
    standing_changed_on: date | None = None  # the last day of an action in STANDING_CHANGES
    closed_on: date | None = None  # refused, withdrawn or closed on
    reopen_count: int = 0
    rating: int | None = None
    promised_on: date | None = None  # the new expected date the citizen was given with an apology
    promise_moved: bool = False
    escalation_level: int = 0  # how far up its unit chain the overdue item has been reported
    notice_version: str | None = None  # the personal-data notice the filer was shown
    # When the contact details were masked and the files deleted (retention or a deletion request): the item,
    # its history and its answer stay, as the law on PAKN and archiving requires.
    contact_masked_at: datetime | None = None
    attachments_removed_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None
    version: int = 0
    # Produced by the last `apply`, for the repository to store in the same transaction.
    pending_audit: list[AuditEntry] = field(default_factory=list, compare=False, repr=False)
    pending_notices: list[Notice] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def receive(
        cls,
        draft: Draft,
        *,
        at: datetime,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy,
    ) -> FeedbackItem:
        received_on = deadlines.local_date(at)
        item = cls(
            code="",  # storage numbers it: the sequence of the day must be unique across processes
            type=draft.type,
            content=draft.content,
            contact=draft.contact,
            citizen=draft.citizen,
            reply_to=draft.reply_to,
            attachments=draft.attachments,
            procedure_code=draft.procedure_code,
            unit=draft.unit,
            content_kind=draft.content_kind,
            repeat_of=draft.repeat_of,
            regime_flag=draft.regime_flag,
            location=draft.location,
            pin_hash=draft.pin_hash,
            submission_key=draft.submission_key,
            notice_version=draft.notice_version,
            received_at=at,
            received_on=received_on,
            classify_due=deadlines.classify_due(calendar, received_on, policy),
            due=deadlines.answer_due(calendar, received_on, policy),
            updated_at=at,
        )
        item.pending_audit.append(AuditEntry(at, citizen_actor(draft.citizen), "receive", None, Status.RECEIVED))
        return item

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def clock_paused(self) -> bool:
        return self.status in CLOCK_PAUSED

    def standing(self) -> Standing:
        return Standing(
            self.unit, self.status, self.due, self.answered_on, self.answer_working_days, self.days_left_at_pause
        )

    def apply(
        self,
        action: Action,
        *,
        actor: Actor,
        at: datetime,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy,
        note: str | None = None,
        unit: str | None = None,
        assignee: str | None = None,
        attachments: Sequence[Attachment] = (),
    ) -> AuditEntry:
        """Carry out `action`: raises IllegalTransition or an ItemError and changes nothing if not allowed.

        `attachments` go with the citizen's reply to a request for information (a photo of the place)."""
        today = deadlines.local_date(at)
        before = self.status
        after = next_status(before, action)
        if attachments and action != Action.CITIZEN_REPLIED:
            raise ItemError("only the citizen's reply to a request for information adds files")
        if action == Action.CLOSE and actor.kind == ActorKind.OFFICER and not note:
            raise MissingReason("an officer closes only with the citizen's confirmation noted")
        changes = self._changes(action, today, calendar, policy, note=note, unit=unit, assignee=assignee)
        if attachments:
            changes["attachments"] = self.attachments + tuple(attachments)
        if action in STANDING_CHANGES:
            changes["standing_changed_on"] = today
        standing = self.standing()
        for name, value in changes.items():
            setattr(self, name, value)
        self.status = after
        self.updated_at = at
        entry = AuditEntry(at, actor, str(action), before, after, note, standing)
        self.pending_audit.append(entry)
        notice = _notice_for(action, after, note, self.due, self.answer_number)
        if notice is not None:
            self.pending_notices.append(notice)
        return entry

    def _changes(
        self,
        action: Action,
        today: date,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy,
        *,
        note: str | None,
        unit: str | None,
        assignee: str | None,
    ) -> dict[str, object]:
        """The fields an action changes, computed before anything is changed so a refusal leaves no trace."""
        match action:
            case Action.REFUSE:
                if not note:
                    raise MissingReason("refusal needs a reason")
                return {"refusal_reason": note, "closed_on": today}
            case Action.ASSIGN:
                if not assignee:
                    raise MissingReason("assignment needs an assignee")
                return {"assignee": assignee}
            case Action.FORWARD:
                if not unit:
                    raise MissingReason("forwarding needs a unit")
                # The receiving unit gets the full answer time from the day it receives the item.
                return {
                    "unit": unit,
                    "first_forwarded_on": self.first_forwarded_on or today,
                    "assignee": None,
                    "paused_on": None,  # the receiving unit starts its own clock
                    "days_left_at_pause": None,
                    "classify_due": deadlines.classify_due(calendar, today, policy),
                    "due": deadlines.answer_due(calendar, today, policy),
                }
            case Action.ASK_CITIZEN:
                if not note:
                    raise MissingReason("say what information is needed")
                return {
                    "paused_on": today,
                    "days_left_at_pause": deadlines.remaining_working_days(calendar, self.due, today),
                }
            case Action.CITIZEN_REPLIED:
                remaining = self.days_left_at_pause if self.days_left_at_pause is not None else 0
                return {
                    "due": deadlines.resumed_due(calendar, today, remaining),
                    "paused_on": None,
                    "days_left_at_pause": None,
                }
            case Action.EXTEND:
                if self.extended:
                    raise AlreadyExtended
                if not note:
                    raise MissingReason("an extension needs a reason")
                return {"due": deadlines.extended_due(calendar, self.due, policy), "extended": True}
            case Action.ANSWER:
                if not note:
                    raise MissingReason("an answer needs its text")
                return {
                    "answer": note,
                    "answered_on": today,
                    "answer_working_days": deadlines.working_days_to_answer(calendar, self.received_on, today),
                }
            case Action.REOPEN:
                assert self.answered_on is not None  # only an answered item can be reopened
                window_ended = deadlines.reopen_window_ends(calendar, self.answered_on, policy)
                if today > window_ended:
                    raise ReopenWindowClosed(window_ended)
                # The rating was of the answer the citizen has just said did not settle it.
                return {
                    "due": deadlines.reopen_due(calendar, today, policy),
                    "reopen_count": self.reopen_count + 1,
                    "rating": None,
                }
            case Action.CLOSE | Action.WITHDRAW:
                return {"closed_on": today}  # the reports date a withdrawal, as a refusal, by it
            case _:
                if assignee:
                    return {"assignee": assignee}
                return {}

    def apologise(
        self, *, actor: Actor, at: datetime, new_date: date, calendar: WorkingCalendar, reason: str | None = None
    ) -> AuditEntry:
        """Tell the citizen the item will be late, with a new expected date (phiếu xin lỗi, hẹn lại ngày).

        The first apology sets the date; it may then be moved once, and a second move raises
        PromiseAlreadyMoved. The status and the legal deadline stay as they are: the lateness is still counted."""
        if self.status not in IN_PROCESS_STATUSES:
            raise CannotApologise(self.status)
        if self.promised_on is not None and self.promise_moved:
            raise PromiseAlreadyMoved(self.promised_on)
        today = deadlines.local_date(at)
        if new_date <= max(self.due, today) or not calendar.is_working_day(new_date) or new_date == self.promised_on:
            raise InvalidPromise(new_date.isoformat())
        moving = self.promised_on is not None
        self.promised_on, self.promise_moved = new_date, moving
        self.updated_at = at
        note = new_date.isoformat() + (f" {reason}" if reason else "")
        action = "move_promise" if moving else "apologise"
        entry = AuditEntry(at, actor, action, self.status, self.status, note, self.standing())
        self.pending_audit.append(entry)
        self.pending_notices.append(Notice(NoticeKind.APOLOGY, self.status, reason, new_date))
        return entry

    def publish_answer(self, text: str, *, actor: Actor, at: datetime) -> AuditEntry:
        """Publish (or replace) the public answer: a text anyone with the code may read. Only for an item that
        has been answered (or closed after an answer); the status stays as it is. An empty text withdraws it."""
        text = text.strip()
        if self.answer is None or len(text) > PUBLIC_ANSWER_MAX_CHARS:
            raise InvalidPublicAnswer(self.code)
        self.public_answer = text or None
        self.updated_at = at
        action = "publish_answer" if text else "unpublish_answer"
        entry = AuditEntry(at, actor, action, self.status, self.status, text or None, self.standing())
        self.pending_audit.append(entry)
        return entry

    def escalate(self, level: int, *, to_unit: str | None, at: datetime) -> AuditEntry:
        """Record that the overdue item was reported to the heads of `to_unit`, step `level` of its unit chain.

        Each step is taken once: a level not above the one recorded raises ItemError."""
        if level <= self.escalation_level:
            raise ItemError(f"{self.code} has been escalated to level {self.escalation_level} already")
        self.escalation_level = level
        self.updated_at = at
        note = f"{level} {to_unit or '-'}"
        entry = AuditEntry(at, SYSTEM, "escalate", self.status, self.status, note, self.standing())
        self.pending_audit.append(entry)
        return entry

    def mask_contact(self, *, actor: Actor, at: datetime, reason: str) -> AuditEntry | None:
        """Replace the filer's name and address by MASKED and drop their phone, e-mail and map location; None
        (nothing changes) when already masked. The reports' columns stay as they are."""
        if self.contact_masked_at is not None:
            return None
        if self._letters_to_contact():
            self.reply_to = None  # the e-mail address notices went to is contact data: letters stop with it
        self.contact = Contact(name=MASKED, address=MASKED)
        self.location = None
        self.contact_masked_at = self.updated_at = at
        return self._record(actor, at, "mask_contact", reason)

    def remove_attachments(self, *, actor: Actor, at: datetime, reason: str) -> tuple[str, ...] | None:
        """Forget the citizen's files: the stored paths to delete are returned; each attachment keeps only its
        kind, type and size (the item still shows that files came). None when already done."""
        if self.attachments_removed_at is not None:
            return None
        paths = tuple(a.local_path for a in self.attachments if a.local_path)
        self.attachments = tuple(
            Attachment(kind=a.kind, file_id="", mime_type=a.mime_type, size=a.size) for a in self.attachments
        )
        self.attachments_removed_at = self.updated_at = at
        self._record(actor, at, "remove_attachments", reason)
        return paths

    def correct_contact(self, contact: Contact, *, actor: Actor, at: datetime) -> AuditEntry | None:
        """The filer corrects their contact details (already checked); None when masked or unchanged."""
        if self.contact_masked_at is not None or contact == self.contact:
            return None
        if self._letters_to_contact():  # letters follow the corrected address, and stop when it is removed
            email = contact.email
            self.reply_to = email if email is not None and len(email) <= LETTER_ADDRESS_MAX_LENGTH else None
        self.contact = contact
        self.updated_at = at
        return self._record(actor, at, "correct_contact", None)

    def replace_pin(self, pin_hash: str, *, actor: Actor, at: datetime) -> AuditEntry:
        """A new PIN for the web portal (its hash): any earlier one stops working. Audited without the PIN."""
        self.pin_hash = pin_hash
        self.updated_at = at
        return self._record(actor, at, REPLACE_PIN, None)

    def _letters_to_contact(self) -> bool:
        """Notices go by e-mail to the address in the contact (a portal filer's), not to a messenger's chat."""
        return self.reply_to is not None and self.contact is not None and self.reply_to == self.contact.email

    def _record(self, actor: Actor, at: datetime, action: str, note: str | None) -> AuditEntry:
        """An entry that changes no status (and so nothing a report reads): what was done to personal data."""
        entry = AuditEntry(at, actor, action, self.status, self.status, note, self.standing())
        self.pending_audit.append(entry)
        return entry

    @property
    def answer_number(self) -> int:
        """Which answer the item's current one is: 1 for the first, 2 after a reopen and a new answer."""
        return self.reopen_count + 1

    def rate(self, stars: int, answer_number: int | None = None) -> None:
        """Rate the latest answer; `answer_number` (from the buttons under an answer) must be the latest's."""
        if self.status not in (Status.ANSWERED, Status.CLOSED) or not 1 <= stars <= 5:
            raise NotRateable
        if answer_number is not None and answer_number != self.answer_number:
            raise NotRateable
        self.rating = stars

    def take_pending(self) -> tuple[list[AuditEntry], list[Notice]]:
        audit, notices = self.pending_audit, self.pending_notices
        self.pending_audit, self.pending_notices = [], []
        return audit, notices

    def with_id(self, item_id: int) -> FeedbackItem:
        return dataclasses.replace(self, id=item_id)


def _notice_for(action: Action, status: Status, note: str | None, due: date, answer_number: int) -> Notice | None:
    """The citizen hears of every status change; an officer's internal note stays internal."""
    match action:
        case Action.ANSWER:
            return Notice(NoticeKind.ANSWERED, status, note, due, answer_number)
        case Action.ASK_CITIZEN:
            return Notice(NoticeKind.INFORMATION_REQUESTED, status, note, due)
        case Action.REOPEN | Action.CITIZEN_REPLIED | Action.WITHDRAW:
            return None  # the citizen did it; their channel answers them directly
        case Action.EXTEND:
            return Notice(NoticeKind.DEADLINE_EXTENDED, status, note, due)
        case Action.REFUSE | Action.CLOSE:
            return Notice(NoticeKind.STATUS_CHANGED, status, note, due)
        case _:
            return Notice(NoticeKind.STATUS_CHANGED, status, None, due)
