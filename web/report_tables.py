"""The report's breakdowns as the reports page shows them: the exports' columns and headings
(`reporting.table`), the seeds' STT numbering, each cell already in Vietnamese number style.

The procedures can run to hundreds: the page shows the most frequent ones and says how many it left off;
the downloads carry every line.
"""

from __future__ import annotations

from dataclasses import dataclass

from feedback.domain.report_figures import Figures, Report
from reporting.table import COLUMNS, Column, breakdowns, formatted, header_spans, row_numbers

PROCEDURES_SHOWN = 15
_IDS = ("by-unit", "by-type", "by-field", "by-procedure")


@dataclass(frozen=True)
class Row:
    key: str | None
    number: str
    label: str
    depth: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    name_heading: str
    rows: tuple[Row, ...]
    total: tuple[str, ...]
    named_lines: int  # lines naming something (a unit, a field, a procedure), shown or not
    left_off: int  # of those, how many the page does not show


@dataclass(frozen=True)
class Heading:
    """A cell of the first header row: over one column it spans both rows, over a group it has sub-headings."""

    text: str
    columns: tuple[Column, ...]


def headings() -> tuple[Heading, ...]:
    return tuple(Heading(text, COLUMNS[first : last + 1]) for text, first, last in header_spans())


def cells(figures: Figures) -> tuple[str, ...]:
    return tuple(formatted(column, figures) for column in COLUMNS)


def page_tables(report: Report, procedures_shown: int = PROCEDURES_SHOWN) -> tuple[Table, ...]:
    tables = []
    for table_id, breakdown in zip(_IDS, breakdowns(report), strict=True):
        numbers = row_numbers(breakdown.lines)
        rows = [
            Row(line.key, number, breakdown.label(line), line.depth, cells(line.figures))
            for number, line in zip(numbers, breakdown.lines, strict=True)
        ]
        named = sum(1 for row in rows if row.key is not None)
        left_off = 0
        if table_id == "by-procedure" and named > procedures_shown:
            # Most received first already; the line of items with no procedure stays, it is the remainder.
            left_off = named - procedures_shown
            rows = [row for index, row in enumerate(rows) if row.key is None or index < procedures_shown]
        tables.append(
            Table(table_id, breakdown.title, breakdown.name_heading, tuple(rows), cells(report.total), named, left_off)
        )
    return tuple(tables)
