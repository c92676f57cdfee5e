"""Pointers: matters no commune or province handles (divorce, lawsuits…), and where they are handled.

The table is data (procedures_catalog/data/pointers.tsv, format in its header) so that officers can
correct or extend it without code changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vietnamese_text.normalise import fold, key, tokens

BUNDLED = "pointers.tsv"


@dataclass(frozen=True)
class Pointer:
    """Where a matter outside the catalog is handled; `text` is Vietnamese, shown as written."""

    key: str
    text: str


@dataclass(frozen=True)
class _Rule:
    pointer: Pointer
    phrases: tuple[tuple[str, ...], ...]  # folded word sequences
    exceptions: tuple[tuple[str, ...], ...]


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


@dataclass(frozen=True)
class PointerTable:
    rules: tuple[_Rule, ...] = ()

    def __len__(self) -> int:
        return len(self.rules)

    def find(self, folded_words: Sequence[str]) -> Pointer | None:
        """The first pointer one of whose phrases the query contains, unless an exception does too."""
        for rule in self.rules:
            if any(_contains(folded_words, p) for p in rule.phrases) and not any(
                _contains(folded_words, p) for p in rule.exceptions
            ):
                return rule.pointer
        return None


def parse_pointers(lines: Iterable[str]) -> list[_Rule]:
    """Rules of a pointer file: `key<TAB>phrase / phrase / - exception<TAB>text`."""
    rules: list[_Rule] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) != 3:
            raise ValueError(f"pointer line needs three TAB-separated columns: {raw.strip()!r}")
        name, phrase_text, text = (column.strip() for column in columns)
        phrases: list[tuple[str, ...]] = []
        exceptions: list[tuple[str, ...]] = []
        for part in phrase_text.split("/"):
            part = part.strip()
            target = exceptions if part.startswith("-") else phrases
            words = tuple(fold(word) for word in tokens(key(part.lstrip("- "))))
            if words:
                target.append(words)
        rules.append(_Rule(Pointer(name, text), tuple(phrases), tuple(exceptions)))
    return rules


def load_pointers(extra: Path | None = None) -> PointerTable:
    """The bundled pointers plus, when given, an office's own file (its keys replace bundled ones)."""
    bundled = resources.files("procedures_catalog").joinpath("data", BUNDLED).read_text(encoding="utf-8")
    rules = {rule.pointer.key: rule for rule in parse_pointers(bundled.splitlines())}
    if extra is not None:
        rules.update({rule.pointer.key: rule for rule in parse_pointers(Path(extra).read_text("utf-8").splitlines())})
    return PointerTable(tuple(rules.values()))
