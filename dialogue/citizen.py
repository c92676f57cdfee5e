"""Who a person on a channel is to the PAKN domain: the channel and the channel's id of them."""

from __future__ import annotations

from dialogue.events import Account
from feedback.domain.model import CitizenRef


def citizen_of(account: Account) -> CitizenRef:
    return CitizenRef(account.channel, account.user_id)
