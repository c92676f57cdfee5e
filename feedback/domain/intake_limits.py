"""Limits on what a citizen may submit, so the queue stays usable: length, attachments, a daily cap, repeats.

All limits are settings (`IntakeLimits`), with defaults that suit a Telegram channel: a bot can download
files of up to 20 MB, and a message holds at most 4096 characters.

- Content is measured after trimming, with runs of spaces and line breaks counted as one character.
- Content must say something in words: at least two words with letters, whatever is attached. Fifteen
  emoji, "a" under a photo, or a photo alone give the officer nothing to act on (the law asks for the
  content of the matter). With a photo or file a short caption ("Ổ gà") is enough: the minimum length
  applies only to a text-only submission. The maximum always does.
- A near duplicate is this citizen's earlier item with almost the same text. Texts are compared folded
  (no accents, no case, punctuation and spacing ignored) with `fuzz.ratio`, a whole-text edit similarity:
  a resend with a typo or a changed word scores above the threshold, while two complaints that share a
  street name score well below it. Set-based scorers (`token_set_ratio`, `WRatio`) would call a short
  text a duplicate of any longer one containing its words, so they are not used. Two texts whose numbers
  disagree (house 12 against house 40) are different matters however similar, which catches the
  template-like "Ổ gà trước số 12 Lê Lợi" / "Ổ gà trước số 40 Lê Lợi"; a number added on one side only
  ("ba tháng" retyped "3 tháng") is not a disagreement.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from rapidfuzz import fuzz

from feedback.domain.submission_refused import SubmissionRefused
from vietnamese_text.normalise import fold, nfc, tokens

MIB = 1024 * 1024


@dataclass(frozen=True)
class IntakeLimits:
    content_min_chars: int = 10
    content_max_chars: int = 5000
    max_attachments: int = 5
    max_attachment_bytes: int = 20 * MIB  # what the Telegram Bot API lets a bot download
    daily_cap_per_citizen: int = 5
    # Filings a day from one client address, for a channel that knows it (the portal): many people share one.
    daily_cap_per_address: int = 20
    duplicate_window_hours: int = 24
    duplicate_similarity: int = 90  # 0 to 100, as rapidfuzz scores

    def __post_init__(self) -> None:
        if not 0 <= self.content_min_chars <= self.content_max_chars:
            raise ValueError("content limits need 0 <= content_min_chars <= content_max_chars")
        if self.max_attachments < 0 or self.max_attachment_bytes < 1:
            raise ValueError("attachment limits need max_attachments >= 0 and max_attachment_bytes >= 1")
        if self.daily_cap_per_citizen < 1 or self.daily_cap_per_address < 1:
            raise ValueError("daily_cap_per_citizen and daily_cap_per_address must be at least 1")
        if self.duplicate_window_hours < 0:
            raise ValueError("duplicate_window_hours must not be negative")
        if not 0 <= self.duplicate_similarity <= 100:
            raise ValueError("duplicate_similarity is a score from 0 to 100")


class ContentProblem(StrEnum):
    EMPTY = "empty"
    NO_WORDS = "no_words"  # emoji, punctuation or a lone letter: nothing an officer can read
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


class AttachmentProblem(StrEnum):
    TOO_MANY = "too_many"
    TOO_LARGE = "too_large"


class ContentRejected(SubmissionRefused, ValueError):
    def __init__(self, problem: ContentProblem, limit: int | None = None) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.limit = limit  # the minimum or maximum that was not met, for the channel's message


class AttachmentRejected(SubmissionRefused, ValueError):
    def __init__(self, problem: AttachmentProblem, limit: int) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.limit = limit  # the number of files or the bytes allowed


class DailyCapReached(SubmissionRefused):
    def __init__(self, cap: int) -> None:
        super().__init__(f"at most {cap} submissions a day")
        self.cap = cap


def content_length(text: str) -> int:
    """Characters in `text` as the limits count them: trimmed, NFC, each run of whitespace as one."""
    return len(" ".join(nfc(text).split()))


MIN_WORDS = 2


def word_count(text: str) -> int:
    """Words of `text` that have at least one letter: emoji, punctuation and bare numbers are not words."""
    return sum(1 for word in tokens(nfc(text)) if any(char.isalpha() for char in word))


def check_content(text: str, limits: IntakeLimits) -> None:
    """A text-only submission's content; raises ContentRejected."""
    length = content_length(text)
    if length == 0:
        raise ContentRejected(ContentProblem.EMPTY)
    if length < limits.content_min_chars:
        raise ContentRejected(ContentProblem.TOO_SHORT, limits.content_min_chars)
    _check_words(text)
    _check_max(length, limits)


def _check_words(text: str) -> None:
    if word_count(text) < MIN_WORDS:
        raise ContentRejected(ContentProblem.NO_WORDS, MIN_WORDS)


def _check_max(length: int, limits: IntakeLimits) -> None:
    if length > limits.content_max_chars:
        raise ContentRejected(ContentProblem.TOO_LONG, limits.content_max_chars)


def check_attachment(size_bytes: int | None, count_so_far: int, limits: IntakeLimits) -> None:
    """One more file on a submission that has `count_so_far`; an unknown size (None) is let through."""
    if count_so_far >= limits.max_attachments:
        raise AttachmentRejected(AttachmentProblem.TOO_MANY, limits.max_attachments)
    if size_bytes is not None and size_bytes > limits.max_attachment_bytes:
        raise AttachmentRejected(AttachmentProblem.TOO_LARGE, limits.max_attachment_bytes)


def check_submission(content: str, attachment_count: int, limits: IntakeLimits) -> None:
    """A whole submission: a text, or attachments with a caption of a few words, up to the maximum."""
    if attachment_count > limits.max_attachments:
        raise AttachmentRejected(AttachmentProblem.TOO_MANY, limits.max_attachments)
    if attachment_count > 0:
        if content_length(content) == 0:
            raise ContentRejected(ContentProblem.EMPTY)
        _check_words(content)
        _check_max(content_length(content), limits)
    else:
        check_content(content, limits)


def check_daily_cap(count_today: int, limits: IntakeLimits) -> None:
    """Whether one more submission fits, given the citizen's `count_today`; raises DailyCapReached."""
    if count_today >= limits.daily_cap_per_citizen:
        raise DailyCapReached(limits.daily_cap_per_citizen)


DAILY_CAP_WINDOW = timedelta(hours=24)


def filing_opens_at(received: Sequence[datetime], limits: IntakeLimits) -> datetime | None:
    """When a citizen who filed at the times `received` (those within the last DAILY_CAP_WINDOW) may file
    again; None when one more fits now. The cap counts the window's items: filing opens when enough of the
    oldest have left it that one more fits."""
    cap = limits.daily_cap_per_citizen
    if len(received) < cap:
        return None
    ordered = sorted(received)
    return ordered[len(ordered) - cap] + DAILY_CAP_WINDOW


def find_near_duplicate(content: str, previous: Sequence[tuple[str, str]], limits: IntakeLimits) -> str | None:
    """The code of the most similar of `previous` (code, content) pairs that nearly repeats `content`, if any."""
    text = _comparable(content)
    if not text:
        return None  # a photo-only submission has no text to repeat
    best: tuple[float, str] | None = None
    for code, earlier in previous:
        other = _comparable(earlier)
        if not other or _numbers_disagree(text, other):
            continue
        score = fuzz.ratio(text, other)
        if score >= limits.duplicate_similarity and (best is None or score > best[0]):
            best = (score, code)
    return best[1] if best is not None else None


def _comparable(text: str) -> str:
    return " ".join(tokens(fold(text)))


_NUMBER = re.compile(r"\d+")


def _numbers_disagree(first: str, second: str) -> bool:
    """Each text has a number the other lacks: they name different houses, dates or amounts."""
    ours, theirs = Counter(_NUMBER.findall(first)), Counter(_NUMBER.findall(second))
    return bool(ours - theirs) and bool(theirs - ours)
