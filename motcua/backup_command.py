"""`motcua backup` and `motcua restore`: the database and the attachments folder in one archive.

SQLite: a consistent copy through SQLite's backup API (the service may keep running) and the files of
MOTCUA_ATTACHMENTS_DIR, in a .tar.gz with a manifest (when, which schema revision, how many PAKN, where
the attachments were). Restore goes only into an empty database (a file that does not exist yet, or has
no tables), puts the files back into MOTCUA_ATTACHMENTS_DIR and points the stored attachment paths there.
PostgreSQL: pg_dump / pg_restore are the tools (they know every type and index); `motcua backup` prints
the recipe with this database's address, and backs up the attachments folder alone.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.engine import make_url

from motcua import texts
from motcua.settings import Settings
from storage.sqlite_backup import copy_database, has_tables, move_attachment_paths, sqlite_path

DATABASE_MEMBER = "motcua.db"
ATTACHMENTS_MEMBER = "attachments"
MANIFEST_MEMBER = "manifest.json"


class BackupError(Exception):
    """Why a backup or a restore cannot be done, in Vietnamese, for the operator."""


def add_parsers(commands: Any) -> None:
    backup = commands.add_parser("backup", help=texts.HELP_BACKUP)
    backup.add_argument("--output", type=Path, help=texts.HELP_BACKUP_OUTPUT)
    restore = commands.add_parser("restore", help=texts.HELP_RESTORE)
    restore.add_argument("archive", type=Path)


def run_backup(settings: Settings, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    try:
        archive = backup(settings, args.output)
    except BackupError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(texts.BACKUP_DONE.format(path=archive), file=out)
    return 0


def run_restore(settings: Settings, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    try:
        manifest = restore(settings, args.archive)
    except BackupError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(texts.RESTORE_DONE.format(items=manifest["items"], created=manifest["created_at"]), file=out)
    return 0


def backup(settings: Settings, output: Path | None) -> Path:
    """The archive's path. Raises BackupError."""
    database = sqlite_path(settings.database_url)
    if database is None:
        raise BackupError(_postgres_recipe(settings))
    if not database.exists():
        raise BackupError(texts.BACKUP_NO_DATABASE.format(path=database))
    now = datetime.now(UTC)
    archive = output or Path(f"motcua-backup-{now:%Y%m%d-%H%M%S}.tar.gz")
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / DATABASE_MEMBER
        copy_database(database, copy)
        manifest = {
            "created_at": now.isoformat(timespec="seconds"),
            "schema_revision": _revision(copy),
            "items": _count_items(copy),
            "attachments_dir": str(settings.attachments_dir.resolve()) if settings.attachments_dir else None,
        }
        (Path(scratch) / MANIFEST_MEMBER).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(Path(scratch) / MANIFEST_MEMBER, arcname=MANIFEST_MEMBER)
            tar.add(copy, arcname=DATABASE_MEMBER)
            if settings.attachments_dir is not None and settings.attachments_dir.is_dir():
                tar.add(settings.attachments_dir, arcname=ATTACHMENTS_MEMBER)
    return archive


def restore(settings: Settings, archive: Path) -> dict[str, Any]:
    """The archive's manifest, once restored. Raises BackupError; never overwrites a database with tables."""
    database = sqlite_path(settings.database_url)
    if database is None:
        raise BackupError(_postgres_recipe(settings))
    if has_tables(database):
        raise BackupError(texts.RESTORE_NOT_EMPTY.format(path=database))
    try:
        with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive, "r:gz") as tar:
            tar.extractall(scratch, filter="data")  # no absolute paths, links or ".." out of the folder
            manifest = json.loads((Path(scratch) / MANIFEST_MEMBER).read_text())
            database.parent.mkdir(parents=True, exist_ok=True)
            for stale in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
                stale.unlink(missing_ok=True)  # an empty file, or what an empty database left beside it
            copy_database(Path(scratch) / DATABASE_MEMBER, database)
            _restore_attachments(settings, Path(scratch) / ATTACHMENTS_MEMBER, manifest, database)
    except (OSError, tarfile.TarError, KeyError, ValueError, sqlite3.DatabaseError) as error:
        raise BackupError(texts.RESTORE_BAD_ARCHIVE.format(path=archive, error=error)) from None
    return dict(manifest)


def _restore_attachments(settings: Settings, files: Path, manifest: dict[str, Any], database: Path) -> None:
    if not files.is_dir():
        return
    if settings.attachments_dir is None:
        raise BackupError(texts.RESTORE_NEEDS_ATTACHMENTS_DIR)
    target = settings.attachments_dir.resolve()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(files, target, dirs_exist_ok=True)
    if manifest.get("attachments_dir") and manifest["attachments_dir"] != str(target):
        move_attachment_paths(database, manifest["attachments_dir"], str(target))


def _revision(path: Path) -> str | None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _count_items(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return int(connection.execute("SELECT count(*) FROM feedback_items").fetchone()[0])


def _postgres_recipe(settings: Settings) -> str:
    url = make_url(settings.database_url)
    return texts.BACKUP_POSTGRES_RECIPE.format(
        host=url.host or "localhost",
        port=url.port or 5432,
        user=url.username or "postgres",
        database=url.database or "motcua",
        attachments=settings.attachments_dir or "/var/lib/motcua/attachments",
    )
