"""`crosscheck import PATH...`: add articles from files or collections to a project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.core.articles import ImportOptions, import_paths
from desktop_app.core.collections_import import ColumnChoice
from desktop_app.core.session import open_project


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "import",
        help="import articles (txt, md, html, csv, jsonl)",
        description=(
            "Import articles. Text, Markdown and HTML files are one article each; CSV and JSONL files"
            " hold one article per row. Good files are imported in one transaction and refused ones"
            " are listed with their reason (exit status 1); with --strict nothing is imported if any"
            " file is refused. Texts already in the project are reported, not duplicated."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_project_option(parser)
    parser.add_argument("--strict", action="store_true", help="import nothing if any file is refused")
    parser.add_argument(
        "--max-size", type=float, metavar="MB",
        help="refuse files larger than this many megabytes (default 25, or CROSSCHECK_MAX_IMPORT_MB)",
    )
    for field in ("text", "title", "id", "url", "author", "published", "outlet"):
        parser.add_argument(
            f"--{field}-column", metavar="NAME", help=f"CSV/JSONL column holding the {field} (default: detected)"
        )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    columns = ColumnChoice(**{f: getattr(args, f"{f}_column") for f in ColumnChoice.__dataclass_fields__})
    max_bytes = int(args.max_size * 1024 * 1024) if args.max_size is not None else None
    options = ImportOptions(max_bytes=max_bytes, columns=columns, strict=args.strict)
    with open_project(args.project) as project:
        report = import_paths(project, args.paths, options)
    for article_id, _source in report.imported:
        print(article_id)
    for replaced in report.replaced:
        print(f"crosscheck: changed version: {replaced.summary()}", file=sys.stderr)
    for article_id, source in report.existing:
        print(f"already in the project as article {article_id}: {source}", file=sys.stderr)
    for _path, reason in report.refused:
        print(f"crosscheck: refused: {reason}", file=sys.stderr)
    if report.refused:
        print(
            f"crosscheck: imported {len(report.imported)}, refused {len(report.refused)}", file=sys.stderr
        )
        return 1
    return 0
