"""The exports read back with the tools an office uses: openpyxl, python-docx, the csv module, a JSON parser,
an XML parser for the chart."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ElementTree
from datetime import date

import docx
import openpyxl

from feedback.report_figures import Figures, Line, MonthPoint, Report
from reporting.chart_svg import monthly_chart
from reporting.csv_export import report_to_csv
from reporting.docx_export import report_to_docx, summary
from reporting.json_export import report_to_json
from reporting.xlsx_export import report_to_xlsx

HUYEN = Figures(received=14083, answered_on_time=13676, answered_late=343, in_process_within=64)
XA = Figures(received=401, answered_on_time=314, in_process_within=87, forwarded=3, rating_sum=9, rating_count=2)
REPORT = Report(
    start=date(2022, 12, 15),
    end=date(2023, 12, 13),
    as_of=date(2023, 12, 13),
    unit=None,
    unit_name=None,
    include_sub_units=True,
    total=HUYEN + XA,
    by_unit=(Line("HUYEN", "UBND huyện", HUYEN + XA), Line("XA", "UBND xã Lịch Hội Thượng", XA, depth=1)),
    by_type=(Line("phan_anh", None, HUYEN), Line("kien_nghi", None, XA)),
    by_field=(Line("Đất đai", "Đất đai", HUYEN), Line(None, None, XA)),
    by_procedure=(Line("1.001", "Đăng ký đất đai", HUYEN), Line(None, None, XA)),
    months=(MonthPoint(date(2022, 12, 1), 500, 400, 3), MonthPoint(date(2023, 1, 1), 700, 650, None)),
)


def test_the_xlsx_per_unit_table_has_the_seeds_two_row_header_and_a_total_row() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(REPORT)))
    sheet = workbook.worksheets[0]
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:G5", "H5:H6", "L5:L6"} <= merged
    assert sheet["D5"].value == "Số PAKN đã xử lý, trả lời"
    assert (sheet["D6"].value, sheet["E6"].value) == ("Trước hạn, đúng hạn", "Quá hạn")
    assert (sheet["F5"].value, sheet["F6"].value, sheet["G6"].value) == ("Số PAKN đang xử lý", "Trong hạn", "Quá hạn")
    assert "15/12/2022" in sheet["A2"].value and "13/12/2023" in sheet["A2"].value
    assert [sheet.cell(row=7, column=c).value for c in range(1, 6)] == ["I", "UBND huyện", 14484, 13990, 343]
    assert [sheet.cell(row=8, column=c).value for c in range(1, 4)] == ["1", "UBND xã Lịch Hội Thượng", 401]
    assert (sheet["B9"].value, sheet["C9"].value) == ("Tổng cộng", 14484)
    rate = sheet.cell(row=8, column=10)  # the commune answered everything it answered on time
    assert (rate.value, rate.number_format) == (1, "0.00%")
    assert round(sheet.cell(row=9, column=10).value, 4) == round(13990 / 14333, 4)
    assert [ws.title for ws in workbook.worksheets] == [
        "Theo don vi",
        "Theo loai",
        "Theo linh vuc",
        "Theo thu tuc",
        "Theo thang",
    ]
    assert workbook["Theo loai"]["B7"].value == "Phản ánh"
    assert [c.value for c in workbook["Theo thang"][7]] == ["01/2023", 700, 650, None]


def test_the_csv_opens_in_excel_and_parses_back() -> None:
    text = report_to_csv(REPORT)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header = rows[0]
    assert header[:4] == ["Nhóm", "Mã", "Tên", "Tổng số PAKN đã tiếp nhận"]
    assert "Số PAKN đã xử lý, trả lời – Trước hạn, đúng hạn" in header
    xa = next(row for row in rows if row[1] == "XA")
    assert xa[2:5] == ["UBND xã Lịch Hội Thượng", "401", "314"]
    assert xa[header.index("Mức độ hài lòng bình quân (1–5)")] == "4.50"
    assert rows[-1][0] == "Tổng cộng" and rows[-1][3] == "14484"


def test_the_docx_section_phrases_the_figures_as_the_seeds_do_and_holds_the_table() -> None:
    document = docx.Document(io.BytesIO(report_to_docx(REPORT)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "đã tiếp nhận 14.484 phản ánh, kiến nghị" in text
    assert "đã xử lý và trả lời 14.333 PAKN (13.990 trước hạn, đúng hạn; 343 quá hạn)" in text
    assert "đang xử lý 151 PAKN" in text and "không có PAKN quá hạn xử lý" in text
    assert "97,61%" in text  # 13.990 / 14.333
    table = document.tables[0]
    assert table.cell(0, 3).text == table.cell(0, 4).text == "Số PAKN đã xử lý, trả lời"  # merged
    assert table.cell(0, 2).text == table.cell(1, 2).text == "Tổng số PAKN đã tiếp nhận"  # merged down
    assert [table.cell(3, column).text for column in range(4)] == ["1", "  UBND xã Lịch Hội Thượng", "401", "314"]
    assert table.rows[-1].cells[1].text == "Tổng cộng"


def test_the_prose_names_the_overdue_items_when_there_are_some() -> None:
    late = Figures(received=10, answered_on_time=5, in_process_overdue=2, in_process_within=3)
    assert "trong đó 2 PAKN quá hạn xử lý" in summary(REPORT.__class__(**{**REPORT.__dict__, "total": late}))


def test_json_carries_the_sums_and_the_derived_figures() -> None:
    data = json.loads(report_to_json(REPORT))
    assert data["start"] == "2022-12-15"
    assert data["by_unit"][1]["figures"]["received"] == 401
    assert data["by_unit"][1]["figures"]["satisfaction"] == 4.5
    assert data["total"]["on_time_rate"] == round(100 * 13990 / 14333, 2)
    assert data["months"][1] == {"month": "2023-01", "received": 700, "answered": 650, "overdue_at_end": None}


def test_the_chart_is_plain_svg_with_a_bar_pair_per_month_and_the_overdue_line() -> None:
    svg = monthly_chart(REPORT)
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{namespace}svg"
    assert "<script" not in svg
    bars = [rect for rect in root.iter(f"{namespace}rect") if rect.find(f"{namespace}title") is not None]
    assert len(bars) == 4
    assert len(list(root.iter(f"{namespace}circle"))) == 1  # no stock after "as of"
    assert "01/2023" in svg


def test_the_charts_gridlines_fall_on_round_numbers() -> None:
    def gridline_labels(peak: int) -> list[str]:
        months = (MonthPoint(date(2026, 11, 1), peak, 0, 0),)
        root = ElementTree.fromstring(monthly_chart(dataclasses.replace(REPORT, months=months)))
        texts = [text.text or "" for text in root.iter("{http://www.w3.org/2000/svg}text")]
        return [label for label in texts if label.replace(".", "").isdigit()]

    assert gridline_labels(4) == ["0", "1", "2", "3", "4", "5"]
    assert gridline_labels(700) == ["0", "200", "400", "600", "800", "1.000"]
    assert gridline_labels(2) == ["0", "1", "2"]
