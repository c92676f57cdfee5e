"""The e-mail channel: a web filer who gave an e-mail address is told of their PAKN's changes by e-mail.

Outbound only. The relay renders a notice for the web channel (`notices`) into the channel outbox, and the
web channel's delivery loop sends it through `sender` over SMTP: claimed rows, retries while the server is
unreachable or answers 4xx, a 5xx kept as undeliverable with its reason. The page remains where the filer
acts (rating, reopening, adding information) with their code and PIN; the e-mail never carries the PIN.
"""
