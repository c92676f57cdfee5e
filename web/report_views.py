"""The reports page and its downloads: the period's PAKN figures for a unit the officer may read.

Both views read the same GET parameters (`web.report_query`) and check the same reach
(`feedback.domain.report_access`) before the report is built, so a download link edited by hand gets no more than
the page would show. Bad input is a 400 and a unit out of reach a 403, each with a Vietnamese message: the
page shows it above the form, kept as typed; a download shows the error page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web
from markupsafe import Markup

from feedback.domain.deadlines import local_date
from feedback.domain.report_access import ReportScope, default_scope, may_read
from feedback.domain.report_figures import Report
from feedback.domain.units import UnitTree, UnknownUnit
from feedback.service_layer.report_service import FuturePeriod
from reporting import texts as report_texts
from reporting.chart_svg import monthly_chart
from reporting.csv_export import report_to_csv
from reporting.docx_export import report_to_docx
from reporting.json_export import report_to_json
from reporting.table import numbers_row, table_note
from reporting.xlsx_export import report_to_xlsx
from web import texts
from web.downloads import content_disposition
from web.keys import officer_key, officer_pages_key
from web.rendering import render
from web.report_query import FORMATS, BadReportQuery, ReportQuery, parse_format, parse_report_query
from web.report_tables import headings, page_tables

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
_EXPORTS = {"xlsx": report_to_xlsx, "csv": report_to_csv, "docx": report_to_docx, "json": report_to_json}


class ReportRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def reports_page(request: web.Request) -> web.Response:
    tree = await request.app[officer_pages_key].desk.unit_tree()
    try:
        query, report = await _chosen_report(request, tree)
    except ReportRefused as refused:
        context = _form_context(request, tree, _typed(request.query), error=refused.message)
        return render("reports.html", request, {**context, "report": None}, status=refused.status)
    form = {**query.params, "sub": query.scope.include_sub_units}
    context = _form_context(request, tree, form, error=None)
    context.update(
        report=report,
        query=query,
        scope=report_texts.scope(report),
        period=report_texts.PERIOD.format(start=report_texts.day(report.start), end=report_texts.day(report.end)),
        as_of=report_texts.AS_OF.format(as_of=report_texts.day(report.as_of)),
        tables=page_tables(report),
        headings=headings(),
        column_numbers=numbers_row(),
        table_note=table_note(),
        nothing_received=report_texts.NOTHING_RECEIVED,
        nothing_in_table=report_texts.NOTHING_IN_TABLE,
        chart=Markup(monthly_chart(report)),  # built from numbers and our own labels, escaped there
        number=report_texts.number,
        decimal=report_texts.decimal,
        formats=FORMATS,
    )
    return render("reports.html", request, context)


async def report_download(request: web.Request) -> web.Response:
    tree = await request.app[officer_pages_key].desk.unit_tree()
    try:
        format_name = _format(request.query.get("format"))
        query, report = await _chosen_report(request, tree)
    except ReportRefused as refused:
        error = web.HTTPForbidden if refused.status == 403 else web.HTTPBadRequest
        raise error(text=refused.message) from None
    content = _EXPORTS[format_name](report)
    body = content.encode("utf-8") if isinstance(content, str) else content
    disposition = content_disposition(query.file_name(format_name))
    return web.Response(
        body=body, headers={"Content-Type": CONTENT_TYPES[format_name], "Content-Disposition": disposition}
    )


async def _chosen_report(request: web.Request, tree: UnitTree) -> tuple[ReportQuery, Report]:
    """Raises ReportRefused: 403 for no unit at all or one out of reach, 400 for anything malformed."""
    officer = request[officer_key]
    pages = request.app[officer_pages_key]
    default = default_scope(officer, tree)
    if default is None:
        raise ReportRefused(403, texts.REPORT_NO_UNITS)
    try:
        query = parse_report_query(request.query, local_date(pages.clock()), default)
    except BadReportQuery as bad:
        raise ReportRefused(400, bad.message) from None
    if not may_read(officer, tree, query.scope):
        raise ReportRefused(403, _refusal(request, tree, query.scope))
    try:
        report = await pages.reports.build(
            query.start, query.end, query.scope.unit, include_sub_units=query.scope.include_sub_units
        )
    except UnknownUnit:  # only an administrator gets this far with a code that is no unit
        raise ReportRefused(400, texts.REPORT_UNKNOWN_UNIT.format(unit=query.scope.unit)) from None
    except FuturePeriod as future:
        start, today = report_texts.day(future.start), report_texts.day(future.today)
        raise ReportRefused(400, texts.REPORT_FUTURE_PERIOD.format(start=start, today=today)) from None
    return query, report


def _refusal(request: web.Request, tree: UnitTree, scope: ReportScope) -> str:
    """Why, in the officer's terms: all units, the sub-units of their own unit, or a unit not theirs."""
    if scope.unit is None:
        return texts.REPORT_ALL_UNITS_REFUSED
    alone = ReportScope(scope.unit, include_sub_units=False)
    if scope.include_sub_units and may_read(request[officer_key], tree, alone):
        return texts.REPORT_SUB_UNITS_REFUSED.format(unit=tree.get(scope.unit).name)
    return texts.REPORT_UNIT_REFUSED.format(unit=scope.unit)


def _format(value: str | None) -> str:
    try:
        return parse_format(value)
    except BadReportQuery as bad:
        raise ReportRefused(400, bad.message) from None


def _typed(query: Mapping[str, str]) -> dict[str, Any]:
    """The form as the officer filled it in, to show again above the message."""
    return {
        "from": query.get("from", ""),
        "to": query.get("to", ""),
        "unit": query.get("unit", ""),
        "sub": query.get("sub") == "1",
    }


def _form_context(
    request: web.Request, tree: UnitTree, form: Mapping[str, Any], *, error: str | None
) -> dict[str, Any]:
    officer = request[officer_key]
    readable = [(depth, unit) for depth, unit in tree.walk() if may_read(officer, tree, ReportScope(unit.code, False))]
    top = min((depth for depth, _ in readable), default=0)
    return {
        "form": form,
        "error": error,
        # Indented with no-break spaces: an <option> takes no markup and browsers ignore its padding.
        "unit_options": [(unit.code, "\u00a0\u00a0\u00a0" * (depth - top) + unit.name) for depth, unit in readable],
        "all_units": may_read(officer, tree, ReportScope(None, include_sub_units=True)),
    }
