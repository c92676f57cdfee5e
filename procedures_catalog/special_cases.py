"""Who a procedure is for: markers of organisation-only procedures and of special cases.

A citizen who types "làm sổ đỏ" means the household's or person's procedure, not the one "đối với tổ
chức"; "đăng ký khai sinh" means the general one, not "lưu động" or "có yếu tố nước ngoài". The words
that mark such variants are data (procedures_catalog/data/special_cases.tsv).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from vietnamese_text.normalise import fold, key, tokens

BUNDLED = "special_cases.tsv"


class MarkerKind(enum.StrEnum):
    ORGANISATION = "organisation"
    SPECIAL = "special"
    # Words that name no one a procedure is for, removed before the markers are looked for ("do cơ quan, tổ
    # chức có thẩm quyền cấp" says who issued a paper, not that the procedure is an organisation's).
    IGNORE = "ignore"


@dataclass(frozen=True)
class Marker:
    phrase: str  # folded words joined by single spaces
    kind: MarkerKind

    def in_text(self, folded_text: str) -> bool:
        """Whether the words occur, in order and whole, in a folded space-joined text."""
        return f" {self.phrase} " in f" {folded_text} "


def parse_markers(lines: Iterable[str]) -> list[Marker]:
    markers: list[Marker] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        phrase, _, kind = line.partition("\t")
        words = [fold(word) for word in tokens(key(phrase))]
        if words:
            markers.append(Marker(" ".join(words), MarkerKind(kind.strip())))
    return markers


def load_markers() -> tuple[Marker, ...]:
    text = resources.files("procedures_catalog").joinpath("data", BUNDLED).read_text(encoding="utf-8")
    return tuple(parse_markers(text.splitlines()))
