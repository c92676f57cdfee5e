"""The conversations as `motcua serve` runs them: one dialogue for every channel, a delivery loop per channel
on the channel outbox, and the relay that hands PAKN notices and officers' messages to the channels.

A channel adapter (Telegram's webhook or polling, Zalo's webhook, the plain-text chat) gives events to
`handle`; the dialogue answers in one transaction and the channel's loop is woken to send. Any instance
can take any event: the state is in the database, and the outbox rows are claimed under a lease.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from background.loop import BackgroundLoop
from delivery.loop import POLL_EVERY
from delivery.ports import ChannelSender
from dialogue.engine import Dialogue
from dialogue.events import Inbound
from dialogue.flows import build_router
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from dialogue.replies import Reply
from dialogue.turn import Services as DialogueServices
from email_channel import notices as email_notices
from email_channel.sender import CHANNEL as EMAIL_CHANNEL
from email_channel.sender import SmtpSender, SmtpServer
from feedback.domain.privacy_notice import FULL_NOTICE_PATH
from feedback.domain.refusal_reasons import DEFAULT_REFUSAL_REASONS_PATH, load_refusal_reasons
from monitoring.heartbeats import Heartbeats
from motcua.bootstrap import Services
from motcua.deliveries import Deliveries
from motcua.settings import Settings
from storage.db import create_session_factory
from web.filer_views import FOLLOW_PATH

RELAY_EVERY = 2.0  # seconds between two rounds of relaying notices (a round also follows each officer action)
# Seconds at least between two rounds: every turn wakes the relay, and a round is two queries in two
# transactions; a busy instance relays ten times a second, not after each of its hundreds of turns.
RELAY_SPACING = 0.1


class Conversations:
    def __init__(
        self,
        dialogue: Dialogue,
        session_factory: async_sessionmaker[AsyncSession],
        relay_for: Callable[[list[str]], Relay],
        *,
        heartbeats: Heartbeats | None = None,
        relay_every: float = RELAY_EVERY,
        poll_every: float = POLL_EVERY,
    ) -> None:
        self.dialogue = dialogue
        self._session_factory = session_factory
        self._senders: list[ChannelSender] = []
        self.deliveries: Deliveries | None = None
        self._relay_for = relay_for
        self._relay: Relay | None = None
        self._heartbeats = heartbeats
        self._relay_every = relay_every
        self._poll_every = poll_every
        self._relaying: BackgroundLoop | None = None

    def add_channel(self, sender: ChannelSender) -> None:
        """Deliver this channel's outbox through `sender` (before `start`)."""
        self._senders.append(sender)

    async def handle(self, inbound: Inbound) -> list[Reply]:
        """One event from a channel: answered, queued, and the channel's loop (and the relay) woken."""
        replies = await self.dialogue.handle(inbound)
        self._nudge(inbound.account.channel)
        if self._relaying is not None:
            self._relaying.wake()  # an officer's action or a citizen's follow-up may have made notices
        return replies

    def _nudge(self, channel: str) -> None:
        if self.deliveries is not None:
            self.deliveries.nudge(channel)

    async def relay_once(self) -> None:
        relay = self._relay or self._relay_for([sender.channel for sender in self._senders])
        for channel in await relay.run_once():
            self._nudge(channel)

    async def start(self) -> None:
        channels = [sender.channel for sender in self._senders]
        self._relay = self._relay_for(channels)
        self.deliveries = Deliveries(
            self._session_factory, self._senders, heartbeats=self._heartbeats, poll_every=self._poll_every
        )
        self.deliveries.start()
        heartbeat = (
            self._heartbeats.register("relay", timedelta(seconds=self._relay_every))
            if self._heartbeats is not None
            else None
        )
        self._relaying = BackgroundLoop(
            "relay", self.relay_once, every=self._relay_every, heartbeat=heartbeat, spacing=RELAY_SPACING
        )
        self._relaying.start()

    async def stop(self) -> None:
        relaying, self._relaying = self._relaying, None
        if relaying is not None:
            await relaying.stop()  # a round under way finishes: its notices are queued and marked together
        if self.deliveries is not None:
            await self.deliveries.stop()


def email_sender(settings: Settings) -> SmtpSender | None:
    """The web channel's sender when SMTP is set: web filers who gave an e-mail address get their notices."""
    if not settings.email_enabled:
        return None
    assert settings.smtp_host is not None and settings.smtp_from is not None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password is not None else None
    server = SmtpServer(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_from,
        security=settings.smtp_security,
        user=settings.smtp_user,
        password=password,
    )
    return SmtpSender(server)


def full_notice_address(settings: Settings) -> str | None:
    """Where the portal serves the full personal-data notice (web/routes.py), for the messengers' short one."""
    return settings.portal_url + FULL_NOTICE_PATH if settings.portal_url else None


def build_conversations(
    settings: Settings,
    services: Services,
    *,
    heartbeats: Heartbeats | None = None,
    share_addresses: dict[str, str] | None = None,
) -> Conversations:
    """The dialogue over the composition root's services; channels are added by their adapters."""
    dialogue = Dialogue(
        services.uow_factory,
        build_router(),
        DialogueServices(
            catalog=services.catalog,
            feedback=services.feedback,
            desk=services.desk,
            refusal_reasons=load_refusal_reasons(settings.refusal_reasons_file or DEFAULT_REFUSAL_REASONS_PATH),
            teaching=services.search_teaching,
            share_addresses=share_addresses or {},
            personal_data=services.personal_data,
            privacy_notice_address=full_notice_address(settings),
            pins=services.pins,
            portal_follow_address=settings.portal_url + FOLLOW_PATH if settings.portal_url else None,
        ),
    )

    # The web filers' notices become letters (email_channel); relayed only once serve adds the e-mail sender.
    letters = {EMAIL_CHANNEL: email_notices.renderer(settings.portal_url)}

    def relay_for(channels: list[str]) -> Relay:
        return Relay(services.uow_factory, channels, render_notice=notice_reply, channel_renderers=letters)

    return Conversations(dialogue, create_session_factory(services.engine), relay_for, heartbeats=heartbeats)
