"""`motcua admin zalo connect|status|disconnect` and `motcua admin user link-zalo`, as an administrator runs
them: real processes, a real SQLite file, the Zalo stand-in answering OAuth and the OA API over HTTP."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from stand_ins.zalo_oa import LocalZaloOa
from storage.db import create_engine, create_session_factory
from storage.unit_of_work import SqlUnitOfWork

MOTCUA = [sys.executable, "-m", "motcua.cli"]
REDIRECT = "https://motcua.example.vn/zalo/callback"


@pytest.fixture
async def oa() -> AsyncIterator[LocalZaloOa]:
    async with LocalZaloOa() as stand_in:
        yield stand_in


@pytest.fixture
def env(tmp_path: Path, oa: LocalZaloOa) -> dict[str, str]:
    values = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    values.update(
        MOTCUA_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/motcua.db",
        MOTCUA_ZALO_APP_ID=oa.app_id,
        MOTCUA_ZALO_APP_SECRET=oa.app_secret,
        MOTCUA_ZALO_OA_SECRET_KEY=oa.oa_secret_key,
        MOTCUA_ZALO_API_BASE=oa.api_base,
        MOTCUA_ZALO_OAUTH_BASE=oa.oauth_base,
        MOTCUA_ZALO_ZNS_BASE=oa.zns_base,
    )
    return values


async def admin(env: dict[str, str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *MOTCUA,
        "admin",
        *args,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin.encode()), 120)
    return process.returncode or 0, out.decode(), err.decode()


async def connect(env: dict[str, str], *, tamper_state: bool = False) -> tuple[int, str, str]:
    """Run connect, open the printed address as the administrator's browser would, paste where Zalo went."""
    process = await asyncio.create_subprocess_exec(
        *MOTCUA,
        "admin",
        "zalo",
        "connect",
        "--redirect-uri",
        REDIRECT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    printed = []
    while not any("/v4/oa/permission?" in line for line in printed):
        line = (await asyncio.wait_for(process.stdout.readline(), 120)).decode()
        assert line, "connect ended without printing the permission address"
        printed.append(line)
    url = next(word for line in printed for word in line.split() if "/v4/oa/permission?" in word)
    async with aiohttp.ClientSession() as browser, browser.get(url, allow_redirects=False) as consent:
        location = consent.headers["Location"]
    assert location.startswith(REDIRECT + "?code=")
    if tamper_state:
        location = location.replace("state=", "state=x")
    out, err = await asyncio.wait_for(process.communicate((location + "\n").encode()), 120)
    return process.returncode or 0, "".join(printed) + out.decode(), err.decode()


async def stored_tokens(env: dict[str, str]) -> tuple[str, str]:
    engine = create_engine(env["MOTCUA_DATABASE_URL"])
    try:
        async with SqlUnitOfWork(create_session_factory(engine)) as uow:
            connection = await uow.zalo.get()
    finally:
        await engine.dispose()
    assert connection is not None and connection.access_token and connection.refresh_token
    return connection.access_token, connection.refresh_token


async def test_connect_status_and_disconnect_never_showing_a_secret(env: dict[str, str], oa: LocalZaloOa) -> None:
    code, out, err = await connect(env)
    assert code == 0, out + err
    assert "Đã kết nối OA UBND xã An Bình" in out and oa.oa_id in out
    assert "code_challenge=" in out and "state=" in out
    access, refresh = await stored_tokens(env)

    code, status, err = await admin(env, "zalo", "status")
    assert code == 0, err
    assert f"OA: UBND xã An Bình (ID {oa.oa_id})" in status
    assert "Token hết hạn lúc" in status and "Chưa nhận webhook nào" in status
    for secret in (access, refresh, oa.app_secret, oa.oa_secret_key):
        assert secret not in status + err

    code, out, err = await admin(env, "zalo", "disconnect")
    assert code == 0 and "Đã xoá token" in out
    code, out, err = await admin(env, "zalo", "status")
    assert code == 1 and "Chưa kết nối" in err


async def test_an_address_from_another_consent_is_refused_and_nothing_is_stored(env: dict[str, str]) -> None:
    code, _out, err = await connect(env, tamper_state=True)
    assert code == 2 and "state" in err and "Traceback" not in err
    code, _out, err = await admin(env, "zalo", "status")
    assert code == 1 and "Chưa kết nối" in err


async def test_connect_without_the_settings_or_the_redirect_address_says_what_to_set(env: dict[str, str]) -> None:
    code, _out, err = await admin(env, "zalo", "connect")
    assert code == 2 and "MOTCUA_ZALO_REDIRECT_URI" in err
    bare = {key: value for key, value in env.items() if not key.startswith("MOTCUA_ZALO_")}
    code, _out, err = await admin(bare, "zalo", "connect", "--redirect-uri", REDIRECT)
    assert code == 2 and "MOTCUA_ZALO_APP_ID" in err


async def test_link_zalo_links_an_officer_once_and_shows_in_the_list(env: dict[str, str]) -> None:
    assert (await admin(env, "user", "add", "an.nguyen", "--name", "Nguyễn Văn An", "--no-password"))[0] == 0
    assert (await admin(env, "user", "add", "binh.tran", "--name", "Trần Bình", "--no-password"))[0] == 0
    code, out, err = await admin(env, "user", "link-zalo", "an.nguyen", "2468458835296117922")
    assert code == 0 and "Đã liên kết Zalo 2468458835296117922 với an.nguyen" in out, err
    code, out, _ = await admin(env, "user", "list")
    assert "Zalo 2468458835296117922" in out
    code, _, err = await admin(env, "user", "link-zalo", "binh.tran", "2468458835296117922")
    assert code == 1 and "unlink-zalo an.nguyen" in err
    code, _, err = await admin(env, "user", "link-zalo", "binh.tran", "12ab")
    assert code == 2 and "dãy số" in err
    code, out, _ = await admin(env, "user", "unlink-zalo", "an.nguyen")
    assert code == 0 and "Đã bỏ liên kết Zalo" in out
