"""`motcua admin unit …`, `motcua admin user …`, `motcua admin apikey …` (in `motcua.apikey_command`) and
`motcua admin zalo …` (in `motcua.zalo_command`).

A thin entrypoint over `feedback.service_layer.admin_service.AdminService`. Passwords never travel on the command
line (where `ps` and the shell history would keep them): they are typed twice at a hidden prompt, or
read from the first line of standard input with --password-stdin.

Exit codes: 0 done (or nothing to do), 1 refused by the data (unknown or duplicate unit or user, a
Telegram or Zalo account linked elsewhere, the database failing, Zalo refusing), 2 malformed input (a bad
code, username or password; argparse uses 2 for its own usage errors too). Every failure is one Vietnamese line on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TextIO

from feedback.domain.access import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    DuplicateUsername,
    InvalidDisplayName,
    InvalidGrant,
    InvalidTelegramUserId,
    InvalidUsername,
    InvalidZaloUserId,
    Officer,
    PasswordProblem,
    PasswordRejected,
    Role,
    TelegramAlreadyLinked,
    UnknownOfficer,
    ZaloAlreadyLinked,
    normalise_username,
)
from feedback.domain.api_keys import DuplicateClient, InvalidClientName, UnknownClient
from feedback.domain.units import (
    MAX_POSITION,
    DuplicateUnit,
    InvalidUnitCode,
    InvalidUnitName,
    InvalidUnitPosition,
    Unit,
    UnitCycle,
    UnitTree,
    UnknownUnit,
    check_unit_position,
    normalise_unit_code,
)
from feedback.service_layer.admin_service import AdminService
from motcua import access_log_command, apikey_command, texts, zalo_command
from motcua.settings import Settings

ReadSecret = Callable[[str], str]
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2


class PasswordInputError(Exception):
    """No usable password came in; the message is the text to show."""


def add_parser(commands: Any) -> None:
    """`admin` and its subcommands, on the `motcua` command's subparsers."""
    admin = commands.add_parser("admin", help=texts.HELP_ADMIN)
    targets = admin.add_subparsers(
        dest="admin_target", required=True, metavar="unit|user|apikey|zalo|export-access-log"
    )

    unit = targets.add_parser("unit", help=texts.HELP_ADMIN_UNIT).add_subparsers(
        dest="admin_action", required=True, metavar="ACTION"
    )
    unit_add = unit.add_parser("add", help=texts.HELP_UNIT_ADD)
    unit_add.add_argument("code", metavar="CODE", help=texts.HELP_UNIT_CODE)
    unit_add.add_argument("name", metavar="NAME", help=texts.HELP_UNIT_NAME)
    unit_add.add_argument("--parent", metavar="CODE", help=texts.HELP_UNIT_PARENT)
    unit_add.add_argument("--order", type=_position, metavar="N", help=texts.HELP_UNIT_ORDER)
    unit_order = unit.add_parser("order", help=texts.HELP_UNIT_ORDER_COMMAND)
    unit_order.add_argument("code", metavar="CODE", help=texts.HELP_UNIT_CODE)
    unit_order.add_argument("position", type=_position_or_none, metavar="N|none", help=texts.HELP_UNIT_ORDER)
    unit.add_parser("list", help=texts.HELP_UNIT_LIST)

    user = targets.add_parser("user", help=texts.HELP_ADMIN_USER).add_subparsers(
        dest="admin_action", required=True, metavar="ACTION"
    )
    user_add = user.add_parser("add", help=texts.HELP_USER_ADD)
    user_add.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    user_add.add_argument("--name", required=True, help=texts.HELP_DISPLAY_NAME)
    source = user_add.add_mutually_exclusive_group()
    source.add_argument("--password-stdin", action="store_true", help=texts.HELP_PASSWORD_STDIN)
    source.add_argument("--no-password", action="store_true", help=texts.HELP_NO_PASSWORD)
    passwd = user.add_parser("passwd", help=texts.HELP_USER_PASSWD)
    passwd.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    passwd.add_argument("--password-stdin", action="store_true", help=texts.HELP_PASSWORD_STDIN)
    link = user.add_parser("link-telegram", help=texts.HELP_LINK_TELEGRAM)
    link.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    link.add_argument("telegram_user_id", metavar="TELEGRAM_USER_ID", type=int, help=texts.HELP_TELEGRAM_ID)
    unlink = user.add_parser("unlink-telegram", help=texts.HELP_UNLINK_TELEGRAM)
    unlink.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    link_zalo = user.add_parser("link-zalo", help=texts.HELP_LINK_ZALO)
    link_zalo.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    link_zalo.add_argument("zalo_user_id", metavar="ZALO_USER_ID", help=texts.HELP_ZALO_ID)
    unlink_zalo = user.add_parser("unlink-zalo", help=texts.HELP_UNLINK_ZALO)
    unlink_zalo.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    for action, help_text in (("grant", texts.HELP_GRANT), ("revoke", texts.HELP_REVOKE)):
        change = user.add_parser(action, help=help_text)
        change.add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
        change.add_argument("role", type=_role, metavar="ROLE", help=texts.HELP_ROLE)
        change.add_argument("--unit", metavar="CODE", help=texts.HELP_ROLE_UNIT)
    for action, help_text in (("deactivate", texts.HELP_DEACTIVATE), ("activate", texts.HELP_ACTIVATE)):
        user.add_parser(action, help=help_text).add_argument("username", metavar="USERNAME", help=texts.HELP_USERNAME)
    user.add_parser("list", help=texts.HELP_USER_LIST)
    apikey_command.add_parser(targets)
    zalo_command.add_parser(targets)
    access_log_command.add_parser(targets)


def _position(value: str) -> int:
    try:
        position = int(value.strip())
        check_unit_position(position)
        return position
    except (ValueError, InvalidUnitPosition):
        raise argparse.ArgumentTypeError(texts.ERR_UNIT_ORDER.format(value=value, most=MAX_POSITION)) from None


def _position_or_none(value: str) -> int | None:
    return None if value.strip().lower() == "none" else _position(value)


def _role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(texts.ERR_UNKNOWN_ROLE.format(role=value)) from None


async def run_admin(
    settings: Settings,
    args: argparse.Namespace,
    *,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    read_secret: ReadSecret = getpass.getpass,
) -> int:
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    try:
        password = read_password(args, stdin, read_secret) if _wants_password(args) else None
    except PasswordInputError as error:
        print(error, file=err)
        return EXIT_BAD_INPUT
    # Imported here: the database stack is not needed to parse the arguments or to prompt. The light bootstrap:
    # an admin command is run many times, and needs neither the catalog in memory nor the channels.
    from sqlalchemy.exc import SQLAlchemyError

    from motcua.bootstrap import light_bootstrap

    try:
        services = await light_bootstrap(settings)  # the newest schema, or a refusal
    except (SQLAlchemyError, OSError) as error:
        print(texts.ERR_DATABASE.format(detail=_first_line(error)), file=err)
        return EXIT_REFUSED
    if args.admin_target == "apikey":
        lines = apikey_command.HANDLERS[args.admin_action](services.api_keys, args)
    elif args.admin_target == "export-access-log":
        lines = access_log_command.export_access_log(services.data_views, args, out)
    elif args.admin_target == "zalo":
        lines = zalo_command.HANDLERS[args.admin_action](
            settings, args, services.uow_factory, stdin, out, zalo_command.utc_now
        )
    else:
        lines = _HANDLERS[(args.admin_target, args.admin_action)](services.admin, args, password)
    try:
        for line in await lines:
            print(line, file=out)
        return 0
    except Exception as error:
        explained = explain(error)
        if explained is None:
            if not isinstance(error, SQLAlchemyError | OSError):
                raise
            explained = (texts.ERR_DATABASE.format(detail=_first_line(error)), EXIT_REFUSED)
        message, code = explained
        print(message, file=err)
        return code
    finally:
        await services.close()


def _wants_password(args: argparse.Namespace) -> bool:
    return (args.admin_target, args.admin_action) in {("user", "add"), ("user", "passwd")}


def read_password(args: argparse.Namespace, stdin: TextIO, read_secret: ReadSecret) -> str | None:
    """The new password: None for --no-password, the first line of stdin, or typed twice at a hidden prompt."""
    if getattr(args, "no_password", False):
        return None
    if args.password_stdin:
        password = stdin.readline().removesuffix("\n").removesuffix("\r")
        if not password:
            raise PasswordInputError(texts.ERR_NO_PASSWORD_GIVEN)
        return password
    if not stdin.isatty():
        raise PasswordInputError(texts.ERR_NO_TERMINAL)
    try:
        first = read_secret(texts.PROMPT_PASSWORD)
        second = read_secret(texts.PROMPT_PASSWORD_AGAIN)
    except (EOFError, KeyboardInterrupt):
        raise PasswordInputError(texts.ERR_NO_PASSWORD_GIVEN) from None
    if first != second:
        raise PasswordInputError(texts.ERR_PASSWORDS_DIFFER)
    return first


def explain(error: Exception) -> tuple[str, int] | None:
    """The line to show and the exit code for an error the administrator can act on; None for a bug."""
    from feedback.service_layer.feedback_ports import ConcurrentChange  # here: it pulls in the whole PAKN model

    match error:
        case access_log_command.ReversedDays():
            return texts.ERR_DAYS_REVERSED, EXIT_BAD_INPUT
        case InvalidUnitCode():
            return texts.ERR_INVALID_UNIT_CODE.format(code=error.code), EXIT_BAD_INPUT
        case InvalidUnitName():
            return texts.ERR_INVALID_UNIT_NAME, EXIT_BAD_INPUT
        case InvalidUsername():
            return texts.ERR_INVALID_USERNAME.format(username=error.username), EXIT_BAD_INPUT
        case InvalidDisplayName():
            return texts.ERR_INVALID_DISPLAY_NAME, EXIT_BAD_INPUT
        case InvalidTelegramUserId():
            return texts.ERR_INVALID_TELEGRAM_ID, EXIT_BAD_INPUT
        case InvalidGrant(unit=None):
            return texts.ERR_GRANT_NEEDS_UNIT.format(role=error.role), EXIT_BAD_INPUT
        case InvalidGrant():
            return texts.ERR_GRANT_NO_UNIT, EXIT_BAD_INPUT
        case PasswordRejected(problem=PasswordProblem.TOO_SHORT):
            return texts.ERR_PASSWORD_TOO_SHORT.format(min_length=MIN_PASSWORD_LENGTH), EXIT_BAD_INPUT
        case PasswordRejected(problem=PasswordProblem.TOO_LONG):
            return texts.ERR_PASSWORD_TOO_LONG.format(max_length=MAX_PASSWORD_LENGTH), EXIT_BAD_INPUT
        case PasswordRejected():
            return texts.ERR_PASSWORD_IS_USERNAME, EXIT_BAD_INPUT
        case InvalidUnitPosition():
            return texts.ERR_UNIT_ORDER.format(value=error.position, most=MAX_POSITION), EXIT_BAD_INPUT
        case UnknownUnit():  # UnknownParent too
            return texts.ERR_UNKNOWN_UNIT.format(code=error.code), EXIT_REFUSED
        case DuplicateUnit():
            return texts.ERR_DUPLICATE_UNIT.format(code=error.code), EXIT_REFUSED
        case UnitCycle():
            return texts.ERR_UNIT_CYCLE.format(codes=" → ".join((*error.codes, error.codes[0]))), EXIT_REFUSED
        case UnknownOfficer():
            return texts.ERR_UNKNOWN_OFFICER.format(username=error.username), EXIT_REFUSED
        case DuplicateUsername():
            return texts.ERR_DUPLICATE_USERNAME.format(username=error.username), EXIT_REFUSED
        case TelegramAlreadyLinked():
            message = texts.ERR_TELEGRAM_TAKEN.format(telegram_user_id=error.telegram_user_id, username=error.username)
            return message, EXIT_REFUSED
        case ZaloAlreadyLinked():
            return texts.ERR_ZALO_TAKEN.format(zalo_user_id=error.zalo_user_id, username=error.username), EXIT_REFUSED
        case InvalidZaloUserId():
            return texts.ERR_INVALID_ZALO_ID, EXIT_BAD_INPUT
        case zalo_command.ZaloCommandError():
            return error.message, error.code
        case InvalidClientName():
            return texts.ERR_INVALID_CLIENT_NAME.format(name=error.name), EXIT_BAD_INPUT
        case DuplicateClient():
            return texts.ERR_DUPLICATE_CLIENT.format(name=error.name), EXIT_REFUSED
        case UnknownClient():
            return texts.ERR_UNKNOWN_CLIENT.format(name=error.name), EXIT_REFUSED
        case ConcurrentChange():
            return texts.ERR_CONCURRENT_CHANGE, EXIT_REFUSED
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# --- one function per command: each returns the lines to print ----------------------------


async def unit_add(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    unit = await service.create_unit(args.code, args.name, args.parent, position=args.order)
    if unit.parent is None:
        return [texts.UNIT_ADDED.format(code=unit.code, name=unit.name)]
    return [texts.UNIT_ADDED_UNDER.format(code=unit.code, name=unit.name, parent=unit.parent)]


async def unit_order(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    unit = await service.set_unit_position(args.code, args.position)
    if unit.position is None:
        return [texts.UNIT_ORDER_CLEARED.format(code=unit.code, name=unit.name)]
    return [texts.UNIT_ORDER_SET.format(code=unit.code, name=unit.name, position=unit.position)]


async def unit_list(service: AdminService, _args: argparse.Namespace, _password: str | None) -> list[str]:
    tree = await service.unit_tree()
    return format_tree(tree) if len(tree) else [texts.NO_UNITS]


def format_tree(tree: UnitTree) -> list[str]:
    """One line a unit, each under its parent:

    UBND-XA – UBND xã An Bình
    ├─ DIA-CHINH – Công chức địa chính
    └─ MOT-CUA – Bộ phận một cửa
    """
    lines: list[str] = []

    def branches(parent: str, prefix: str) -> None:
        children = tree.children(parent)
        for index, unit in enumerate(children):
            last = index == len(children) - 1
            lines.append(f"{prefix}{'└─ ' if last else '├─ '}{_listed(unit)}")
            branches(unit.code, prefix + ("   " if last else "│  "))

    for root in tree.roots():
        lines.append(_listed(root))
        branches(root.code, "")
    return lines


def _listed(unit: Unit) -> str:
    line = f"{unit.code} – {unit.name}"
    return line if unit.position is None else line + texts.UNIT_POSITION_SUFFIX.format(position=unit.position)


async def user_add(service: AdminService, args: argparse.Namespace, password: str | None) -> list[str]:
    officer = await service.create_officer(args.username, args.name, password)
    text = texts.USER_ADDED if password is not None else texts.USER_ADDED_NO_PASSWORD
    return [text.format(username=officer.username, name=officer.display_name)]


async def user_passwd(service: AdminService, args: argparse.Namespace, password: str | None) -> list[str]:
    assert password is not None  # read_password gives one for passwd, or fails
    await service.set_password(args.username, password)
    return [texts.PASSWORD_SET.format(username=normalise_username(args.username))]


async def user_link_telegram(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    officer = await service.link_telegram(args.username, args.telegram_user_id)
    return [texts.TELEGRAM_LINKED.format(telegram_user_id=officer.telegram_user_id, username=officer.username)]


async def user_unlink_telegram(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    before = await service.officer(args.username)
    await service.unlink_telegram(before.username)
    text = texts.TELEGRAM_UNLINKED if before.telegram_user_id is not None else texts.TELEGRAM_NOT_LINKED
    return [text.format(username=before.username)]


async def user_link_zalo(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    officer = await service.link_zalo(args.username, args.zalo_user_id)
    return [texts.ZALO_LINKED.format(zalo_user_id=officer.zalo_user_id, username=officer.username)]


async def user_unlink_zalo(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    before = await service.officer(args.username)
    await service.unlink_zalo(before.username)
    text = texts.ZALO_UNLINKED if before.zalo_user_id is not None else texts.ZALO_NOT_LINKED
    return [text.format(username=before.username)]


async def user_grant(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    added = await service.grant(args.username, args.role, args.unit)
    return [_role_change(added, texts.GRANTED, texts.ALREADY_GRANTED, args)]


async def user_revoke(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    removed = await service.revoke(args.username, args.role, args.unit)
    return [_role_change(removed, texts.REVOKED, texts.NOT_HELD, args)]


def _role_change(changed: bool, done: str, unchanged: str, args: argparse.Namespace) -> str:
    """The line for a grant or revoke the service accepted, so the names in `args` are valid."""
    grant = texts.describe_grant(args.role, normalise_unit_code(args.unit) if args.unit is not None else None)
    return (done if changed else unchanged).format(grant=grant, username=normalise_username(args.username))


async def user_deactivate(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    changed = await service.deactivate(args.username)
    return [
        (texts.DEACTIVATED if changed else texts.ALREADY_INACTIVE).format(username=normalise_username(args.username))
    ]


async def user_activate(service: AdminService, args: argparse.Namespace, _password: str | None) -> list[str]:
    changed = await service.reactivate(args.username)
    return [(texts.ACTIVATED if changed else texts.ALREADY_ACTIVE).format(username=normalise_username(args.username))]


async def user_list(service: AdminService, _args: argparse.Namespace, _password: str | None) -> list[str]:
    officers = await service.list_officers()
    return [format_officer(officer) for officer in officers] if officers else [texts.NO_USERS]


def format_officer(officer: Officer) -> str:
    """an.nguyen – Nguyễn Văn An · Telegram 123456789 · Zalo 2468… · cán bộ MOT-CUA, trưởng đơn vị UBND-XA"""
    parts = [f"{officer.username} – {officer.display_name}"]
    if not officer.active:
        parts.append(texts.USER_LOCKED)
    if officer.telegram_user_id is not None:
        parts.append(f"Telegram {officer.telegram_user_id}")
    if officer.zalo_user_id is not None:
        parts.append(f"Zalo {officer.zalo_user_id}")
    grants = sorted(officer.roles, key=lambda grant: (grant[0] != Role.ADMIN, grant[1] or "", grant[0]))
    parts.append(", ".join(texts.describe_grant(role, unit) for role, unit in grants) or texts.USER_NO_ROLES)
    return " · ".join(parts)


Handler = Callable[[AdminService, argparse.Namespace, str | None], Awaitable[list[str]]]

_HANDLERS: dict[tuple[str, str], Handler] = {
    ("unit", "add"): unit_add,
    ("unit", "order"): unit_order,
    ("unit", "list"): unit_list,
    ("user", "add"): user_add,
    ("user", "passwd"): user_passwd,
    ("user", "link-telegram"): user_link_telegram,
    ("user", "unlink-telegram"): user_unlink_telegram,
    ("user", "link-zalo"): user_link_zalo,
    ("user", "unlink-zalo"): user_unlink_zalo,
    ("user", "grant"): user_grant,
    ("user", "revoke"): user_revoke,
    ("user", "deactivate"): user_deactivate,
    ("user", "activate"): user_activate,
    ("user", "list"): user_list,
}
