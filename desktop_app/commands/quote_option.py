"""The --quote/--prefix/--suffix options that `annotate` and `reattach` share, and placing them.

A span is named the way a reader copies it: its exact words, with the text just before or after
it to choose among repeats. An empty or missing quote is a one-line error; a quote that occurs
more than once without context that settles it is placed at the first occurrence with a warning.
"""

from __future__ import annotations

import sys

from desktop_app.core.errors import UserError
from desktop_app.core.text import one_line_preview


def add_quote_options(parser, *, required: bool, quote_help: str) -> None:
    parser.add_argument("--quote", required=required, metavar="TEXT", help=quote_help)
    parser.add_argument("--prefix", default="", metavar="T", help="text just before the quote, to choose among repeats")
    parser.add_argument("--suffix", default="", metavar="T", help="text just after the quote, to choose among repeats")


def locate_quote(article, args, purpose: str):
    """Where args.quote stands in `article` (a QuoteMatch), or UserError saying why not."""
    from desktop_app.core.annotations import find_quote

    if not args.quote.strip():
        raise UserError(f"the quote is empty: give --quote the exact words {purpose}")
    match = find_quote(article.text, args.quote, args.prefix, args.suffix)
    if match is None:
        raise UserError(f"quote not found in article {article.id}: {one_line_preview(args.quote)!r}")
    return match


def warn_if_ambiguous(match, article_id: int, done: str) -> None:
    if match.ambiguous:
        print(f"crosscheck: warning: the quote occurs {match.occurrences} times in article {article_id};"
              f" {done} the first one at {match.start}; give --prefix/--suffix to choose another", file=sys.stderr)
