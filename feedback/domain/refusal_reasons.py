"""Reasons for refusing a PAKN, as data an agency edits: the legal grounds and its own local ones.

Each reason carries its Vietnamese label and advice, since it is the agency that words them; this is the
one place in the domain with citizen-facing Vietnamese. The file is TOML, a list of `[[reason]]` tables
(see the bundled `data/refusal_reasons.toml`); loading checks every entry and refuses the whole file on
the first mistake, naming it, so a typo cannot leave officers without a reason to choose.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast, get_args

Basis = Literal["legal", "local"]

DEFAULT_REFUSAL_REASONS_PATH = Path(__file__).parent.parent / "data" / "refusal_reasons.toml"

_CODE = re.compile(r"[a-z0-9_]+")
_FIELDS = ("code", "basis", "label_vi", "advice_vi")


@dataclass(frozen=True)
class RefusalReason:
    code: str
    basis: Basis
    label_vi: str
    advice_vi: str


class InvalidRefusalReasons(ValueError):
    """The refusal reasons file cannot be used; `detail` says where and why, for the administrator."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class DuplicateRefusalReason(InvalidRefusalReasons):
    def __init__(self, path: Path, code: str) -> None:
        super().__init__(path, f"the code {code!r} is used twice")
        self.code = code


def load_refusal_reasons(path: Path = DEFAULT_REFUSAL_REASONS_PATH) -> Mapping[str, RefusalReason]:
    """The reasons in `path` by code, in the file's order; raises InvalidRefusalReasons."""
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise InvalidRefusalReasons(path, f"not valid TOML: {error}") from error
    extra = set(document) - {"reason"}
    if extra:
        raise InvalidRefusalReasons(path, f"unknown top-level keys {sorted(extra)}; reasons go in [[reason]] tables")
    entries = document.get("reason")
    if not isinstance(entries, list) or not entries:
        raise InvalidRefusalReasons(path, "no [[reason]] tables")
    reasons: dict[str, RefusalReason] = {}
    for number, entry in enumerate(entries, start=1):
        reason = _reason(path, number, entry)
        if reason.code in reasons:
            raise DuplicateRefusalReason(path, reason.code)
        reasons[reason.code] = reason
    return reasons


def _reason(path: Path, number: int, entry: object) -> RefusalReason:
    where = f"reason {number}"
    if not isinstance(entry, dict):
        raise InvalidRefusalReasons(path, f"{where} is not a table")
    missing = [name for name in _FIELDS if name not in entry]
    unknown = sorted(set(entry) - set(_FIELDS))
    if missing or unknown:
        raise InvalidRefusalReasons(path, f"{where}: missing {missing}, unknown {unknown}")
    for name in _FIELDS:
        value = entry[name]
        if not isinstance(value, str) or not value.strip():
            raise InvalidRefusalReasons(path, f"{where}: {name} must be a non-empty string")
    code, basis = entry["code"], entry["basis"]
    if not _CODE.fullmatch(code):
        raise InvalidRefusalReasons(path, f"{where}: code {code!r} must be lower-case letters, digits and _")
    if basis not in get_args(Basis):
        raise InvalidRefusalReasons(path, f"{where}: basis {basis!r} must be one of {list(get_args(Basis))}")
    return RefusalReason(
        code=code, basis=cast(Basis, basis), label_vi=entry["label_vi"].strip(), advice_vi=entry["advice_vi"].strip()
    )


def refusal_note(reason: RefusalReason, note: str | None = None) -> str:
    """What the citizen reads, the same in every channel: the ground, the officer's words if any, and
    what the citizen can do next."""
    return "\n".join(part for part in (reason.label_vi + ".", (note or "").strip(), reason.advice_vi) if part)
