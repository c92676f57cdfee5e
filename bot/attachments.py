"""Copies of the citizen's photos and files on disk, when the office sets an attachments directory.

Telegram keeps a file reachable by its file id, so the copy is a convenience for officers, not a
condition of filing: when the download fails the draft keeps the file id alone and the citizen
is not bothered.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from telegram import Bot
from telegram.error import TelegramError

from bot.conversations.intake_draft import StoredAttachment

log = logging.getLogger(__name__)

_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")
_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


def _file_name(attachment: StoredAttachment) -> str:
    """The unique id Telegram gives the file, and a suffix from its name or type; nothing else the citizen typed."""
    suffix = Path(attachment["file_name"] or "").suffix
    if not _SAFE_SUFFIX.match(suffix):
        suffix = _SUFFIXES.get(attachment["mime_type"] or "", "")
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", attachment["file_unique_id"] or attachment["file_id"])
    return stem + suffix.lower()


async def keep_copy(bot: Bot, attachment: StoredAttachment, directory: Path) -> StoredAttachment:
    """The attachment with `local_path` set once downloaded into `directory`; unchanged if that failed."""
    target = directory / _file_name(attachment)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        file = await bot.get_file(attachment["file_id"])
        await file.download_to_drive(target)
    except (TelegramError, OSError) as error:
        log.warning("attachment not downloaded; its Telegram file id is kept", extra={"error": str(error)})
        return attachment
    return {**attachment, "local_path": str(target)}
