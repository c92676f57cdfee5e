"""Group commit: submissions that arrive while a write is under way share the next transaction.

Every caller still waits for the commit that holds its own submission, so nothing is acknowledged before
it is durable; under load one transaction carries many submissions instead of one each.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

# Writes a batch in one transaction; one result per input, in order: a value, or the exception for that input.
BatchWriter = Callable[[Sequence[In]], Awaitable[Sequence[Out | Exception]]]


class GroupCommit(Generic[In, Out]):
    def __init__(self, write: BatchWriter[In, Out], *, max_batch: int = 100) -> None:
        self._write = write
        self._max_batch = max_batch
        self._pending: list[tuple[In, asyncio.Future[Out]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, value: In) -> Out:
        """Queue `value` and wait until the transaction holding it has committed (or failed)."""
        future: asyncio.Future[Out] = asyncio.get_running_loop().create_future()
        self._pending.append((value, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            try:
                results = await self._write([value for value, _ in batch])
            except Exception as error:  # the whole transaction failed: nobody's submission is stored
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue  # the caller gave up waiting; its submission is stored all the same
                if isinstance(result, Exception):
                    future.set_exception(result)
                else:
                    future.set_result(result)
