"""The citizen's photos and PDF files on the portal: read from the form as they stream in, checked, kept.

- The type is read from the file's first bytes (the `filetype` library, which knows the HEIC photos of
  iPhones as well as JPEG, PNG, WebP and PDF), never taken from the name or the browser's word for it; a
  file of another type, or whose content is not what its name's ending says ("photo.jpg" holding a PDF or
  a web page), is refused.
- Each file is limited to the intake's `max_attachment_bytes` while it is read: a larger one is dropped on
  the spot. A request larger than all the files a PAKN may carry is cut off (413).
- Accepted files wait in `<attachments dir>/web-staging/` under a random name (the form carries only that
  name), and move to `<attachments dir>/web/<year-month>/` when the PAKN is committed: that path is the
  attachment's `local_path`, which the officers' pages download from. Staged files a day old are swept.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote

import filetype
from aiohttp import BodyPartReader, web
from multidict import MultiDict

from feedback.domain.intake_limits import MIB, IntakeLimits
from feedback.domain.model import Attachment, AttachmentKind

ACCEPTED: dict[str, tuple[AttachmentKind, tuple[str, ...]]] = {
    "image/jpeg": (AttachmentKind.PHOTO, (".jpg", ".jpeg", ".jfif")),
    "image/png": (AttachmentKind.PHOTO, (".png",)),
    "image/webp": (AttachmentKind.PHOTO, (".webp",)),
    "image/heic": (AttachmentKind.PHOTO, (".heic", ".heif")),
    "application/pdf": (AttachmentKind.DOCUMENT, (".pdf",)),
}
ACCEPT_ATTRIBUTE = ",".join([*ACCEPTED, *(suffix for _, suffixes in ACCEPTED.values() for suffix in suffixes)])
FILE_FIELD = "tep"
MAX_FIELD_CHARS = 20_000  # a text field: the content's limit is 5,000 characters, with room for what a robot sends
_CHUNK = 64 * 1024
_STAGED_ID = re.compile(r"^[A-Za-z0-9_-]{22,44}$")
_STALE_SECONDS = 24 * 3600
_NAME_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class UploadProblem(StrEnum):
    NOT_ACCEPTED = "not_accepted"
    NOT_ITS_NAME = "not_its_name"
    TOO_LARGE = "too_large"


@dataclass(frozen=True)
class UploadRefused:
    problem: UploadProblem
    file_name: str


@dataclass(frozen=True)
class StagedFile:
    id: str
    name: str
    mime_type: str
    kind: AttachmentKind
    size: int


class RequestTooLarge(Exception):
    """More bytes than every file a PAKN may carry: the request is cut off."""


class UploadStore:
    def __init__(self, directory: Path, limits: IntakeLimits) -> None:
        self.directory = directory
        self.limits = limits
        self._staging = directory / "web-staging"
        self._kept = directory / "web"
        self.max_request = limits.max_attachments * limits.max_attachment_bytes + MIB

    async def read_form(self, request: web.Request) -> tuple[MultiDict[str], list[StagedFile], list[UploadRefused]]:
        """The form's text fields, the files it brought (staged) and the files refused; raises RequestTooLarge."""
        if not request.content_type.startswith("multipart/"):
            posted = await request.post()
            return MultiDict((k, v) for k, v in posted.items() if isinstance(v, str)), [], []
        fields: MultiDict[str] = MultiDict()
        staged: list[StagedFile] = []
        refused: list[UploadRefused] = []
        total = 0
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.filename is None:
                text = (await part.read(decode=True)).decode("utf-8", "replace")
                total += len(text)
                if total > self.max_request:
                    raise RequestTooLarge
                fields.add(part.name or "", text[:MAX_FIELD_CHARS])
                continue
            if part.name != FILE_FIELD or not part.filename:
                await part.release()
                continue
            outcome, size = await self._stage(part, self.max_request - total)
            total += size
            if isinstance(outcome, StagedFile):
                staged.append(outcome)
            elif outcome is not None:
                refused.append(outcome)
        return fields, staged, refused

    async def _stage(self, part: BodyPartReader, room: int) -> tuple[StagedFile | UploadRefused | None, int]:
        name = _clean_name(part.filename or "")
        staged_id = secrets.token_urlsafe(24)
        self._staging.mkdir(parents=True, exist_ok=True)
        path = self._staging / staged_id
        size = 0
        head = b""
        refusal: UploadProblem | None = None
        with path.open("wb") as out:
            while chunk := await part.read_chunk(_CHUNK):
                size += len(chunk)
                if size > room:
                    out.close()
                    path.unlink(missing_ok=True)
                    raise RequestTooLarge
                if size > self.limits.max_attachment_bytes:
                    refusal = UploadProblem.TOO_LARGE
                if refusal is None:
                    if len(head) < 512:
                        head += chunk[: 512 - len(head)]
                    out.write(chunk)
        if size == 0:
            path.unlink(missing_ok=True)
            return None, 0  # an empty file input: nothing chosen
        mime = _content_type(head)
        if refusal is None and mime is None:
            refusal = UploadProblem.NOT_ACCEPTED
        if refusal is None and mime is not None and Path(name).suffix.lower() not in ACCEPTED[mime][1]:
            refusal = UploadProblem.NOT_ITS_NAME
        if refusal is not None or mime is None:
            path.unlink(missing_ok=True)
            return UploadRefused(refusal or UploadProblem.NOT_ACCEPTED, name), size
        staged = StagedFile(staged_id, name, mime, ACCEPTED[mime][0], size)
        (self._staging / f"{staged_id}.json").write_text(json.dumps(asdict(staged)), encoding="utf-8")
        self._sweep_now_and_then()
        return staged, size

    def staged(self, staged_id: str) -> StagedFile | None:
        """A file staged by an earlier step of this form; None for an id that is not one (or is gone)."""
        if not _STAGED_ID.match(staged_id):
            return None
        try:
            data = json.loads((self._staging / f"{staged_id}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (self._staging / staged_id).is_file():
            return None
        return StagedFile(data["id"], data["name"], data["mime_type"], AttachmentKind(data["kind"]), data["size"])

    def keep(self, staged: StagedFile, at: datetime) -> Attachment:
        """Move a staged file to where the PAKN's attachments live; the attachment that points at it."""
        folder = self._kept / at.strftime("%Y-%m")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (staged.id + Path(staged.name).suffix.lower())
        os.replace(self._staging / staged.id, target)
        (self._staging / f"{staged.id}.json").unlink(missing_ok=True)
        return Attachment(
            kind=staged.kind,
            file_id=f"web:{staged.id}",
            file_unique_id=staged.id,
            file_name=staged.name,
            mime_type=staged.mime_type,
            size=staged.size,
            local_path=str(target),
        )

    def discard(self, staged: StagedFile) -> None:
        (self._staging / staged.id).unlink(missing_ok=True)
        (self._staging / f"{staged.id}.json").unlink(missing_ok=True)

    def give_back(self, staged: StagedFile, attachment: Attachment) -> None:
        """Undo `keep` when the PAKN could not be committed: the file waits in staging again."""
        if attachment.local_path and Path(attachment.local_path).is_file():
            os.replace(attachment.local_path, self._staging / staged.id)
            (self._staging / f"{staged.id}.json").write_text(json.dumps(asdict(staged)), encoding="utf-8")

    def _sweep_now_and_then(self) -> None:
        if secrets.randbelow(50):
            return
        limit = time.time() - _STALE_SECONDS
        for path in self._staging.iterdir():
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue


def _content_type(head: bytes) -> str | None:
    kind = filetype.guess(head) if head else None
    mime = kind.mime if kind is not None else None
    return mime if mime in ACCEPTED else None


def _clean_name(name: str) -> str:
    """The file's name as the citizen's device gave it, without a path or control characters, for the officers."""
    name = unquote(name)  # some clients percent-encode a name that is not ASCII; browsers send it as UTF-8
    name = _NAME_UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return name[:150] or "tep"
