"""`motcua report --from DATE --to DATE [--unit U] [--no-sub-units] [--format …] [--output FILE]`.

A thin entrypoint over `feedback.service_layer.report_service.ReportService` and the `reporting` exports. Binary formats
(xlsx, docx) go to a file, by default named for the period (`bao-cao-pakn-2026-01-01_2026-12-31.xlsx`);
csv and json may go to standard output with `--output -`. Exit codes as `motcua admin`: 0 done, 1 refused
by the data (an unknown unit, the database failing), 2 malformed input (a date, a unit code, a reversed
period or one not begun yet, --no-sub-units without --unit). Every failure is one Vietnamese line on
standard error; so is the warning that a period not over yet is counted as of today.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from motcua import texts
from motcua.settings import Settings

EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
FORMATS = ("xlsx", "csv", "docx", "json")
_BINARY = frozenset({"xlsx", "docx"})


def parse_day(value: str) -> date:
    """YYYY-MM-DD or DD/MM/YYYY (the way dates are written in Vietnamese documents)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(texts.ERR_REPORT_DATE.format(value=value))


def add_parser(commands: Any) -> None:
    """`report` on the `motcua` command's subparsers."""
    report = commands.add_parser("report", help=texts.HELP_REPORT)
    report.add_argument(
        "--from", dest="start", required=True, type=parse_day, metavar="DATE", help=texts.HELP_REPORT_FROM
    )
    report.add_argument("--to", dest="end", required=True, type=parse_day, metavar="DATE", help=texts.HELP_REPORT_TO)
    report.add_argument("--unit", metavar="CODE", help=texts.HELP_REPORT_UNIT)
    report.add_argument("--no-sub-units", action="store_true", help=texts.HELP_REPORT_NO_SUB_UNITS)
    report.add_argument("--format", choices=FORMATS, default="xlsx", help=texts.HELP_REPORT_FORMAT)
    report.add_argument("--output", metavar="FILE", help=texts.HELP_REPORT_OUTPUT)


def default_file_name(start: date, end: date, format_name: str) -> str:
    return f"bao-cao-pakn-{start.isoformat()}_{end.isoformat()}.{format_name}"


async def run_report(
    settings: Settings, args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if args.start > args.end:
        print(texts.ERR_REPORT_PERIOD.format(start=texts_day(args.start), end=texts_day(args.end)), file=err)
        return EXIT_BAD_INPUT
    if args.no_sub_units and args.unit is None:
        # Every unit's report has no "sub-units" to leave out: the flag would be silently ignored.
        print(texts.ERR_REPORT_NO_SUB_UNITS_WITHOUT_UNIT, file=err)
        return EXIT_BAD_INPUT
    to_stdout = args.output == "-"
    if to_stdout and args.format in _BINARY:
        print(texts.ERR_REPORT_BINARY_STDOUT.format(format=args.format), file=err)
        return EXIT_BAD_INPUT
    # Imported here, as `motcua admin` does: parsing the arguments needs none of the database stack.
    from sqlalchemy.exc import SQLAlchemyError

    from feedback.domain.units import InvalidUnitCode, UnknownUnit
    from feedback.service_layer.report_service import FuturePeriod
    from motcua.bootstrap import DatabaseServices, light_bootstrap

    services: DatabaseServices | None = None
    try:
        services = await light_bootstrap(settings)
        report = await services.reports.build(args.start, args.end, args.unit, include_sub_units=not args.no_sub_units)
    except FuturePeriod as error:
        print(texts.ERR_REPORT_FUTURE.format(start=texts_day(error.start), today=texts_day(error.today)), file=err)
        return EXIT_BAD_INPUT
    except InvalidUnitCode as error:
        print(texts.ERR_INVALID_UNIT_CODE.format(code=error.code), file=err)
        return EXIT_BAD_INPUT
    except UnknownUnit as error:
        print(texts.ERR_UNKNOWN_UNIT.format(code=error.code), file=err)
        return EXIT_REFUSED
    except (SQLAlchemyError, OSError) as error:
        print(texts.ERR_DATABASE.format(detail=_first_line(error)), file=err)
        return EXIT_REFUSED
    finally:
        if services is not None:
            await services.close()
    if report.as_of < args.end:
        print(texts.WARN_REPORT_NOT_OVER.format(end=texts_day(args.end), as_of=texts_day(report.as_of)), file=err)
    content = export(report, args.format)
    if to_stdout:
        assert isinstance(content, str)
        out.write(content.removeprefix("\ufeff"))  # the BOM is for Excel opening a file, not for a pipe
        return 0
    path = Path(args.output or default_file_name(args.start, args.end, args.format))
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    except OSError as error:
        print(texts.ERR_REPORT_WRITE.format(path=path, detail=_first_line(error)), file=err)
        return EXIT_REFUSED
    written = texts.REPORT_WRITTEN.format(
        path=path, received=report.total.received, start=texts_day(args.start), end=texts_day(args.end)
    )
    print(written, file=out)
    return 0


def export(report: Any, format_name: str) -> bytes | str:
    from reporting.csv_export import report_to_csv
    from reporting.docx_export import report_to_docx
    from reporting.json_export import report_to_json
    from reporting.xlsx_export import report_to_xlsx

    exporters: dict[str, Callable[[Any], bytes | str]] = {
        "xlsx": report_to_xlsx,
        "csv": report_to_csv,
        "docx": report_to_docx,
        "json": report_to_json,
    }
    return exporters[format_name](report)


def texts_day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
