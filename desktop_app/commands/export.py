"""`crosscheck export --format csv|matrix|json|w3c [-o FILE|-]`: tagged claims out of a project.

Without -o (or with `-o -`) the export goes to standard output; with a file name it is written
beside the file first and moved into place when complete, so a failed export never leaves half a
file. A one-line summary goes to standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option
    from desktop_app.core.interchange_types import EXPORT_FORMATS

    parser = subparsers.add_parser(
        "export",
        help="export annotations as CSV, a claims matrix, JSON or W3C Web Annotations",
        description="Export the project's annotations. csv: one row per annotation; matrix: claims × "
        "articles; json: the whole project, lossless; w3c: W3C Web Annotation JSON-LD.",
    )
    add_project_option(parser)
    parser.add_argument("--format", "-f", choices=EXPORT_FORMATS, required=True, help="what to write")
    parser.add_argument("-o", "--output", default="-", metavar="FILE",
                        help="file to write, or - for standard output (default)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange import export_project, export_to_path, open_export_stream
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        if args.output == "-":
            sys.stdout.flush()
            handle = open_export_stream(sys.stdout.buffer, args.format)
            try:
                report = export_project(project, args.format, handle)
            finally:
                try:
                    handle.flush()
                finally:
                    handle.detach()
        else:
            report = export_to_path(project, args.format, Path(args.output))
    print(f"crosscheck: {report.summary()}", file=sys.stderr)
    return 0
