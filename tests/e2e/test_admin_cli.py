"""`motcua admin` as an administrator runs it: real processes on a real SQLite file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from feedback.domain.access import Officer, Role
from feedback.service_layer.admin_service import AdminService
from motcua import texts
from storage.db import create_engine, create_session_factory
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork

MOTCUA = [sys.executable, "-m", "motcua.cli"]
AN_PASSWORD = "cây đa bến nước sân đình"


def run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MOTCUA, "admin", *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def ok(args: list[str], env: dict[str, str], stdin: str = "") -> str:
    result = run(args, env, stdin)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def refused(args: list[str], env: dict[str, str], code: int, stdin: str = "") -> str:
    """The one Vietnamese line a failure prints on standard error, checked to be no traceback."""
    result = run(args, env, stdin)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr.strip()


def database_of(env: dict[str, str]) -> str:
    return env["MOTCUA_DATABASE_URL"]


async def authenticate(env: dict[str, str], username: str, password: str) -> Officer | None:
    """Log in as the web will, on the database the commands wrote."""
    engine = create_engine(database_of(env))
    try:
        session_factory = create_session_factory(engine)
        service = AdminService(lambda: SqlUnitOfWork(session_factory), Argon2PasswordHasher())
        return await service.authenticate(username, password)
    finally:
        await engine.dispose()


def environment(database: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env["MOTCUA_DATABASE_URL"] = f"sqlite+aiosqlite:///{database}"
    return env


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("admin-empty") / "motcua.db"
    result = subprocess.run(
        [*MOTCUA, "migrate"], capture_output=True, text=True, env=environment(database), timeout=120
    )
    assert result.returncode == 0, result.stderr
    return database


@pytest.fixture(scope="session")
def commune_database(migrated_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A commune set up once through the command line: each command's answer is checked as it goes."""
    database = tmp_path_factory.mktemp("admin-commune") / "motcua.db"
    copy_database(migrated_database, database)
    env = environment(database)
    assert ok(["unit", "add", "ubnd-xa", "UBND xã An Bình"], env).strip() == "Đã thêm đơn vị UBND-XA – UBND xã An Bình."
    added = ok(["unit", "add", "mot-cua", "Bộ phận một cửa", "--parent", "UBND-XA"], env).strip()
    assert added == "Đã thêm đơn vị MOT-CUA – Bộ phận một cửa, trực thuộc UBND-XA."
    ok(["unit", "add", "DIA-CHINH", "Công chức địa chính", "--parent", "ubnd-xa"], env)
    ok(["unit", "add", "VP-DAT-DAI", "Văn phòng đăng ký đất đai", "--parent", "DIA-CHINH"], env)
    ok(["unit", "add", "SO-TNMT", "Sở Tài nguyên và Môi trường"], env)
    return database


@pytest.fixture
def env(migrated_database: Path, tmp_path: Path) -> dict[str, str]:
    """An empty, migrated database of the test's own."""
    copy_database(migrated_database, tmp_path / "motcua.db")
    return environment(tmp_path / "motcua.db")


@pytest.fixture
def commune(commune_database: Path, tmp_path: Path) -> dict[str, str]:
    """The commune's units in a database of the test's own."""
    copy_database(commune_database, tmp_path / "motcua.db")
    return environment(tmp_path / "motcua.db")


# --- units ------------------------------------------------------------------------------------


def test_units_are_listed_as_a_tree(commune: dict[str, str]) -> None:
    assert ok(["unit", "list"], commune).splitlines() == [
        "SO-TNMT – Sở Tài nguyên và Môi trường",
        "UBND-XA – UBND xã An Bình",
        "├─ DIA-CHINH – Công chức địa chính",
        "│  └─ VP-DAT-DAI – Văn phòng đăng ký đất đai",
        "└─ MOT-CUA – Bộ phận một cửa",
    ]


def test_units_come_in_the_offices_own_order(commune: dict[str, str]) -> None:
    said = ok(["unit", "order", "mot-cua", "1"], commune).strip()
    assert said == texts.UNIT_ORDER_SET.format(code="MOT-CUA", name="Bộ phận một cửa", position=1)
    ok(["unit", "add", "TU-PHAP", "Công chức tư pháp", "--parent", "UBND-XA", "--order", "2"], commune)
    assert ok(["unit", "list"], commune).splitlines()[1:] == [
        "UBND-XA – UBND xã An Bình",
        "├─ MOT-CUA – Bộ phận một cửa (thứ tự 1)",
        "├─ TU-PHAP – Công chức tư pháp (thứ tự 2)",
        "└─ DIA-CHINH – Công chức địa chính",  # no order of its own: after those with one
        "   └─ VP-DAT-DAI – Văn phòng đăng ký đất đai",
    ]
    cleared = ok(["unit", "order", "MOT-CUA", "none"], commune).strip()
    assert cleared == texts.UNIT_ORDER_CLEARED.format(code="MOT-CUA", name="Bộ phận một cửa")
    assert refused(["unit", "order", "MOT-CUA", "0"], commune, 2).endswith(
        texts.ERR_UNIT_ORDER.format(value="0", most=9999)
    )
    assert refused(["unit", "order", "KHONG-CO", "3"], commune, 1) == texts.ERR_UNKNOWN_UNIT.format(code="KHONG-CO")


def test_an_empty_unit_list_says_how_to_add_one(env: dict[str, str]) -> None:
    assert ok(["unit", "list"], env).strip() == texts.NO_UNITS


def test_unit_mistakes_get_a_vietnamese_line_and_change_nothing(commune: dict[str, str]) -> None:
    assert refused(["unit", "add", "X", "Tổ dân phố", "--parent", "NOWHERE"], commune, 1) == (
        texts.ERR_UNKNOWN_UNIT.format(code="NOWHERE")
    )
    assert refused(["unit", "add", "mot-cua", "Trùng mã"], commune, 1) == texts.ERR_DUPLICATE_UNIT.format(
        code="MOT-CUA"
    )
    assert refused(["unit", "add", "MỘT CỬA", "Sai mã"], commune, 2) == texts.ERR_INVALID_UNIT_CODE.format(
        code="MỘT CỬA"
    )
    assert refused(["unit", "add", "TO-1", "   "], commune, 2) == texts.ERR_INVALID_UNIT_NAME
    assert len(ok(["unit", "list"], commune).splitlines()) == 5


# --- users ------------------------------------------------------------------------------------


async def test_an_officer_is_set_up_from_the_command_line_and_can_log_in(commune: dict[str, str]) -> None:
    added = ok(["user", "add", "an.nguyen", "--name", "Nguyễn Văn An", "--password-stdin"], commune, AN_PASSWORD + "\n")
    assert added.strip() == "Đã thêm người dùng an.nguyen (Nguyễn Văn An)."
    assert ok(["user", "grant", "an.nguyen", "officer", "--unit", "mot-cua"], commune).strip() == (
        "Đã cấp quyền cán bộ MOT-CUA cho an.nguyen."
    )
    ok(["user", "grant", "AN.NGUYEN", "unit_head", "--unit", "DIA-CHINH"], commune)
    assert ok(["user", "link-telegram", "an.nguyen", "7123456789"], commune).strip() == (
        "Đã liên kết Telegram 7123456789 với an.nguyen."
    )
    assert ok(["user", "list"], commune).splitlines() == [
        "an.nguyen – Nguyễn Văn An · Telegram 7123456789 · trưởng đơn vị DIA-CHINH, cán bộ MOT-CUA"
    ]
    officer = await authenticate(commune, "an.nguyen", AN_PASSWORD)
    assert officer is not None
    assert officer.roles == {(Role.OFFICER, "MOT-CUA"), (Role.UNIT_HEAD, "DIA-CHINH")}
    assert await authenticate(commune, "an.nguyen", "cây đa bến nước") is None


async def test_passwd_replaces_the_password(commune: dict[str, str]) -> None:
    ok(["user", "add", "an.nguyen", "--name", "Nguyễn Văn An", "--password-stdin"], commune, AN_PASSWORD + "\n")
    assert ok(["user", "passwd", "an.nguyen", "--password-stdin"], commune, "mật khẩu mới toanh\n").strip() == (
        "Đã đặt mật khẩu mới cho an.nguyen."
    )
    assert await authenticate(commune, "an.nguyen", AN_PASSWORD) is None
    assert await authenticate(commune, "an.nguyen", "mật khẩu mới toanh") is not None


async def test_a_telegram_only_officer_has_no_password(commune: dict[str, str]) -> None:
    added = ok(["user", "add", "binh.tran", "--name", "Trần Thị Bình", "--no-password"], commune)
    assert "chưa có mật khẩu" in added
    assert await authenticate(commune, "binh.tran", "") is None
    assert ok(["user", "list"], commune).strip() == "binh.tran – Trần Thị Bình · chưa có quyền"


def test_a_password_is_never_taken_from_the_command_line_nor_from_a_pipe_unasked(env: dict[str, str]) -> None:
    result = run(["user", "add", "an.nguyen", "--name", "Nguyễn Văn An", "--password", AN_PASSWORD], env)
    assert result.returncode == 2
    message = refused(["user", "add", "an.nguyen", "--name", "Nguyễn Văn An"], env, 2, stdin=AN_PASSWORD + "\n")
    assert message == texts.ERR_NO_TERMINAL
    assert ok(["user", "list"], env).strip() == texts.NO_USERS


def test_user_mistakes_get_a_vietnamese_line_and_the_right_exit_code(commune: dict[str, str]) -> None:
    ok(["user", "add", "an.nguyen", "--name", "Nguyễn Văn An", "--no-password"], commune)
    ok(["user", "add", "binh.tran", "--name", "Trần Thị Bình", "--no-password"], commune)
    ok(["user", "link-telegram", "an.nguyen", "1001"], commune)
    cases = [
        (["user", "add", "An.Nguyen", "--name", "Người khác", "--no-password"], 1, "", "đã có người dùng"),
        (["user", "add", "nguyễn", "--name", "Nguyễn", "--no-password"], 2, "", "không hợp lệ"),
        (["user", "add", "cuong", "--name", "Lê Cường", "--password-stdin"], 2, "ngắn\n", "ít nhất 8 ký tự"),
        (["user", "add", "cuong", "--name", "Lê Cường", "--password-stdin"], 2, "\n", "dòng đầu trống"),
        (["user", "grant", "nobody", "officer", "--unit", "MOT-CUA"], 1, "", "Không có người dùng nobody"),
        (["user", "grant", "binh.tran", "officer", "--unit", "SO-GTVT"], 1, "", "Không có đơn vị mã SO-GTVT"),
        (["user", "grant", "binh.tran", "officer"], 2, "", "thêm --unit"),
        (["user", "grant", "binh.tran", "admin", "--unit", "MOT-CUA"], 2, "", "bỏ --unit"),
        (["user", "link-telegram", "binh.tran", "1001"], 1, "", "đang liên kết với an.nguyen"),
        (["user", "link-telegram", "binh.tran", "0"], 2, "", "số nguyên dương"),
        (["user", "passwd", "nobody", "--password-stdin"], 1, AN_PASSWORD + "\n", "Không có người dùng"),
    ]
    for args, code, stdin, expected in cases:
        message = refused(args, commune, code, stdin)
        assert expected in message, (args, message)
        assert len(message.splitlines()) == 1, message
    unknown_role = run(["user", "grant", "binh.tran", "boss", "--unit", "MOT-CUA"], commune)  # argparse's own check
    assert unknown_role.returncode == 2 and "không có quyền “boss”" in unknown_role.stderr
    assert ok(["user", "list"], commune).splitlines() == [
        "an.nguyen – Nguyễn Văn An · Telegram 1001 · chưa có quyền",
        "binh.tran – Trần Thị Bình · chưa có quyền",
    ]


def test_grant_revoke_deactivate_and_activate_say_what_changed(commune: dict[str, str]) -> None:
    ok(["user", "add", "an.nguyen", "--name", "Nguyễn Văn An", "--no-password"], commune)
    ok(["user", "grant", "an.nguyen", "admin"], commune)
    assert "đã có quyền quản trị" in ok(["user", "grant", "an.nguyen", "admin"], commune)
    assert "Đã thu hồi quyền quản trị" in ok(["user", "revoke", "an.nguyen", "admin"], commune)
    assert "không có gì để thu hồi" in ok(["user", "revoke", "an.nguyen", "admin"], commune)
    ok(["user", "grant", "an.nguyen", "officer", "--unit", "MOT-CUA"], commune)
    assert "Đã khoá an.nguyen" in ok(["user", "deactivate", "an.nguyen"], commune)
    assert ok(["user", "list"], commune).strip() == "an.nguyen – Nguyễn Văn An · ĐÃ KHOÁ · cán bộ MOT-CUA"
    assert "Đã mở khoá an.nguyen" in ok(["user", "activate", "an.nguyen"], commune)
    assert ok(["user", "list"], commune).strip() == "an.nguyen – Nguyễn Văn An · cán bộ MOT-CUA"
    ok(["user", "link-telegram", "an.nguyen", "1001"], commune)
    assert "Đã bỏ liên kết Telegram" in ok(["user", "unlink-telegram", "an.nguyen"], commune)


def test_a_database_that_cannot_be_opened_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env["MOTCUA_DATABASE_URL"] = f"sqlite+aiosqlite:///{blocker}/motcua.db"
    message = refused(["unit", "list"], env, 1)
    assert message.startswith("Không làm việc được với cơ sở dữ liệu")
