"""The report as an Excel workbook: the per-unit table laid out like the seeds' (two-row header with merged
cells, a total row, percentages as percentages), then one sheet per breakdown and the months."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from feedback.report_figures import Figures, Report
from reporting import texts
from reporting.table import COLUMNS, Breakdown, Format, breakdowns, header_spans, row_numbers

_HEADER_ROW = 5  # after the title, the period, the scope and a blank row
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAPPED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NUMBER_FORMATS = {Format.COUNT: "#,##0", Format.PERCENT: "0.00%", Format.DAYS: "0.0", Format.SCORE: "0.00"}
_SHEET_TITLES = ("Theo don vi", "Theo loai", "Theo linh vuc", "Theo thu tuc")  # ASCII: safe in every Excel


def report_to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    for index, breakdown in enumerate(breakdowns(report)):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = _SHEET_TITLES[index]
        _write_table(sheet, report, breakdown)
    _write_months(workbook.create_sheet("Theo thang"), report)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_heading(sheet: Worksheet, report: Report, title: str, width: int) -> None:
    lines = (
        f"{texts.TITLE} – {title.upper()}",
        texts.PERIOD.format(start=texts.day(report.start), end=texts.day(report.end)),
        f"{texts.scope(report)}. {texts.AS_OF.format(as_of=texts.day(report.as_of))}",
    )
    for row, text in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)


def _write_table(sheet: Worksheet, report: Report, breakdown: Breakdown) -> None:
    width = 2 + len(COLUMNS)
    _write_heading(sheet, report, breakdown.title, width)
    top, sub = _HEADER_ROW, _HEADER_ROW + 1
    for column, heading in ((1, texts.NUMBER), (2, breakdown.name_heading)):
        sheet.cell(row=top, column=column, value=heading)
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    for heading, first, last in header_spans():
        sheet.cell(row=top, column=3 + first, value=heading)
        if first == last:
            sheet.merge_cells(start_row=top, start_column=3 + first, end_row=sub, end_column=3 + first)
        else:
            sheet.merge_cells(start_row=top, start_column=3 + first, end_row=top, end_column=3 + last)
            for index in range(first, last + 1):
                sheet.cell(row=sub, column=3 + index, value=COLUMNS[index].heading)
    for row in (top, sub):
        for column in range(1, width + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font, cell.alignment, cell.border = Font(bold=True), _WRAPPED, _BORDER
    row = sub + 1
    for number, line in zip(row_numbers(breakdown.lines), breakdown.lines, strict=True):
        sheet.cell(row=row, column=1, value=number).alignment = Alignment(horizontal="center")
        label = sheet.cell(row=row, column=2, value=breakdown.label(line))
        label.data_type = "s"  # a name starting with "=" is text, never a formula openpyxl would write
        label.alignment = Alignment(indent=line.depth)
        _write_figures(sheet, row, line.figures)
        row += 1
    sheet.cell(row=row, column=2, value=texts.TOTAL).font = Font(bold=True)
    _write_figures(sheet, row, report.total, bold=True)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 40
    for index in range(len(COLUMNS)):
        sheet.column_dimensions[get_column_letter(3 + index)].width = 14
    sheet.row_dimensions[top].height = 45
    sheet.row_dimensions[sub].height = 30
    sheet.freeze_panes = sheet.cell(row=sub + 1, column=3)


def _write_figures(sheet: Worksheet, row: int, figures: Figures, *, bold: bool = False) -> None:
    for index, column in enumerate(COLUMNS):
        value = column.value(figures)
        if column.format == Format.PERCENT and value is not None:
            value = value / 100  # Excel's percent format multiplies by 100
        cell = sheet.cell(row=row, column=3 + index, value=value)
        cell.number_format = _NUMBER_FORMATS[column.format]
    for number in range(1, 3 + len(COLUMNS)):
        cell = sheet.cell(row=row, column=number)
        cell.border = _BORDER
        if bold:
            cell.font = Font(bold=True)


def _write_months(sheet: Worksheet, report: Report) -> None:
    headings = (texts.MONTH, texts.RECEIVED_SHORT, texts.ANSWERED_SHORT, texts.OVERDUE_AT_END)
    _write_heading(sheet, report, texts.MONTHS, len(headings))
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=column, value=heading)
        cell.font, cell.alignment, cell.border = Font(bold=True), _WRAPPED, _BORDER
    for row, point in enumerate(report.months, start=_HEADER_ROW + 1):
        values = (texts.month_label(point.month), point.received, point.answered, point.overdue_at_end)
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value).border = _BORDER
    for column in range(1, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
