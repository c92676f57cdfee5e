"""The `motcua` command: serve, chat, search, import-catalog, migrate, admin, report."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from motcua import admin_command, backup_command, report_command, texts
from motcua.logging_setup import configure_logging
from motcua.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua", description=texts.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("serve", help=texts.HELP_SERVE)
    chat = commands.add_parser("chat", help=texts.HELP_CHAT)
    chat.add_argument("--channel", choices=["telegram", "text"], default="telegram", help=texts.HELP_CHAT_CHANNEL)
    commands.add_parser("migrate", help=texts.HELP_MIGRATE)

    search = commands.add_parser("search", help=texts.HELP_SEARCH)
    search.add_argument("query", nargs="*", help=texts.HELP_SEARCH_QUERY)
    search.add_argument("--json", action="store_true", help=texts.HELP_SEARCH_JSON)
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--level", choices=["central", "province", "district", "commune", "other"])
    search.add_argument("--field")
    search.add_argument("--agency")

    importer = commands.add_parser("import-catalog", help=texts.HELP_IMPORT)
    importer.add_argument("file", type=Path)
    importer.add_argument("--skip-bad-rows", action="store_true", help=texts.HELP_SKIP_BAD_ROWS)

    admin_command.add_parser(commands)
    report_command.add_parser(commands)
    backup_command.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from pydantic import ValidationError

    from storage.migrate import SchemaOutOfDate

    try:
        return _run(argv)
    except SchemaOutOfDate:
        print(texts.SCHEMA_OUT_OF_DATE, file=sys.stderr)
        return 2
    except ValidationError as invalid:  # the settings: each problem on a line, no values shown
        print(texts.SETTINGS_INVALID, file=sys.stderr)
        for error in invalid.errors(include_input=False, include_url=False):
            print(f"  {error['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return 2


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    quiet = args.command in {"search", "chat", "import-catalog", "migrate", "admin", "report", "backup", "restore"}
    configure_logging("WARNING" if quiet else settings.log_level, secrets=settings.secrets())
    # Imported here so `motcua --help` stays quick and one command's imports don't slow another.
    if args.command == "serve":
        from motcua.serve import serve

        return asyncio.run(serve(settings))
    if args.command == "chat":
        from motcua.chat_command import chat

        return asyncio.run(chat(settings, args.channel))
    if args.command == "search":
        from motcua.search_command import search

        return asyncio.run(search(settings, args, sys.stdin, sys.stdout))
    if args.command == "import-catalog":
        from motcua.import_command import import_file

        return asyncio.run(import_file(settings, args.file, skip_bad_rows=args.skip_bad_rows))
    if args.command == "admin":
        return asyncio.run(admin_command.run_admin(settings, args))
    if args.command == "report":
        return asyncio.run(report_command.run_report(settings, args))
    if args.command == "backup":
        return backup_command.run_backup(settings, args)
    if args.command == "restore":
        return backup_command.run_restore(settings, args)
    if args.command == "migrate":
        from motcua.bootstrap import open_storage

        async def migrate() -> int:
            engine, _ = await open_storage(settings, migrate=True)
            await engine.dispose()
            print(texts.MIGRATED)
            return 0

        return asyncio.run(migrate())
    raise AssertionError(args.command)  # argparse only lets the commands above through


if __name__ == "__main__":
    raise SystemExit(main())
