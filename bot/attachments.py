"""Copies of the citizen's photos and files on disk, when the office sets an attachments directory.

Telegram keeps a file reachable by its file id, so the copy is a convenience for officers, not a
condition of filing: when the download fails the file id alone is kept and the citizen is not bothered.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from telegram import Bot
from telegram.error import TelegramError

log = logging.getLogger(__name__)

_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")
_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


def file_name(file_id: str, unique_id: str | None, name: str | None, mime_type: str | None) -> str:
    """The unique id Telegram gives the file, and a suffix from its name or type; nothing else the citizen typed."""
    suffix = Path(name or "").suffix
    if not _SAFE_SUFFIX.match(suffix):
        suffix = _SUFFIXES.get(mime_type or "", "")
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", unique_id or file_id)
    return stem + suffix.lower()


async def download(
    bot: Bot, file_id: str, directory: Path, *, unique_id: str | None, name: str | None, mime_type: str | None
) -> Path | None:
    """Where the file now is in `directory`; None (and a log line) if the download failed."""
    target = directory / file_name(file_id, unique_id, name, mime_type)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        file = await bot.get_file(file_id)
        await file.download_to_drive(target)
    except (TelegramError, OSError) as error:
        log.warning("attachment not downloaded; its Telegram file id is kept", extra={"error": str(error)})
        return None
    return target
