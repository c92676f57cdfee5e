"""Units (đơn vị: sở, phòng, UBND xã…) and the tree they form through their parent units.

The tree answers the questions that permissions, escalation and reports ask: which units sit above a
unit (`ancestors`), which sit under it, itself included ("unit with sub-units" in the reports:
`descendants`), and the order an overdue item climbs (`escalation_chain`). A tree is checked when it
is built: every parent must be a unit of the tree and no unit may be its own ancestor.

Siblings come in the office's own order (`position`, as its reports list them: "1. Văn phòng HĐND và UBND,
2. Phòng Nội vụ…"), then, those without one, by code.

Unit codes are short identifiers, not names: ASCII letters, digits, ".", "-" and "_", at most 64
characters, kept in upper case (`normalise_unit_code`), so "vp-ubnd" typed at a prompt finds "VP-UBND".
Codes such as "000.00.31.H56" (the state's agency identifiers) fit the same rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from feedback.domain.submission_refused import SubmissionRefused

MAX_CODE_LENGTH = 64
MAX_POSITION = 9999
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]*")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent: str | None = None
    position: int | None = None  # among its siblings, in the office's own order; None: after those with one


class UnitError(Exception):
    """A unit, or a set of units, that breaks the rules of the tree."""


class InvalidUnitCode(UnitError):
    def __init__(self, code: str) -> None:
        super().__init__(f"not a unit code: {code!r}")
        self.code = code


class InvalidUnitName(UnitError):
    """A unit needs a name that is not blank."""


class InvalidUnitPosition(UnitError):
    def __init__(self, position: object) -> None:
        super().__init__(f"a unit's position is a whole number from 1 to {MAX_POSITION}, not {position!r}")
        self.position = position


class UnknownUnit(UnitError, SubmissionRefused):
    def __init__(self, code: str, message: str | None = None) -> None:
        super().__init__(message or f"no unit {code}")
        self.code = code


class UnknownParent(UnknownUnit):
    """A unit names a parent that is not in the tree; `code` is the missing parent."""

    def __init__(self, unit: str, parent: str) -> None:
        super().__init__(parent, f"unit {unit} names an unknown parent {parent}")
        self.unit = unit


class DuplicateUnit(UnitError):
    def __init__(self, code: str) -> None:
        super().__init__(f"unit {code} exists already")
        self.code = code


class UnitCycle(UnitError):
    """Units that are their own ancestors, listed from one of them along its parents."""

    def __init__(self, codes: tuple[str, ...]) -> None:
        super().__init__("units form a cycle: " + " → ".join((*codes, codes[0])))
        self.codes = codes


def normalise_unit_code(code: str) -> str:
    """The code in its stored form; raises InvalidUnitCode."""
    normalised = code.strip().upper()
    if len(normalised) > MAX_CODE_LENGTH or not _CODE.fullmatch(normalised):
        raise InvalidUnitCode(code)
    return normalised


def check_unit_position(position: int | None) -> int | None:
    """The position as given; raises InvalidUnitPosition outside 1..MAX_POSITION."""
    if position is not None and (isinstance(position, bool) or not 1 <= position <= MAX_POSITION):
        raise InvalidUnitPosition(position)
    return position


def normalise_unit_name(name: str) -> str:
    """The name trimmed and in NFC, so the same Vietnamese name typed on two systems compares equal."""
    normalised = " ".join(unicodedata.normalize("NFC", name).split())
    if not normalised:
        raise InvalidUnitName(name)
    return normalised


class UnitTree:
    """Units with their parent links, checked when built; immutable (`with_unit` returns a new tree)."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._units: dict[str, Unit] = {}
        for unit in units:
            if unit.code in self._units:
                raise DuplicateUnit(unit.code)
            self._units[unit.code] = unit
        self._children: dict[str | None, list[str]] = {}
        for unit in self._units.values():
            if unit.parent is not None and unit.parent not in self._units:
                raise UnknownParent(unit.code, unit.parent)
            self._children.setdefault(unit.parent, []).append(unit.code)
        for codes in self._children.values():
            codes.sort(key=self._sibling_order)
        self._check_acyclic()

    def _sibling_order(self, code: str) -> tuple[bool, int, str]:
        position = self._units[code].position
        return (position is None, position or 0, code)

    def _check_acyclic(self) -> None:
        """Every unit must reach a root by its parents; the first one that loops names the cycle."""
        reaches_root: set[str] = set()
        for start in self._units:
            path: list[str] = []
            on_path: set[str] = set()
            code: str | None = start
            while code is not None and code not in reaches_root:
                if code in on_path:
                    raise UnitCycle(tuple(path[path.index(code) :]))
                path.append(code)
                on_path.add(code)
                code = self._units[code].parent
            reaches_root.update(path)

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def __iter__(self) -> Iterator[Unit]:
        """Depth first from the roots, siblings in the office's order: the order of a printed tree."""
        return (unit for _, unit in self.walk())

    def __len__(self) -> int:
        return len(self._units)

    def get(self, code: str) -> Unit:
        try:
            return self._units[code]
        except KeyError:
            raise UnknownUnit(code) from None

    def roots(self) -> list[Unit]:
        return [self._units[code] for code in self._children.get(None, [])]

    def children(self, code: str) -> list[Unit]:
        self.get(code)
        return [self._units[child] for child in self._children.get(code, [])]

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The units above `code`, nearest first, ending at its root; empty for a root."""
        parents: list[str] = []
        parent = self.get(code).parent
        while parent is not None:
            parents.append(parent)
            parent = self._units[parent].parent
        return tuple(parents)

    def descendants(self, code: str) -> frozenset[str]:
        """`code` and every unit under it, at any depth."""
        self.get(code)
        found: set[str] = set()
        pending = [code]
        while pending:
            current = pending.pop()
            found.add(current)
            pending.extend(self._children.get(current, []))
        return frozenset(found)

    def escalation_chain(self, code: str) -> tuple[str, ...]:
        """Where an overdue item of `code` goes, step by step: the unit itself (its head), then each
        unit above it up to the root."""
        return (code, *self.ancestors(code))

    def walk(self) -> Iterator[tuple[int, Unit]]:
        """(depth, unit) depth first from the roots, roots at depth 0."""
        pending = [(0, code) for code in reversed(self._children.get(None, []))]
        while pending:
            depth, code = pending.pop()
            yield depth, self._units[code]
            pending.extend((depth + 1, child) for child in reversed(self._children.get(code, [])))

    def with_unit(self, unit: Unit) -> UnitTree:
        """This tree and one more unit; raises DuplicateUnit or UnknownParent and leaves this tree as it is."""
        return UnitTree([*self._units.values(), unit])
