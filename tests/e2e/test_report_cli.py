"""`motcua report` as an office runs it: a real process on a real SQLite file."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.domain.units import Unit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

MOTCUA = [sys.executable, "-m", "motcua.cli", "report"]
EVER = ["--from", "2000-01-01", "--to", "31/12/2099"]  # every item, whatever today is


async def _fill(url: str) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    session_factory = create_session_factory(engine)
    async with SqlUnitOfWork(session_factory) as uow:
        await uow.units.add(Unit("UBND-XA", "UBND xã Tân Lập"))
        await uow.units.add(Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA"))
        await uow.commit()
    calendar = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
    service = FeedbackService(lambda: SqlUnitOfWork(session_factory), calendar=calendar)
    for n, unit in enumerate(("UBND-XA", "MOT-CUA", "MOT-CUA")):
        citizen = CitizenRef("telegram", str(8100 + n))
        contact = Contact(name="Người dân", address="Tân Lập", phone="0912345678")
        draft = Draft(FeedbackType.PHAN_ANH, f"Đèn đường số {n} bị hỏng lâu ngày", contact, citizen, unit=unit)
        await service.submit(draft)
    await engine.dispose()


@pytest.fixture(scope="module")
def office_database(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    database = tmp_path_factory.mktemp("report") / "motcua.db"
    url = f"sqlite+aiosqlite:///{database}"
    asyncio.run(_fill(url))
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env["MOTCUA_DATABASE_URL"] = url
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MOTCUA, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_the_xlsx_goes_to_a_file_named_for_the_period(office_database: dict[str, str], tmp_path: Path) -> None:
    result = run(EVER, office_database, tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "bao-cao-pakn-2000-01-01_2099-12-31.xlsx"
    assert str(written.name) in result.stdout and "3 PAKN" in result.stdout
    sheet = openpyxl.load_workbook(written).worksheets[0]
    assert [sheet.cell(row=row, column=2).value for row in (8, 9, 10)] == [
        "UBND xã Tân Lập",
        "Bộ phận một cửa",
        "Tổng cộng",
    ]
    assert [sheet.cell(row=row, column=3).value for row in (8, 9, 10)] == [3, 2, 3]
    # The period runs to 2099: the figures are as of today, and the office is told so.
    assert "chưa kết thúc; số liệu tính đến hôm nay" in result.stderr


def test_json_and_csv_go_to_standard_output_for_a_unit(office_database: dict[str, str], tmp_path: Path) -> None:
    result = run([*EVER, "--unit", "mot-cua", "--format", "json", "--output", "-"], office_database, tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["unit"], data["total"]["received"], data["total"]["in_process"]) == ("MOT-CUA", 2, 2)
    alone = run(
        [*EVER, "--unit", "UBND-XA", "--no-sub-units", "--format", "csv", "--output", "-"], office_database, tmp_path
    )
    assert alone.returncode == 0, alone.stderr
    rows = list(csv.reader(io.StringIO(alone.stdout)))
    assert rows[-1][0] == "Tổng cộng" and rows[-1][5] == "1"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--from", "2026-13-01", "--to", "2026-12-31"], 2, "Ngày không hợp lệ"),
        (["--from", "31/12/2026", "--to", "01/01/2026"], 2, "ngày đầu (31/12/2026) sau ngày cuối (01/01/2026)"),
        ([*EVER, "--unit", "KHONG-CO"], 1, "Không có đơn vị mã KHONG-CO"),
        ([*EVER, "--unit", "xã ?"], 2, "không hợp lệ"),
        ([*EVER, "--format", "docx", "--output", "-"], 2, "dùng --output"),
        (["--from", "2099-01-01", "--to", "2099-12-31"], 2, "sau hôm nay"),
        ([*EVER, "--no-sub-units"], 2, "--no-sub-units chỉ dùng cùng --unit"),
    ],
)
def test_bad_input_gets_one_vietnamese_line_and_its_exit_code(
    office_database: dict[str, str], tmp_path: Path, args: list[str], code: int, words: str
) -> None:
    result = run(args, office_database, tmp_path)
    assert result.returncode == code, result.stdout + result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
