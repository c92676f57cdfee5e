"""Every refusal at intake shares one base, so a channel that catches SubmissionRefused misses none of them."""

from collections.abc import Callable

import pytest

from feedback.domain.contact import parse_contact
from feedback.domain.intake_limits import IntakeLimits, check_attachment, check_content, check_daily_cap
from feedback.domain.model import Contact
from feedback.domain.submission_refused import SubmissionRefused
from feedback.domain.units import UnknownUnit
from feedback.service_layer.feedback_service import checked_contact

LIMITS = IntakeLimits(max_attachments=2, daily_cap_per_citizen=3)


def _unknown_unit() -> None:
    raise UnknownUnit("XA-KHONG-CO")  # what the unit of work raises for a unit the draft names and nobody has


REFUSALS: dict[str, Callable[[], object]] = {
    "empty content": lambda: check_content("   ", LIMITS),
    "content of emoji only": lambda: check_content("😡😡😡", LIMITS),
    "a file too many": lambda: check_attachment(1_000, 2, LIMITS),
    "the daily cap": lambda: check_daily_cap(3, LIMITS),
    "an unreadable phone": lambda: parse_contact("0123"),
    "no address": lambda: checked_contact(Contact(name="Lê Văn Tám", phone="0912345678", address="")),
    "an unknown unit": _unknown_unit,
}


@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS.keys())
def test_each_intake_refusal_is_a_submission_refused(refusal: Callable[[], object]) -> None:
    with pytest.raises(SubmissionRefused):
        refusal()
