"""A line a person typed: "/tracuu 20261202.0001" is a command on every channel (the help shows them so),
anything else is words. Telegram marks commands itself; Zalo and the plain-text channel read them here."""

from __future__ import annotations

from dialogue.events import Command, Text


def read_typed(line: str) -> Text | Command:
    stripped = line.strip()
    if stripped.startswith("/") and len(stripped) > 1 and not stripped[1].isspace():
        name, _, argument = stripped[1:].partition(" ")
        return Command(name.split("@", 1)[0].lower(), argument.strip())
    return Text(line)
