"""`crosscheck annotate`: tag a quote of an article with a claim, speaker and stance, from scripts.

The span is given by its quote (as a reader would copy it), not by offsets. A quote that occurs
more than once is placed with --prefix/--suffix (text just before/after it), or at the first
occurrence with a warning. Prints the new annotation's id on stdout.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.core.errors import UserError
from desktop_app.core.text import one_line_preview


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "annotate",
        help="tag a quote of an article with a claim, speaker and stance; prints the new id",
        description="Tag a quote of an article with a claim, who it is attributed to, and the stance.",
    )
    add_project_option(parser)
    parser.add_argument("--article", type=int, required=True, metavar="ID", help="article id (see `crosscheck list`)")
    parser.add_argument("--quote", required=True, metavar="TEXT", help="the exact text to tag")
    parser.add_argument("--prefix", default="", metavar="T", help="text just before the quote, to choose among repeats")
    parser.add_argument("--suffix", default="", metavar="T", help="text just after the quote, to choose among repeats")
    parser.add_argument("--claim", required=True, metavar="TEXT", help="the canonical claim the quote expresses")
    parser.add_argument("--stance", required=True, metavar="NAME", help="the speaker's stance (e.g. supports, denies)")
    parser.add_argument("--speaker", default="", metavar="NAME", help="who the article attributes the claim to")
    parser.add_argument("--tag", action="append", default=[], metavar="T",
                        help="a tag (repeatable; 'a/b' nests b under a)")
    parser.add_argument("--note", default="", metavar="TEXT", help="a free-text note")
    parser.add_argument("--annotator", default=None, metavar="NAME",
                        help="who is annotating (default: CROSSCHECK_ANNOTATOR or the OS user)")
    parser.set_defaults(func=run)



def run(args: argparse.Namespace) -> int:
    from desktop_app.core.annotations import AnnotationDraft, find_quote
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        article = project.article(args.article)
        if article is None:
            raise UserError(f"no article {args.article} in the project (see `crosscheck list`)")
        if not args.quote.strip():
            raise UserError("the quote is empty: give --quote the exact words to tag")
        project.stance_id_for(args.stance)  # an unknown stance fails before the quote is searched
        match = find_quote(article.text, args.quote, args.prefix, args.suffix)
        if match is None:
            raise UserError(f"quote not found in article {args.article}: {one_line_preview(args.quote)!r}")
        draft = AnnotationDraft(article.id, match.start, match.end, args.claim, args.stance,
                                args.speaker, tuple(args.tag), args.note)
        annotation, _ = project.add_annotation(draft, args.annotator)
        if match.ambiguous:
            print(
                f"crosscheck: warning: the quote occurs {match.occurrences} times in article {args.article};"
                f" tagged the first one at {match.start}; give --prefix/--suffix to choose another",
                file=sys.stderr,
            )
    print(annotation.id)
    return 0
