"""How many rows an UPDATE or DELETE changed, with the type SQLAlchemy gives only a cursor result."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.engine import CursorResult, Result


def rows_changed(result: Result[Any]) -> int:
    return int(cast(CursorResult[Any], result).rowcount)
