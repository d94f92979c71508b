"""The `crosscheck` command line: parses arguments and dispatches to `desktop_app.commands`.

Errors the user can fix (`UserError`) print one line and exit 1; usage errors exit 2 (argparse).
Without a subcommand, `gui` runs, so `crosscheck` alone opens the app.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.commands import COMMAND_MODULES
from desktop_app.core.errors import UserError


def add_project_option(parser: argparse.ArgumentParser) -> None:
    """--project FILE, shared by every command that works on a project."""
    parser.add_argument(
        "--project",
        type=Path,
        metavar="FILE",
        help="project file (created if missing); default: the user's default project",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck",
        description="Compare how news outlets cover one story: shared passages, claims, stances.",
    )
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"desktop_app.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"crosscheck: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("crosscheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except sqlite3.Error as exc:
        print(f"crosscheck: error: the project database failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"crosscheck: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
