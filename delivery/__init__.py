"""Sending what the product says, on every channel, without losing any of it.

Everything a channel sends (a reply to what a citizen just did, a notice about their PAKN, an officer's
alert) is first a row of the channel outbox, written in the same transaction as the change it reports.
A delivery loop per channel claims due rows (so two instances never send one twice), sends them through the
channel's `ChannelSender` within the channel's rate limits, in order per recipient, and records the outcome:
sent, to retry later (a 429 with retry_after, a network error), held until the person writes again (Zalo's
consultation window), or undeliverable (the person blocked the bot), which is logged, counted and shown.
"""
