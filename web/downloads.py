"""Files officers download (attachments, reports): always saved, never opened as a page of this site.

A citizen's file named "x.html" served as text/html inline would run in this site's origin; so the type
is the file's own only when it is one of a few harmless ones, everything else is a plain byte stream, and
the disposition is always `attachment`, with the name as RFC 6266 / RFC 5987 spell it (an ASCII fallback
and the UTF-8 name, percent-encoded).
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from urllib.parse import quote

OCTET_STREAM = "application/octet-stream"
# Types a browser shows without running anything of ours; any other file is a byte stream.
SAFE_TYPES = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "application/vnd.ms-excel",
        "video/mp4",
        "audio/mpeg",
        "audio/ogg",
    }
)
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"\\/;:*?<>|]')
_NOT_ASCII_NAME = re.compile(r"[^A-Za-z0-9._ -]")
_MAX_NAME = 150


def download_type(file_name: str) -> str:
    """The Content-Type to send a file under: its guessed type if harmless, else a byte stream."""
    guessed, encoding = mimetypes.guess_type(file_name, strict=False)
    if guessed is None or encoding is not None or guessed not in SAFE_TYPES:
        return OCTET_STREAM
    return guessed


def content_disposition(file_name: str) -> str:
    """`attachment` with a plain-ASCII fallback name and the real one in `filename*` (RFC 5987)."""
    name = _UNSAFE_IN_NAME.sub("_", file_name).strip(" .")[:_MAX_NAME] or "tep-tai-ve"
    ascii_name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = _NOT_ASCII_NAME.sub("", ascii_name.encode("ascii", "ignore").decode()).strip(" .") or "tep-tai-ve"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
