"""The report's table as the exports lay it out: the columns of the seeds' per-unit table, and its rows.

The header has two rows: "answered" and "in process" span two columns each (on time / late, within /
overdue), the other headings span both rows, as in the table of 002 ("Tổng số hồ sơ TTHC đã giải quyết" over
"trước hạn, đúng hạn" and "quá hạn").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from feedback.report_figures import Figures, Line, Report
from reporting import texts


class Format(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"
    SCORE = "score"


@dataclass(frozen=True)
class Column:
    heading: str
    group: str | None  # the heading spanning it and its neighbour in the first header row
    format: Format
    value: Callable[[Figures], int | float | None]


COLUMNS: tuple[Column, ...] = (
    Column(texts.RECEIVED, None, Format.COUNT, lambda f: f.received),
    Column(texts.ON_TIME, texts.ANSWERED, Format.COUNT, lambda f: f.answered_on_time),
    Column(texts.LATE, texts.ANSWERED, Format.COUNT, lambda f: f.answered_late),
    Column(texts.WITHIN, texts.IN_PROCESS, Format.COUNT, lambda f: f.in_process_within),
    Column(texts.OVERDUE, texts.IN_PROCESS, Format.COUNT, lambda f: f.in_process_overdue),
    Column(texts.REFUSED, None, Format.COUNT, lambda f: f.refused),
    Column(texts.FORWARDED, None, Format.COUNT, lambda f: f.forwarded),
    Column(texts.ON_TIME_RATE, None, Format.PERCENT, lambda f: f.on_time_rate),
    Column(texts.AVERAGE_DAYS, None, Format.DAYS, lambda f: f.average_answer_days),
    Column(texts.SATISFACTION, None, Format.SCORE, lambda f: f.satisfaction),
)


@dataclass(frozen=True)
class Breakdown:
    title: str
    name_heading: str
    lines: tuple[Line, ...]
    label: Callable[[Line], str]


def breakdowns(report: Report) -> tuple[Breakdown, ...]:
    """The report's tables, the per-unit one first."""
    return (
        Breakdown(texts.BY_UNIT, texts.UNIT, report.by_unit, texts.unit_label),
        Breakdown(texts.BY_TYPE, texts.TYPE, report.by_type, texts.type_label),
        Breakdown(texts.BY_FIELD, texts.FIELD, report.by_field, texts.field_label),
        Breakdown(texts.BY_PROCEDURE, texts.PROCEDURE, report.by_procedure, texts.procedure_label),
    )


def header_spans() -> list[tuple[str, int, int]]:
    """The first header row after STT and the name: (heading, first column, last column), 0-based over COLUMNS;
    a heading over one column spans both header rows."""
    spans: list[tuple[str, int, int]] = []
    for index, column in enumerate(COLUMNS):
        heading = column.group or column.heading
        if spans and column.group is not None and spans[-1][0] == column.group:
            spans[-1] = (heading, spans[-1][1], index)
        else:
            spans.append((heading, index, index))
    return spans


def row_numbers(lines: tuple[Line, ...]) -> list[str]:
    """STT as the seeds number a table of units: I, II… for the top lines, 1, 2… under each, nothing deeper;
    a flat table (no line under another) is numbered 1, 2…"""
    if all(line.depth == 0 for line in lines):
        return [str(index) for index in range(1, len(lines) + 1)]
    numbers: list[str] = []
    top = 0
    under = 0
    for line in lines:
        if line.depth == 0:
            top += 1
            under = 0
            numbers.append(_roman(top))
        elif line.depth == 1:
            under += 1
            numbers.append(str(under))
        else:
            numbers.append("")
    return numbers


def _roman(number: int) -> str:
    numerals: tuple[tuple[int, str], ...] = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    numerals += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result


def formatted(column: Column, figures: Figures) -> str:
    """A cell as text, in Vietnamese number style (97,55)."""
    value = column.value(figures)
    if column.format == Format.COUNT:
        return texts.number(int(value or 0))
    places = 1 if column.format == Format.DAYS else 2
    return texts.decimal(value, places)
