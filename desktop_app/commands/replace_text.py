"""`crosscheck replace-text ID FILE`: give an article a new text and move its annotations onto it."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "replace-text",
        help="replace an article's text with a file's, re-anchoring its annotations",
        description=(
            "Replace article ID's text with FILE's (read like an import). Annotations move to the new"
            " text: the exact quote, else a fuzzy match near the old position; those that cannot be"
            " placed are kept as orphaned (never dropped). The old text is kept as a revision."
        ),
    )
    parser.add_argument("id", type=int, metavar="ID")
    parser.add_argument("file", type=Path, metavar="FILE")
    add_project_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.reanchor import replace_text_from_file
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        report, _changes = replace_text_from_file(project, args.id, args.file)
    print(report.summary())
    return 0
