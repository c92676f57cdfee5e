"""The exports read back with the tools an office uses: openpyxl, python-docx, the csv module, a JSON parser,
an XML parser for the chart. (How they print is tests/e2e/test_report_documents.py, through LibreOffice.)"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ElementTree
from datetime import date

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from feedback.domain.report_figures import Figures, Line, MonthPoint, Report
from reporting.chart_svg import monthly_chart
from reporting.csv_export import report_to_csv
from reporting.docx_export import report_to_docx, summary
from reporting.json_export import report_to_json
from reporting.table import row_numbers
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
    by_unit=(
        Line("HUYEN", "UBND huyện", HUYEN + XA),
        Line("XA", "UBND xã Lịch Hội Thượng", XA, depth=1, parent="HUYEN"),
    ),
    by_type=(Line("phan_anh", None, HUYEN), Line("kien_nghi", None, XA)),
    by_field=(Line("Đất đai", "Đất đai", HUYEN), Line(None, None, XA)),
    by_procedure=(Line("1.001", "Đăng ký đất đai", HUYEN), Line(None, None, XA)),
    months=(MonthPoint(date(2022, 12, 1), 500, 400, 3), MonthPoint(date(2023, 1, 1), 700, 650, None)),
)
EMPTY = dataclasses.replace(
    REPORT,
    unit="XA",
    unit_name="UBND xã Lịch Hội Thượng",
    include_sub_units=False,
    total=Figures(),
    by_unit=(Line("XA", "UBND xã Lịch Hội Thượng", Figures()),),
    by_type=(Line("phan_anh", None, Figures()), Line("kien_nghi", None, Figures())),
    by_field=(),
    by_procedure=(),
    months=(MonthPoint(date(2022, 12, 1), 0, 2, 1), MonthPoint(date(2023, 1, 1), 0, 0, 2)),
)


def test_the_xlsx_per_unit_table_has_the_seeds_two_row_header_numbered_columns_and_a_total_row() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(REPORT)))
    sheet = workbook.worksheets[0]
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:G5", "H5:H6", "I5:I6", "J5:J6", "K5:L5", "M5:M6"} <= merged
    assert (sheet["H5"].value, sheet["I5"].value, sheet["J5"].value) == (
        "Từ chối tiếp nhận",
        "Người gửi rút lại",
        "Đã chuyển cơ quan có thẩm quyền",
    )
    assert sheet["D5"].value == "Số PAKN đã xử lý, trả lời"
    assert (sheet["D6"].value, sheet["E6"].value) == ("Trước hạn, đúng hạn", "Quá hạn")
    assert (sheet["F5"].value, sheet["F6"].value, sheet["G6"].value) == ("Số PAKN đang xử lý", "Trong hạn", "Quá hạn")
    assert (sheet["K5"].value, sheet["K6"].value, sheet["L6"].value) == (
        "Tỷ lệ % trả lời trước hạn, đúng hạn",
        "Trên số đã trả lời",
        "Trên số đến hạn",
    )
    assert [cell.value for cell in sheet[7]] == [f"({n})" for n in range(1, 15)]
    assert "15/12/2022" in sheet["A2"].value and "13/12/2023" in sheet["A2"].value
    assert [sheet.cell(row=8, column=c).value for c in range(1, 6)] == ["I", "UBND huyện", 14484, 13990, 343]
    assert [sheet.cell(row=9, column=c).value for c in range(1, 4)] == ["1", "UBND xã Lịch Hội Thượng", 401]
    assert (sheet["B10"].value, sheet["C10"].value) == ("Tổng cộng", 14484)
    rate = sheet.cell(row=9, column=11)  # the commune answered everything it answered on time
    assert (rate.value, rate.number_format) == (1, "0.00%")
    assert round(sheet.cell(row=10, column=11).value, 4) == round(13990 / 14333, 4)
    assert round(sheet.cell(row=10, column=12).value, 4) == round(13990 / 14333, 4)  # nothing overdue
    assert "(3) = (4) + (5) + (6) + (7) + (8) + (9)" in sheet["A12"].value
    assert "(11) = (4) : [(4) + (5)] × 100" in sheet["A12"].value
    assert [ws.title for ws in workbook.worksheets] == [
        "Theo don vi",
        "Theo loai",
        "Theo linh vuc",
        "Theo thu tuc",
        "Theo thang",
    ]
    assert workbook["Theo loai"]["B8"].value == "Phản ánh"
    assert [c.value for c in workbook["Theo thang"][7]] == ["01/2023", 700, 650, None]


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_on_each_page() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(REPORT)))
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "landscape")  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight, sheet.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
        assert sheet.print_title_rows
        margins = sheet.page_margins
        assert [round(value * 25.4) for value in (margins.top, margins.bottom, margins.left, margins.right)] == [
            20,
            20,
            30,
            15,
        ]
        assert sheet.row_dimensions[1].height >= 20  # tall enough for the marks above Ế, Ả, Ậ
        assert sheet["A1"].font.name == "Times New Roman"
    assert workbook.worksheets[0].print_title_rows == "$5:$7"


def test_the_seeds_numbering_groups_in_roman_units_in_order_and_deeper_units_by_parent() -> None:
    lines = tuple(
        Line(key, key, Figures(), depth=depth)
        for key, depth in (("A", 0), ("A1", 1), ("A2", 1), ("A21", 2), ("A22", 2), ("A3", 1), ("B", 0), ("B1", 1))
    )
    assert row_numbers(lines) == ["I", "1", "2", "2.1", "2.2", "3", "II", "1"]
    assert row_numbers(tuple(Line(key, key, Figures()) for key in "XYZ")) == ["1", "2", "3"]


def test_the_csv_opens_in_excel_and_gives_each_unit_its_depth_and_parent() -> None:
    text = report_to_csv(REPORT)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header = rows[0]
    assert header[:6] == ["Nhóm", "Mã", "Tên", "Cấp", "Mã đơn vị cấp trên", "Tổng số PAKN đã tiếp nhận"]
    assert "Số PAKN đã xử lý, trả lời – Trước hạn, đúng hạn" in header
    assert "Tỷ lệ % trả lời trước hạn, đúng hạn – Trên số đã trả lời" in header
    assert "Tỷ lệ % trả lời trước hạn, đúng hạn – Trên số đến hạn" in header
    huyen = next(row for row in rows if row[1] == "HUYEN")
    xa = next(row for row in rows if row[1] == "XA")
    assert huyen[2:6] == ["UBND huyện", "0", "", "14484"]
    assert xa[2:7] == ["UBND xã Lịch Hội Thượng", "1", "HUYEN", "401", "314"]
    # The top lines (depth 0) add up to the total: no sub-unit counted twice.
    top = [int(row[5]) for row in rows if row[0] == "Theo đơn vị" and row[3] == "0"]
    assert sum(top) == int(rows[-1][5]) == 14484
    assert xa[header.index("Mức độ hài lòng bình quân (từ 1 đến 5)")] == "4.50"
    kinds = next(row for row in rows if row[0] == "Theo loại")
    assert kinds[3:5] == ["", ""]


def test_the_docx_is_an_a4_text_in_times_new_roman_then_the_table_on_a_landscape_page() -> None:
    document = docx.Document(io.BytesIO(report_to_docx(REPORT)))
    portrait, landscape = document.sections
    assert (portrait.orientation, round(portrait.page_width.mm), round(portrait.page_height.mm)) == (
        WD_ORIENT.PORTRAIT,
        210,
        297,
    )
    assert (landscape.orientation, round(landscape.page_width.mm), round(landscape.page_height.mm)) == (
        WD_ORIENT.LANDSCAPE,
        297,
        210,
    )
    for section in document.sections:  # Nghị định 30/2020, Phụ lục I: 20–25, 20–25, 30–35, 15–20 mm
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(margin.mm) for margin in margins] == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Times New Roman", 14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{script}")) for script in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert all(not paragraph.style.name.startswith("Heading") for paragraph in document.paragraphs)
    sizes = {
        run.font.size.pt
        for table in document.tables
        for cell in table._cells
        for p in cell.paragraphs
        for run in p.runs
    }
    assert sizes == {13}


def test_the_docx_table_repeats_its_header_never_splits_a_row_and_sets_numbers_flush_right() -> None:
    table = docx.Document(io.BytesIO(report_to_docx(REPORT))).tables[0]
    header = [row for row in table.rows if row._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header) == 3  # the two heading rows and the column numbers
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.cell(0, 3).text == table.cell(0, 4).text == "Số PAKN đã xử lý, trả lời"  # merged
    assert table.cell(0, 2).text == table.cell(1, 2).text == "Tổng số PAKN đã tiếp nhận"  # merged down
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [cell.text for cell in table.rows[2].cells][:3] == ["(1)", "(2)", "(3)"]
    assert [table.cell(4, column).text for column in range(4)] == ["1", "UBND xã Lịch Hội Thượng", "401", "314"]
    assert table.cell(4, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[-1].cells[1].text == "Tổng cộng"
    widths = [column.width for column in table.columns]
    assert abs(sum(widths) - Mm(297 - 30 - 15)) < Mm(1)  # the page's width between the margins


def test_the_docx_caption_names_the_unit_its_sub_units_and_the_day_of_the_figures() -> None:
    document = docx.Document(io.BytesIO(report_to_docx(EMPTY)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Đơn vị: UBND xã Lịch Hội Thượng (không gồm các đơn vị trực thuộc)" in text
    assert "số liệu tính đến ngày 13/12/2023" in text
    assert "Trong kỳ không phát sinh phản ánh, kiến nghị." in text


def test_the_prose_phrases_the_figures_as_the_seeds_do_with_both_rates() -> None:
    text = summary(REPORT)
    assert "đã tiếp nhận 14.484 phản ánh, kiến nghị" in text
    assert "đã xử lý và trả lời 14.333 PAKN (13.990 trước hạn, đúng hạn; 343 quá hạn)" in text
    assert "đang xử lý 151 PAKN" in text and "không phát sinh PAKN quá hạn xử lý" in text
    assert "97,61% trên số PAKN đã trả lời, 97,61% trên số PAKN đến hạn (14.333 PAKN" in text
    assert "chuyển 3 lượt PAKN đến cơ quan có thẩm quyền" in text


def test_the_prose_names_the_overdue_items_when_there_are_some() -> None:
    late = Figures(received=10, answered_on_time=5, in_process_overdue=2, in_process_within=3)
    assert "trong đó 2 PAKN quá hạn xử lý" in summary(dataclasses.replace(REPORT, total=late, months=()))


def test_an_empty_period_says_nothing_arose_and_names_the_overdue_items_carried_over() -> None:
    # The monthly sheet shows 2 items overdue at the end: received before the period, so the prose says so.
    text = summary(EMPTY)
    assert text.startswith("Từ ngày 15/12/2022 đến ngày 13/12/2023, UBND xã Lịch Hội Thượng không phát sinh")
    assert "còn 2 PAKN tiếp nhận trước kỳ đang quá hạn xử lý (tính đến ngày 13/12/2023)" in text
    assert "0 PAKN" not in text


def test_json_carries_the_sums_the_derived_figures_and_what_each_rate_divides_by() -> None:
    data = json.loads(report_to_json(REPORT))
    assert data["start"] == "2022-12-15"
    assert data["by_unit"][1]["figures"]["received"] == 401
    assert (data["by_unit"][1]["depth"], data["by_unit"][1]["parent"]) == (1, "HUYEN")
    assert data["by_unit"][1]["figures"]["satisfaction"] == 4.5
    assert data["total"]["on_time_rate"] == round(100 * 13990 / 14333, 2)
    assert data["total"]["deadline_come"] == 14333
    assert data["definitions"]["on_time_rate"] == "100 * answered_on_time / answered"
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
