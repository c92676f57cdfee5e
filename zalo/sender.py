"""Sending one outbox row to Zalo: `delivery.ports.ChannelSender` for the Zalo channel.

A reply may go as several messages (a long text, photos, the information form). Those already sent are
remembered by outbox row, so a retry goes on from the first one Zalo did not take instead of repeating.

What Zalo answers becomes the outcome delivery acts on:
- an access token refused (-216, -220) is renewed and the message sent once more (in `OaClient`); refused
  again, the row waits a minute (the renewal is failing and administrators are told);
- -32, the app's rate limit, and a network failure or 5xx: RetryLater for the whole channel, backing off
  while they go on (so are a refused token and a connection not made yet);
- -230, -232, the citizen has not written for 7 days: a PAKN notice goes as the agency's ZNS template for
  its kind when there is one and the citizen gave a phone number; otherwise HoldUntilContact, delivered
  the next time they write;
- -213 (not a follower, or blocked the OA), -201 and -210 (a message Zalo will never take): Undeliverable;
- quota and configuration refusals (-211, -218, -209, -212, -223) and codes not known here: RetryLater
  with a long delay, logged as errors: an administrator's fix lets them through, nothing is dropped.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from delivery.ports import (
    ChannelLimits,
    Delivered,
    HoldUntilContact,
    OutgoingMessage,
    RetryLater,
    SendOutcome,
    Undeliverable,
)
from zalo import zns
from zalo.connection import NotConnected
from zalo.event_parsing import CHANNEL
from zalo.oa_client import RATE_LIMITED, TOKEN_REJECTED, OaClient, ZaloRefused, ZaloUnreachable
from zalo.rendering import render

log = logging.getLogger(__name__)

# Zalo's limit is 4,000 API calls a minute per app. A reply is often two or three calls (text, photos, the
# form), and token renewals and ZNS share the budget: half of it for outbox rows keeps clear of -32.
LIMITS = ChannelLimits(per_second=4000 / 60 / 2, per_recipient_per_second=1.0)

OUTSIDE_WINDOW = frozenset({-230, -232})
NEVER = frozenset({-213, -201, -210})
LONG_WAIT = timedelta(minutes=30)
NOT_CONNECTED_WAIT = timedelta(minutes=1)
_BACKOFF_BASE = 2.0  # seconds; doubled for each failure in a row
_BACKOFF_CAP = {"rate": 60.0, "unreachable": 300.0}


class ZaloSender:
    channel = CHANNEL
    limits = LIMITS

    def __init__(
        self,
        client: OaClient,
        *,
        templates: zns.ZnsTemplates | None = None,
        phones: zns.NoticePhones | None = None,
        info_image_url: str | None = None,
    ) -> None:
        self._client = client
        self._templates = templates or zns.ZnsTemplates()
        self._phones = phones
        self._info_image_url = info_image_url
        self._sent: dict[int, list[str]] = {}  # outbox row -> Zalo's ids of the parts already sent
        self._failures = {"rate": 0, "unreachable": 0}

    async def send(self, message: OutgoingMessage) -> SendOutcome:
        parts = render(message.reply, info_image_url=self._info_image_url)
        sent = self._sent.setdefault(message.id, [])
        for part in parts[len(sent) :]:
            try:
                sent.append(await self._client.send_message(message.recipient, part))
            except ZaloRefused as refused:
                return await self._refused(message, refused)
            except ZaloUnreachable as error:
                return self._retry("unreachable", f"Zalo unreachable: {error}")
            except NotConnected as error:
                return RetryLater(NOT_CONNECTED_WAIT.total_seconds(), str(error), whole_channel=True)
            self._failures = {"rate": 0, "unreachable": 0}
        del self._sent[message.id]
        return Delivered(tuple(sent))

    async def _refused(self, message: OutgoingMessage, refused: ZaloRefused) -> SendOutcome:
        code = refused.code
        if code == RATE_LIMITED:
            return self._retry("rate", "Zalo rate limit (-32)")
        if code in OUTSIDE_WINDOW:
            return await self._outside_window(message, refused)
        if code in TOKEN_REJECTED:  # refused again after a renewal: the connection is broken for now
            return RetryLater(NOT_CONNECTED_WAIT.total_seconds(), f"Zalo {refused}", whole_channel=True)
        if code in NEVER:
            self._sent.pop(message.id, None)
            log.warning("zalo refused a message for good", extra={"outbox_id": message.id, "code": code})
            return Undeliverable(f"Zalo {refused}")
        log.error("zalo refused a message; retrying later", extra={"outbox_id": message.id, "code": code})
        return RetryLater(LONG_WAIT.total_seconds(), f"Zalo {refused}")

    async def _outside_window(self, message: OutgoingMessage, refused: ZaloRefused) -> SendOutcome:
        notice = message.notice
        template = self._templates.template_for(notice) if notice is not None else None
        if notice is None or template is None or self._phones is None:
            return HoldUntilContact(f"outside Zalo's consultation window ({refused.code})")
        national = await self._phones.phone_for(notice)
        phone = zns.international(national) if national else None
        if phone is None:
            return HoldUntilContact(f"outside the consultation window, and no phone number for ZNS ({refused.code})")
        try:
            msg_id = await self._client.send_template(
                phone, template, zns.template_data(notice), zns.tracking_id(message.id)
            )
        except ZaloRefused as zns_refused:
            if zns_refused.code == RATE_LIMITED:
                return self._retry("rate", "Zalo rate limit (-32) on ZNS")
            log.warning(
                "zns refused a notice; it waits for the citizen to write",
                extra={"outbox_id": message.id, "code": zns_refused.code},
            )
            return HoldUntilContact(f"outside the consultation window; ZNS refused ({zns_refused})")
        except ZaloUnreachable as error:
            return self._retry("unreachable", f"Zalo unreachable (ZNS): {error}")
        except NotConnected as error:
            return RetryLater(NOT_CONNECTED_WAIT.total_seconds(), str(error), whole_channel=True)
        sent = self._sent.pop(message.id, [])
        log.info("notice sent as a zns template", extra={"outbox_id": message.id, "kind": notice.kind})
        return Delivered((*sent, msg_id))

    def _retry(self, why: str, reason: str) -> RetryLater:
        self._failures[why] += 1
        delay = min(_BACKOFF_BASE * 2 ** (self._failures[why] - 1), _BACKOFF_CAP[why])
        return RetryLater(delay, reason, whole_channel=True)  # the app's limit, Zalo itself: not one person
