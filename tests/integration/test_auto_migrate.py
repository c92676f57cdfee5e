"""Migrations on start are optional (MOTCUA_AUTO_MIGRATE): on by default for the embedded SQLite, off for
PostgreSQL, where several instances must not race an upgrade; `motcua migrate` always upgrades."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua import texts
from motcua.bootstrap import open_storage
from motcua.settings import Settings
from storage.migrate import SchemaOutOfDate


def settings_for(url: str, auto: str | None, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("MOTCUA_DATABASE_URL", url)
    if auto is None:
        monkeypatch.delenv("MOTCUA_AUTO_MIGRATE", raising=False)
    else:
        monkeypatch.setenv("MOTCUA_AUTO_MIGRATE", auto)
    return Settings(_env_file=None)


def test_the_default_is_on_for_sqlite_and_off_for_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings_for("sqlite+aiosqlite:///var/motcua.db", None, monkeypatch).migrates_on_start()
    assert not settings_for("postgresql+asyncpg://motcua@db/motcua", None, monkeypatch).migrates_on_start()
    assert settings_for("postgresql://motcua@db/motcua", "true", monkeypatch).migrates_on_start()
    assert not settings_for("sqlite:///var/motcua.db", "0", monkeypatch).migrates_on_start()


async def test_without_auto_migrate_an_old_schema_is_refused_until_motcua_migrate(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(database_url, "false", monkeypatch)
    with pytest.raises(SchemaOutOfDate):
        await open_storage(settings)
    engine, _ = await open_storage(settings, migrate=True)  # what `motcua migrate` does
    await engine.dispose()
    engine, _ = await open_storage(settings)
    await engine.dispose()


def test_a_command_on_an_old_schema_says_to_run_motcua_migrate(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env |= {"MOTCUA_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/motcua.db", "MOTCUA_AUTO_MIGRATE": "false"}
    command = [sys.executable, "-m", "motcua.cli"]
    refused = subprocess.run([*command, "admin", "unit", "list"], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2
    assert texts.SCHEMA_OUT_OF_DATE.splitlines()[0] in refused.stderr and "Traceback" not in refused.stderr
    migrated = subprocess.run([*command, "migrate"], capture_output=True, text=True, env=env, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    listed = subprocess.run([*command, "admin", "unit", "list"], capture_output=True, text=True, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
