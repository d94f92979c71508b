"""`crosscheck reattach`: list orphaned annotations, or place one again by its new quote.

When an article's text changes, annotations whose quote cannot be found again are kept as
orphaned (core/reanchor.py). `--list` shows them; `reattach ID --quote TEXT` moves annotation ID
onto that text of its article (placed with --prefix/--suffix among repeats, like `annotate`),
which takes the new quote and context and clears the orphaned mark.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.core.errors import UserError
from desktop_app.commands.quote_option import add_quote_options, locate_quote, warn_if_ambiguous
from desktop_app.core.text import one_line_preview


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "reattach",
        help="list orphaned annotations, or move one onto a quote of its article",
        description="List annotations that lost their place when an article's text changed (--list), "
                    "or move annotation ID onto a quote of its article.",
    )
    add_project_option(parser)
    parser.add_argument("annotation", nargs="?", type=int, metavar="ID", help="the annotation to move")
    add_quote_options(parser, required=False, quote_help="the text of its article to attach it to")
    parser.add_argument("--list", action="store_true", help="list the orphaned annotations and exit")
    parser.set_defaults(func=run, parser=parser)



def run(args: argparse.Namespace) -> int:
    from desktop_app.core.session import open_project

    if args.list == (args.annotation is not None) or (args.annotation is not None and not args.quote):
        args.parser.error("give either --list, or an annotation ID with --quote TEXT")
    with open_project(args.project) as project:
        if args.list:
            orphans = [a for a in project.annotations() if a.orphaned]
            for a in orphans:
                print(f"{a.id}\tarticle {a.article_id}\t{one_line_preview(a.quote)!r}\t{a.claim}")
            if not orphans:
                print("no orphaned annotations", file=sys.stderr)
            return 0
        annotation = project.annotation(args.annotation)
        if annotation is None:
            raise UserError(f"no annotation {args.annotation} in the project")
        article = project.article(annotation.article_id)
        match = locate_quote(article, args, "to attach it to")
        placed, _ = project.update_annotation(annotation.id, start=match.start, end=match.end)
        warn_if_ambiguous(match, article.id, "used")
    print(f"annotation {placed.id} placed at {placed.start}-{placed.end} of article {placed.article_id}")
    return 0
