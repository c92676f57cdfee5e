"""Sending one outbox row of the web channel as an e-mail: `delivery.ports.ChannelSender` over SMTP.

The standard library's `smtplib` runs in a thread (a letter is rare and small: no dependency for it), one
connection per letter. What the server answers becomes the outcome delivery acts on:
- the server unreachable, the connection dropped, a 4xx (greylisting, a full queue), the login refused: the
  whole channel waits and tries again, backing off while it goes on (a login refused is an administrator's
  fix, logged as an error); nothing is dropped;
- a 5xx for the address or the letter (no such mailbox, refused): Undeliverable with the server's reason,
  kept in the outbox and counted like any other channel's undeliverable message.
Each letter's Message-ID is its outbox row's, so the rare letter sent again after a crash between the
server's acceptance and its recording is one message to mail clients.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from delivery.ports import ChannelLimits, Delivered, OutgoingMessage, RetryLater, SendOutcome, Undeliverable
from dialogue.rich_text import to_plain
from email_channel import texts
from email_channel.notices import subject

log = logging.getLogger(__name__)

CHANNEL = "web"  # the web filers' notices: the portal's channel, reached by e-mail
# Small agencies' mail servers and relays limit senders; a letter a second stays well clear of them.
LIMITS = ChannelLimits(per_second=1.0, per_recipient_per_second=0.2)
TIMEOUT = 30.0  # seconds for each SMTP step
RETRY_BASE = 30.0  # seconds; doubled for each failure in a row, up to RETRY_CAP
RETRY_CAP = 1800.0
PLAIN, STARTTLS, TLS = "none", "starttls", "tls"


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    sender: str  # the From address
    security: str = STARTTLS  # PLAIN (a relay on this machine), STARTTLS (587) or TLS (465)
    user: str | None = None
    password: str | None = None
    timeout: float = TIMEOUT


class SmtpSender:
    channel = CHANNEL
    limits = LIMITS

    def __init__(self, server: SmtpServer, *, retry_base: float = RETRY_BASE) -> None:
        self._server = server
        self._retry_base = retry_base
        self._failures = 0  # in a row: the backoff grows while the server stays away

    async def send(self, message: OutgoingMessage) -> SendOutcome:
        letter = self._letter(message)
        try:
            await asyncio.to_thread(self._transmit, letter)
        except smtplib.SMTPRecipientsRefused as refused:
            codes = [code for code, _ in refused.recipients.values()]
            if all(code >= 500 for code in codes):
                return Undeliverable(f"address refused: {_reason(refused.recipients)}")
            return self._later(f"address deferred: {_reason(refused.recipients)}")
        except smtplib.SMTPSenderRefused as error:  # the From address: an administrator's fix, not the filer's
            log.error("the SMTP server refused the sender address: check MOTCUA_SMTP_FROM")
            return self._later(f"sender refused: {error.smtp_code} {_text(error.smtp_error)}")
        except smtplib.SMTPAuthenticationError as error:
            log.error("the SMTP server refused the login: check MOTCUA_SMTP_USER and _PASSWORD")
            return self._later(f"login refused: {error.smtp_code}")
        except smtplib.SMTPResponseException as error:
            reason = f"{error.smtp_code} {_text(error.smtp_error)}"
            if 500 <= error.smtp_code < 600:
                return Undeliverable(f"letter refused: {reason}")
            return self._later(f"server answered {reason}")
        except (OSError, smtplib.SMTPException) as error:  # unreachable, dropped, TLS failed, timed out
            return self._later(f"server unreachable: {type(error).__name__}: {error}")
        self._failures = 0
        return Delivered()

    def _later(self, reason: str) -> RetryLater:
        wait = min(self._retry_base * 2**self._failures, RETRY_CAP)
        self._failures += 1
        return RetryLater(wait, reason, whole_channel=True)

    def _letter(self, message: OutgoingMessage) -> EmailMessage:
        letter = EmailMessage()
        letter["From"] = self._server.sender
        letter["To"] = message.recipient
        ref = message.notice
        letter["Subject"] = subject(ref.code, ref.kind, ref.status) if ref is not None else texts.SUBJECT_PLAIN
        # MOTCUA_SMTP_FROM may carry a name ("Một Cửa xã Tân Lập <motcua@tanlap.gov.vn>"): the domain is the address's.
        domain = parseaddr(self._server.sender)[1].rpartition("@")[2] or "localhost"
        letter["Message-ID"] = f"<motcua-outbox-{message.id}@{domain}>"
        letter["Date"] = formatdate(localtime=False)
        letter.set_content(to_plain(message.reply.text))
        return letter

    def _transmit(self, letter: EmailMessage) -> None:
        server = self._server
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if server.security == TLS:
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        with smtp:
            if server.security == STARTTLS:
                smtp.starttls(context=context)
            if server.user:
                smtp.login(server.user, server.password or "")
            smtp.send_message(letter)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _reason(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{code} {_text(text)}" for code, text in recipients.values())
