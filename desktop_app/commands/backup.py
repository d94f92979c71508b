"""`crosscheck backup`: a consistent copy of a project, taken with SQLite's backup API."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "backup",
        help="copy the project to a backup file",
        description=(
            "Copy the project through SQLite's backup API (safe while the app or another command has it"
            " open). Without -o the copy goes to '<project>.backups/<name>-manual-<time>.sqlite';"
            " manual backups are never rotated away. Prints the backup's path. Automatic backups are"
            " also taken there when a project is opened and its newest backup is over a day old, and"
            " always before a schema upgrade or a restore; the newest 10 of those are kept."
        ),
    )
    add_project_option(parser)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the backup to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.session import resolve_project_path
    from desktop_app.core.store.backups import backup_project

    print(backup_project(resolve_project_path(args.project), args.output))
    return 0
