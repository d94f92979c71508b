"""`crosscheck annotate`: tag a quote of an article with a claim, speaker and stance, from scripts.

The span is given by its quote (as a reader would copy it), not by offsets. A quote that occurs
more than once is placed with --prefix/--suffix (text just before/after it), or at the first
occurrence with a warning. Prints the new annotation's id on stdout.
"""

from __future__ import annotations

import argparse

from desktop_app.core.errors import UserError
from desktop_app.commands.quote_option import add_quote_options, locate_quote, warn_if_ambiguous


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "annotate",
        help="tag a quote of an article with a claim, speaker and stance; prints the new id",
        description="Tag a quote of an article with a claim, who it is attributed to, and the stance.",
    )
    add_project_option(parser)
    parser.add_argument("--article", type=int, required=True, metavar="ID", help="article id (see `crosscheck list`)")
    add_quote_options(parser, required=True, quote_help="the exact text to tag")
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
    from desktop_app.core.annotations import AnnotationDraft
    from desktop_app.core.session import open_project

    with open_project(args.project) as project:
        article = project.article(args.article)
        if article is None:
            raise UserError(f"no article {args.article} in the project (see `crosscheck list`)")
        project.stance_id_for(args.stance)  # an unknown stance fails before the quote is searched
        match = locate_quote(article, args, "to tag")
        draft = AnnotationDraft(article.id, match.start, match.end, args.claim, args.stance,
                                args.speaker, tuple(args.tag), args.note)
        annotation, _ = project.add_annotation(draft, args.annotator)
        warn_if_ambiguous(match, article.id, "tagged")
    print(annotation.id)
    return 0
