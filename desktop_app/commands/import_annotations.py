"""`crosscheck import-annotations FILE [--strict]`: annotations into a project from JSON, W3C or CSV.

The format is detected from the content: a Crosscheck JSON export, a W3C Web Annotation document,
or a spreadsheet CSV. Prints a one-line summary and one line per refused row (with its line or
item number and the reason). Exit status 0 when every row was imported (or was already there),
1 when some were refused; with --strict nothing is imported if any row is refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "import-annotations",
        help="import annotations from a JSON export, W3C Web Annotations or a spreadsheet CSV",
        description="Import annotations; the format is detected from the file's content.",
    )
    add_project_option(parser)
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--strict", action="store_true",
                        help="import nothing if any row is refused (default: import the good rows)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange import import_file
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        report = import_file(project, args.file, strict=args.strict)
    print(f"crosscheck: {report.summary()}")
    for refused in report.refused:
        print(f"{args.file}: {refused}", file=sys.stderr)
    return 1 if report.refused else 0
