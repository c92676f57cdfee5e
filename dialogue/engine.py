"""`Dialogue.handle`: one event, answered in one transaction.

The event's id is recorded, the conversation read, the router asked, and the new state and the replies
written to the outbox, all in one commit: an event delivered twice acts once, a crash before the commit
leaves nothing half done (the channel delivers the event again), and no reply exists that is not queued.
Two instances taking the same person's events at once: the second to save finds the version moved and
answers its event again from the saved state.

A flow may change the domain in the domain service's own transaction (filing a PAKN commits before the
receipt is said). Such a change is keyed so that doing it again gives the same result (a draft's key).
"""

from __future__ import annotations

import asyncio
import logging
import random
import weakref
from collections.abc import Callable
from datetime import UTC, datetime

from dialogue.conversation import Conversation
from dialogue.events import Inbound
from dialogue.ports import ConversationChanged, DialogueUnitOfWork, NewMessage
from dialogue.replies import Reply
from dialogue.router import Router
from dialogue.turn import Services, Turn

log = logging.getLogger(__name__)

ATTEMPTS = 8
# Turns answered at once; the others wait their turn here. A turn holds its database connection while its flow
# may take a second one (a domain service's own transaction): with more turns than half the pool, every
# connection can be held by a turn waiting for a second, and none comes back (storage.db sizes the pool: 30).
TURNS_AT_ONCE = 10


def utc_now() -> datetime:
    return datetime.now(UTC)


class Dialogue:
    def __init__(
        self,
        uow_factory: Callable[[], DialogueUnitOfWork],
        router: Router,
        services: Services,
        *,
        clock: Callable[[], datetime] = utc_now,
        turns_at_once: int = TURNS_AT_ONCE,
    ) -> None:
        self._uow_factory = uow_factory
        self._router = router
        self.services = services
        self._clock = clock
        self._turns = asyncio.Semaphore(turns_at_once)
        # Held only while someone's event is being answered: the entry goes when no one holds or awaits it.
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = weakref.WeakValueDictionary()

    async def handle(self, inbound: Inbound) -> list[Reply]:
        """Answer one event; the replies returned are already queued (empty for an event seen before).

        One person's events are answered one at a time in this process (a webhook's retry arriving while the
        first copy is still being answered waits for it, then finds it handled); across instances the row
        lock and the version do the same."""
        key = (inbound.account.channel, inbound.account.user_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock, self._turns:  # in this order: a person's second event waits without taking a place
            return await self._answer(inbound)

    async def _answer(self, inbound: Inbound) -> list[Reply]:
        account = inbound.account
        for attempt in range(ATTEMPTS):
            if attempt:
                await asyncio.sleep(random.uniform(0, 0.01 * 2**attempt))  # two first writers: let one win
            async with self._uow_factory() as uow:
                # One read: the state, whether this event was answered already and whether anything is held for the
                # person. On PostgreSQL it locks the row, so a copy of this event being answered by another
                # instance right now is finished first, and the row then names it as the last event answered.
                stored = await uow.conversations.load(account.channel, account.user_id, event_id=inbound.event_id)
                if inbound.event_id is not None:
                    seen = (
                        stored.event_seen
                        if stored is not None
                        else await uow.conversations.seen(account.channel, inbound.event_id)
                    )
                    if seen:
                        log.info("event already handled", extra={"channel": account.channel})
                        return []  # a redelivery after the answer: the flow does not run again
                conversation = stored.conversation if stored is not None else Conversation()
                turn = Turn(
                    account=account,
                    event=inbound.event,
                    conversation=conversation,
                    services=self.services,
                    now=self._clock(),
                    origin=inbound.origin,
                )
                await self._router.respond(turn)
                # Recorded after the flow has run, not before: a flow's own domain transaction (filing a PAKN)
                # must not wait behind this one's write lock (SQLite has one for the whole database). A second
                # delivery answered meanwhile (two instances at once) finds the id taken, and its replies are
                # dropped with its state; what its flow did in the domain is keyed to act once (a draft's key).
                if inbound.event_id is not None and not await uow.conversations.first_time(
                    account.channel, inbound.event_id
                ):
                    log.info("event already handled", extra={"channel": account.channel})
                    return []
                for query in turn.unanswered:
                    await uow.search_lessons.add_unanswered(
                        query.text, query.group, query.channel, query.reason, query.at
                    )
                _remember_offered(conversation, turn.replies)
                # Writing makes the person reachable: what was held for them goes now, behind this turn's
                # replies (the answer to what they just wrote comes first) and in the order it was queued.
                taking = stored is None or stored.held  # a first turn looks: a hold may predate the row
                held = await uow.outbox.take_held(account.channel, account.reply_to) if taking else []
                _offer_released(conversation, held)
                try:
                    await uow.conversations.save(
                        account.channel,
                        account.user_id,
                        conversation,
                        version=stored.version if stored is not None else None,
                        event_id=inbound.event_id,
                        took_held=taking,
                    )
                except ConversationChanged:
                    log.info("conversation changed meanwhile; answering the event again")
                    continue
                await uow.outbox.add(
                    [
                        *(
                            NewMessage(account.channel, account.reply_to, reply, origin=inbound.origin)
                            for reply in turn.replies
                        ),
                        *held,
                    ]
                )
                await uow.commit()
                return turn.replies
        raise ConversationChanged(f"conversation kept changing for {ATTEMPTS} attempts")


def _remember_offered(conversation: Conversation, replies: list[Reply]) -> None:
    """The choices of the last reply that had any: a typed number picks among them. A turn that offers
    none (a question to answer in words) forgets the old ones, so "2" typed as an answer is an answer."""
    if not replies:
        return
    for reply in reversed(replies):
        if reply.choices:
            conversation.offered = [choice.id for choice in reply.choices]
            return
    conversation.offered = []


def _offer_released(conversation: Conversation, released: list[NewMessage]) -> None:
    """A released notice with choices (an answer's stars) is shown after the turn's replies: a typed number
    picks among the last such notice's choices, as the relay had set when it queued it."""
    for message in reversed(released):
        if message.reply.choices:
            conversation.offered = [choice.id for choice in message.reply.choices]
            return
