"""`motcua admin export-access-log --from DATE --to DATE`: who looked at citizens' personal data, as CSV.

For the notification the law requires after a breach (README, "Dữ liệu cá nhân"): which officers were shown
which items' contact details or files, and when. The days are Vietnam's, both included; the CSV goes to
standard output (or --output FILE). It names items and officers, never a citizen's details.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TextIO

from feedback.domain.data_view import DataView
from feedback.domain.deadlines import VIETNAM_TIME
from feedback.service_layer.data_views import DataViews
from motcua import texts

COLUMNS = ("at", "officer", "officer_units", "channel", "item_code", "exposure", "detail")


def add_parser(targets: Any) -> None:
    export = targets.add_parser("export-access-log", help=texts.HELP_EXPORT_ACCESS_LOG)
    export.add_argument("--from", dest="since", type=_day, required=True, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="until", type=_day, required=True, metavar="YYYY-MM-DD")
    export.add_argument("--output", metavar="FILE", help=texts.HELP_EXPORT_OUTPUT)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.ERR_BAD_DAY.format(value=value)) from None


class ReversedDays(ValueError):
    """--to is before --from."""


def period(since: date, until: date) -> tuple[datetime, datetime]:
    """From the start of `since` to the end of `until`, Vietnam's days; ReversedDays if they are reversed."""
    if until < since:
        raise ReversedDays(f"{since} > {until}")
    start = datetime.combine(since, time(), VIETNAM_TIME)
    return start, datetime.combine(until + timedelta(days=1), time(), VIETNAM_TIME)


def write_csv(views: Sequence[DataView], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for view in views:
        writer.writerow(
            [
                view.at.astimezone(VIETNAM_TIME).isoformat(timespec="seconds"),
                view.officer,
                view.officer_units or "",
                view.channel,
                view.item_code,
                str(view.exposure),
                view.detail or "",
            ]
        )


async def export_access_log(data_views: DataViews, args: argparse.Namespace, out: TextIO) -> list[str]:
    since, until = period(args.since, args.until)
    views = await data_views.between(since, until)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as file:
            write_csv(views, file)
    else:
        write_csv(views, out)
    return [texts.ACCESS_LOG_EXPORTED.format(count=len(views), path=args.output)] if args.output else []
