"""What the agency teaches search: queries that got no confident answer, and the mappings it adds.

A query is kept without personal data: its text (with anything that looks like a phone number or an
e-mail address removed), the channel and the time; never who asked. An administrator then maps a query
to a procedure or adds a synonym; the mappings are synonym lines (phrase → expansion), audited (who,
when) and exported in the synonyms file format.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from procedures_catalog.synonyms import Synonym, SynonymTable, parse_synonyms
from vietnamese_text.normalise import fold, key, tokens

MAX_TEXT = 200
REDACTED = "…"
# Vietnamese phone numbers (0xx or +84, spaces, dots or dashes between digits) and e-mail addresses.
_PHONE = re.compile(r"(?:\+\s?84|\b0)(?:[\s.\-]?\d){8,10}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"\d{8,}")  # any other run of digits long enough to be a phone or an ID number


class UnansweredReason(enum.StrEnum):
    NOT_CONFIDENT = "not_confident"  # only suggestions, or nothing at all
    SEARCHED_AGAIN = "searched_again"  # the citizen searched again right after (the caller knows)


class InvalidLesson(ValueError):
    """A mapping an administrator asked for that cannot be saved (message in Vietnamese)."""


def scrub(text: str) -> str:
    """`text` without phone numbers, e-mail addresses and long digit runs, spaces collapsed, bounded."""
    text = _EMAIL.sub(REDACTED, text)
    text = _PHONE.sub(REDACTED, text)
    text = _LONG_NUMBER.sub(REDACTED, text)
    return " ".join(text.split())[:MAX_TEXT]


def group_key(text: str) -> str:
    """Queries typed the same way up to accents, case and punctuation are one group."""
    return " ".join(fold(word) for word in tokens(key(text)))


@dataclass(frozen=True)
class UnansweredGroup:
    key: str
    example: str  # one of the texts as typed
    count: int
    last_at: datetime
    channels: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    phrase: str
    expansion: str
    procedure_code: str | None
    taught_by: str
    taught_at: datetime

    @property
    def synonym_line(self) -> str:
        return f"{self.phrase}\t{self.expansion}"


def lesson(phrase: str, expansion: str, procedure_code: str | None, by: str, at: datetime) -> Lesson:
    """A checked lesson: a phrase with words, and an expansion with words (both one line)."""
    phrase = " ".join(phrase.split())
    expansion = " ".join(expansion.split())
    if not tokens(key(phrase)):
        raise InvalidLesson("Cụm từ người dân gõ không được để trống.")
    if not tokens(key(expansion)):
        raise InvalidLesson("Cần chọn thủ tục hoặc nhập cách nói chính thức.")
    if "\t" in phrase + expansion or "#" in phrase + expansion:
        raise InvalidLesson("Cụm từ không được chứa ký tự # hoặc tab.")
    return Lesson(phrase, expansion, procedure_code, by, at)


def synonyms_file(lessons: Iterable[Lesson]) -> str:
    """The lessons in the synonyms file format, each with who taught it and when as a comment."""
    lines = ["# Một Cửa bot: cách nói do cán bộ dạy (định dạng như procedures_catalog/data/synonyms.tsv)"]
    for item in lessons:
        lines.append(f"# {item.taught_by} {item.taught_at.isoformat(timespec='seconds')}")
        lines.append(item.synonym_line)
    return "\n".join(lines) + "\n"


def with_lessons(base: Iterable[Synonym], lessons: Iterable[Lesson]) -> SynonymTable:
    """The synonym table: the bundled and office entries, then what the agency taught."""
    return SynonymTable.of([*base, *parse_synonyms(item.synonym_line for item in lessons)])
