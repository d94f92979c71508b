"""`crosscheck overview`: which articles of a project share text, and how much.

Runs the corpus overview (n-gram index, candidate pairs, alignment on two processes) over every
article of the project; results are cached in the project, so a second run is instant. A progress
bar is drawn on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.core.errors import UserError


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option
    from desktop_app.core.align import DEFAULT_MIN_WORDS

    parser = subparsers.add_parser(
        "overview",
        help="which article pairs of the project share text, and how much",
        description="Find every pair of project articles that shares passages (cached).",
    )
    add_project_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--top", type=int, default=20, metavar="N",
                        help="show the N pairs sharing most text (default 20; 0 = all)")
    parser.add_argument("--min-words", type=int, default=DEFAULT_MIN_WORDS, metavar="N",
                        help=f"minimum passage length in matching words (default {DEFAULT_MIN_WORDS})")
    parser.set_defaults(func=run)


class _Bar:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, int(100 * done / total))
        if percent == self.last:
            return
        self.last = percent
        filled = percent * 30 // 100
        self.stream.write(f"\roverview [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.last >= 0:
            self.stream.write("\r" + " " * 50 + "\r")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.align import AlignOptions
    from desktop_app.core.corpus import CorpusOptions, overview_for_project
    from desktop_app.core.session import open_project

    if args.top < 0:
        raise UserError("--top must be 0 (all) or more")
    if args.min_words < 1:
        raise UserError("--min-words must be at least 1")
    options = CorpusOptions(align=AlignOptions(min_words=args.min_words))
    bar = _Bar(sys.stderr)
    with open_project(args.project) as project:
        try:
            result = overview_for_project(project, options, progress=bar)
        finally:
            bar.close()
        titles = {a.id: a.title for a in project.articles()} if not args.json else {}
    pairs = result.pairs if args.top == 0 else result.pairs[: args.top]
    if args.json:
        payload = {
            "documents": result.documents,
            "candidates": result.candidates,
            "seconds": round(result.seconds, 3),
            "peak_rss_mb": result.peak_rss_mb,
            "from_cache": result.from_cache,
            "pairs": [
                {"a": p.a, "b": p.b, "shared_a": p.shared_a, "shared_b": p.shared_b,
                 "passages": p.passages, "a_length": p.a_length, "b_length": p.b_length}
                for p in pairs
            ],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    cached = " (cached)" if result.from_cache else ""
    print(f"{result.documents} articles, {result.candidates} candidate pairs, "
          f"{len(result.pairs)} pairs share text{cached}; {result.seconds:.2f} s, "
          f"peak memory {result.peak_rss_mb:.0f} MB")
    if not pairs:
        return 0
    print()
    print(f"{'A':>6} {'B':>6} {'passages':>8} {'shared A':>14} {'shared B':>14}  titles")
    for p in pairs:
        share_a = f"{p.shared_a} ({100 * p.fraction_a:.0f}%)"
        share_b = f"{p.shared_b} ({100 * p.fraction_b:.0f}%)"
        names = f"{_short(titles.get(p.a, ''))} | {_short(titles.get(p.b, ''))}"
        print(f"{p.a!s:>6} {p.b!s:>6} {p.passages:>8} {share_a:>14} {share_b:>14}  {names}")
    if len(pairs) < len(result.pairs):
        print(f"... {len(result.pairs) - len(pairs)} more (--top 0 shows all)")
    return 0


def _short(title: str, limit: int = 30) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
