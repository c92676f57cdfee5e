"""The citizens' query set the search benchmark reads: every answer it expects exists, and dev and test share
no source, so tuning on dev cannot leak into the figures read on test."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from procedures_catalog.pointers import load_pointers

QUERIES = Path(__file__).resolve().parents[2] / "bench" / "data" / "search_queries_citizens.jsonl"
KINDS = {"everyday", "official", "accentless", "abbreviation", "typo", "joined", "telex", "code", "out-of-catalog"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_expected_code_is_in_the_bundled_catalog(rows: list[dict[str, Any]]) -> None:
    data = resources.files("procedures_catalog").joinpath("data", "catalog.jsonl.gz").read_bytes()
    codes = {json.loads(line)["code"] for line in gzip.decompress(data).decode("utf-8").splitlines() if line}
    missing = [(row["query"], code) for row in rows for code in row["expected"] if code not in codes]
    assert missing == []


def test_every_query_expects_something_and_every_pointer_exists(rows: list[dict[str, Any]]) -> None:
    keys = {rule.pointer.key for rule in load_pointers().rules}
    assert [row["query"] for row in rows if not row["expected"] and not row["pointer"]] == []
    assert [row["pointer"] for row in rows if row["pointer"] and row["pointer"] not in keys] == []


def test_no_source_feeds_both_splits(rows: list[dict[str, Any]]) -> None:
    split_of: dict[str, set[Any]] = {}
    for row in rows:
        split_of.setdefault(urlparse(str(row["source"])).netloc.lower(), set()).add(row["split"])
    assert {host: splits for host, splits in split_of.items() if len(splits) > 1} == {}
    assert {row["split"] for row in rows} == {"dev", "test"}


def test_rows_are_well_formed(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 400
    assert [row["query"] for row in rows if not set(row["kinds"]) <= KINDS or not row["kinds"]] == []
    assert [row["query"] for row in rows if not str(row["source"]).startswith(("http://", "https://"))] == []
