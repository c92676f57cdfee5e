"""A daily cap on web filings per client address, beside the cap per person (phone or e-mail).

The cap per person counts a person however many addresses they use; this one stops a robot that makes up a
new phone number for every filing. It is higher than the person's cap (`IntakeLimits.daily_cap_per_address`),
because many people share an address (a commune office, a family, a mobile network's gateway). A draft's
`client` is a digest of the address; the service counts the client's filings and records the new one in the
transaction that stores the item, as it counts the person's."""

from __future__ import annotations

from datetime import datetime, timedelta

from feedback.domain.submission_refused import SubmissionRefused
from feedback.service_layer.web_attempts import RecentAttempts

WINDOW = timedelta(hours=24)


class AddressCapReached(SubmissionRefused):
    def __init__(self, cap: int, until: datetime) -> None:
        super().__init__(f"at most {cap} filings a day from one address")
        self.cap = cap
        self.until = until


def check_address_cap(recent: RecentAttempts, cap: int) -> None:
    """Raises AddressCapReached, with when the next filing fits, once the client has filed `cap` in 24 hours."""
    if recent.count >= cap and recent.oldest is not None:
        raise AddressCapReached(cap, recent.oldest + WINDOW)
