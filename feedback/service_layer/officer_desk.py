"""What an officer does with the PAKN queue, whatever the channel (Telegram, web): every call names the
officer, and the role and unit are checked here, on the server, before anything changes.

The desk is a thin layer over `FeedbackService` (the lifecycle, deadlines, audit and notices) and
`AdminService` (who the officer is, the unit tree): it narrows the queue to the units the officer may
see, checks each step of a change against the item's unit as it is at that step (`access.require`),
and turns the officer's intentions into lifecycle steps ("claim" is accept-if-needed then start).

Two officers acting on one item at once: the item's version check lets one change win; the other gets
`ConcurrentChange` (or `IllegalTransition` if the winner's change made the action pointless), and the
channel tells them to reload. Nothing is lost or applied twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from feedback.domain import deadlines
from feedback.domain.access import (
    InvalidUsername,
    NotPermitted,
    Officer,
    UnknownOfficer,
    can_act,
    covers,
    require,
    visible_units,
)
from feedback.domain.data_view import Looked, data_view
from feedback.domain.held_notice import HeldNotice, unreached_since
from feedback.domain.lifecycle import Action, allowed_actions
from feedback.domain.model import Actor, ActorKind, AuditEntry, FeedbackItem
from feedback.domain.queue import PAGE_SIZE, QueueFilter, QueuePage
from feedback.domain.status import Status
from feedback.domain.units import Unit, UnitTree, UnknownUnit, normalise_unit_code
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService, Plan, Step
from feedback.service_layer.filer_pin import FilerPins

# Statuses where an item still waits for its unit's decision: "claim" and "assign" accept it first.
_UNCLASSIFIED = frozenset({Status.RECEIVED, Status.FORWARDED})


class OutOfReach(Exception):
    """The item belongs to a unit the officer does not work for (or the officer is deactivated)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class NotAColleague(Exception):
    """An assignment to someone who cannot work on the item's unit (or is deactivated, or unknown)."""

    def __init__(self, username: str) -> None:
        super().__init__(username)
        self.username = username


class SameUnit(Exception):
    """Forwarding an item to the unit it is already in."""


def officer_actor(officer: Officer) -> Actor:
    """How an officer appears in the audit trail: by username, with the name colleagues know."""
    return Actor(ActorKind.OFFICER, officer.username, officer.display_name)


@dataclass(frozen=True)
class ItemView:
    """An item as an officer who may work on it sees it: everything, with its history."""

    item: FeedbackItem
    audit: list[AuditEntry]
    days_left: int  # working days; negative: overdue by that many
    unit: Unit | None
    actions: frozenset[Action]  # what this officer may do now (an extension only once)
    # Notices the citizen's channel keeps until they write again: the citizen has not been told yet.
    held: tuple[HeldNotice, ...] = ()

    @property
    def unreached_since(self) -> datetime | None:
        return unreached_since(self.held)

    @property
    def overdue(self) -> bool:
        return not self.item.clock_paused and self.days_left < 0 and self.item.status not in _FINISHED


_FINISHED = frozenset({Status.ANSWERED, Status.CLOSED, Status.REFUSED, Status.WITHDRAWN})


class PinsUnavailable(Exception):
    """The desk was built without the portal's PINs (no portal to open an item with one)."""


class OfficerDesk:
    def __init__(self, feedback: FeedbackService, admin: AdminService, pins: FilerPins | None = None) -> None:
        self._feedback = feedback
        self._admin = admin
        self._pins = pins

    @property
    def gives_pins(self) -> bool:
        """Whether an officer can give a filer a new portal PIN here."""
        return self._pins is not None

    # --- who -------------------------------------------------------------------------------

    async def officer_by_telegram(self, telegram_user_id: int) -> Officer | None:
        """The active officer linked to this Telegram account; None for a citizen (or a locked account)."""
        officer = await self._admin.officer_by_telegram(telegram_user_id)
        return officer if officer is not None and officer.active else None

    async def officer_on(self, channel: str, user_id: str) -> Officer | None:
        """The active officer linked to this account of a messenger ("telegram", "zalo"); None otherwise."""
        if channel == "telegram":
            return await self.officer_by_telegram(int(user_id)) if user_id.isdigit() else None
        if channel == "zalo":
            return await self._admin.officer_by_zalo(user_id)
        return None

    async def unit_tree(self) -> UnitTree:
        return await self._admin.unit_tree()

    # --- reading ---------------------------------------------------------------------------

    async def queue(
        self, officer: Officer, wanted: QueueFilter | None = None, *, page: int = 1, page_size: int = PAGE_SIZE
    ) -> QueuePage:
        """The queue by legal deadline, narrowed to the units the officer may work on."""
        officer, tree = await self._current(officer)
        return await self._feedback.queue(
            _narrowed(officer, wanted or QueueFilter(), tree), page=page, page_size=page_size
        )

    async def my_items(self, officer: Officer, *, page: int = 1, page_size: int = PAGE_SIZE) -> QueuePage:
        return await self.queue(officer, QueueFilter(assignee=officer.username), page=page, page_size=page_size)

    async def overdue(self, officer: Officer, *, page: int = 1, page_size: int = PAGE_SIZE) -> QueuePage:
        return await self.queue(officer, QueueFilter(overdue_only=True), page=page, page_size=page_size)

    async def item(self, officer: Officer, code: str, looked: Sequence[Looked] = ()) -> ItemView:
        """Raises UnknownTrackingCode, InvalidTrackingCode or OutOfReach.

        `looked`: what the channel will show of the citizen's personal data (the contact on a page or card, a
        file), logged in the transaction that reads the item; empty for a view that shows none of it."""
        officer, tree = await self._current(officer)
        if not looked:
            item = await self._feedback.item(code)
            _check_reach(officer, item, tree)
        else:
            reader = officer

            def authorise(found: FeedbackItem) -> None:
                _check_reach(reader, found, tree)

            item = await self._feedback.disclose(
                code,
                authorise,
                lambda found: [
                    view for one in looked if (view := data_view(reader, found, one, self._feedback.now())) is not None
                ],
            )
        audit, held = await asyncio.gather(
            self._feedback.audit_trail(item.code), self._feedback.held_notices(item.code)
        )
        today = deadlines.local_date(self._feedback.now())
        return ItemView(
            item=item,
            audit=audit,
            held=tuple(held),
            days_left=deadlines.days_left(self._feedback.calendar, item.due, today),
            unit=tree.get(item.unit) if item.unit is not None and item.unit in tree else None,
            actions=frozenset(
                action
                for action in allowed_actions(item.status)
                if can_act(officer, action, item.unit, tree) and not (action == Action.EXTEND and item.extended)
            ),
        )

    async def colleagues(self, officer: Officer, code: str) -> list[Officer]:
        """Who the item can be assigned to: active officers who can work on its unit, by name."""
        _, tree, item = await self._in_reach(officer, code)
        return sorted(
            (other for other in await self._admin.list_officers() if can_act(other, Action.START, item.unit, tree)),
            key=lambda other: (other.display_name, other.username),
        )

    async def forwarding_units(self, officer: Officer, code: str) -> list[Unit]:
        """Where the item can be forwarded: every unit but its own."""
        _, tree, item = await self._in_reach(officer, code)
        return [unit for unit in tree if unit.code != item.unit]

    # --- changes ---------------------------------------------------------------------------
    # Each change is one transaction on the item as it is then; a change whose steps depend on the
    # item's status is a plan, worked out inside that transaction (no read-then-act race).

    async def accept(self, officer: Officer, code: str, note: str | None = None) -> FeedbackItem:
        return await self._change(officer, code, [Step(Action.ACCEPT, note=note)])

    async def refuse(self, officer: Officer, code: str, reason: str) -> FeedbackItem:
        """Refusal is a classification decision and needs the legal reason (feedback.domain.refusal_reasons)."""
        return await self._change(officer, code, [Step(Action.REFUSE, note=reason)])

    async def claim(self, officer: Officer, code: str) -> FeedbackItem:
        """ "Tôi xử lý": the officer takes the item, accepting it first if nobody has yet."""
        take = Step(Action.START, assignee=officer.username)
        return await self._change(officer, code, lambda item: _accepting(item.status, take))

    async def assign(self, officer: Officer, code: str, colleague: str, note: str | None = None) -> FeedbackItem:
        """Hand the item to a colleague who can work on its unit (accepting it first if needed)."""
        other = await self._officer_named(colleague)
        officer, tree = await self._current(officer)

        def plan(item: FeedbackItem) -> list[Step]:
            _check_reach(officer, item, tree)  # an outsider hears "not your unit" before anything else
            if other is None or not can_act(other, Action.START, item.unit, tree):  # unknown, elsewhere, locked
                raise NotAColleague(other.username if other else colleague)
            return _accepting(item.status, Step(Action.ASSIGN, note=note, assignee=other.username))

        return await self._act(officer, tree, code, plan)

    async def forward(self, officer: Officer, code: str, unit: str, note: str | None = None) -> FeedbackItem:
        """Send the item to the competent unit, which gets its own classification and answer deadlines."""
        target = normalise_unit_code(unit)
        officer, tree = await self._current(officer)

        def plan(item: FeedbackItem) -> list[Step]:
            _check_reach(officer, item, tree)  # an outsider hears "not your unit" before anything else
            if target not in tree:
                raise UnknownUnit(target)
            if item.unit == target:
                raise SameUnit(target)
            return [Step(Action.FORWARD, note=note, unit=target)]

        return await self._act(officer, tree, code, plan)

    async def ask_citizen(self, officer: Officer, code: str, question: str) -> FeedbackItem:
        """Ask the citizen for what is missing: the clock stops until they reply."""
        return await self._change(officer, code, [Step(Action.ASK_CITIZEN, note=question)])

    async def extend(self, officer: Officer, code: str, reason: str) -> FeedbackItem:
        return await self._change(officer, code, [Step(Action.EXTEND, note=reason)])

    async def answer(self, officer: Officer, code: str, text: str) -> FeedbackItem:
        """Send the answer to the citizen; an item not yet in progress is taken by this officer first."""

        def plan(item: FeedbackItem) -> list[Step]:
            steps: list[Step] = []
            if item.status in _UNCLASSIFIED:
                steps.append(Step(Action.ACCEPT))
            if item.status != Status.IN_PROGRESS:
                steps.append(Step(Action.START, assignee=officer.username))
            return [*steps, Step(Action.ANSWER, note=text)]

        return await self._change(officer, code, plan)

    async def apologise(self, officer: Officer, code: str, new_date: date, reason: str | None = None) -> FeedbackItem:
        """The item will be late: an apology to the citizen with a new expected date, movable once.

        Needs the rights of an extension (any officer covering the item's unit); raises OutOfReach,
        NotPermitted, or the item's CannotApologise, InvalidPromise, PromiseAlreadyMoved."""
        officer, tree = await self._current(officer)

        def authorise(item: FeedbackItem) -> None:
            _check_reach(officer, item, tree)
            require(officer, Action.EXTEND, item.unit, tree)

        return await self._feedback.apologise(code, officer_actor(officer), new_date, reason, authorise=authorise)

    async def publish_answer(self, officer: Officer, code: str, text: str) -> FeedbackItem:
        """Publish, replace or (empty text) withdraw the answer anyone with the code may read: a text without
        personal data, chosen by an officer who may answer the item. Raises OutOfReach, NotPermitted, or the
        item's InvalidPublicAnswer (not answered yet, or too long)."""
        officer, tree = await self._current(officer)

        def authorise(item: FeedbackItem) -> None:
            _check_reach(officer, item, tree)
            require(officer, Action.ANSWER, item.unit, tree)

        return await self._feedback.publish_answer(code, officer_actor(officer), text, authorise=authorise)

    async def close(self, officer: Officer, code: str, note: str) -> FeedbackItem:
        """Close an answered item before its reopen window ends, recording how the citizen confirmed that
        the matter is settled (by phone, at the desk); the citizen is told, with the note."""
        return await self._change(officer, code, [Step(Action.CLOSE, note=note)])

    async def replace_pin(self, officer: Officer, code: str) -> str:
        """A new portal PIN for a filer who lost theirs and asked at the desk, who they are checked by the officer:
        shown once to the officer to hand over; the old PIN stops working; audited under the officer, without
        the PIN. Any officer who can see the item may; raises OutOfReach, UnknownTrackingCode, InvalidTrackingCode,
        ConcurrentChange, PinsUnavailable."""
        if self._pins is None:
            raise PinsUnavailable
        officer, tree = await self._current(officer)

        def authorise(item: FeedbackItem) -> None:
            _check_reach(officer, item, tree)

        return await self._pins.replace(code, officer_actor(officer), authorise)

    async def _change(self, officer: Officer, code: str, steps: Sequence[Step] | Plan) -> FeedbackItem:
        officer, tree = await self._current(officer)
        return await self._act(officer, tree, code, steps)

    async def _act(self, officer: Officer, tree: UnitTree, code: str, steps: Sequence[Step] | Plan) -> FeedbackItem:
        def authorise(item: FeedbackItem, action: Action) -> None:
            try:
                require(officer, action, item.unit, tree)
            except NotPermitted:
                _check_reach(officer, item, tree)
                raise

        return await self._feedback.act_steps(code, steps, officer_actor(officer), authorise=authorise)

    async def _current(self, officer: Officer) -> tuple[Officer, UnitTree]:
        """The officer as stored now, and the unit tree: a role revoked or an account locked since the
        channel looked the officer up (a web session, a bot conversation) takes effect at the next call."""
        return await self._admin.officer(officer.username), await self._admin.unit_tree()

    async def _in_reach(self, officer: Officer, code: str) -> tuple[Officer, UnitTree, FeedbackItem]:
        officer, tree = await self._current(officer)
        item = await self._feedback.item(code)
        _check_reach(officer, item, tree)
        return officer, tree, item

    async def _officer_named(self, username: str) -> Officer | None:
        try:
            return await self._admin.officer(username)
        except (UnknownOfficer, InvalidUsername):
            return None


def _check_reach(officer: Officer, item: FeedbackItem, tree: UnitTree) -> None:
    if not covers(officer, item.unit, tree):
        raise OutOfReach(item.code)


def _accepting(status: Status, step: Step) -> list[Step]:
    return [Step(Action.ACCEPT), step] if status in _UNCLASSIFIED else [step]


def _narrowed(officer: Officer, wanted: QueueFilter, tree: UnitTree) -> QueueFilter:
    visible = visible_units(officer, tree)
    if visible is None:  # an administrator sees every unit, and asks for what they want
        return wanted
    units = visible if wanted.units is None else wanted.units & visible
    unrouted = covers(officer, None, tree) and (wanted.units is None or wanted.include_unrouted)
    return dataclasses.replace(wanted, units=frozenset(units), include_unrouted=unrouted)
