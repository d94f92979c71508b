"""`crosscheck show ID`: an article's text and the ranges marked on it."""

from __future__ import annotations

import argparse

from desktop_app.core.errors import UserError
from desktop_app.core.text import one_line_preview


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser("show", help="print an article's text and its marked ranges")
    parser.add_argument("id", type=int, metavar="ID")
    add_project_option(parser)
    parser.set_defaults(func=run)



def run(args: argparse.Namespace) -> int:
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        article = project.article(args.id)
    if article is None:
        raise UserError(f"no article {args.id} in the project (see `crosscheck list`)")
    meta = " · ".join(p for p in (article.outlet, article.author, article.published, article.url) if p)
    print(f"# {article.id}: {article.title}")
    if meta:
        print(f"# {meta}")
    print(f"# {article.words} words, {len(article.text)} characters")
    print()
    print(article.text.rstrip("\n"))
    print()
    print(f"# marked ranges ({len(article.ranges)}):")
    for r in article.ranges:
        print(f"{r.kind:<12} {r.start:>6}-{r.end:<6} {one_line_preview(article.text[r.start:r.end])}")
    return 0
