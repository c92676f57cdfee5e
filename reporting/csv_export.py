"""The report as CSV: every breakdown in one table, one line per row, with a column naming the breakdown.

UTF-8 with a byte-order mark, so that Excel opens the Vietnamese text correctly; counts as plain integers
and rates with a dot and two decimals, for programs to read. A unit's line includes its sub-units' figures:
"Cấp" (0 for the top lines) and "Mã đơn vị cấp trên" say which lines to add up without counting twice.
"""

from __future__ import annotations

import csv
import io

from feedback.domain.report_figures import Figures, Report
from reporting import texts
from reporting.formula_text import neutralise_formula
from reporting.table import COLUMNS, Format, breakdowns

BOM = "\ufeff"
DEPTH = "Cấp"
PARENT = "Mã đơn vị cấp trên"


def _heading(column_index: int) -> str:
    column = COLUMNS[column_index]
    return f"{column.group} – {column.heading}" if column.group else column.heading


def _values(figures: Figures) -> list[str]:
    cells = []
    for column in COLUMNS:
        value = column.value(figures)
        if value is None:
            cells.append("")
        elif column.format == Format.COUNT:
            cells.append(str(value))
        else:
            cells.append(f"{value:.2f}")
    return cells


def report_to_csv(report: Report) -> str:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(["Nhóm", "Mã", "Tên", DEPTH, PARENT, *(_heading(index) for index in range(len(COLUMNS)))])
    for index, breakdown in enumerate(breakdowns(report)):
        units = index == 0
        for line in breakdown.lines:
            depth, parent = (str(line.depth), line.parent or "") if units else ("", "")
            texts_of_line = [breakdown.title, line.key or "", breakdown.label(line)]
            writer.writerow([*map(neutralise_formula, texts_of_line), depth, parent, *_values(line.figures)])
    writer.writerow([texts.TOTAL, "", neutralise_formula(texts.scope(report)), "", "", *_values(report.total)])
    return BOM + output.getvalue()
