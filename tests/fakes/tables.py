"""A table of committed rows and one transaction's writes to it, with the checks a database makes on commit.

Reads in a transaction see the rows committed so far and the transaction's own writes (PostgreSQL's read
committed). Rows are copied in and out, so nothing a service holds changes what is stored behind its back.
A transaction that writes a row another one committed after it first wrote, or breaks a unique constraint,
fails on commit: where a database would make the second writer wait, the fake refuses it, and what happens
between concurrent sessions is the integration layer's to test.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class Unique(Generic[V]):
    """A unique constraint: the value a row must not share with another (None: not constrained), and the
    error storage raises when it is broken."""

    of: Callable[[V], Hashable | None]
    error: Callable[[V], Exception]


class Table(Generic[K, V]):
    """The committed rows, each with the number of the commit that last wrote it.

    `conflict` is the error of a transaction that changed a row someone else changed first, `duplicate` of one
    that added a row with a key someone else added first (by default the same)."""

    def __init__(
        self,
        *,
        conflict: Callable[[K], Exception],
        duplicate: Callable[[K], Exception] | None = None,
        unique: tuple[Unique[V], ...] = (),
    ) -> None:
        self.rows: dict[K, V] = {}
        self.written_in: dict[K, int] = {}
        self.conflict = conflict
        self.duplicate = duplicate or conflict
        self.unique = unique

    def transaction(self) -> Writes[K, V]:
        return Writes(self)


class Writes(Generic[K, V]):
    """One transaction's view of a table: the committed rows overlaid with its own uncommitted writes."""

    def __init__(self, table: Table[K, V]) -> None:
        self._table = table
        self._rows: dict[K, V] = {}
        # The commit each written row came from when this transaction first wrote it (None: not stored then).
        self._based_on: dict[K, int | None] = {}

    def get(self, key: K) -> V | None:
        row = self._rows[key] if key in self._rows else self._table.rows.get(key)
        return copy.deepcopy(row)

    def __contains__(self, key: K) -> bool:
        return key in self._rows or key in self._table.rows

    def items(self) -> Iterator[tuple[K, V]]:
        """Every row, committed or written here, in the order first stored (a copy of each)."""
        for key, row in self._merged().items():
            yield key, copy.deepcopy(row)

    def values(self) -> Iterator[V]:
        for _, row in self.items():
            yield row

    def put(self, key: K, row: V) -> None:
        """Write a row; raises the constraint's error if another row, committed or written here, holds its
        unique value."""
        self._check_unique(key, row, self._merged().items())
        self._based_on.setdefault(key, self._table.written_in.get(key))
        self._rows[key] = copy.deepcopy(row)

    def check(self) -> None:
        """Raise what a commit would: a row changed by a commit since this transaction wrote it, or a unique
        value another transaction committed meanwhile."""
        # Unique values first, as a database's unique index answers before its row lock; a row committed meanwhile
        # under the key this transaction added is another row, whose values count too.
        for key, row in self._rows.items():
            others: list[tuple[K | None, V]] = list(self._table.rows.items())
            if self._based_on.get(key) is None and key in self._table.rows:
                others.append((None, self._table.rows[key]))
            self._check_unique(key, row, others)
        for key, based_on in self._based_on.items():
            if self._table.written_in.get(key) != based_on:
                raise self._table.duplicate(key) if based_on is None else self._table.conflict(key)

    def apply(self, commit: int) -> None:
        for key, row in self._rows.items():
            self._table.rows[key] = row
            self._table.written_in[key] = commit
        self.discard()

    def discard(self) -> None:
        self._rows.clear()
        self._based_on.clear()

    def _merged(self) -> dict[K, V]:
        merged = dict(self._table.rows)
        merged.update(self._rows)
        return merged

    def _check_unique(self, key: K, row: V, others: Iterable[tuple[K | None, V]]) -> None:
        for unique in self._table.unique:
            value = unique.of(row)
            if value is None:
                continue
            if any(other_key != key and unique.of(other) == value for other_key, other in others):
                raise unique.error(row)
