"""The report as JSON: the stored sums and the derived figures of every line, dates in ISO form."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from feedback.report_figures import Figures, Line, Report


def _figures(figures: Figures) -> dict[str, Any]:
    derived = {
        "answered": figures.answered,
        "in_process": figures.in_process,
        "on_time_rate": _rounded(figures.on_time_rate),
        "average_answer_days": _rounded(figures.average_answer_days),
        "satisfaction": _rounded(figures.satisfaction),
    }
    return {**dataclasses.asdict(figures), **derived}


def _rounded(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def _line(line: Line) -> dict[str, Any]:
    return {"key": line.key, "name": line.name, "depth": line.depth, "figures": _figures(line.figures)}


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "as_of": report.as_of.isoformat(),
        "unit": report.unit,
        "unit_name": report.unit_name,
        "include_sub_units": report.include_sub_units,
        "total": _figures(report.total),
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
