"""`crosscheck list`: the project's articles, as a table or as JSON."""

from __future__ import annotations

import argparse
import json


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser("list", help="list the project's articles")
    add_project_option(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        articles = project.articles()
    if args.json:
        rows = [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "author": a.author,
                "published": a.published,
                "url": a.url,
                "words": a.words,
            }
            for a in articles
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for a in articles:
        source = " · ".join(part for part in (a.outlet, a.published) if part)
        print(f"{a.id:>5}  {a.title[:70]:<70}  {source:<28} {a.words:>6} words")
    return 0
