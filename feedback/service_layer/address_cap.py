"""A daily cap on web filings per client address, beside the cap per person (phone or e-mail).

The cap per person counts a person however many addresses they use; this one stops a robot that makes up a
new phone number for every filing. It is higher than the person's cap, because many people share an
address (a commune office, a family, a mobile network's gateway). `client` is a digest of the address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from feedback.domain.submission_refused import SubmissionRefused
from feedback.service_layer.transaction import Transaction
from feedback.service_layer.web_attempts import AttemptKind, AttemptLog

WINDOW = timedelta(hours=24)


class AddressCapReached(SubmissionRefused):
    def __init__(self, cap: int, until: datetime) -> None:
        super().__init__(f"at most {cap} filings a day from one address")
        self.cap = cap
        self.until = until


class AttemptsUnitOfWork(Transaction, Protocol):
    @property
    def web_attempts(self) -> AttemptLog: ...


class AddressCap:
    def __init__(self, uow_factory: Callable[[], AttemptsUnitOfWork], clock: Callable[[], datetime], cap: int) -> None:
        if cap < 1:
            raise ValueError("the daily cap per address must be at least 1")
        self._uow_factory = uow_factory
        self._clock = clock
        self.cap = cap

    async def check(self, client: str) -> None:
        """Raises AddressCapReached, with when the next filing fits, once `client` has filed `cap` in 24 hours."""
        async with self._uow_factory() as uow:
            recent = await uow.web_attempts.recent(AttemptKind.FILING, self._clock() - WINDOW, client=client)
        if recent.count >= self.cap and recent.oldest is not None:
            raise AddressCapReached(self.cap, recent.oldest + WINDOW)

    async def record(self, client: str, code: str) -> None:
        async with self._uow_factory() as uow:
            await uow.web_attempts.add(AttemptKind.FILING, self._clock(), client=client, code=code)
            await uow.commit()
