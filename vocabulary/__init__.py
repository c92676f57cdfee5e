"""The words every channel shows people for the same things, written once: the PAKN types and statuses, and
why a submission was refused. Keyed by the domain's enums; plain text (a channel escapes it for its format).

The bot, the web portal, the officers' pages, Open311 and the reports all read these, so a citizen reads the
same refusal on Telegram, on Zalo and on the web."""
