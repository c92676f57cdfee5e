"""The tracking code of a PAKN item, shaped like the national PAKN system's: `YYYYMMDD.NNNN`.

The date is the day of receipt in Vietnam local time (the caller gives it as a date); NNNN is the item's
number that day, from 1, zero-padded to four digits and longer from 10000 on ("20261123.10000").

Reading is tolerant of what people type: surrounding spaces, and between date and number a dot, a comma,
a dash, a space, or nothing ("202611230017"). Without a separator the code is still unambiguous, since
the date always has eight digits. The number needs at least four digits, as it is always shown; extra
leading zeros are accepted and dropped ("20261123.00017" is "20261123.0017").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

SEQUENCE_MIN_DIGITS = 4

_CODE = re.compile(r"(?P<day>[0-9]{8})[.,\-\s]?(?P<sequence>[0-9]{" + str(SEQUENCE_MIN_DIGITS) + r",})")


class InvalidTrackingCode(ValueError):
    """Text that is not a tracking code, or a code with an impossible date or number."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True, order=True)
class TrackingCode:
    day: date
    sequence: int

    def __post_init__(self) -> None:
        if self.sequence < 1:
            raise InvalidTrackingCode(f"{_day_digits(self.day)}.{self.sequence}")

    def __str__(self) -> str:
        return f"{_day_digits(self.day)}.{self.sequence:0{SEQUENCE_MIN_DIGITS}d}"


def _day_digits(day: date) -> str:
    # Not strftime("%Y"): it does not pad years before 1000 on every platform.
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def format_code(day: date, sequence: int) -> str:
    """The code of the `sequence`-th item received on `day`; raises InvalidTrackingCode for a sequence below 1."""
    return str(TrackingCode(day, sequence))


def parse_code(text: str) -> TrackingCode:
    """The code in `text`, with its surrounding spaces; raises InvalidTrackingCode."""
    # NFKC turns the full-width digits some phone keyboards produce into ASCII ones.
    match = _CODE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        raise InvalidTrackingCode(text)
    day_digits, sequence = match["day"], int(match["sequence"])
    try:
        day = date(int(day_digits[:4]), int(day_digits[4:6]), int(day_digits[6:]))
    except ValueError:
        raise InvalidTrackingCode(text) from None
    if sequence < 1:
        raise InvalidTrackingCode(text)
    return TrackingCode(day, sequence)
