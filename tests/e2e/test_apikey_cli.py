"""`motcua admin apikey` as an administrator runs it: real processes on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from feedback.service_layer.api_key_service import ApiKeyService
from storage.db import create_engine, create_session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.test_admin_cli import environment, ok, refused


async def authenticate(database: Path, key: str) -> str | None:
    """Check a key as the Open311 API will, on the database the commands wrote."""
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        session_factory = create_session_factory(engine)
        client = await ApiKeyService(lambda: SqlUnitOfWork(session_factory)).authenticate(key)
        return client.name if client is not None else None
    finally:
        await engine.dispose()


async def test_a_key_is_printed_once_works_and_stops_working_when_revoked(tmp_path: Path) -> None:
    database = tmp_path / "motcua.db"
    env = environment(database)
    announced, key = ok(["apikey", "add", "Kiosk-Mot-Cua"], env).splitlines()
    assert "kiosk-mot-cua" in announced
    assert key.startswith("mc311_") and len(key) > 40
    assert await authenticate(database, key) == "kiosk-mot-cua"
    assert key not in ok(["apikey", "list"], env)
    assert "đang dùng" in ok(["apikey", "list"], env)
    stored = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert key.encode() not in stored  # only the digest is kept

    assert "Đã thu hồi" in ok(["apikey", "revoke", "kiosk-mot-cua"], env)
    assert await authenticate(database, key) is None
    assert "từ trước" in ok(["apikey", "revoke", "kiosk-mot-cua"], env)
    assert "đã thu hồi" in ok(["apikey", "list"], env)


async def test_names_are_checked_and_never_reused(tmp_path: Path) -> None:
    env = environment(tmp_path / "motcua.db")
    assert "Chưa cấp" in ok(["apikey", "list"], env)
    ok(["apikey", "add", "tong-dai"], env)
    assert "tong-dai" in refused(["apikey", "add", "tong-dai"], env, 1)
    assert "Tổng đài" in refused(["apikey", "add", "Tổng đài"], env, 2)
    assert "khong-co" in refused(["apikey", "revoke", "khong-co"], env, 1)
