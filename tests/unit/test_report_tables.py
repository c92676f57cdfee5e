"""The reports page's tables: the exports' cells, and only the most frequent procedures on the page."""

from __future__ import annotations

import dataclasses
from datetime import date

from feedback.domain.report_figures import Figures, Line, Report
from web.report_tables import page_tables


def procedures_report(received: list[int]) -> Report:
    lines = tuple(Line(f"TT-{n}", f"Thủ tục {n}", Figures(received=count)) for n, count in enumerate(received, 1))
    total = Figures(received=sum(received) + 4)
    return Report(
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        as_of=date(2026, 12, 31),
        unit=None,
        unit_name=None,
        include_sub_units=True,
        total=total,
        by_unit=(),
        by_type=(),
        by_field=(),
        by_procedure=(*lines, Line(None, None, Figures(received=4))),
        months=(),
    )


def test_only_the_most_frequent_procedures_are_shown_and_the_rest_is_counted() -> None:
    table = page_tables(procedures_report([9, 7, 5, 3]), procedures_shown=2)[3]
    assert [(row.key, row.number, row.cells[0]) for row in table.rows] == [
        ("TT-1", "1", "9"),
        ("TT-2", "2", "7"),
        (None, "5", "4"),
    ]
    assert (table.named_lines, table.left_off) == (4, 2)
    assert table.total[0] == "28"


def test_few_procedures_are_all_shown() -> None:
    table = page_tables(procedures_report([9, 7]), procedures_shown=2)[3]
    assert [row.key for row in table.rows] == ["TT-1", "TT-2", None]
    assert table.left_off == 0


def test_cells_are_in_vietnamese_number_style() -> None:
    figures = Figures(received=14083, answered_on_time=13676, answered_late=343, answer_working_days=20038)
    report = dataclasses.replace(procedures_report([]), by_unit=(Line("HUYEN", "UBND huyện", figures),))
    row = page_tables(report)[0].rows[0]
    assert (row.number, row.label) == ("1", "UBND huyện")
    assert row.cells[:3] == ("14.083", "13.676", "343")
    assert row.cells[8:11] == ("97,55", "97,55", "1,4")  # on time of the answered, of those due; working days


def test_an_empty_breakdown_has_no_rows_and_the_page_says_so() -> None:
    table = page_tables(procedures_report([]))[1]
    assert (table.rows, table.total[0]) == ((), "4")
