"""Catalog files (JSON lines, gzip JSON lines, CSV, XLSX) read as rows of known columns, each with its line.

Reading only recognises columns and keeps the raw values; checking and cleaning them is
`procedures_catalog.importing`'s job. Rows are streamed: nothing holds more than one row.
"""

from __future__ import annotations

import csv
import enum
import functools
import gzip
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

FIELDS = (
    "code",
    "name",
    "level",
    "field",
    "agency",
    "processing_time",
    "fees",
    "documents",
    "steps",
    "legal_basis",
    "online",
    "source",
)
REQUIRED_COLUMNS = ("code", "name")

# Headers as agencies write them, compared after `fold` (no accents, lower case, single spaces).
_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("ma thu tuc", "ma tthc", "ma so", "ma", "ma thu tuc hanh chinh", "ma so tthc", "ma so thu tuc"),
    "name": ("ten thu tuc", "ten tthc", "ten", "ten thu tuc hanh chinh"),
    "level": ("cap thuc hien", "cap"),
    "field": ("linh vuc",),
    "agency": ("co quan thuc hien", "co quan giai quyet", "co quan co tham quyen", "co quan"),
    "processing_time": ("thoi han giai quyet", "thoi gian giai quyet", "thoi han", "thoi gian"),
    "fees": ("phi le phi", "phi va le phi", "le phi", "phi"),
    "documents": ("thanh phan ho so", "ho so"),
    "steps": ("trinh tu thuc hien", "trinh tu", "cac buoc thuc hien"),
    "legal_basis": ("can cu phap ly",),
    "online": (
        "muc do dvc",
        "muc do dvctt",
        "muc do dich vu cong",
        "dich vu cong truc tuyen",
        "dvc truc tuyen",
        "dvctt",
        "muc do",
    ),
    "source": ("nguon", "nguon du lieu"),
}

# An agency's sheet often opens with a title block; the header is looked for in the first rows.
_HEADER_SEARCH_ROWS = 20

_WORDS = re.compile(r"[a-z0-9]+")
_XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class UnsupportedCatalogFormat(Exception):
    """The file's suffix names no format the importer reads."""


class ReadProblem(enum.StrEnum):
    BAD_JSON = "bad_json"
    NOT_AN_OBJECT = "not_an_object"
    BAD_ENCODING = "bad_encoding"
    BAD_CSV = "bad_csv"
    MISSING_COLUMN = "missing_column"
    UNREADABLE_FILE = "unreadable_file"


@dataclass(frozen=True)
class SourceRow:
    """One record: its line (JSONL line, CSV line it starts on, sheet row) and its recognised columns."""

    line: int
    data: dict[str, object]


@dataclass(frozen=True)
class UnreadableRow:
    """A line that could not be read as a record. Line 0 stands for the file as a whole."""

    line: int
    problem: ReadProblem
    detail: str = ""
    field: str | None = None
    fatal: bool = False  # nothing after it could be read: the file cannot be imported at all


def fold(text: str) -> str:
    """`text` without accents or case, words joined by single spaces: "Mã TTHC" -> "ma tthc"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORDS.findall(bare.lower()))


_FIELD_OF_HEADER: dict[str, str] = {fold(field): field for field in FIELDS} | {
    alias: field for field, aliases in _ALIASES.items() for alias in aliases
}


@functools.lru_cache(maxsize=256)
def column_field(header: object) -> str | None:
    """The field a column header (or JSON key) names, accent- and case-insensitively; None if unknown."""
    if not isinstance(header, str):
        return None
    return _FIELD_OF_HEADER.get(fold(header))


def read_catalog_file(path: Path) -> Iterator[SourceRow | UnreadableRow]:
    """The rows of a catalog file, in order. Raises UnsupportedCatalogFormat before reading anything."""
    name = path.name.lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return _read_jsonl_gz(path)
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return _read_jsonl_plain(path)
    if name.endswith(".csv"):
        return _read_csv(path)
    if name.endswith(".xlsx"):
        return _read_xlsx(path)
    raise UnsupportedCatalogFormat(path.name)


# --- JSON lines ---------------------------------------------------------------------------


def _read_jsonl_plain(path: Path) -> Iterator[SourceRow | UnreadableRow]:
    with path.open("rb") as stream:
        yield from _read_jsonl(stream)


def _read_jsonl_gz(path: Path) -> Iterator[SourceRow | UnreadableRow]:
    with gzip.open(path, "rb") as stream:
        try:
            yield from _read_jsonl(cast(IO[bytes], stream))
        except (OSError, EOFError, zlib.error) as error:  # not gzip, or cut short
            yield UnreadableRow(0, ReadProblem.UNREADABLE_FILE, str(error), fatal=True)


def _read_jsonl(stream: IO[bytes]) -> Iterator[SourceRow | UnreadableRow]:
    for line, raw in enumerate(stream, start=1):
        if line == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield UnreadableRow(line, ReadProblem.BAD_ENCODING, _byte_text(raw[error.start : error.end]))
            continue
        if not text.strip():
            continue  # blank lines (a trailing newline, a gap) are not records
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield UnreadableRow(line, ReadProblem.BAD_JSON, f"{error.msg} (column {error.colno})")
            continue
        if not isinstance(value, dict):
            yield UnreadableRow(line, ReadProblem.NOT_AN_OBJECT, type(value).__name__)
            continue
        data: dict[str, object] = {}
        for key, item in value.items():
            field = column_field(key)
            if field is not None and field not in data:
                data[field] = item
        yield SourceRow(line, data)


# --- tables: CSV and XLSX -----------------------------------------------------------------

# A table record: its line and its cells, or a problem that ends reading.
_Record = tuple[int, list[object]] | UnreadableRow


def _read_csv(path: Path) -> Iterator[SourceRow | UnreadableRow]:
    with path.open("rb") as raw:
        if raw.read(2) in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" export
            yield UnreadableRow(0, ReadProblem.BAD_ENCODING, "UTF-16", fatal=True)
            return
        raw.seek(0)
        # Undecodable bytes survive as lone surrogates, so each bad record is reported on its own line.
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        delimiter = _delimiter(text.readline())
        text.seek(0)
        yield from _table_rows(_csv_records(text, delimiter))


def _delimiter(first_line: str) -> str:
    # Excel on Vietnamese Windows writes ";" (the decimal separator there is ",").
    return max((",", ";", "\t"), key=first_line.count)


def _csv_records(text: IO[str], delimiter: str) -> Iterator[_Record]:
    reader = csv.reader(text, delimiter=delimiter)
    while True:
        line = reader.line_num + 1  # the physical line the next record starts on
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield UnreadableRow(line, ReadProblem.BAD_CSV, str(error), fatal=True)
            return
        yield line, list(cells)


def _read_xlsx(path: Path) -> Iterator[SourceRow | UnreadableRow]:
    # Imported here: openpyxl takes a third of a second to import, and most commands never read Excel.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        yield UnreadableRow(0, ReadProblem.UNREADABLE_FILE, str(error) or type(error).__name__, fatal=True)
        return
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong sheet size, which would cut rows short
        yield from _table_rows(
            (line, [_xlsx_value(cell) for cell in cells])
            for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
    finally:
        workbook.close()


def _xlsx_value(value: object) -> object:
    # Excel stores control characters (and the CR of CR LF) as "_x000D_"; openpyxl leaves them escaped.
    if isinstance(value, str) and "_x" in value:
        return _XLSX_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value)
    return value


def _table_rows(records: Iterable[_Record]) -> Iterator[SourceRow | UnreadableRow]:
    """Find the header among the first records, then map every later record's cells to fields."""
    records = iter(records)
    columns: dict[int, str] = {}  # the best header candidate so far
    first_line: int | None = None
    for record in records:
        if isinstance(record, UnreadableRow):
            yield record
            return
        line, cells = record
        if _is_blank(cells):
            continue
        if _has_undecodable_text(cells):
            yield UnreadableRow(line, ReadProblem.BAD_ENCODING, "header", fatal=True)
            return
        first_line = first_line or line
        candidate = _columns(cells)
        if _required_count(candidate) > _required_count(columns):
            columns = candidate
        if _required_count(columns) == len(REQUIRED_COLUMNS) or line - first_line >= _HEADER_SEARCH_ROWS:
            break
    if _required_count(columns) < len(REQUIRED_COLUMNS):
        for field in REQUIRED_COLUMNS:
            if field not in columns.values():
                yield UnreadableRow(first_line or 1, ReadProblem.MISSING_COLUMN, field=field, fatal=True)
        return
    for record in records:
        if isinstance(record, UnreadableRow):
            yield record
            return
        line, cells = record
        data = {field: cells[index] for index, field in columns.items() if index < len(cells)}
        if not _is_blank(data.values()):
            yield SourceRow(line, data)


def _required_count(columns: dict[int, str]) -> int:
    return sum(field in columns.values() for field in REQUIRED_COLUMNS)


def _columns(cells: list[object]) -> dict[int, str]:
    """Column index -> field; when two columns name one field, the first wins."""
    columns: dict[int, str] = {}
    for index, cell in enumerate(cells):
        field = column_field(cell)
        if field is not None and field not in columns.values():
            columns[index] = field
    return columns


def _is_blank(values: Iterable[object]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _has_undecodable_text(cells: list[object]) -> bool:
    return any(isinstance(cell, str) and re.search("[\udc80-\udcff]", cell) for cell in cells)


def _byte_text(data: bytes) -> str:
    return "".join(f"\\x{byte:02x}" for byte in data)
