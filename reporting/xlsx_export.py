"""The report as an Excel workbook: the per-unit table laid out like the seeds' (two-row header with merged
cells, numbered columns, a total row, percentages as percentages, the note on the rates), then one sheet per
breakdown and the months.

Every sheet prints as an office files it: A4 landscape, fitted to the page's width, the header rows repeated
on each page, in Times New Roman with the margins of Nghị định 30/2020/NĐ-CP (Phụ lục I, Phần I, Mục I:
top and bottom 20 mm, left 30 mm, right 15 mm). The title rows are given a height, since LibreOffice keeps
the default one and clips the marks above Vietnamese capitals.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from feedback.domain.report_figures import Figures, Report
from reporting import texts
from reporting.column_widths import fitted_widths
from reporting.table import (
    COLUMNS,
    Breakdown,
    Format,
    breakdowns,
    column_needs,
    header_spans,
    numbers_row,
    row_numbers,
    table_note,
)
from reporting.text_width import wrapped_lines

FONT = "Times New Roman"
SIZE = 12
_TITLE_ROWS = 3  # the title, the period, the unit and the day of the figures
_HEADER_ROW = _TITLE_ROWS + 2  # after a blank row
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAPPED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NUMBER_FORMATS = {Format.COUNT: "#,##0", Format.PERCENT: "0.00%", Format.DAYS: "0.0", Format.SCORE: "0.00"}
_SHEET_TITLES = ("Theo don vi", "Theo loai", "Theo linh vuc", "Theo thu tuc")  # ASCII: safe in every Excel
_MM_PER_INCH = 25.4
_PRINTABLE_WIDTH = (297 - 30 - 15) / _MM_PER_INCH * 72  # points across A4 landscape within the margins
_SLACK = 6.0  # points for the cell's own margins, its borders and rounding
_INDENT = 9.0  # points per indent level, as Excel and LibreOffice indent a cell
_LINE_SPACING = 1.2  # a line of Times New Roman takes 1.15 of its size; a little more for the renderers
_ROW_PADDING = 4.0  # points above and below a cell's text


def _width_units(points: float) -> float:
    """Excel's column width (in widths of the default font's digit, 7 pixels, plus 5 pixels of margin) that
    shows `points` of text, with a fifth more: LibreOffice measures the unit with whatever font stands in for
    Calibri, often a narrower one, and a column a little too wide only shrinks the page's scale a little."""
    return max(4.0, 1.2 * (points / 0.75 - 5) / 7)


def report_to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    for index, breakdown in enumerate(breakdowns(report)):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = _SHEET_TITLES[index]
        _write_table(sheet, report, breakdown, with_note=index == 0)
    _write_months(workbook.create_sheet("Theo thang"), report)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _font(*, bold: bool = False, italic: bool = False, size: int = SIZE) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _set_page(sheet: Worksheet, header_rows: str) -> None:
    """A4 landscape, one page wide (as many long as it takes), the header rows on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = header_rows
    sheet.page_margins = PageMargins(
        left=30 / _MM_PER_INCH, right=15 / _MM_PER_INCH, top=20 / _MM_PER_INCH, bottom=20 / _MM_PER_INCH
    )


def _write_heading(sheet: Worksheet, report: Report, title: str, width: int) -> None:
    lines = (
        (f"{texts.TITLE} – {title.upper()}", _font(bold=True, size=14), 24),
        (texts.PERIOD.format(start=texts.day(report.start), end=texts.day(report.end)), _font(italic=True), 18),
        (f"{texts.scope(report)}. {texts.AS_OF.format(as_of=texts.day(report.as_of))}.", _font(italic=True), 18),
    )
    for row, (text, font, height) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.alignment, cell.font = Alignment(horizontal="center", vertical="center"), font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = height
    if not report.total.received:
        cell = sheet.cell(row=_TITLE_ROWS + 1, column=1, value=texts.NOTHING_RECEIVED)
        cell.alignment, cell.font = Alignment(horizontal="center"), _font(bold=True)
        sheet.merge_cells(start_row=_TITLE_ROWS + 1, start_column=1, end_row=_TITLE_ROWS + 1, end_column=width)
        sheet.row_dimensions[_TITLE_ROWS + 1].height = 18


def _write_table(sheet: Worksheet, report: Report, breakdown: Breakdown, *, with_note: bool) -> None:
    width = 2 + len(COLUMNS)
    _write_heading(sheet, report, breakdown.title, width)
    top, sub, numbered = _HEADER_ROW, _HEADER_ROW + 1, _HEADER_ROW + 2
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
    for column, number in enumerate(numbers_row(), start=1):
        sheet.cell(row=numbered, column=column, value=number).font = _font(italic=True)
    for row in (top, sub, numbered):
        for column in range(1, width + 1):
            cell = sheet.cell(row=row, column=column)
            cell.alignment, cell.border = _WRAPPED, _BORDER
            if row != numbered:
                cell.font = _font(bold=True)
    row = numbered + 1
    nested = any(line.depth for line in breakdown.lines)
    for number, line in zip(row_numbers(breakdown.lines), breakdown.lines, strict=True):
        group = nested and line.depth == 0
        sheet.cell(row=row, column=1, value=number).alignment = Alignment(horizontal="center", vertical="top")
        label = sheet.cell(row=row, column=2, value=breakdown.label(line))
        label.data_type = "s"  # a name starting with "=" is text, never a formula openpyxl would write
        label.alignment = Alignment(horizontal="left", indent=line.depth, wrap_text=True, vertical="top")
        _write_figures(sheet, row, line.figures, bold=group)
        row += 1
    if not breakdown.lines:
        sheet.cell(row=row, column=2, value=texts.NOTHING_IN_TABLE).font = _font(italic=True)
        _write_figures(sheet, row, None)
        row += 1
    sheet.cell(row=row, column=2, value=texts.TOTAL)
    _write_figures(sheet, row, report.total, bold=True)
    if with_note:
        note = sheet.cell(row=row + 2, column=1, value=table_note())
        note.alignment, note.font = Alignment(wrap_text=True, vertical="top"), _font(italic=True)
        sheet.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=width)
        sheet.row_dimensions[row + 2].height = 48
    needs = column_needs(breakdown, report.total, SIZE, padding=_SLACK, indent=_INDENT, percent_sign=True)
    widths = fitted_widths(needs, _PRINTABLE_WIDTH, name_column=1, fill=False) or [need.least for need in needs]
    for index, points in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(_width_units(points), 1)
    _fit_header_heights(sheet, widths, top, sub)
    sheet.freeze_panes = sheet.cell(row=numbered + 1, column=3)
    _set_page(sheet, f"{top}:{numbered}")


def _fit_header_heights(sheet: Worksheet, widths: list[float], top: int, sub: int) -> None:
    """Header rows as tall as their most wrapped heading: neither Excel nor LibreOffice grows a row to fit a
    merged cell, and a clipped heading loses its last words."""
    line_height = SIZE * _LINE_SPACING
    top_lines, sub_lines = 1, 1
    for heading, first, last in header_spans():
        span = sum(widths[2 + first : 3 + last]) - _SLACK
        lines = wrapped_lines(heading, span, SIZE, bold=True)
        if first == last:  # over both rows
            top_lines = max(top_lines, (lines + 1) // 2)
            sub_lines = max(sub_lines, lines - (lines + 1) // 2)
        else:
            top_lines = max(top_lines, lines)
            for index in range(first, last + 1):
                width = widths[2 + index] - _SLACK
                sub_lines = max(sub_lines, wrapped_lines(COLUMNS[index].heading, width, SIZE, bold=True))
    sheet.row_dimensions[top].height = top_lines * line_height + _ROW_PADDING
    sheet.row_dimensions[sub].height = sub_lines * line_height + _ROW_PADDING


def _write_figures(sheet: Worksheet, row: int, figures: Figures | None, *, bold: bool = False) -> None:
    for index, column in enumerate(COLUMNS):
        value = column.value(figures) if figures is not None else None
        if column.format == Format.PERCENT and value is not None:
            value = value / 100  # Excel's percent format multiplies by 100
        cell = sheet.cell(row=row, column=3 + index, value=value)
        cell.number_format = _NUMBER_FORMATS[column.format]
        cell.alignment = Alignment(horizontal="right", vertical="top")
    for number in range(1, 3 + len(COLUMNS)):
        cell = sheet.cell(row=row, column=number)
        cell.border = _BORDER
        cell.font = _font(bold=bold)


def _write_months(sheet: Worksheet, report: Report) -> None:
    headings = (texts.MONTH, texts.RECEIVED_IN_MONTH, texts.ANSWERED_IN_MONTH, texts.OVERDUE_AT_MONTH_END)
    _write_heading(sheet, report, texts.MONTHS, len(headings))
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=column, value=heading)
        cell.font, cell.alignment, cell.border = _font(bold=True), _WRAPPED, _BORDER
    sheet.row_dimensions[_HEADER_ROW].height = 48
    for row, point in enumerate(report.months, start=_HEADER_ROW + 1):
        values = (texts.month_label(point.month), point.received, point.answered, point.overdue_at_end)
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border, cell.font = _BORDER, _font()
            cell.alignment = Alignment(horizontal="center" if column == 1 else "right")
    sheet.column_dimensions["A"].width = 12
    for column in range(2, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24
    _set_page(sheet, f"{_HEADER_ROW}:{_HEADER_ROW}")
