"""`crosscheck restore --from FILE`: replace a project with a validated backup (undoable)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.core.errors import UserError


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "restore",
        help="restore the project from a backup",
        description=(
            "Replace the project with a backup after checking it (SQLite header, integrity check,"
            " schema). The backup is only read. The current project is first saved as a"
            " 'before-restore' backup, or moved aside if it is unreadable, so nothing is lost."
            " --from latest picks the newest backup; --list shows them."
        ),
    )
    add_project_option(parser)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="source", metavar="FILE", help="backup file, or 'latest'")
    source.add_argument("--list", action="store_true", help="list the project's backups, newest first")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.session import resolve_project_path
    from desktop_app.core.store import CURRENT_VERSION
    from desktop_app.core.store.backups import latest_backup, list_backups, restore_backup

    project_path = resolve_project_path(args.project)
    if args.list:
        for info in list_backups(project_path):
            print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.kind:<15} {info.path}")
        return 0
    if args.source == "latest":
        source = latest_backup(project_path)
        if source is None:
            raise UserError(f"{project_path} has no backups to restore")
    else:
        source = Path(args.source)
    saved = restore_backup(source, project_path, CURRENT_VERSION)
    print(f"restored {project_path} from {source}")
    if saved is not None:
        print(f"the previous state was saved as {saved}", file=sys.stderr)
    return 0
