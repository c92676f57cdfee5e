"""Rows checked and cleaned into procedures, and the import's messages for the command line."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest

from motcua.texts import describe_bad_row, describe_import
from procedures_catalog.catalog_files import SourceRow
from procedures_catalog.importing import BadRow, ImportReport, RowProblem, online_level, parse_row
from procedures_catalog.model import OnlineLevel, Procedure


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def parse(line: int = 7, **data: object) -> Procedure | BadRow:
    return parse_row(SourceRow(line, data))


def test_a_full_row_becomes_a_procedure() -> None:
    procedure = parse(
        code=" 1.001193 ",
        name="  Đăng ký khai sinh ",
        level="Cấp xã",
        field="Hộ tịch",
        agency="UBND cấp xã",
        processing_time="03 ngày làm việc",
        fees="Miễn lệ phí",
        documents=["Tờ khai", "  ", "Giấy chứng sinh"],
        steps="Bước 1: nộp hồ sơ\r\n\nBước 2: nhận kết quả\n",
        legal_basis=None,
        online="Toàn trình",
        source="dichvucong.gov.vn",
    )
    assert procedure == Procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        level="Cấp xã",
        field="Hộ tịch",
        agency="UBND cấp xã",
        processing_time="03 ngày làm việc",
        processing_days=3,
        fees="Miễn lệ phí",
        documents=("Tờ khai", "Giấy chứng sinh"),
        steps=("Bước 1: nộp hồ sơ", "Bước 2: nhận kết quả"),
        legal_basis=(),
        online=OnlineLevel.FULL,
        source="dichvucong.gov.vn",
    )


def test_decomposed_text_is_stored_composed_everywhere() -> None:
    procedure = parse(
        code="1.000894",
        name=nfd("Đăng ký kết hôn"),
        processing_time=nfd("05 ngày làm việc"),
        documents=[nfd("Tờ khai đăng ký kết hôn")],
        steps=nfd("Nộp hồ sơ\nNhận kết quả"),
        online=nfd("một phần"),
    )
    assert isinstance(procedure, Procedure)
    assert procedure.name == "Đăng ký kết hôn"
    assert procedure.processing_days == 5  # the working-days pattern is written composed
    assert procedure.documents == ("Tờ khai đăng ký kết hôn",)
    assert procedure.steps == ("Nộp hồ sơ", "Nhận kết quả")
    assert procedure.online is OnlineLevel.PARTIAL
    texts = [procedure.name, procedure.processing_time, *procedure.documents, *procedure.steps]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts if text)


def test_empty_text_becomes_none_and_blank_list_items_are_dropped() -> None:
    procedure = parse(code="1.000001", name="A", fees="   ", agency="", documents=["", " "], steps="\n \n")
    assert isinstance(procedure, Procedure)
    assert (procedure.fees, procedure.agency, procedure.documents, procedure.steps) == (None, None, (), ())


def test_json_list_items_are_kept_whole_but_text_cells_are_split_on_newlines() -> None:
    procedure = parse(code="1.000001", name="A", documents=["Tờ khai\n(mẫu 01)"], legal_basis="Luật A\nNghị định B")
    assert isinstance(procedure, Procedure)
    assert procedure.documents == ("Tờ khai\n(mẫu 01)",)
    assert procedure.legal_basis == ("Luật A", "Nghị định B")


def test_spreadsheet_values_that_are_not_text_are_read_as_text() -> None:
    procedure = parse(code=1.00119, name="A", processing_time=30, fees=15000.0, source=datetime(2026, 1, 2))
    assert isinstance(procedure, Procedure)
    assert procedure.code == "1.001190"  # Excel's number for an unformatted "1.001190"
    assert (procedure.processing_time, procedure.fees, procedure.source) == ("30", "15000", "2026-01-02T00:00:00")
    assert procedure.processing_days is None


def test_a_provincial_long_code_is_accepted_as_written() -> None:
    procedure = parse(code="1.001193.000.00.00.H12", name="A")
    assert isinstance(procedure, Procedure)
    assert procedure.code == "1.001193.000.00.00.H12"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("toàn trình", OnlineLevel.FULL),
        ("Toan trinh", OnlineLevel.FULL),
        ("DVC toàn trình", OnlineLevel.FULL),
        ("Mức độ 4", OnlineLevel.FULL),
        ("4", OnlineLevel.FULL),
        (nfd("TOÀN TRÌNH"), OnlineLevel.FULL),
        ("một phần", OnlineLevel.PARTIAL),
        ("Dịch vụ công trực tuyến một phần", OnlineLevel.PARTIAL),
        ("mức độ 3", OnlineLevel.PARTIAL),
        ("Mức độ 2", None),
        ("có", None),
        ("", None),
        (None, None),
    ],
)
def test_online_levels(text: str | None, level: OnlineLevel | None) -> None:
    assert online_level(text) is level


def test_an_unknown_online_value_does_not_fail_the_row() -> None:
    procedure = parse(code="1.000001", name="A", online="chưa triển khai")
    assert isinstance(procedure, Procedure)
    assert procedure.online is None


@pytest.mark.parametrize(
    ("data", "problem", "field", "detail"),
    [
        ({"name": "A"}, RowProblem.MISSING_CODE, "code", ""),
        ({"code": "  ", "name": "A"}, RowProblem.MISSING_CODE, "code", ""),
        ({"code": "1.000001"}, RowProblem.MISSING_NAME, "name", ""),
        ({"code": "1.000001", "name": " \u00a0"}, RowProblem.MISSING_NAME, "name", ""),
        ({"code": "1.00119", "name": "A"}, RowProblem.BAD_CODE, "code", "1.00119"),
        ({"code": "TTHC-01", "name": "A"}, RowProblem.BAD_CODE, "code", "TTHC-01"),
        ({"code": "1.001193 x", "name": "A"}, RowProblem.BAD_CODE, "code", "1.001193 x"),
        ({"code": 1.0011934, "name": "A"}, RowProblem.BAD_CODE, "code", "1.0011934"),
        ({"code": "1.000001", "name": "Đăng k\ufffd khai sinh"}, RowProblem.BAD_ENCODING, "name", "U+FFFD"),
        ({"code": "1.000001", "name": "Đ\udcd0ng"}, RowProblem.BAD_ENCODING, "name", "\\xd0"),
        ({"code": "1.000001", "name": "A", "fees": "Miễn\x07"}, RowProblem.BAD_ENCODING, "fees", "U+0007"),
        ({"code": "1.000001", "name": "A", "steps": ["ok", "x\x00"]}, RowProblem.BAD_ENCODING, "steps", "U+0000"),
        ({"code": "1.000001", "name": "Ä‘Äƒng kÃ½"}, RowProblem.BAD_ENCODING, "name", "Ä‘"),
        ({"code": "1.000001", "name": "A", "field": "Há»™ tá»‹ch"}, RowProblem.BAD_ENCODING, "field", "á»™"),
        ({"code": "1.000001", "name": "Ngo\u00e0i gi\u1edd"}, None, None, None),  # sound text is not mojibake
        ({"code": "1.000001", "name": {"vi": "A"}}, RowProblem.BAD_VALUE, "name", "dict"),
        ({"code": "1.000001", "name": "A", "documents": [["nested"]]}, RowProblem.BAD_VALUE, "documents", "list"),
        ({"code": "1.000001", "name": "A", "fees": True}, RowProblem.BAD_VALUE, "fees", "bool"),
    ],
)
def test_bad_rows_say_what_is_wrong_and_where(
    data: dict[str, object], problem: RowProblem | None, field: str | None, detail: str | None
) -> None:
    result = parse(line=12, **data)
    if problem is None:
        assert isinstance(result, Procedure)
        return
    code = None if problem in (RowProblem.MISSING_CODE, RowProblem.BAD_CODE) else "1.000001"
    assert result == BadRow(12, problem, detail or "", field=field, code=code)


def test_a_bad_row_keeps_its_code_when_the_code_is_valid() -> None:
    assert parse(line=3, code="1.000001") == BadRow(3, RowProblem.MISSING_NAME, field="name", code="1.000001")
    assert parse(line=3, name="A") == BadRow(3, RowProblem.MISSING_CODE, field="code", code=None)


def test_mojibake_detection_leaves_the_real_catalog_alone() -> None:
    # Uppercase letters next to quotes and no-break spaces resemble mojibake lead bytes.
    for name in ("CÓ “Ô” NGÃ\u00a0BA", "GÌ” ĐÓ", "Điều 5 §2 – khoản «a»", "Tiền Việt ₫ 100.000"):
        assert isinstance(parse(code="1.000001", name=name), Procedure), name


@pytest.mark.parametrize(
    ("bad", "text"),
    [
        (BadRow(12, RowProblem.MISSING_CODE, field="code"), "Dòng 12: thiếu mã thủ tục"),
        (
            BadRow(30, RowProblem.DUPLICATE_CODE, code="1.001193", first_line=4),
            "Dòng 30: mã 1.001193 trùng với dòng 4",
        ),
        (BadRow(5, RowProblem.MISSING_NAME, field="name", code="1.000001"), "Dòng 5: mã 1.000001 thiếu tên thủ tục"),
        (
            BadRow(0, RowProblem.UNREADABLE_FILE, "not a zip file", fatal=True),
            "Tệp: không đọc được tệp (not a zip file)",
        ),
    ],
)
def test_bad_rows_are_described_in_vietnamese(bad: BadRow, text: str) -> None:
    assert describe_bad_row(bad) == text


def test_every_problem_has_a_description() -> None:
    for problem in RowProblem:
        text = describe_bad_row(BadRow(9, problem, "x", field="fees", code="1.000001", first_line=2))
        assert text.startswith("Dòng 9: ") and len(text) > len("Dòng 9: ")


def test_import_summaries_say_whether_anything_was_written() -> None:
    bad = (BadRow(3, RowProblem.MISSING_CODE, field="code"),)
    refused = describe_import(ImportReport(rows=10, inserted=0, updated=0, unchanged=0, bad_rows=bad, applied=False))
    assert "Không ghi gì vào cơ sở dữ liệu" in refused and "--skip-bad-rows" in refused
    skipped = describe_import(ImportReport(rows=10, inserted=7, updated=1, unchanged=1, bad_rows=bad, applied=True))
    assert "thêm mới 7" in skipped and "cập nhật 1" in skipped and "không đổi 1" in skipped
    assert "bỏ qua 1 dòng lỗi" in skipped
    fatal = (BadRow(1, RowProblem.MISSING_COLUMN, field="code", fatal=True),)
    unreadable = describe_import(ImportReport(0, 0, 0, 0, fatal, applied=False))
    assert "--skip-bad-rows" not in unreadable and "Không ghi gì" in unreadable
