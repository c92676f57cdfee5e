"""A mail server on this machine for tests: the SMTP conversation over TCP (RFC 5321's EHLO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT), without TLS or login, keeping each letter it accepts as an `EmailMessage`.

`stop()` takes it off the network (a server down: connections refused), `start()` brings it back on the
same port. An address in `refused` gets 550 at RCPT, the way a mail server answers for no such mailbox.
"""

from __future__ import annotations

import asyncio
import contextlib
from email import message_from_bytes, policy
from email.message import EmailMessage


class LocalSmtpServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self.letters: list[EmailMessage] = []
        self.refused: set[str] = set()
        self._server: asyncio.Server | None = None
        self._arrived = asyncio.Condition()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._session, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            with contextlib.suppress(Exception):
                await server.wait_closed()

    async def __aenter__(self) -> LocalSmtpServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """The letters once there are `count` of them."""
        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(lambda: len(self.letters) >= count), timeout)
        return list(self.letters)

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def say(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        recipients: list[str] = []
        sender: str | None = None
        say("220 stand-in ESMTP")
        try:
            while line := await reader.readline():
                command = line.decode("utf-8", "replace").strip()
                verb = command[:4].upper()
                if verb in ("EHLO", "HELO"):
                    say("250-stand-in" if verb == "EHLO" else "250 stand-in")
                    if verb == "EHLO":
                        say("250-8BITMIME")
                        say("250 SMTPUTF8")
                elif verb == "MAIL":
                    sender, recipients = _address(command), []
                    say("250 OK")
                elif verb == "RCPT":
                    address = _address(command)
                    if address in self.refused:
                        say("550 5.1.1 no such mailbox")
                    else:
                        recipients.append(address)
                        say("250 OK")
                elif verb == "DATA":
                    if sender is None or not recipients:
                        say("503 5.5.1 MAIL and RCPT first")
                        continue
                    say("354 end with <CRLF>.<CRLF>")
                    await writer.drain()
                    body = await reader.readuntil(b"\r\n.\r\n")
                    lines = body[: -len(b".\r\n")].split(b"\r\n")
                    data = b"\r\n".join(line[1:] if line.startswith(b".") else line for line in lines)
                    letter = message_from_bytes(data, policy=policy.default)
                    assert isinstance(letter, EmailMessage)
                    async with self._arrived:
                        self.letters.append(letter)
                        self._arrived.notify_all()
                    sender, recipients = None, []
                    say("250 OK queued")
                elif verb == "RSET":
                    sender, recipients = None, []
                    say("250 OK")
                elif verb == "NOOP":
                    say("250 OK")
                elif verb == "QUIT":
                    say("221 bye")
                    await writer.drain()
                    break
                else:
                    say("502 5.5.2 not implemented")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


def _address(command: str) -> str:
    """The address in `MAIL FROM:<a@b> SIZE=…` or `RCPT TO:<a@b>`."""
    start, end = command.find("<"), command.find(">")
    return command[start + 1 : end] if 0 <= start < end else command.partition(":")[2].strip()
