"""The report as a Word section an office pastes into its periodic report: a heading, a paragraph with the
figures phrased as the seeds phrase them ("tiếp nhận 401 PAKN, đã trả lời 314, đang xử lý 87, không có PAKN
quá hạn"), and the per-unit table with its two-row header."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from feedback.report_figures import Figures, Report
from reporting import texts
from reporting.table import COLUMNS, breakdowns, formatted, header_spans, row_numbers


def summary(report: Report) -> str:
    """The paragraph of prose with the period's figures."""
    total = report.total
    scope = texts.PROSE_SCOPE_ALL if report.unit is None else (report.unit_name or report.unit)
    opening = texts.PROSE_OPENING.format(
        start=texts.day(report.start), end=texts.day(report.end), scope=scope, received=texts.number(total.received)
    )
    parts = [
        texts.PROSE_ANSWERED.format(
            answered=texts.number(total.answered),
            on_time=texts.number(total.answered_on_time),
            late=texts.number(total.answered_late),
        ),
        texts.PROSE_IN_PROCESS.format(in_process=texts.number(total.in_process)),
        texts.PROSE_OVERDUE.format(overdue=texts.number(total.in_process_overdue))
        if total.in_process_overdue
        else texts.PROSE_NO_OVERDUE,
    ]
    if total.refused:
        parts.append(texts.PROSE_REFUSED.format(refused=texts.number(total.refused)))
    if total.forwarded:
        parts.append(texts.PROSE_FORWARDED.format(forwarded=texts.number(total.forwarded)))
    sentence = f"{opening}: {'; '.join(parts)}."
    details = []
    if total.on_time_rate is not None:
        details.append(texts.PROSE_RATE.format(rate=texts.decimal(total.on_time_rate)))
    if total.average_answer_days is not None:
        details.append(texts.PROSE_DAYS.format(days=texts.decimal(total.average_answer_days, 1)).lower())
    if total.satisfaction is not None:
        details.append(texts.PROSE_SATISFACTION.format(score=texts.decimal(total.satisfaction)))
    if details:
        first = details[0]
        sentence += " " + first[0].upper() + first[1:] + "".join(f"; {detail}" for detail in details[1:]) + "."
    return sentence


def report_to_docx(report: Report) -> bytes:
    document = Document()
    document.add_heading(texts.SECTION_HEADING, level=2)
    document.add_paragraph(summary(report))
    caption = document.add_paragraph(
        f"{texts.TITLE}\n{texts.PERIOD.format(start=texts.day(report.start), end=texts.day(report.end))}"
    )
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    by_unit = breakdowns(report)[0]
    table = document.add_table(rows=2, cols=2 + len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, heading in ((0, texts.NUMBER), (1, texts.UNIT)):
        table.cell(0, column).merge(table.cell(1, column)).text = heading
    for heading, first, last in header_spans():
        if first == last:
            table.cell(0, 2 + first).merge(table.cell(1, 2 + first)).text = heading
        else:
            table.cell(0, 2 + first).merge(table.cell(0, 2 + last)).text = heading
            for index in range(first, last + 1):
                table.cell(1, 2 + index).text = COLUMNS[index].heading
    for number, line in zip(row_numbers(by_unit.lines), by_unit.lines, strict=True):
        _add_row(table, number, "  " * line.depth + by_unit.label(line), line.figures)
    _add_row(table, "", texts.TOTAL, report.total)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def _add_row(table, number: str, label: str, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    cells = table.add_row().cells
    cells[0].text = number
    cells[1].text = label
    for index, column in enumerate(COLUMNS):
        cells[2 + index].text = formatted(column, figures)
