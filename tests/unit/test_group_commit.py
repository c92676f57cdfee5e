"""Group commit: concurrent submissions share a transaction, each caller gets its own outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from feedback.service_layer.group_commit import GroupCommit


class Ledger:
    """A stand-in transaction: records each batch written; negative numbers are refused one by one."""

    def __init__(self, fail_batches: int = 0) -> None:
        self.batches: list[list[int]] = []
        self.fail_batches = fail_batches

    async def write(self, values: Sequence[int]) -> list[str | Exception]:
        await asyncio.sleep(0)  # a real write yields to the loop, letting more callers queue
        if self.fail_batches:
            self.fail_batches -= 1
            raise ConnectionError("database went away")
        self.batches.append(list(values))
        return [ValueError(value) if value < 0 else f"#{value}" for value in values]


async def test_a_lone_submission_is_written_alone() -> None:
    ledger = Ledger()
    assert await GroupCommit(ledger.write).submit(7) == "#7"
    assert ledger.batches == [[7]]


async def test_submissions_arriving_together_share_batches_and_keep_their_order() -> None:
    ledger = Ledger()
    group = GroupCommit(ledger.write, max_batch=10)
    results = await asyncio.gather(*(group.submit(n) for n in range(25)))
    assert results == [f"#{n}" for n in range(25)]
    assert [n for batch in ledger.batches for n in batch] == list(range(25))
    assert len(ledger.batches) < 25
    assert max(len(batch) for batch in ledger.batches) <= 10


async def test_one_refused_submission_does_not_fail_the_others() -> None:
    ledger = Ledger()
    group = GroupCommit(ledger.write)
    outcomes = await asyncio.gather(group.submit(1), group.submit(-2), group.submit(3), return_exceptions=True)
    assert outcomes[0] == "#1" and outcomes[2] == "#3"
    assert isinstance(outcomes[1], ValueError)


async def test_a_failed_transaction_fails_everyone_in_it_and_the_next_one_works() -> None:
    ledger = Ledger(fail_batches=1)
    group = GroupCommit(ledger.write)
    outcomes = await asyncio.gather(group.submit(1), group.submit(2), return_exceptions=True)
    assert all(isinstance(outcome, ConnectionError) for outcome in outcomes)
    assert ledger.batches == []
    assert await group.submit(3) == "#3"


async def test_a_caller_that_gives_up_does_not_break_the_batch() -> None:
    ledger = Ledger()
    group = GroupCommit(ledger.write)
    impatient = asyncio.ensure_future(group.submit(1))
    patient = asyncio.ensure_future(group.submit(2))
    await asyncio.sleep(0)  # both are queued
    impatient.cancel()
    assert await patient == "#2"
    with pytest.raises(asyncio.CancelledError):
        await impatient
    assert ledger.batches == [[1, 2]]
