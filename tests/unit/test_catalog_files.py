"""Reading catalog files: formats, header aliases, line numbers and read errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import openpyxl
import pytest

from procedures_catalog.catalog_files import (
    ReadProblem,
    SourceRow,
    UnreadableRow,
    UnsupportedCatalogFormat,
    column_field,
    fold,
    read_catalog_file,
)


def rows(path: Path) -> list[SourceRow | UnreadableRow]:
    return list(read_catalog_file(path))


def write_xlsx(path: Path, *rows: list[object]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=index, column=column, value=value)
    workbook.save(path)
    return path


def test_fold_drops_accents_case_and_punctuation() -> None:
    assert fold("Mã  TTHC") == "ma tthc"
    assert fold("Phí, lệ phí") == "phi le phi"
    assert fold("ĐƯỜNG") == "duong"
    assert fold("processing_time") == "processing time"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("code", "code"),
        ("processing_time", "processing_time"),
        ("Mã thủ tục", "code"),
        ("MÃ TTHC", "code"),
        ("Mã số", "code"),
        ("ma thu tuc", "code"),
        ("Tên thủ tục", "name"),
        ("Tên TTHC", "name"),
        ("Cấp thực hiện", "level"),
        ("Lĩnh vực", "field"),
        ("Cơ quan thực hiện", "agency"),
        ("Thời hạn giải quyết", "processing_time"),
        ("Phí, lệ phí", "fees"),
        ("Lệ phí", "fees"),
        ("Thành phần hồ sơ", "documents"),
        ("Trình tự thực hiện", "steps"),
        ("Căn cứ pháp lý", "legal_basis"),
        ("Mức độ DVC", "online"),
        ("Dịch vụ công trực tuyến", "online"),
        ("Nguồn", "source"),
        ("Ma\u0303 thu\u0309 tu\u0323c", "code"),  # NFD header
        ("STT", None),
        ("Ghi chú", None),
        (None, None),
        (12, None),
    ],
)
def test_headers_are_matched_ignoring_accents_and_case(header: object, field: str | None) -> None:
    assert column_field(header) == field


def test_unsupported_suffix_is_refused_before_reading(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedCatalogFormat):
        read_catalog_file(tmp_path / "catalog.xls")
    with pytest.raises(UnsupportedCatalogFormat):
        read_catalog_file(tmp_path / "catalog.txt")


def test_jsonl_rows_keep_their_line_numbers_and_known_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"code": "1.000001", "name": "A", "extra": 1}\n\n{"Mã TTHC": "1.000002", "Tên thủ tục": "B"}\n',
        encoding="utf-8",
    )
    assert rows(path) == [
        SourceRow(1, {"code": "1.000001", "name": "A"}),
        SourceRow(3, {"code": "1.000002", "name": "B"}),
    ]


def test_jsonl_read_errors_are_rows_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        b'{"code": "1.000001", "name": "A"}\n'
        b'{"code": "1.000002", "name": \n'
        b'["not", "an", "object"]\n'
        b'{"code": "1.000004", "name": "\xe0 latin-1"}\n'
        b'{"code": "1.000005", "name": "E"}\n'
    )
    read = rows(path)
    assert [type(item) for item in read] == [SourceRow, UnreadableRow, UnreadableRow, UnreadableRow, SourceRow]
    assert [(item.line, item.problem) for item in read if isinstance(item, UnreadableRow)] == [
        (2, ReadProblem.BAD_JSON),
        (3, ReadProblem.NOT_AN_OBJECT),
        (4, ReadProblem.BAD_ENCODING),
    ]
    assert read[3].detail == "\\xe0"
    assert read[4].line == 5


def test_gzip_jsonl_is_read_and_a_corrupt_gzip_is_a_fatal_error(tmp_path: Path) -> None:
    good = tmp_path / "c.jsonl.gz"
    with gzip.open(good, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"code": "1.000001", "name": "Đăng ký"}, ensure_ascii=False) + "\n")
    assert rows(good) == [SourceRow(1, {"code": "1.000001", "name": "Đăng ký"})]
    corrupt = tmp_path / "bad.jsonl.gz"
    corrupt.write_bytes(b"this is not gzip")
    [error] = rows(corrupt)
    assert isinstance(error, UnreadableRow)
    assert (error.line, error.problem, error.fatal) == (0, ReadProblem.UNREADABLE_FILE, True)


def test_csv_lines_are_physical_lines_even_with_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        'Mã TTHC,Tên thủ tục,Thành phần hồ sơ,STT\n1.000001,A,"Tờ khai\nGiấy tờ",1\n\n1.000002,B,,2\n',
        encoding="utf-8",
    )
    assert rows(path) == [
        SourceRow(2, {"code": "1.000001", "name": "A", "documents": "Tờ khai\nGiấy tờ"}),
        SourceRow(5, {"code": "1.000002", "name": "B", "documents": ""}),
    ]


def test_csv_with_bom_and_semicolons_as_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("\ufeffMã thủ tục;Tên thủ tục\n1.000001;Khai sinh, kết hôn\n".encode())
    assert rows(path) == [SourceRow(2, {"code": "1.000001", "name": "Khai sinh, kết hôn"})]


def test_csv_bytes_that_are_not_utf8_survive_as_escapes_for_the_row_check(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"code,name\n1.000001,ok\n1.000002,\xd0\xe3ng k\xfd\n")
    good, bad = rows(path)
    assert good == SourceRow(2, {"code": "1.000001", "name": "ok"})
    assert isinstance(bad, SourceRow) and bad.line == 3
    assert "\udcd0" in str(bad.data["name"])


def test_csv_whose_header_is_not_utf8_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("Mã,Tên\n1.000001,A\n".encode("cp1252"))
    [error] = rows(path)
    assert isinstance(error, UnreadableRow)
    assert (error.line, error.problem, error.fatal) == (1, ReadProblem.BAD_ENCODING, True)


def test_utf16_csv_is_refused_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("code,name\n1.000001,A\n".encode("utf-16"))
    [error] = rows(path)
    assert isinstance(error, UnreadableRow)
    assert (error.line, error.problem, error.detail, error.fatal) == (0, ReadProblem.BAD_ENCODING, "UTF-16", True)


def test_a_table_without_code_or_name_column_reports_each_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("STT,Ghi chú\n1,x\n", encoding="utf-8")
    assert [(e.line, e.problem, e.field, e.fatal) for e in rows(path)] == [  # type: ignore[union-attr]
        (1, ReadProblem.MISSING_COLUMN, "code", True),
        (1, ReadProblem.MISSING_COLUMN, "name", True),
    ]
    only_code = tmp_path / "d.csv"
    only_code.write_text("code,level\n1.000001,Cấp xã\n", encoding="utf-8")
    assert [(e.problem, e.field) for e in rows(only_code)] == [  # type: ignore[union-attr]
        (ReadProblem.MISSING_COLUMN, "name")
    ]


def test_an_empty_csv_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"")
    assert {error.field for error in rows(path)} == {"code", "name"}  # type: ignore[union-attr]


def test_xlsx_rows_are_sheet_rows_after_a_title_block(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "c.xlsx",
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"],
        [],
        ["STT", "Mã số", "Tên thủ tục", "Mức độ DVC", "Ghi chú"],
        [None, None, None, None, "only an unknown column"],
        [1, "1.000001", "Đăng ký khai sinh", "Toàn trình", "x"],
        [],
        [2, 1.00119, "Excel made the code a number"],
    )
    assert rows(path) == [
        SourceRow(5, {"code": "1.000001", "name": "Đăng ký khai sinh", "online": "Toàn trình"}),
        SourceRow(7, {"code": 1.00119, "name": "Excel made the code a number"}),
    ]


def test_xlsx_escaped_characters_are_unescaped(tmp_path: Path) -> None:
    # Excel writes a cell's CR LF as "_x000D_\n" and control characters as "_x0007_".
    path = write_xlsx(tmp_path / "c.xlsx", ["code", "name", "steps"], ["1.000001", "A_x0007_", "Nộp_x000D_\nNhận"])
    assert rows(path) == [SourceRow(2, {"code": "1.000001", "name": "A\x07", "steps": "Nộp\r\nNhận"})]


def test_a_file_that_is_not_xlsx_is_a_fatal_error(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    path.write_text("code,name\n", encoding="utf-8")
    [error] = rows(path)
    assert isinstance(error, UnreadableRow)
    assert (error.line, error.problem, error.fatal) == (0, ReadProblem.UNREADABLE_FILE, True)
