"""The `motcua` command as an administrator runs it: real processes on a real SQLite file."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

MOTCUA = [sys.executable, "-m", "motcua.cli"]
FAKE_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
LAND_CERTIFICATE = {"1.013978", "1.012753", "1.012783", "1.012787"}
CHANGE_DRIVING_LICENCE = "3.000347"
BIRTH_REGISTRATION = {"1.001193", "2.000986", "2.001023", "1.004772"}
REISSUE_ID_CARD = {"1.014064", "2.001194", "1.000757"}


def run(
    args: list[str], env: dict[str, str], stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(MOTCUA + args, input=stdin, capture_output=True, text=True, env=env, timeout=timeout)


def environment(database: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env["MOTCUA_DATABASE_URL"] = f"sqlite+aiosqlite:///{database}"
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def imported_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database that went through first start once: migrated, bundled catalog imported."""
    database = tmp_path_factory.mktemp("template") / "motcua.db"
    result = run(["search", "khai sinh"], environment(database))
    assert result.returncode == 0, result.stderr
    return database


@pytest.fixture
def env(imported_database: Path, tmp_path: Path) -> dict[str, str]:
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{imported_database}{suffix}")
        if source.exists():
            shutil.copy(source, tmp_path / f"motcua.db{suffix}")
    return environment(tmp_path / "motcua.db")


def test_first_start_imports_the_bundled_catalog(imported_database: Path, tmp_path: Path) -> None:
    result = run(["search", "--json", "dang ky ket hon"], environment(tmp_path / "fresh.db"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["code"] == "1.000894"


def test_search_prints_ranked_results(env: dict[str, str]) -> None:
    result = run(["search", "lam", "so", "do"], env)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[1]
    match = re.match(r"\s*1\. \[\s*[\d.]+\] (\S+)", first)
    assert match is not None, first
    assert match.group(1) in LAND_CERTIFICATE


def test_search_json_honours_the_limit(env: dict[str, str]) -> None:
    result = run(["search", "--json", "--limit", "3", "doi bang lai xe"], env)
    body = json.loads(result.stdout)
    assert body["query"] == "doi bang lai xe"
    assert len(body["results"]) <= 3
    assert body["results"][0]["code"] == CHANGE_DRIVING_LICENCE
    assert all(set(hit) == {"code", "name", "score"} for hit in body["results"])


def test_search_reads_queries_from_stdin_and_writes_json_lines(env: dict[str, str]) -> None:
    result = run(["search", "--limit", "5"], env, stdin="ddawng kys khai sinh\n\ncap lai cccd bi mat\nxyzzy qwerty\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["ddawng kys khai sinh", "cap lai cccd bi mat", "xyzzy qwerty"]
    assert lines[0]["results"][0]["code"] in BIRTH_REGISTRATION
    assert lines[1]["results"][0]["code"] in REISSUE_ID_CARD
    assert lines[2]["results"] == []
    assert all(len(line["results"]) <= 5 for line in lines)


def test_chat_answers_the_questions_citizens_ask(env: dict[str, str]) -> None:
    questions = "lam so do\ndoi bang lai xe\nddawng kys khai sinh\ncap lai cccd bi mat\n/quit\n"
    result = run(["chat"], env, stdin=questions)
    assert result.returncode == 0, result.stderr
    for expected in ("Giấy chứng nhận quyền sử dụng đất", "Đổi giấy phép lái xe", "khai sinh", "Cấp lại thẻ căn cước"):
        assert expected in result.stdout


def test_chat_on_the_text_channel_numbers_the_choices_and_a_number_picks_one(env: dict[str, str]) -> None:
    result = run(["chat", "--channel", "text"], env, stdin="dang ky khai sinh\n1\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "1. 🔎 Tra cứu thủ tục" in result.stdout and "Gõ số để chọn." in result.stdout
    results, card = result.stdout.split("bot>")[2:4]
    assert "1. Thủ tục đăng ký khai sinh\n" in results
    assert "Mã thủ tục: 1.001193" in card
    assert result.stdout.rstrip().endswith("Tạm biệt!")


def test_import_of_a_bad_file_reports_lines_and_changes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n9.900001,Thủ tục thử\n,Không có mã\n", encoding="utf-8")
    result = run(["import-catalog", str(bad)], env)
    assert result.returncode == 1
    assert "Dòng 3: thiếu mã thủ tục" in result.stdout
    after = run(["search", "--json", "9.900001"], env)
    assert json.loads(after.stdout)["results"] == []


def test_import_with_skip_bad_rows_keeps_the_good_ones(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n9.900001,Thủ tục thử nghiệm nuôi ong\n,Không có mã\n", encoding="utf-8")
    assert run(["import-catalog", "--skip-bad-rows", str(bad)], env).returncode == 0
    after = json.loads(run(["search", "--json", "9.900001"], env).stdout)
    assert after["results"][0]["code"] == "9.900001"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(port: int, process: subprocess.Popen[str]) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.2)
    raise AssertionError("motcua serve did not answer /healthz")


def _serve(env: dict[str, str], until: str) -> tuple[subprocess.Popen[str], dict[str, object], list[dict[str, object]]]:
    """Run `motcua serve` until /healthz answers and a log line containing `until` appears, then stop it."""
    port = _free_port()
    env = {**env, "MOTCUA_WEB_PORT": str(port)}
    process = subprocess.Popen([*MOTCUA, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert process.stderr is not None
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True)  # type: ignore[union-attr]
    reader.start()
    seen: list[str] = []
    try:
        health = _wait_for_health(port, process)
        deadline = time.monotonic() + 30
        while not any(until in line for line in seen) and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                seen.append(lines.get(timeout=0.5))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    reader.join(timeout=10)
    for pipe in (process.stdout, process.stderr):  # unclosed, they warn when collected (warnings are errors)
        if pipe is not None:
            pipe.close()
    while not lines.empty():
        seen.append(lines.get())
    events = [json.loads(line) for line in seen]
    return process, health, events


@pytest.mark.parametrize("token", [None, ""], ids=["unset", "set-but-empty"])
def test_serve_without_a_token_runs_the_web_part_and_says_how_to_set_it(env: dict[str, str], token: str | None) -> None:
    process, health, events = _serve(
        env if token is None else {**env, "MOTCUA_TELEGRAM_TOKEN": token}, until="MOTCUA_TELEGRAM_TOKEN"
    )
    assert process.returncode == 0
    assert (health["status"], health["procedures"], health["database"]) == ("ok", 2849, "ok")
    assert set(health["loops"]) == {"relay", "scheduler"}  # type: ignore[arg-type]
    hints = [event for event in events if "MOTCUA_TELEGRAM_TOKEN" in str(event["event"])]
    assert len(hints) == 1
    assert "motcua chat" in str(hints[0]["event"])
    zalo_off = [event for event in events if "MOTCUA_ZALO_APP_ID" in str(event["event"])]
    assert len(zalo_off) == 1


def test_serve_with_an_unreachable_telegram_keeps_running_and_never_logs_the_token(env: dict[str, str]) -> None:
    dead = f"http://127.0.0.1:{_free_port()}/bot"
    process, health, events = _serve(
        {**env, "MOTCUA_TELEGRAM_TOKEN": FAKE_TOKEN, "MOTCUA_TELEGRAM_BASE_URL": dead}, until='"level": "error"'
    )
    assert process.returncode == 0
    assert health["status"] == "ok"
    assert FAKE_TOKEN not in json.dumps(events)
    assert any(event["level"] == "error" for event in events)
