"""Importing a catalog file: rows checked and cleaned into procedures, upserted in one transaction.

A file with bad rows changes nothing unless the caller asks to skip them; either way every bad
row is reported with its line. Texts for people live with the channels, not here.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from procedures_catalog.catalog_files import (
    SourceRow,
    UnreadableRow,
    UnsupportedCatalogFormat,
    fold,
    read_catalog_file,
)
from procedures_catalog.model import OnlineLevel, Procedure, parse_working_days
from procedures_catalog.ports import CatalogUnitOfWork, UpsertCounts
from procedures_catalog.procedure_code import short_code

__all__ = [
    "BadRow",
    "ImportReport",
    "RowProblem",
    "UnsupportedCatalogFormat",
    "import_catalog",
    "online_level",
    "parse_row",
]

_BATCH = 500  # procedures per upsert: bounded memory, few round trips
_MAX_CODE_LENGTH = 64  # the width of the code column


class RowProblem(enum.StrEnum):
    MISSING_CODE = "missing_code"
    MISSING_NAME = "missing_name"
    BAD_CODE = "bad_code"
    BAD_ENCODING = "bad_encoding"  # undecodable bytes, U+FFFD, mojibake, control characters
    BAD_VALUE = "bad_value"  # a JSON value of the wrong kind (an object where text belongs …)
    DUPLICATE_CODE = "duplicate_code"
    BAD_JSON = "bad_json"
    NOT_AN_OBJECT = "not_an_object"
    BAD_CSV = "bad_csv"
    MISSING_COLUMN = "missing_column"
    UNREADABLE_FILE = "unreadable_file"


@dataclass(frozen=True)
class BadRow:
    """A row that was not imported. Line 0 stands for the file as a whole."""

    line: int
    problem: RowProblem
    detail: str = ""  # the offending text or a parser's message, as found
    field: str | None = None  # the column at fault, when one is
    code: str | None = None  # the row's procedure code, when it has a valid one
    first_line: int | None = None  # DUPLICATE_CODE: the line that had the code first
    fatal: bool = False  # the file could not be read past it: nothing is imported, skipping or not


@dataclass(frozen=True)
class ImportReport:
    """`rows` counts the records read; the other counts are what was written (all 0 unless applied)."""

    rows: int
    inserted: int
    updated: int
    unchanged: int
    bad_rows: tuple[BadRow, ...]
    applied: bool


class _BadField(Exception):
    def __init__(self, problem: RowProblem, field: str, detail: str = "") -> None:
        super().__init__(problem, field, detail)
        self.problem = problem
        self.field = field
        self.detail = detail


# --- text checks --------------------------------------------------------------------------

# Lone surrogates are bytes that did not decode (or a broken \\u escape); C0/C1 controls other
# than tab and line breaks never belong in a catalog; U+FFFD is where a decoder gave up.
_BROKEN = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")

# Mojibake: UTF-8 bytes of a Vietnamese letter read as Windows-1252/Latin-1 ("Ä‘" for "đ",
# "á»‡" for "ệ"). A candidate is confirmed by re-encoding it and decoding it as UTF-8.
_CONTINUATION_BYTE: dict[str, int] = {
    char: byte
    for byte in range(0x80, 0xC0)
    for char in (chr(byte), bytes([byte]).decode("cp1252", errors="ignore"))
    if char
}
# A no-break space after "Ã" is also "à" misread, but it follows capitals in sound text too
# ("NGÃ\u00a0BA"); mojibake text has plenty of other signs.
_CONTINUATION = "[" + re.escape("".join(sorted(set(_CONTINUATION_BYTE) - {"\u00a0"}))) + "]"
_MOJIBAKE = re.compile(f"[ÃÄÅÆÌ]{_CONTINUATION}|á[º»]{_CONTINUATION}")
_LATIN_1_LEAD = {char: ord(char) for char in "ÃÄÅÆÌá"}
_VIETNAMESE = frozenset(
    "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    "\u0300\u0301\u0303\u0309\u0323"
)


def _encoding_defect(text: str) -> str | None:
    """The first sign of broken encoding in `text`, shown as found; None when it looks sound."""
    if (broken := _BROKEN.search(text)) is not None:
        char = broken.group()
        if "\udc80" <= char <= "\udcff":  # an undecodable byte kept by surrogateescape
            return f"\\x{ord(char) - 0xDC00:02x}"
        return f"U+{ord(char):04X}"
    for match in _MOJIBAKE.finditer(text):
        found = match.group()
        raw = bytes([_LATIN_1_LEAD[found[0]], *(_CONTINUATION_BYTE[char] for char in found[1:])])
        try:
            letter = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if letter in _VIETNAMESE:
            return found
    return None


# --- values -------------------------------------------------------------------------------


def _text(value: object, field: str) -> str | None:
    """A cell or JSON value as clean text: NFC, trimmed, None when empty."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        raise _BadField(RowProblem.BAD_VALUE, field, type(value).__name__)
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime | date | time):  # spreadsheet cells
        text = value.isoformat()
    else:
        raise _BadField(RowProblem.BAD_VALUE, field, type(value).__name__)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if (defect := _encoding_defect(text)) is not None:
        raise _BadField(RowProblem.BAD_ENCODING, field, defect)
    return text.strip() or None


def _texts(value: object, field: str) -> tuple[str, ...]:
    """A multi-valued field: a JSON list item by item, text split into lines; empty items dropped."""
    if isinstance(value, list):
        items = [_text(item, field) for item in value]
    else:
        text = _text(value, field)
        items = [line.strip() for line in text.splitlines()] if text else []
    return tuple(item for item in items if item)


def _code(value: object) -> str:
    if isinstance(value, float) and 1 <= value < 10 and float(f"{value:.6f}") == value:
        # Excel stores an unformatted "1.001190" as the number 1.00119; the code has six decimals.
        value = f"{value:.6f}"
    code = _text(value, "code")
    if code is None:
        raise _BadField(RowProblem.MISSING_CODE, "code")
    if len(code) > _MAX_CODE_LENGTH or short_code(code) is None:
        raise _BadField(RowProblem.BAD_CODE, "code", code)
    return code


_FULL = re.compile(r"\btoan trinh\b|\bmuc (do )?4\b|^4$")
_PARTIAL = re.compile(r"\bmot phan\b|\bmuc (do )?3\b|^3$")


def online_level(text: str | None) -> OnlineLevel | None:
    """The online-service level a published text names; None when empty or not recognised."""
    if not text:
        return None
    folded = fold(text)
    if _FULL.search(folded):
        return OnlineLevel.FULL
    if _PARTIAL.search(folded):
        return OnlineLevel.PARTIAL
    return None


def parse_row(row: SourceRow) -> Procedure | BadRow:
    """A row as a procedure, or why it cannot be one (the first problem found)."""
    data = row.data
    code: str | None = None
    try:
        code = _code(data.get("code"))
        name = _text(data.get("name"), "name")
        processing_time = _text(data.get("processing_time"), "processing_time")
        procedure = Procedure(
            code=code,
            name=name or "",  # checked below, once every field has been checked for encoding
            level=_text(data.get("level"), "level"),
            field=_text(data.get("field"), "field"),
            agency=_text(data.get("agency"), "agency"),
            processing_time=processing_time,
            processing_days=parse_working_days(processing_time),
            fees=_text(data.get("fees"), "fees"),
            documents=_texts(data.get("documents"), "documents"),
            steps=_texts(data.get("steps"), "steps"),
            legal_basis=_texts(data.get("legal_basis"), "legal_basis"),
            online=online_level(_text(data.get("online"), "online")),
            source=_text(data.get("source"), "source"),
        )
    except _BadField as bad:
        return BadRow(row.line, bad.problem, bad.detail, field=bad.field, code=code)
    if name is None:
        return BadRow(row.line, RowProblem.MISSING_NAME, field="name", code=code)
    return procedure


def _bad_read(unreadable: UnreadableRow) -> BadRow:
    return BadRow(
        unreadable.line,
        RowProblem(unreadable.problem.value),
        unreadable.detail,
        field=unreadable.field,
        fatal=unreadable.fatal,
    )


# --- the service --------------------------------------------------------------------------


async def import_catalog(path: Path, uow: CatalogUnitOfWork, *, skip_bad_rows: bool = False) -> ImportReport:
    """Upsert the procedures of a catalog file by code in the unit of work's one transaction.

    Commits when the file has no bad rows, or when `skip_bad_rows` is set and the file could be
    read to its end; otherwise rolls back, so a bad file changes nothing.
    Raises UnsupportedCatalogFormat for a file suffix it does not read.
    """
    source = read_catalog_file(path)
    rows = 0
    bad_rows: list[BadRow] = []
    first_lines: dict[str, int] = {}  # code -> line: all the state kept per record
    batch: list[Procedure] = []
    written = UpsertCounts()

    async def flush() -> None:
        nonlocal written
        counts = await uow.procedures.upsert(batch)
        written = UpsertCounts(
            written.inserted + counts.inserted, written.updated + counts.updated, written.unchanged + counts.unchanged
        )
        batch.clear()

    for item in source:
        if isinstance(item, UnreadableRow):
            if item.line > 0 and not item.fatal:
                rows += 1  # a record that could not be read is still a row of the file
            bad_rows.append(_bad_read(item))
            continue
        rows += 1
        parsed = parse_row(item)
        if isinstance(parsed, BadRow):
            bad_rows.append(parsed)
            continue
        first = first_lines.setdefault(parsed.code, item.line)
        if first != item.line:
            bad_rows.append(BadRow(item.line, RowProblem.DUPLICATE_CODE, code=parsed.code, first_line=first))
            continue
        if bad_rows and not skip_bad_rows:
            continue  # it will be rolled back anyway; keep reading only to report every bad row
        batch.append(parsed)
        if len(batch) >= _BATCH:
            await flush()

    fatal = any(bad.fatal for bad in bad_rows)
    applied = not fatal and (skip_bad_rows or not bad_rows)
    if not applied:
        await uow.rollback()
        return ImportReport(rows, 0, 0, 0, tuple(bad_rows), applied=False)
    if batch:
        await flush()
    await uow.commit()
    return ImportReport(rows, written.inserted, written.updated, written.unchanged, tuple(bad_rows), applied=True)
