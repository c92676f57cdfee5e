"""Citizens' stored files on disk, for erasure: only paths inside the attachments directory are deleted."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


class DiskAttachmentFiles:
    def __init__(self, root: Path | None) -> None:
        self._root = root.resolve() if root is not None else None

    def delete(self, local_path: str) -> None:
        if self._root is None:
            return
        path = Path(local_path).resolve()
        if not path.is_relative_to(self._root):
            log.warning("attachment outside the attachments directory left alone")
            return
        path.unlink(missing_ok=True)
