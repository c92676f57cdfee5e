"""What every service's unit of work is: one transaction, rolled back on exit unless committed.

Each service declares its own unit of work (the repositories it needs) on top of this protocol;
storage.unit_of_work.SqlUnitOfWork provides them all."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self


class Transaction(Protocol):
    """One transaction: rolled back on exit unless `commit()` was awaited."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
