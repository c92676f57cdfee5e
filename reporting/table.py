"""The report's table as the exports lay it out: the columns of the seeds' per-unit table, and its rows.

The header has two rows: "answered", "in process" and the on-time rate span two columns each (on time / late,
within / overdue, of the answered / of those whose deadline has come), the other headings span both rows, as
in the table of 002 ("Tổng số hồ sơ TTHC đã giải quyết" over "trước hạn, đúng hạn" and "quá hạn"). A third
row numbers the columns, (1) to (14), as the state's statistical tables do, so that the note under the table
can state how each rate is computed and what the forwards are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from feedback.domain.report_figures import Figures, Line, Report
from reporting import texts
from reporting.column_widths import ColumnNeed
from reporting.text_width import longest_word_width, text_width


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
    key: str  # its name in the CSV and JSON exports


COLUMNS: tuple[Column, ...] = (
    Column(texts.RECEIVED, None, Format.COUNT, lambda f: f.received, "received"),
    Column(texts.ON_TIME, texts.ANSWERED, Format.COUNT, lambda f: f.answered_on_time, "answered_on_time"),
    Column(texts.LATE, texts.ANSWERED, Format.COUNT, lambda f: f.answered_late, "answered_late"),
    Column(texts.WITHIN, texts.IN_PROCESS, Format.COUNT, lambda f: f.in_process_within, "in_process_within"),
    Column(texts.OVERDUE, texts.IN_PROCESS, Format.COUNT, lambda f: f.in_process_overdue, "in_process_overdue"),
    Column(texts.REFUSED, None, Format.COUNT, lambda f: f.refused, "refused"),
    Column(texts.WITHDRAWN, None, Format.COUNT, lambda f: f.withdrawn, "withdrawn"),
    Column(texts.FORWARDED, None, Format.COUNT, lambda f: f.forwarded, "forwarded"),
    Column(texts.RATE_OF_ANSWERED, texts.ON_TIME_RATE, Format.PERCENT, lambda f: f.on_time_rate, "on_time_rate"),
    Column(
        texts.RATE_OF_DEADLINE_COME,
        texts.ON_TIME_RATE,
        Format.PERCENT,
        lambda f: f.on_time_rate_of_deadline_come,
        "on_time_rate_of_deadline_come",
    ),
    Column(texts.AVERAGE_DAYS, None, Format.DAYS, lambda f: f.average_answer_days, "average_answer_days"),
    Column(texts.SATISFACTION, None, Format.SCORE, lambda f: f.satisfaction, "satisfaction"),
)
FIRST_FIGURE_NUMBER = 3  # (1) is STT, (2) the name


def column_number(index: int) -> str:
    """The printed number of the figure column at `index` of COLUMNS: (3) for the first."""
    return f"({FIRST_FIGURE_NUMBER + index})"


def numbers_row() -> list[str]:
    """The third header row: (1), (2), (3)…"""
    return ["(1)", "(2)", *(column_number(index) for index in range(len(COLUMNS)))]


def _number_of(key: str) -> str:
    return column_number(next(index for index, column in enumerate(COLUMNS) if column.key == key))


def table_note() -> str:
    """How the figures relate, in the columns' numbers: the identity, both rates, the forwards."""
    n = _number_of
    return texts.TABLE_NOTE.format(
        received=n("received"),
        on_time=n("answered_on_time"),
        late=n("answered_late"),
        within=n("in_process_within"),
        overdue=n("in_process_overdue"),
        refused=n("refused"),
        withdrawn=n("withdrawn"),
        forwarded=n("forwarded"),
        rate=n("on_time_rate"),
        rate_of_due=n("on_time_rate_of_deadline_come"),
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
    """STT as the seeds number a table of units: I, II… for the groups (the top lines), 1, 2… for the units
    under each, in the office's order, then 1.1, 1.2… deeper; a flat table (no line under another) is
    numbered 1, 2…"""
    if all(line.depth == 0 for line in lines):
        return [str(index) for index in range(1, len(lines) + 1)]
    numbers: list[str] = []
    top = 0
    counters: list[int] = []  # counters[d - 1]: the lines seen at depth d under the current chain of parents
    for line in lines:
        if line.depth == 0:
            top += 1
            counters = []
            numbers.append(_roman(top))
            continue
        del counters[line.depth :]
        counters += [0] * (line.depth - len(counters))
        counters[line.depth - 1] += 1
        numbers.append(".".join(str(count) for count in counters))
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


def column_needs(
    breakdown: Breakdown,
    total: Figures,
    size: float,
    *,
    padding: float,
    indent: float,
    percent_sign: bool = False,
) -> list[ColumnNeed]:
    """How wide each column of `breakdown`'s table must be (its longest word: headings and group lines in bold)
    and would read well (a heading on at most 4 lines, a name on one line), in points, `padding` included;
    `indent` is the name's indent per level; `percent_sign`: the rates show one (a spreadsheet's format)."""
    lines = breakdown.lines
    nested = any(line.depth for line in lines)

    def need(words: list[tuple[str, bool]], comfortable: float = 0.0, extra: float = 0.0) -> ColumnNeed:
        least = max(longest_word_width(text, size, bold=bold) for text, bold in words) + extra + padding
        return ColumnNeed(least, max(least, comfortable + padding))

    group_of = {index: heading for heading, first, last in header_spans() if first != last for index in (first, last)}
    numbers = row_numbers(lines)
    needs = [need([(texts.NUMBER, True), ("(1)", False), *((number, True) for number in numbers)])]
    labels = [(breakdown.label(line), nested and line.depth == 0) for line in lines]
    indents = [line.depth * indent for line in lines]
    widest = max(
        (text_width(text, size, bold=bold) + shift for (text, bold), shift in zip(labels, indents, strict=True)),
        default=0.0,
    )
    name_words = [(breakdown.name_heading, True), (texts.TOTAL, True), (texts.NOTHING_IN_TABLE, False), *labels]
    needs.append(need(name_words, widest, max(indents, default=0.0)))
    for index, column in enumerate(COLUMNS):
        values = [formatted(column, line.figures) for line in lines] + [formatted(column, total)]
        if percent_sign and column.format == Format.PERCENT:
            values = [f"{value}%" for value in values]
        words = [(column.heading, True), (column_number(index), False), *((value, True) for value in values)]
        if index in group_of:
            words.append((group_of[index], True))
        needs.append(need(words, text_width(column.heading, size, bold=True) / 4))
    return needs
