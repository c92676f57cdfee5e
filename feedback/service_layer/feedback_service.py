"""The PAKN service layer, shared by every channel: submit, track, act, reopen, rate, deliver notices.

Each method is one transaction through a unit of work; nothing is acknowledged before it is committed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from feedback.domain import citizen_alert, deadlines, intake_limits
from feedback.domain.contact import normalise_address, normalise_email, normalise_name, normalise_phone
from feedback.domain.data_view import DataView
from feedback.domain.deadlines import DeadlinePolicy
from feedback.domain.held_notice import HeldNotice
from feedback.domain.intake_limits import DAILY_CAP_WINDOW, DailyCapReached, IntakeLimits
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import CITIZEN_ACTIONS, OFFICER_ACTIONS, SYSTEM_ACTIONS, Action, IllegalTransition
from feedback.domain.model import (
    SYSTEM as SYSTEM_ACTOR,
)
from feedback.domain.model import (
    Actor,
    ActorKind,
    Attachment,
    AuditEntry,
    CitizenRef,
    Contact,
    Draft,
    FeedbackItem,
    ItemError,
    citizen_actor,
)
from feedback.domain.queue import PAGE_SIZE, QueueEntry, QueueFilter, QueuePage, preview
from feedback.domain.status import CLOCK_PAUSED, Status
from feedback.domain.submission_refused import SubmissionRefused
from feedback.domain.tracking_code import parse_code
from feedback.domain.units import UnitTree, UnknownUnit, normalise_unit_code
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.address_cap import WINDOW as ADDRESS_CAP_WINDOW
from feedback.service_layer.address_cap import AddressCapReached, check_address_cap
from feedback.service_layer.feedback_ports import (
    ConcurrentChange,
    FeedbackUnitOfWork,
    OutgoingNotice,
    SubmissionKeyTaken,
)
from feedback.service_layer.group_commit import GroupCommit
from feedback.service_layer.web_attempts import AttemptKind, RecentAttempts

UnitOfWorkFactory = Callable[[], FeedbackUnitOfWork]
KEY_ATTEMPTS = 3
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnknownTrackingCode(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class IncompleteContact(SubmissionRefused):
    """The law requires a name, an address, and a phone number or an e-mail."""


class NotYourItem(ItemError):
    """A citizen acted on an item someone else filed."""


class ActionNotPermitted(ItemError):
    """The action is not one this kind of actor may take (a citizen cannot accept their own item)."""


_PERMITTED = {
    ActorKind.CITIZEN: CITIZEN_ACTIONS,
    ActorKind.OFFICER: OFFICER_ACTIONS,
    ActorKind.SYSTEM: SYSTEM_ACTIONS,
}


def checked_contact(contact: Contact) -> Contact:
    """The contact checked and normalised (raises InvalidContact); the law requires name, address and a phone
    or an e-mail (raises IncompleteContact)."""
    if not (contact.name.strip() and contact.address.strip()) or not (contact.phone or contact.email):
        raise IncompleteContact
    return dataclasses.replace(
        contact,
        name=normalise_name(contact.name),
        address=normalise_address(contact.address),
        phone=normalise_phone(contact.phone) if contact.phone else None,
        email=normalise_email(contact.email) if contact.email else None,
    )


async def _unit_name(uow: FeedbackUnitOfWork, item: FeedbackItem | None) -> str | None:
    """The name of the item's unit, in the item's unit of work: a look-up page needs no other read."""
    unit = await uow.units.get(item.unit) if item is not None and item.unit else None
    return unit.name if unit is not None else None


@dataclass(frozen=True)
class Step:
    """One action of a change, with what it needs (a reason, a unit, an assignee, the citizen's files)."""

    action: Action
    note: str | None = None
    unit: str | None = None
    assignee: str | None = None
    attachments: tuple[Attachment, ...] = ()


Authorise = Callable[[FeedbackItem, Action], None]
Plan = Callable[[FeedbackItem], Sequence[Step]]


@dataclass(frozen=True)
class Receipt:
    code: str
    received_at: datetime
    due: date


@dataclass(frozen=True)
class TrackingView:
    """What a look-up shows. The content, personal data, the answer and a refusal's reason only when the viewer
    filed the item; anyone else gets the public part and the answer an officer chose to publish."""

    code: str
    type: FeedbackType
    status: Status
    received_on: date
    due: date
    days_left: int
    answer: str | None
    refusal_reason: str | None
    clock_paused: bool
    rating: int | None
    is_owner: bool
    content: str | None = None
    contact: Contact | None = None
    attachments: int = 0
    procedure_code: str | None = None
    can_reopen: bool = False
    public_answer: str | None = None  # what an officer published for anyone with the code
    unit: str | None = None
    unit_name: str | None = None  # the unit's name, read with the item (`track`, `track_as_filer`)
    answered_on: date | None = None
    closed_on: date | None = None
    answer_number: int = 1  # which answer `answer` is (1, or more after a reopen): what a rating rates
    # Notices the filer's channel keeps until they write again (Zalo outside its window): in the filer's view
    # only (`track_as_filer`), since their text is the filer's.
    held: tuple[HeldNotice, ...] = ()
    # The PIN's stored hash, in the filer's view only (`track_as_filer`): the portal checks a session against it.
    pin_hash: str | None = None


class FeedbackService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        *,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy | None = None,
        limits: IntakeLimits | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._uow_factory = uow_factory
        self.calendar = calendar
        self.policy = policy or DeadlinePolicy()
        self.limits = limits or IntakeLimits()
        self._clock = clock
        self._intake: GroupCommit[Draft, Receipt] = GroupCommit(self._write_submissions)

    def now(self) -> datetime:
        """The service's clock, for a channel that shows how late an item is."""
        return self._clock()

    # --- citizens --------------------------------------------------------------------------

    async def last_contact(self, citizen: CitizenRef) -> Contact | None:
        async with self._uow_factory() as uow:
            return await uow.citizens.last_contact(citizen)

    async def find_duplicate(self, citizen: CitizenRef, content: str) -> str | None:
        """The code of this citizen's near-identical item from the last day, to warn before sending again."""
        since = self._clock() - timedelta(hours=self.limits.duplicate_window_hours)
        async with self._uow_factory() as uow:
            previous = await uow.feedback.contents_since(citizen, since)
        return intake_limits.find_near_duplicate(content, previous, self.limits)

    async def units(self) -> UnitTree:
        """The units a citizen may address an item to, as a tree (empty until an administrator adds some)."""
        async with self._uow_factory() as uow:
            return UnitTree(await uow.units.list())

    async def filing_opens_at(self, citizen: CitizenRef) -> datetime | None:
        """When the citizen may file again if they have reached the daily cap; None when they may file now.

        Asked before a channel takes a citizen through the steps, so the cap is said first, not after them."""
        since = self._clock() - DAILY_CAP_WINDOW
        async with self._uow_factory() as uow:
            received = await uow.feedback.received_times_since(citizen, since)
        return intake_limits.filing_opens_at(received, self.limits)

    async def receipt_for(self, submission_key: str) -> Receipt | None:
        """The receipt of the item filed with this draft's key, if it was filed: a channel asked to send a
        draft again (an event retried after a crash) answers with it rather than warn of a duplicate."""
        async with self._uow_factory() as uow:
            item = (await uow.feedback.with_submission_keys({submission_key})).get(submission_key)
        return Receipt(code=item.code, received_at=item.received_at, due=item.due) if item is not None else None

    async def submit(self, draft: Draft, *, units: UnitTree | None = None) -> Receipt:
        """Validate, number, store and commit; only then is there a receipt to show.

        A draft with a submission key already stored gets that item's receipt again and stores nothing: the
        same draft submitted twice (a retried event, two instances) is one item.
        Raises UnknownUnit for a unit that does not exist (a channel offers only existing ones, but a
        unit may have been renamed or an API client may send anything). `units` are the units as the caller
        has just read them (`units()`) to check its form: the draft's unit is checked against them, not read
        again."""
        intake_limits.check_submission(draft.content, len(draft.attachments), self.limits)
        draft = dataclasses.replace(draft, contact=checked_contact(draft.contact))
        if draft.unit is not None:
            unit = normalise_unit_code(draft.unit)
            if unit not in (units if units is not None else await self.units()):
                raise UnknownUnit(unit)
            draft = dataclasses.replace(draft, unit=unit)
        return await self._intake.submit(draft)

    async def _write_submissions(self, drafts: Sequence[Draft]) -> list[Receipt | Exception]:
        # A key stored by another transaction between our look-up and our insert: the next look-up finds it.
        for _ in range(KEY_ATTEMPTS - 1):
            try:
                return await self._write_submissions_once(drafts)
            except SubmissionKeyTaken:
                continue
        return await self._write_submissions_once(drafts)

    async def _write_submissions_once(self, drafts: Sequence[Draft]) -> list[Receipt | Exception]:
        """One transaction for a group of submissions; a citizen (or a web client) over the daily cap fails alone."""
        at = self._clock()
        results: list[FeedbackItem | Exception] = []
        new: list[FeedbackItem] = []
        from_clients: list[tuple[FeedbackItem, str]] = []
        async with self._uow_factory() as uow:
            # Remembering the citizens writes first: it takes the locks that make the daily counts exact, and
            # one citizen's submission keys are then looked up one transaction after another.
            await uow.citizens.remember_many([(draft.citizen, draft.contact) for draft in drafts], at)
            keys = {draft.submission_key for draft in drafts if draft.submission_key}
            filed = await uow.feedback.with_submission_keys(keys) if keys else {}
            since = at - DAILY_CAP_WINDOW
            counts = await uow.feedback.count_received_since({draft.citizen for draft in drafts}, since)
            clients = {draft.client for draft in drafts if draft.client}
            by_client = {
                client: await uow.web_attempts.recent(AttemptKind.FILING, at - ADDRESS_CAP_WINDOW, client=client)
                for client in clients
            }
            for draft in drafts:
                earlier = filed.get(draft.submission_key) if draft.submission_key else None
                if earlier is not None:
                    results.append(earlier)
                    continue
                try:
                    if draft.client:
                        check_address_cap(by_client[draft.client], self.limits.daily_cap_per_address)
                    intake_limits.check_daily_cap(counts.get(draft.citizen, 0), self.limits)
                except (AddressCapReached, DailyCapReached) as refused:
                    results.append(refused)
                    continue
                counts[draft.citizen] = counts.get(draft.citizen, 0) + 1
                item = FeedbackItem.receive(draft, at=at, calendar=self.calendar, policy=self.policy)
                if draft.submission_key:
                    filed[draft.submission_key] = item  # the same draft twice in one group: one item
                if draft.client:
                    recent = by_client[draft.client]
                    by_client[draft.client] = RecentAttempts(recent.count + 1, recent.oldest or at)
                    from_clients.append((item, draft.client))
                new.append(item)
                results.append(item)
            await uow.feedback.add_many(new)
            for item, client in from_clients:  # numbered by add_many
                await uow.web_attempts.add(AttemptKind.FILING, at, client=client, code=item.code)
            await uow.commit()
        return [
            Receipt(code=item.code, received_at=item.received_at, due=item.due)
            if isinstance(item, FeedbackItem)
            else item
            for item in results
        ]

    # --- look-ups --------------------------------------------------------------------------

    async def track(self, code: str, viewer: CitizenRef | None = None) -> TrackingView:
        normalised = str(parse_code(code))
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(normalised)
            unit_name = await _unit_name(uow, item)
        if item is None:
            raise UnknownTrackingCode(normalised)
        return dataclasses.replace(self._view(item, viewer), unit_name=unit_name)

    async def track_as_filer(self, code: str) -> TrackingView:
        """The item as its filer sees it (content, contact, answer): for a channel that has checked who is
        asking by other means than the channel's identity (the portal's PIN)."""
        normalised = str(parse_code(code))
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(normalised)
            held = await uow.held_notices.for_item(normalised) if item is not None else []
            unit_name = await _unit_name(uow, item)
        if item is None:
            raise UnknownTrackingCode(normalised)
        view = self._view(item, item.citizen)
        return dataclasses.replace(view, held=tuple(held), unit_name=unit_name, pin_hash=item.pin_hash)

    async def my_items(self, citizen: CitizenRef, *, limit: int = 10) -> list[TrackingView]:
        async with self._uow_factory() as uow:
            items = await uow.feedback.list_for_citizen(citizen, limit=limit)
        return [self._view(item, citizen) for item in items]

    async def queue(self, wanted: QueueFilter, *, page: int = 1, page_size: int = PAGE_SIZE) -> QueuePage:
        """The officers' queue by legal deadline, with working days left (negative: overdue by)."""
        page = max(page, 1)
        today = deadlines.local_date(self._clock())
        async with self._uow_factory() as uow:
            rows, total = await uow.queue.page(wanted, today, offset=(page - 1) * page_size, limit=page_size)
            unreached = await uow.held_notices.unreached([row.code for row in rows]) if rows else {}
        entries = [
            QueueEntry(
                code=row.code,
                type=row.type,
                status=row.status,
                unit=row.unit,
                assignee=row.assignee,
                received_on=row.received_on,
                due=row.due,
                days_left=deadlines.days_left(self.calendar, row.due, today),
                preview=preview(row.content),
                clock_paused=row.status in CLOCK_PAUSED,
                unreached_since=unreached.get(row.code),
            )
            for row in rows
        ]
        return QueuePage(entries=entries, total=total, page=page, page_size=page_size, filter=wanted)

    async def item(self, code: str) -> FeedbackItem:
        """The whole item, personal data included: for a channel that has checked who is asking."""
        async with self._uow_factory() as uow:
            return await self._load(uow, code)

    async def disclose(
        self, code: str, authorise: Callable[[FeedbackItem], None], views: Callable[[FeedbackItem], Sequence[DataView]]
    ) -> FeedbackItem:
        """The whole item for an officer, the record of what they are about to see written and committed first:
        no channel shows a citizen's contact details or files without a trace (feedback.service_layer.data_views)."""
        at = self._clock()
        async with self._uow_factory() as uow:
            item = await self._load(uow, code)
            authorise(item)
            for view in views(item):
                await uow.data_views.add(dataclasses.replace(view, at=at))
            await uow.commit()
        return item

    async def items(self, codes: Sequence[str]) -> list[FeedbackItem]:
        """The items of these (normalised) codes that exist, newest first; personal data included."""
        async with self._uow_factory() as uow:
            return await uow.feedback.get_many(codes)

    async def received_between(
        self,
        since: datetime,
        until: datetime,
        *,
        statuses: frozenset[Status] | None = None,
        types: frozenset[FeedbackType] | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[FeedbackItem]:
        """Items received in [since, until], newest first; personal data included (a channel filters it)."""
        async with self._uow_factory() as uow:
            return await uow.feedback.list_received(
                since, until, statuses=statuses, types=types, limit=limit, offset=offset
            )

    async def audit_trail(self, code: str) -> list[AuditEntry]:
        async with self._uow_factory() as uow:
            return await uow.feedback.audit_trail(code)

    async def held_notices(self, code: str) -> list[HeldNotice]:
        """The item's notices its citizen's channel holds until they write again (see
        feedback.service_layer.held_notices)."""
        async with self._uow_factory() as uow:
            return await uow.held_notices.for_item(code)

    def _view(self, item: FeedbackItem, viewer: CitizenRef | None) -> TrackingView:
        today = deadlines.local_date(self._clock())
        owner = viewer is not None and viewer == item.citizen
        can_reopen = (
            owner
            and item.status == Status.ANSWERED
            and item.answered_on is not None
            and today <= deadlines.reopen_window_ends(self.calendar, item.answered_on, self.policy)
        )
        return TrackingView(
            code=item.code,
            type=item.type,
            status=item.status,
            received_on=item.received_on,
            due=item.due,
            days_left=deadlines.days_left(self.calendar, item.due, today),
            # The answer the citizen got names them and their case, and a refusal's reason may too: a code is
            # guessable, so anyone else reads only what an officer published (`public_answer`).
            answer=item.answer if owner else None,
            refusal_reason=item.refusal_reason if owner else None,
            clock_paused=item.clock_paused,
            rating=item.rating,
            is_owner=owner,
            content=item.content if owner else None,
            contact=item.contact if owner else None,
            attachments=len(item.attachments) if owner else 0,
            procedure_code=item.procedure_code if owner else None,
            can_reopen=can_reopen,
            public_answer=item.public_answer,
            unit=item.unit,
            answered_on=item.answered_on,
            closed_on=item.closed_on,
            answer_number=item.answer_number,
        )

    # --- changes ---------------------------------------------------------------------------

    async def act(
        self,
        code: str,
        action: Action,
        actor: Actor,
        *,
        note: str | None = None,
        unit: str | None = None,
        assignee: str | None = None,
        attachments: Sequence[Attachment] = (),
        authorise: Authorise | None = None,
    ) -> FeedbackItem:
        """Apply one lifecycle action and store it with its audit entry and the citizen's notice."""
        step = Step(action, note=note, unit=unit, assignee=assignee, attachments=tuple(attachments))
        return await self.act_steps(code, [step], actor, authorise=authorise)

    async def act_steps(
        self, code: str, steps: Sequence[Step] | Plan, actor: Actor, *, authorise: Authorise | None = None
    ) -> FeedbackItem:
        """Apply several actions as one change ("accept and take it", "take it and answer"): all or none.

        `steps` may be a plan: a function of the item as loaded in the transaction, for a change whose
        steps depend on the item's status ("claim" accepts first only if nobody has); it may raise to
        refuse. `authorise(item, action)` is called before each step with the item as it then is, so a
        channel's permission check sees the unit the item is in at that moment; it raises to refuse."""
        if not callable(steps):
            self._check_steps(steps, actor)  # before any I/O
        async with self._uow_factory() as uow:
            item = await self._load(uow, code)
            planned: Sequence[Step]
            if callable(steps):
                planned = steps(item)
                self._check_steps(planned, actor)
            else:
                planned = steps
            if actor.kind == ActorKind.CITIZEN and citizen_actor(item.citizen) != actor:
                raise NotYourItem(code)
            at = self._clock()
            alerts: list[citizen_alert.CitizenAlert] = []
            for step in planned:
                if authorise is not None:
                    authorise(item, step.action)
                item.apply(
                    step.action,
                    actor=actor,
                    at=at,
                    calendar=self.calendar,
                    policy=self.policy,
                    note=step.note,
                    unit=step.unit,
                    assignee=step.assignee,
                    attachments=step.attachments,
                )
                if actor.kind == ActorKind.CITIZEN:
                    today = deadlines.local_date(at)
                    files = len(step.attachments)
                    alert = citizen_alert.for_action(item, step.action, today, note=step.note, files=files)
                    if alert is not None:
                        alerts.append(alert)
            await uow.feedback.save(item)
            await self._tell_officers(uow, item, alerts, at)
            await uow.commit()
        return item

    async def _tell_officers(
        self, uow: FeedbackUnitOfWork, item: FeedbackItem, alerts: Sequence[citizen_alert.CitizenAlert], at: datetime
    ) -> None:
        """Queue the citizen's alerts for the officers handling the item, in the transaction of the change."""
        if not alerts:
            return
        tree = UnitTree(await uow.units.list())
        for officer in citizen_alert.recipients(await uow.officers.list(), item, tree):
            for alert in alerts:
                await uow.officer_messages.add(officer, alert, at)

    def _check_steps(self, steps: Sequence[Step], actor: Actor) -> None:
        for step in steps:
            if step.action not in _PERMITTED[actor.kind]:
                raise ActionNotPermitted(step.action)
            for count_so_far, attachment in enumerate(step.attachments):
                intake_limits.check_attachment(attachment.size, count_so_far, self.limits)

    async def close_settled(self, *, batch: int = 200) -> list[str]:
        """Close the answered items whose reopen window has ended (the citizen can no longer reopen them);
        the codes closed. Run daily by the scheduler; an item changed meanwhile is left for the next run."""
        today = deadlines.local_date(self._clock())
        last_day = deadlines.last_reopenable_answer_day(self.calendar, today, self.policy)
        closed: list[str] = []
        while True:
            async with self._uow_factory() as uow:
                codes = await uow.feedback.answered_on_or_before(last_day, limit=batch)
            for code in codes:
                try:
                    await self.act(code, Action.CLOSE, SYSTEM_ACTOR)
                except (ConcurrentChange, IllegalTransition):
                    continue  # reopened or closed by the citizen meanwhile: nothing to do
                closed.append(code)
            if len(codes) < batch:
                return closed

    async def reopen(self, code: str, citizen: CitizenRef, reason: str | None = None) -> FeedbackItem:
        """ "Chưa được giải quyết": the citizen reopens an answered item within the window."""
        return await self.act(code, Action.REOPEN, citizen_actor(citizen), note=reason)

    async def reply_with_information(
        self, code: str, citizen: CitizenRef, text: str, attachments: Sequence[Attachment] = ()
    ) -> FeedbackItem:
        """The citizen sends what the officer asked for, in words, files or both: the clock restarts."""
        note = text.strip() or None
        return await self.act(code, Action.CITIZEN_REPLIED, citizen_actor(citizen), note=note, attachments=attachments)

    async def withdraw(self, code: str, citizen: CitizenRef, reason: str | None = None) -> FeedbackItem:
        """The filer takes the item back before it is answered; raises IllegalTransition after the answer."""
        return await self.act(code, Action.WITHDRAW, citizen_actor(citizen), note=reason)

    async def rate(
        self, code: str, citizen: CitizenRef, stars: int, *, answer_number: int | None = None
    ) -> FeedbackItem:
        """The citizen's stars for the latest answer (`answer_number`: the answer the buttons were under)."""
        async with self._uow_factory() as uow:
            item = await self._load(uow, code)
            if item.citizen != citizen:
                raise NotYourItem(code)
            item.rate(stars, answer_number)
            await uow.feedback.save(item)
            await uow.commit()
        return item

    async def apologise(
        self,
        code: str,
        actor: Actor,
        new_date: date,
        reason: str | None = None,
        *,
        authorise: Callable[[FeedbackItem], None] | None = None,
    ) -> FeedbackItem:
        """The item will be late: apologise to the citizen with a new expected date (phiếu xin lỗi).

        The first apology sets the date and the next one moves it, once; raises PromiseAlreadyMoved after
        that, InvalidPromise for a date not after the deadline, CannotApologise for an item not in process.
        `authorise(item)` is the channel's permission check on the item as loaded; it raises to refuse."""
        if actor.kind == ActorKind.CITIZEN:
            raise ActionNotPermitted("apologise")
        async with self._uow_factory() as uow:
            item = await self._load(uow, code)
            if authorise is not None:
                authorise(item)
            item.apologise(
                actor=actor, at=self._clock(), new_date=new_date, calendar=self.calendar, reason=reason or None
            )
            await uow.feedback.save(item)
            await uow.commit()
        return item

    async def publish_answer(
        self, code: str, actor: Actor, text: str, *, authorise: Callable[[FeedbackItem], None] | None = None
    ) -> FeedbackItem:
        """Publish, replace or (with an empty text) withdraw the item's public answer, audited; raises
        InvalidPublicAnswer for an item not answered yet or a text too long. `authorise(item)` is the channel's
        permission check on the item as loaded; it raises to refuse."""
        if actor.kind == ActorKind.CITIZEN:
            raise ActionNotPermitted("publish_answer")
        async with self._uow_factory() as uow:
            item = await self._load(uow, code)
            if authorise is not None:
                authorise(item)
            item.publish_answer(text, actor=actor, at=self._clock())
            await uow.feedback.save(item)
            await uow.commit()
        return item

    async def _load(self, uow: FeedbackUnitOfWork, code: str) -> FeedbackItem:
        normalised = str(parse_code(code))
        item = await uow.feedback.get(normalised)
        if item is None:
            raise UnknownTrackingCode(normalised)
        return item

    # --- notices ---------------------------------------------------------------------------

    async def pending_notices(self, channel: str, *, limit: int = 50) -> Sequence[OutgoingNotice]:
        async with self._uow_factory() as uow:
            return await uow.notices.pending(channel, limit=limit)

    async def mark_notice_sent(self, notice_id: int) -> None:
        async with self._uow_factory() as uow:
            await uow.notices.mark_sent(notice_id, self._clock())
            await uow.commit()
