"""The report as a Word section an office pastes into its periodic report: a paragraph with the figures phrased
as the seeds phrase them ("tiếp nhận 401 PAKN, đã trả lời 314, đang xử lý 87, không phát sinh PAKN quá hạn"),
then, on a landscape page, the per-unit table with its two-row header, its numbered columns and a note.

Laid out as Nghị định 30/2020/NĐ-CP (Điều 9 and Phụ lục I, Phần I, Mục I) has administrative documents laid
out: A4 (210 × 297 mm); the text in Times New Roman, black, 14 pt (the body is 13 to 14 pt), justified, the
first line indented 1.27 cm, at least 6 pt between paragraphs, lines from single to 1.5 apart; margins within
the decree's ranges (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm: we take 20, 20, 30 and 15 to
leave the table the most room); and a table too wide for the page laid along the page's width (landscape),
the margins kept as read. No Word heading styles (blue, another font): the headings are plain bold text.
The table's columns are as wide as their longest word needs (`reporting.column_widths`), numbers flush
right, the header rows repeated on every page, no row split across two pages.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table, _Cell

from feedback.domain.report_figures import Line, Report
from reporting import texts
from reporting.column_widths import fitted_widths
from reporting.table import (
    COLUMNS,
    breakdowns,
    column_needs,
    formatted,
    header_spans,
    numbers_row,
    row_numbers,
    table_note,
)

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZES = (13, 12, 11)  # the first one the table fits at
A4_SHORT, A4_LONG = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
CELL_PADDING = Pt(2.85)  # each side: 1 mm, a little less than Word's default, so that more fits
SLACK = 2.0  # points: the cell's borders and the renderers' rounding, which a word must not be broken by
INDENT_PER_LEVEL = Pt(8)


def summary(report: Report) -> str:
    """The paragraph of prose with the period's figures."""
    total = report.total
    period = {"start": texts.day(report.start), "end": texts.day(report.end)}
    if report.unit is None:
        scope = texts.PROSE_SCOPE_ALL
    elif report.include_sub_units:
        scope = texts.PROSE_SCOPE_WITH_SUBS.format(name=report.unit_name or report.unit)
    else:
        scope = report.unit_name or report.unit
    if not total.received:
        sentence = texts.PROSE_NOTHING.format(**period, scope=scope)
        parts = [texts.PROSE_FORWARDED.format(forwarded=texts.number(total.forwarded))] if total.forwarded else []
        sentence += "".join(f"; {part}" for part in parts) + "."
        return sentence + _carried_over(report)
    opening = texts.PROSE_OPENING.format(**period, scope=scope, received=texts.number(total.received))
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
    if total.withdrawn:
        parts.append(texts.PROSE_WITHDRAWN.format(withdrawn=texts.number(total.withdrawn)))
    if total.forwarded:
        parts.append(texts.PROSE_FORWARDED.format(forwarded=texts.number(total.forwarded)))
    sentence = f"{opening}: {'; '.join(parts)}."
    details = []
    if total.on_time_rate is not None:
        rate = texts.PROSE_RATE.format(rate=texts.decimal(total.on_time_rate))
        if total.on_time_rate_of_deadline_come is not None:
            of_due = texts.decimal(total.on_time_rate_of_deadline_come)
            rate += ", " + texts.PROSE_RATE_OF_DUE.format(rate=of_due, due=texts.number(total.deadline_come))
        details.append(rate)
    if total.average_answer_days is not None:
        details.append(texts.PROSE_DAYS.format(days=texts.decimal(total.average_answer_days, 1)).lower())
    if total.satisfaction is not None:
        details.append(texts.PROSE_SATISFACTION.format(score=texts.decimal(total.satisfaction)))
    if details:
        first = details[0]
        sentence += " " + first[0].upper() + first[1:] + "".join(f"; {detail}" for detail in details[1:]) + "."
    return sentence + _carried_over(report)


def _carried_over(report: Report) -> str:
    """The overdue items received before the period, which the monthly stock counts and the table does not."""
    if not report.overdue_carried_over:
        return ""
    overdue = texts.number(report.overdue_carried_over)
    return " " + texts.PROSE_CARRIED_OVER.format(overdue=overdue, as_of=texts.day(report.as_of))


def report_to_docx(report: Report) -> bytes:
    document = Document()
    _set_body_style(document)
    portrait = document.sections[0]
    _set_page(portrait, landscape=False)
    _bold_paragraph(document, texts.SECTION_HEADING, BODY_SIZE, centred=False)
    document.add_paragraph(summary(report))
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    _set_page(landscape, landscape=True)
    _bold_paragraph(document, texts.TITLE, BODY_SIZE, centred=True)
    caption = document.add_paragraph(texts.caption(report))
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.runs[0].italic = True
    if not report.total.received:
        note = document.add_paragraph(texts.NOTHING_RECEIVED)
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        note.paragraph_format.first_line_indent = Pt(0)
    available = Emu(A4_LONG - LEFT - RIGHT).pt
    _add_table(document, report, available)
    note = document.add_paragraph(table_note())
    note.paragraph_format.first_line_indent = Pt(0)
    note.paragraph_format.space_before = Pt(6)
    note.runs[0].italic = True
    note.runs[0].font.size = Pt(TABLE_SIZES[0])
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def _set_body_style(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    # Every script's font, here and in the document's defaults, whose theme fonts (Calibri, Cambria) Word
    # would otherwise prefer; the language Vietnamese, for Word's proofing.
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for fonts in (normal.element.get_or_add_rPr().get_or_add_rFonts(), defaults.find(qn("w:rFonts"))):
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme") or attribute.endswith("theme"):
                del fonts.attrib[attribute]
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
    defaults.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    paragraph = normal.paragraph_format
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.first_line_indent = Mm(12.7)
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(6)
    paragraph.line_spacing = 1.15


def _set_page(section, *, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT


def _bold_paragraph(document: DocumentObject, text: str, size: int, *, centred: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.first_line_indent = Pt(0) if centred else Mm(12.7)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(size)


def _add_table(document: DocumentObject, report: Report, available: float) -> None:
    by_unit = breakdowns(report)[0]
    lines = by_unit.lines
    numbers = row_numbers(lines)
    size, widths = _fitting_size(report, available)
    table = document.add_table(rows=3, cols=2 + len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed widths, as set here, not as Word or LibreOffice would guess them
    _narrow_padding(table)

    def head(cell: _Cell, text: str) -> None:
        _write(cell, text, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    for column, heading in ((0, texts.NUMBER), (1, texts.UNIT)):
        head(table.cell(0, column).merge(table.cell(1, column)), heading)
    for heading, first, last in header_spans():
        if first == last:
            head(table.cell(0, 2 + first).merge(table.cell(1, 2 + first)), heading)
        else:
            head(table.cell(0, 2 + first).merge(table.cell(0, 2 + last)), heading)
            for index in range(first, last + 1):
                head(table.cell(1, 2 + index), COLUMNS[index].heading)
    for column, number in enumerate(numbers_row()):
        _write(table.cell(2, column), number, size=size, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    nested = any(line.depth for line in lines)
    for number, line in zip(numbers, lines, strict=True):
        _add_row(table, number, by_unit.label(line), line, size=size, group=nested and line.depth == 0)
    if not lines:
        _add_row(table, "", texts.NOTHING_IN_TABLE, None, size=size)
    _add_row(table, "", texts.TOTAL, Line("total", texts.TOTAL, report.total), size=size, bold=True)
    for row_index, row in enumerate(table.rows):
        _row_property(row, "w:cantSplit")  # a row never splits across two pages
        if row_index < 3:
            _row_property(row, "w:tblHeader")  # the header rows repeat on every page
    for index, width in enumerate(widths):
        table.columns[index].width = int(width)
        for cell in table.columns[index].cells:
            cell.width = int(width)
    for cell in table.rows[-2].cells:  # the total row stays with the line above it
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _fitting_size(report: Report, available: float) -> tuple[int, list[float]]:
    """The largest table font size whose columns, each as wide as its longest word, fit the page width."""
    by_unit = breakdowns(report)[0]
    padding = 2 * CELL_PADDING.pt + SLACK
    for size in TABLE_SIZES:
        needs = column_needs(by_unit, report.total, size, padding=padding, indent=INDENT_PER_LEVEL.pt)
        widths = fitted_widths(needs, available, name_column=1)
        if widths is not None:
            return size, [Pt(width) for width in widths]
    raise ValueError("the report's table does not fit a landscape A4 page even at the smallest size")


def _write(
    cell: _Cell,
    text: str,
    *,
    size: int,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    indent: float = 0.0,
) -> None:
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # a merged cell keeps each part's paragraph
        extra._element.getparent().remove(extra._element)
    paragraph.alignment = align
    layout = paragraph.paragraph_format
    layout.first_line_indent = Pt(0)
    layout.left_indent = Pt(indent)
    layout.space_after = Pt(0)
    layout.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)


def _add_row(
    table: Table, number: str, label: str, line: Line | None, *, size: int, bold: bool = False, group: bool = False
) -> None:
    """A line of the table: a group (I, II…) in bold, as the seeds set theirs; figures flush right."""
    cells = table.add_row().cells  # type: ignore[no-untyped-call]
    _write(cells[0], number, size=size, bold=bold or group, align=WD_ALIGN_PARAGRAPH.CENTER)
    indent = line.depth * INDENT_PER_LEVEL.pt if line is not None else 0.0
    _write(cells[1], label, size=size, bold=bold or group, indent=indent)
    for index, column in enumerate(COLUMNS):
        value = formatted(column, line.figures) if line is not None else ""
        _write(cells[2 + index], value, size=size, bold=bold or group, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _narrow_padding(table: Table) -> None:
    """Cells padded 1 mm each side, in the table's properties where the schema has them (before tblLook)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_PADDING.pt * 20)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook")


def _row_property(row, name: str) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    properties.append(element)
