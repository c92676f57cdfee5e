"""Structured logs: one JSON object per line and event, with secrets redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO
from urllib.parse import unquote

# Bot API URLs carry the token ("…/bot123456:AA…/getUpdates"); httpx logs every such URL.
_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
# A secret in a query string or form: aiohttp logs the start of an over-long request line (an Open311
# client's api_key with it) when it refuses the request, before any of our code runs. A parameter's name
# may be percent-encoded ("api%5Fkey" is api_key to aiohttp): names are compared decoded.
_SECRET_NAMES = frozenset({"api_key", "access_token", "token", "password", "csrf_token"})
_PARAMETER = re.compile(r"(?<![\w%])((?:\w|%[0-9A-Fa-f]{2})+)=([^&\s'\"\\]+)")
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def _redact_secret_parameter(match: re.Match[str]) -> str:
    name = match.group(1)
    return f"{name}=[REDACTED]" if unquote(name).lower() in _SECRET_NAMES else match.group(0)


class RedactingJsonFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret]

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[REDACTED]")
        text = _PARAMETER.sub(_redact_secret_parameter, text)
        return _TOKEN_SHAPE.sub("[REDACTED]", text)

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        event.update((key, value) for key, value in vars(record).items() if key not in _RECORD_FIELDS)
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(event, ensure_ascii=False, default=str))


def configure_logging(level: str = "INFO", *, secrets: Iterable[str] = (), stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingJsonFormatter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every Bot API request at INFO: one line per poll drowns the events that matter.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # The database drivers' and SQLAlchemy's debug and info lines carry each statement's parameters: citizens'
    # names, phones, addresses. Never logged, whatever the level asked for (Luật Bảo vệ dữ liệu cá nhân).
    for name in STATEMENT_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


STATEMENT_LOGGERS = ("aiosqlite", "asyncpg", "sqlalchemy.engine", "sqlalchemy.pool")
