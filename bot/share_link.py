"""The address that opens the bot on a procedure's card, for the dialogue's share links (t.me/<bot>?start=…)."""

from __future__ import annotations


def share_link_template(username: str) -> str:
    """`dialogue.procedure_links` fills in the start parameter (tthc_1-001193)."""
    return f"https://t.me/{username}?start={{parameter}}"
