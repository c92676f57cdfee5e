"""`import_catalog` through the real unit of work, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from procedures_catalog.importing import BadRow, ImportReport, RowProblem, UnsupportedCatalogFormat, import_catalog
from procedures_catalog.model import OnlineLevel, Procedure
from storage.unit_of_work import SqlUnitOfWork

BUNDLED = Path(__file__).resolve().parents[2] / "procedures_catalog" / "data" / "catalog.jsonl.gz"

UowFactory = Callable[[], SqlUnitOfWork]

BIRTH = {
    "code": "1.001193",
    "name": "Đăng ký khai sinh",
    "level": "Cấp xã",
    "field": "Hộ tịch",
    "processing_time": "Ngay trong ngày; 03 ngày làm việc nếu cần xác minh",
    "documents": ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
    "steps": "Nộp hồ sơ\nNhận kết quả",
    "online": "toàn trình",
}
MARRIAGE = {"code": "1.000894", "name": "Đăng ký kết hôn", "fees": "Miễn lệ phí", "online": None}


def write_jsonl(path: Path, *records: dict[str, object] | str) -> Path:
    lines = [record if isinstance(record, str) else json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def run_import(uow_factory: UowFactory, path: Path, *, skip_bad_rows: bool = False) -> ImportReport:
    async with uow_factory() as uow:
        return await import_catalog(path, uow, skip_bad_rows=skip_bad_rows)


async def stored(uow_factory: UowFactory) -> dict[str, Procedure]:
    async with uow_factory() as uow:
        codes = [entry.code for entry in await uow.procedures.list_index_entries()]
        return {code: procedure for code in codes if (procedure := await uow.procedures.get(code)) is not None}


def counts(report: ImportReport) -> tuple[int, int, int, int, bool]:
    return report.rows, report.inserted, report.updated, report.unchanged, report.applied


async def test_jsonl_import_stores_clean_procedures_and_a_rerun_changes_nothing(
    uow_factory: UowFactory, tmp_path: Path
) -> None:
    decomposed = {**MARRIAGE, "name": unicodedata.normalize("NFD", MARRIAGE["name"])}
    path = write_jsonl(tmp_path / "catalog.jsonl", BIRTH, decomposed)
    first = await run_import(uow_factory, path)
    assert counts(first) == (2, 2, 0, 0, True)
    assert first.bad_rows == ()

    procedures = await stored(uow_factory)
    assert procedures["1.001193"] == Procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        level="Cấp xã",
        field="Hộ tịch",
        processing_time="Ngay trong ngày; 03 ngày làm việc nếu cần xác minh",
        processing_days=3,
        documents=("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"),
        steps=("Nộp hồ sơ", "Nhận kết quả"),
        online=OnlineLevel.FULL,
    )
    assert procedures["1.000894"].name == "Đăng ký kết hôn"  # composed on the way in
    stamp = procedures["1.001193"].updated_at

    again = await run_import(uow_factory, path)
    assert counts(again) == (2, 0, 0, 2, True)
    assert (await stored(uow_factory))["1.001193"].updated_at == stamp


async def test_an_import_updates_a_changed_procedure(uow_factory: UowFactory, tmp_path: Path) -> None:
    await run_import(uow_factory, write_jsonl(tmp_path / "v1.jsonl", BIRTH, MARRIAGE))
    changed = {**MARRIAGE, "fees": "Miễn lệ phí\u00a0", "processing_time": "05 ngày làm việc"}
    report = await run_import(uow_factory, write_jsonl(tmp_path / "v2.jsonl", BIRTH, changed))
    assert counts(report) == (2, 0, 1, 1, True)
    marriage = (await stored(uow_factory))["1.000894"]
    assert (marriage.fees, marriage.processing_time, marriage.processing_days) == (
        "Miễn lệ phí",
        "05 ngày làm việc",
        5,
    )


async def test_csv_with_vietnamese_headers_is_imported(uow_factory: UowFactory, tmp_path: Path) -> None:
    path = tmp_path / "danh-muc.csv"
    path.write_text(
        "STT,Mã TTHC,Tên thủ tục,Cấp thực hiện,Thành phần hồ sơ,Mức độ DVC,Ghi chú\n"
        '1,1.001193,Đăng ký khai sinh,Cấp xã,"Tờ khai\nGiấy chứng sinh",Mức độ 4,x\n'
        "2,1.000894,Đăng ký kết hôn,Cấp xã,,Một phần,\n",
        encoding="utf-8",
    )
    report = await run_import(uow_factory, path)
    assert counts(report) == (2, 2, 0, 0, True)
    procedures = await stored(uow_factory)
    assert procedures["1.001193"].documents == ("Tờ khai", "Giấy chứng sinh")
    assert procedures["1.001193"].online is OnlineLevel.FULL
    assert procedures["1.000894"].online is OnlineLevel.PARTIAL
    assert procedures["1.000894"].level == "Cấp xã"
    assert counts(await run_import(uow_factory, path)) == (2, 0, 0, 2, True)


async def test_xlsx_as_agencies_keep_it_is_imported(uow_factory: UowFactory, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    sheet.append(["STT", "Mã số", "Tên TTHC", "Lĩnh vực", "Thời hạn giải quyết", "Trình tự thực hiện", "Lệ phí"])
    sheet.append([1, "1.001193", "Đăng ký khai sinh", "Hộ tịch", "03 ngày làm việc", "Nộp_x000D_\nNhận", None])
    sheet.append([2, 1.000894, "Đăng ký kết hôn", "Hộ tịch", None, None, 0])
    path = tmp_path / "danh-muc.xlsx"
    workbook.save(path)

    report = await run_import(uow_factory, path)
    assert counts(report) == (2, 2, 0, 0, True)
    procedures = await stored(uow_factory)
    assert procedures["1.001193"].steps == ("Nộp", "Nhận")
    assert procedures["1.001193"].processing_days == 3
    assert procedures["1.000894"].fees == "0"
    assert counts(await run_import(uow_factory, path)) == (2, 0, 0, 2, True)


async def test_a_bad_file_changes_nothing_and_reports_every_bad_line(uow_factory: UowFactory, tmp_path: Path) -> None:
    await run_import(uow_factory, write_jsonl(tmp_path / "v1.jsonl", MARRIAGE))
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        BIRTH,  # 1
        {**MARRIAGE, "fees": "Thu phí"},  # 2: a good update, which must not be written either
        {"name": "Không có mã"},  # 3
        '{"code": "1.000003", "name": ',  # 4
        {"code": "1.001193", "name": "Lần hai"},  # 5
        {"code": "1.00119", "name": "Mã sai"},  # 6
        {"code": "1.000007", "name": "Ä‘Äƒng kÃ½"},  # 7
        {"code": "1.000008"},  # 8
        {"code": "1.001193", "name": "Lần ba"},  # 9
    )
    report = await run_import(uow_factory, path)
    assert report.applied is False
    assert (report.rows, report.inserted, report.updated, report.unchanged) == (9, 0, 0, 0)
    assert [(bad.line, bad.problem) for bad in report.bad_rows] == [
        (3, RowProblem.MISSING_CODE),
        (4, RowProblem.BAD_JSON),
        (5, RowProblem.DUPLICATE_CODE),
        (6, RowProblem.BAD_CODE),
        (7, RowProblem.BAD_ENCODING),
        (8, RowProblem.MISSING_NAME),
        (9, RowProblem.DUPLICATE_CODE),
    ]
    assert report.bad_rows[2] == BadRow(5, RowProblem.DUPLICATE_CODE, code="1.001193", first_line=1)
    assert report.bad_rows[6].first_line == 1
    procedures = await stored(uow_factory)
    assert list(procedures) == ["1.000894"]
    assert procedures["1.000894"].fees == "Miễn lệ phí"


async def test_skip_bad_rows_imports_the_good_ones(uow_factory: UowFactory, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        b"code,name\n"
        b"1.001193,\xc4\x90\xc4\x83ng k\xc3\xbd khai sinh\n"  # 2: UTF-8
        b",Kh\xc3\xb4ng c\xc3\xb3 m\xc3\xa3\n"  # 3
        b"1.000894,\xd0\xe3ng k\xfd k\xe9t h\xf4n\n"  # 4: Windows-1258 bytes
        b"1.001193,Tr\xc3\xb9ng\n"  # 5
    )
    report = await run_import(uow_factory, path, skip_bad_rows=True)
    assert counts(report) == (4, 1, 0, 0, True)
    assert [(bad.line, bad.problem) for bad in report.bad_rows] == [
        (3, RowProblem.MISSING_CODE),
        (4, RowProblem.BAD_ENCODING),
        (5, RowProblem.DUPLICATE_CODE),
    ]
    assert (await stored(uow_factory))["1.001193"].name == "Đăng ký khai sinh"


async def test_an_xlsx_cell_with_a_control_character_is_a_bad_row(uow_factory: UowFactory, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã thủ tục", "Tên thủ tục", "Phí, lệ phí"])
    sheet.append(["1.001193", "Đăng ký khai sinh", None])
    sheet.append(["1.000894", "Đăng ký kết hôn", "Miễn_x0007_"])  # how Excel stores a BEL character
    path = tmp_path / "c.xlsx"
    workbook.save(path)
    report = await run_import(uow_factory, path)
    assert report.applied is False
    assert report.bad_rows == (BadRow(3, RowProblem.BAD_ENCODING, "U+0007", field="fees", code="1.000894"),)
    assert await stored(uow_factory) == {}


async def test_a_file_without_a_code_column_is_not_imported_even_when_skipping(
    uow_factory: UowFactory, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Tên thủ tục,Lĩnh vực\nĐăng ký khai sinh,Hộ tịch\n", encoding="utf-8")
    report = await run_import(uow_factory, path, skip_bad_rows=True)
    assert report.applied is False
    assert [(bad.line, bad.problem, bad.field) for bad in report.bad_rows] == [(1, RowProblem.MISSING_COLUMN, "code")]
    assert await stored(uow_factory) == {}


async def test_an_unsupported_format_is_refused(uow_factory: UowFactory, tmp_path: Path) -> None:
    path = tmp_path / "catalog.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedCatalogFormat):
        await run_import(uow_factory, path)


async def test_the_bundled_catalog_imports_whole_and_composed(uow_factory: UowFactory) -> None:
    report = await run_import(uow_factory, BUNDLED)
    assert counts(report) == (2849, 2849, 0, 0, True)
    assert report.bad_rows == ()
    async with uow_factory() as uow:
        assert await uow.procedures.count() == 2849
        names = [entry.name for entry in await uow.procedures.list_index_entries()]
        birth = await uow.procedures.get("1.001193")
    assert len(names) == 2849
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    assert birth is not None and "khai sinh" in birth.name
    again = await run_import(uow_factory, BUNDLED)
    assert counts(again) == (2849, 0, 0, 2849, True)


async def test_gzip_jsonl_of_our_own_export_round_trips(uow_factory: UowFactory, tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for record in (BIRTH, MARRIAGE):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert counts(await run_import(uow_factory, path)) == (2, 2, 0, 0, True)
