"""The Telegram channel: python-telegram-bot over the dialogue."""

import os

# Opt in now to python-telegram-bot's time periods as timedelta (v22.2 warns on every 429 otherwise, and the
# next major version makes it the only behaviour): set before any RetryAfter is built.
os.environ.setdefault("PTB_TIMEDELTA", "1")
