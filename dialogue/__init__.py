"""The citizens' and officers' conversations with the product, knowing no messenger.

A channel (Telegram in `bot/`, Zalo in `zalo/`, the plain-text channel in `text_channel/`) turns what a
person did into an `Inbound` event (`dialogue.events`), hands it to `Dialogue.handle`, and renders the
`Reply`s (`dialogue.replies`) its own way: inline buttons, a Zalo template, numbered lines. The state of
each conversation is a row in the database, written in the same transaction as the change it leads to,
and the replies are queued in the channel outbox in that transaction too; so any instance can take any
event, an event delivered twice acts once, and a reply is never lost.
"""
