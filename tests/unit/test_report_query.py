"""The reports page's parameters: the first visit's defaults, the ticked box, the period's bounds."""

from __future__ import annotations

from datetime import date

import pytest

from feedback.domain.report_access import ReportScope
from web.report_query import BadReportQuery, parse_report_query

TODAY = date(2026, 12, 1)
HEAD_DEFAULT = ReportScope("UBND-XA", include_sub_units=True)


def test_the_first_visit_is_this_year_so_far_for_the_officers_first_scope() -> None:
    query = parse_report_query({}, TODAY, HEAD_DEFAULT)
    assert (query.start, query.end, query.scope) == (date(2026, 1, 1), TODAY, HEAD_DEFAULT)
    assert query.params == {"from": "2026-01-01", "to": "2026-12-01", "unit": "UBND-XA", "sub": "1"}


def test_once_the_form_is_sent_an_unticked_box_means_without_sub_units() -> None:
    query = parse_report_query({"from": "2026-11-01", "unit": "mot-cua"}, TODAY, HEAD_DEFAULT)
    assert query.scope == ReportScope("MOT-CUA", include_sub_units=False)
    assert query.end == TODAY


def test_an_empty_unit_means_every_unit_and_a_missing_one_the_default() -> None:
    assert parse_report_query({"unit": "", "sub": "1"}, TODAY, HEAD_DEFAULT).scope == ReportScope(None, True)
    assert parse_report_query({"from": "2026-11-01", "sub": "1"}, TODAY, HEAD_DEFAULT).scope == HEAD_DEFAULT


def test_the_file_name_names_the_unit_and_the_period() -> None:
    query = parse_report_query({"from": "01/11/2026", "to": "30/11/2026", "unit": "MOT-CUA"}, TODAY, HEAD_DEFAULT)
    assert query.file_name("xlsx") == "bao-cao-pakn-MOT-CUA-2026-11-01_2026-11-30.xlsx"
    everything = parse_report_query({"from": "2026-11-01", "unit": ""}, TODAY, HEAD_DEFAULT)
    assert everything.file_name("csv") == "bao-cao-pakn-2026-11-01_2026-12-01.csv"


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-12-02"},  # after today, the default end
        {"from": "1999-12-31"},
        {"to": "2100-01-01"},
        {"from": "2020-01-01", "to": "2026-01-01"},
        {"to": "mai"},
        {"unit": "<b>"},
    ],
)
def test_what_cannot_be_a_report_is_refused(params: dict[str, str]) -> None:
    with pytest.raises(BadReportQuery):
        parse_report_query(params, TODAY, HEAD_DEFAULT)


def test_five_years_is_the_longest_period() -> None:
    query = parse_report_query({"from": "2021-01-01", "to": "2025-12-31"}, TODAY, HEAD_DEFAULT)
    assert query.start.year == 2021
