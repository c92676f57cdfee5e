"""A consistent copy of a live SQLite database, through SQLite's online backup API.

Copying the file (with its -wal beside it) while the service writes can catch a half-written page; the
backup API copies a consistent snapshot page by page while others keep reading and writing. The copy is
a single self-contained file (no WAL): checkpointed, ready to be archived.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import is_sqlite, normalise_url


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL; None for another backend or an in-memory database."""
    url = normalise_url(url)
    if not is_sqlite(url):
        return None
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


def copy_database(source: Path, target: Path) -> None:
    """`source` copied into the new file `target` by the backup API (raises if the source is not a database)."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, no WAL beside it


def has_tables(path: Path) -> bool:
    if not path.exists():
        return False
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables: int = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        return tables > 0


def move_attachment_paths(path: Path, old_root: str, new_root: str) -> int:
    """Point the attachments' stored paths at the folder they were restored into; how many were moved."""
    with sqlite3.connect(path) as connection:
        cursor = connection.execute(
            "UPDATE feedback_attachments SET local_path = ? || substr(local_path, ?) "
            "WHERE local_path IS NOT NULL AND substr(local_path, 1, ?) = ?",
            (new_root, len(old_root) + 1, len(old_root), old_root),
        )
        return cursor.rowcount
