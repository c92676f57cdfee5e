"""The Zalo Official Account channel: a thin adapter between Zalo's OA API and the messenger-neutral dialogue.

Inbound: `webhook` checks the signature (`signature`), reads the event (`event_parsing`) into a
`dialogue.events.Inbound` and hands it to the dialogue. Outbound: `sender` renders a `dialogue.replies.Reply`
(`rendering`) and sends it through the OA API (`oa_client`); outside the consultation window a PAKN notice
goes as a ZNS template (`zns`) or waits for the citizen to write again. Access tokens (`oauth`, `pkce`) are
kept in the database and renewed by one instance at a time (`tokens`, `connection`).

The API facts this builds on, with their sources, are in the README's Zalo section.
"""
