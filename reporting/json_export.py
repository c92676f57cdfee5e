"""The report as JSON: the stored sums and the derived figures of every line, dates in ISO form.

Both on-time rates are given with what they divide by (`definitions`), as on every format."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from feedback.domain.report_figures import Figures, Line, Report


def _figures(figures: Figures) -> dict[str, Any]:
    derived = {
        "answered": figures.answered,
        "in_process": figures.in_process,
        "deadline_come": figures.deadline_come,
        "on_time_rate": _rounded(figures.on_time_rate),
        "on_time_rate_of_deadline_come": _rounded(figures.on_time_rate_of_deadline_come),
        "average_answer_days": _rounded(figures.average_answer_days),
        "satisfaction": _rounded(figures.satisfaction),
    }
    return {**dataclasses.asdict(figures), **derived}


def _rounded(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def _line(line: Line) -> dict[str, Any]:
    return {
        "key": line.key,
        "name": line.name,
        "depth": line.depth,
        "parent": line.parent,
        "figures": _figures(line.figures),
    }


DEFINITIONS = {
    "on_time_rate": "100 * answered_on_time / answered",
    "on_time_rate_of_deadline_come": "100 * answered_on_time / deadline_come, "
    "deadline_come = answered + in_process_overdue",
    "forwarded": "forwards made by the unit in the period, not part of received",
    "received": "answered_on_time + answered_late + refused + withdrawn + in_process_within + in_process_overdue",
}


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "as_of": report.as_of.isoformat(),
        "unit": report.unit,
        "unit_name": report.unit_name,
        "include_sub_units": report.include_sub_units,
        "definitions": DEFINITIONS,
        "total": _figures(report.total),
        "overdue_at_as_of": report.overdue_at_as_of,
        "overdue_carried_over": report.overdue_carried_over,
        "by_unit": [_line(line) for line in report.by_unit],
        "by_type": [_line(line) for line in report.by_type],
        "by_field": [_line(line) for line in report.by_field],
        "by_procedure": [_line(line) for line in report.by_procedure],
        "months": [
            {
                "month": point.month.strftime("%Y-%m"),
                "received": point.received,
                "answered": point.answered,
                "overdue_at_end": point.overdue_at_end,
            }
            for point in report.months
        ],
    }


def report_to_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)
