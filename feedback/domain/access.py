"""Who may do what: officers, their roles in units, and the check every officer action goes through.

The rules, decided here and tested in tests/unit/test_access.py:

- Three roles. An officer (cán bộ) acts on the items of the unit the role names, not on its sub-units.
  A unit head (trưởng đơn vị) acts on the items of the unit and of every unit under it. An administrator
  acts everywhere; that role is not tied to a unit, the other two always are (`check_grant`).
- Every officer action needs at least the officer role over the item's unit (`MINIMUM_ROLE`), refusing,
  extending and forwarding included: in a commune's one-stop office the officer who receives an item is
  the one who decides on it. An office whose rules reserve an action to the head changes one line there.
- The citizen's own actions (replying to a request, reopening) are no officer's, whatever the role: they
  are not in `lifecycle.OFFICER_ACTIONS`, so not in `MINIMUM_ROLE`. Closing is both: the citizen accepts
  the answer, or an officer records that the citizen confirmed it another way.
- An item with no unit yet (filed without one, waiting to be routed) is addressed to the top of the
  organisation: roles on a root unit cover it, so the reception desk is granted on the root unit.
- An item whose unit is not in the tree (a code from before the unit list existed) is covered only by a
  role on that exact code, and by administrators.
- A deactivated officer may do nothing.
- Forwarding is checked against the item's current unit; where it goes is not a permission question.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from feedback.domain.lifecycle import OFFICER_ACTIONS, Action
from feedback.domain.units import UnitTree


class Role(StrEnum):
    OFFICER = "officer"
    UNIT_HEAD = "unit_head"
    ADMIN = "admin"


_RANK = {Role.OFFICER: 1, Role.UNIT_HEAD: 2, Role.ADMIN: 3}

Grant = tuple[Role, str | None]

# The least role an action needs over the item's unit; an action missing here is no officer's to take.
MINIMUM_ROLE: Mapping[Action, Role] = MappingProxyType(dict.fromkeys(sorted(OFFICER_ACTIONS), Role.OFFICER))

MIN_PASSWORD_LENGTH = 8  # NIST SP 800-63B's floor for a password the user chooses
MAX_PASSWORD_LENGTH = 1024
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


class AccessError(Exception):
    """Input about officers and roles that the rules refuse."""


class InvalidGrant(AccessError):
    """Officers and unit heads are granted on a unit; administrators on none."""

    def __init__(self, role: Role, unit: str | None) -> None:
        super().__init__(f"{role} cannot be granted {'on ' + unit if unit else 'without a unit'}")
        self.role = role
        self.unit = unit


class InvalidUsername(AccessError):
    def __init__(self, username: str) -> None:
        super().__init__(f"not a username: {username!r}")
        self.username = username


class InvalidDisplayName(AccessError):
    """An officer needs a name that is not blank: it is shown to citizens and colleagues."""


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    SAME_AS_USERNAME = "same_as_username"


class PasswordRejected(AccessError):
    def __init__(self, problem: PasswordProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UnknownOfficer(AccessError):
    def __init__(self, username: str) -> None:
        super().__init__(f"no officer {username}")
        self.username = username


class DuplicateUsername(AccessError):
    def __init__(self, username: str) -> None:
        super().__init__(f"username {username} is taken")
        self.username = username


class TelegramAlreadyLinked(AccessError):
    """One Telegram account belongs to one officer: the bot must know whose commands it runs."""

    def __init__(self, telegram_user_id: int, username: str | None) -> None:
        super().__init__(f"Telegram user {telegram_user_id} is linked to {username or 'another officer'}")
        self.telegram_user_id = telegram_user_id
        self.username = username


class InvalidTelegramUserId(AccessError):
    def __init__(self, telegram_user_id: int) -> None:
        super().__init__(f"not a Telegram user id: {telegram_user_id}")
        self.telegram_user_id = telegram_user_id


class ZaloAlreadyLinked(AccessError):
    """One Zalo account belongs to one officer, as with Telegram."""

    def __init__(self, zalo_user_id: str, username: str | None) -> None:
        super().__init__(f"Zalo user {zalo_user_id} is linked to {username or 'another officer'}")
        self.zalo_user_id = zalo_user_id
        self.username = username


class InvalidZaloUserId(AccessError):
    """Zalo user ids are digit strings (longer than 2^53, so never numbers); the OA's own id for the person."""

    def __init__(self, zalo_user_id: str) -> None:
        super().__init__(f"not a Zalo user id: {zalo_user_id!r}")
        self.zalo_user_id = zalo_user_id


class NotPermitted(Exception):
    """The officer may not take this action on an item of this unit."""

    def __init__(self, officer_id: int, action: Action, unit: str | None) -> None:
        super().__init__(f"officer {officer_id} may not {action} items of {unit or 'no unit'}")
        self.officer_id = officer_id
        self.action = action
        self.unit = unit


@dataclass(frozen=True)
class Officer:
    id: int
    username: str
    display_name: str
    roles: frozenset[Grant] = frozenset()
    telegram_user_id: int | None = None
    active: bool = True
    zalo_user_id: str | None = None  # the id the OA knows the officer by, as a string

    @property
    def is_admin(self) -> bool:
        return (Role.ADMIN, None) in self.roles

    def granted(self, role: Role, unit: str | None) -> Officer:
        check_grant(role, unit)
        return dataclasses.replace(self, roles=self.roles | {(role, unit)})

    def revoked(self, role: Role, unit: str | None) -> Officer:
        return dataclasses.replace(self, roles=self.roles - {(role, unit)})


def check_grant(role: Role, unit: str | None) -> None:
    if (role == Role.ADMIN) != (unit is None):
        raise InvalidGrant(role, unit)


def normalise_username(username: str) -> str:
    """Usernames are lower-case ASCII, 2 to 64 characters: letters, digits, ".", "-", "_"."""
    normalised = username.strip().lower()
    if not _USERNAME.fullmatch(normalised):
        raise InvalidUsername(username)
    return normalised


def normalise_zalo_user_id(zalo_user_id: str) -> str:
    """Digits only, at most 32 (Zalo's ids run to about 19); raises InvalidZaloUserId."""
    normalised = zalo_user_id.strip()
    if not normalised.isascii() or not normalised.isdigit() or len(normalised) > 32 or set(normalised) == {"0"}:
        raise InvalidZaloUserId(zalo_user_id)
    return normalised


def normalise_display_name(name: str) -> str:
    normalised = " ".join(unicodedata.normalize("NFC", name).split())
    if not normalised:
        raise InvalidDisplayName(name)
    return normalised


def normalise_password(password: str) -> str:
    """NFC, so "ế" typed on a Mac (decomposed) and on Windows (composed) is the same password."""
    return unicodedata.normalize("NFC", password)


def check_new_password(password: str, username: str) -> str:
    """The password to hash, normalised; raises PasswordRejected. Length is the rule that counts
    (NIST SP 800-63B); no composition rules, which only lead to "Matkhau@1"."""
    normalised = normalise_password(password)
    if len(normalised) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(PasswordProblem.TOO_SHORT)
    if len(normalised) > MAX_PASSWORD_LENGTH:
        raise PasswordRejected(PasswordProblem.TOO_LONG)
    if normalised.strip().lower() == username.lower():
        raise PasswordRejected(PasswordProblem.SAME_AS_USERNAME)
    return normalised


def covers(officer: Officer, item_unit: str | None, tree: UnitTree, role: Role = Role.OFFICER) -> bool:
    """Whether the officer holds at least `role` over items of `item_unit` (None: not routed yet)."""
    if not officer.active:
        return False
    return any(_RANK[held] >= _RANK[role] and _reaches(held, unit, item_unit, tree) for held, unit in officer.roles)


def _reaches(held: Role, unit: str | None, item_unit: str | None, tree: UnitTree) -> bool:
    if held == Role.ADMIN:
        return True
    if unit is None:
        return False  # not a valid grant (check_grant); never widens what the officer may do
    if item_unit is None:
        return unit in tree and tree.get(unit).parent is None
    if item_unit == unit:
        return True
    return held == Role.UNIT_HEAD and unit in tree and item_unit in tree.descendants(unit)


def visible_units(officer: Officer, tree: UnitTree) -> frozenset[str] | None:
    """The units whose items the officer may act on, for a queue filter; None means every unit (an
    administrator). Whether items with no unit are in reach too is `covers(officer, None, tree)`."""
    if not officer.active:
        return frozenset()
    if officer.is_admin:
        return None
    reach: set[str] = set()
    for held, unit in officer.roles:
        if unit is None:
            continue
        if held == Role.UNIT_HEAD and unit in tree:
            reach |= tree.descendants(unit)
        else:
            reach.add(unit)
    return frozenset(reach)


def can_act(officer: Officer, action: Action, item_unit: str | None, tree: UnitTree) -> bool:
    minimum = MINIMUM_ROLE.get(action)
    return minimum is not None and covers(officer, item_unit, tree, minimum)


def require(officer: Officer, action: Action, item_unit: str | None, tree: UnitTree) -> None:
    """Raises NotPermitted unless `can_act`."""
    if not can_act(officer, action, item_unit, tree):
        raise NotPermitted(officer.id, action, item_unit)
