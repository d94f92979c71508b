"""Shared passages between two texts: the pairwise heart of Crosscheck.

`align(a, b)` finds every stretch of a that also occurs in b, verbatim or with word edits, in any
order, and marks the edited words inside each passage. The recipe of the text-reuse field
(passim, Webis STEREO, Copyfind):

1. tokenise into normalised words that keep their original offsets (`core.text`);
2. seed with hashed word n-grams shared by both texts, ignoring stop-word-only and corpus-common
   n-grams (`align_seeds`);
3. chain seeds on nearby diagonals across small gaps into candidate passages (`align_seeds`);
4. extend the edges over identical words, diff each candidate word by word with
   diff-match-patch, resolve overlaps largest first, drop passages under `min_words` matching
   words (`align_refine`).

`mode="diff"` is the linear word diff for two versions of one article (`align_linear`).
Ranges in `a_skip`/`b_skip` (boilerplate, duplicate copies) never join a passage unless
`options.include_skipped`. The result does not depend on argument order: `align(b, a)` is
`align(a, b).mirrored()`.
"""

from __future__ import annotations

from typing import Iterable

from desktop_app.core.align_linear import linear_passages
from desktop_app.core.align_refine import resolve
from desktop_app.core.align_seeds import chain_runs, extend_exact, find_runs
from desktop_app.core.align_types import (
    DEFAULT_MIN_WORDS,
    DEFAULT_NGRAM,
    Alignment,
    AlignOptions,
    Edit,
    Passage,
)
from desktop_app.core.text import Tokens, tokenize

__all__ = [
    "DEFAULT_MIN_WORDS", "DEFAULT_NGRAM", "Alignment", "AlignOptions", "Edit", "Passage",
    "align", "align_tokens", "skip_cuts", "skip_flags",
]

Ranges = Iterable[tuple[int, int]]


def skip_flags(tokens: Tokens, ranges: Ranges) -> bytearray:
    """One flag per word: 1 when the word overlaps a skipped range."""
    flags = bytearray(len(tokens))
    spans = sorted((int(s), int(e)) for s, e in ranges if e > s)
    if not spans or not len(tokens):
        return flags
    import bisect

    starts, ends = tokens.starts, tokens.ends
    for s, e in spans:
        # words with end > s and start < e
        lo = bisect.bisect_right(ends, s)
        hi = bisect.bisect_left(starts, e)
        if hi > lo:
            flags[lo:hi] = b"\x01" * (hi - lo)
    return flags


def skip_cuts(tokens: Tokens, ranges: Ranges) -> bytearray:
    """cuts[k] = 1 when a skipped range lies wholly between words k-1 and k (no word in it):
    a passage may not run across it."""
    import bisect

    cuts = bytearray(len(tokens) + 1)
    for s, e in ranges:
        if e <= s:
            continue
        lo = bisect.bisect_right(tokens.ends, s)
        hi = bisect.bisect_left(tokens.starts, e)
        if hi <= lo and 0 < lo < len(tokens):
            cuts[lo] = 1
    return cuts


def _masked(words: tuple[str, ...], flags: bytearray, side: str) -> list[str] | tuple[str, ...]:
    """Words with skipped ones replaced by sentinels that match nothing."""
    if not any(flags):
        return words
    return [f"\x00{side}{i}" if f else w for i, (w, f) in enumerate(zip(words, flags))]


def align(
    a: str,
    b: str,
    options: AlignOptions | None = None,
    *,
    a_skip: Ranges = (),
    b_skip: Ranges = (),
) -> Alignment:
    """Shared passages of texts a and b (code-point offsets, end-exclusive, sorted by a_start)."""
    options = options or AlignOptions()
    a_skip, b_skip = tuple(a_skip), tuple(b_skip)
    if options.include_skipped:
        a_skip = b_skip = ()
    # Compute in one canonical orientation so align(b, a) mirrors align(a, b) exactly.
    if (b, sorted(b_skip)) < (a, sorted(a_skip)):
        return align(b, a, options, a_skip=b_skip, b_skip=a_skip).mirrored()
    return align_tokens(tokenize(a), tokenize(b), len(a), len(b), options,
                        a_skip=a_skip, b_skip=b_skip)


def align_tokens(
    ta: Tokens,
    tb: Tokens,
    a_length: int,
    b_length: int,
    options: AlignOptions,
    *,
    a_skip: Ranges = (),
    b_skip: Ranges = (),
) -> Alignment:
    """`align` on already tokenised texts (the corpus reuses tokens); no reorientation."""
    if options.include_skipped:
        a_skip = b_skip = ()
    used_a, used_b = skip_flags(ta, a_skip), skip_flags(tb, b_skip)
    cuts = (skip_cuts(ta, a_skip), skip_cuts(tb, b_skip))
    words_a = _masked(ta.words, used_a, "a")
    words_b = _masked(tb.words, used_b, "b")
    if not len(ta) or not len(tb):
        return Alignment((), a_length, b_length)
    if options.mode == "diff":
        passages = linear_passages(ta, tb, list(words_a), list(words_b), used_a, used_b, options,
                                   cuts=cuts)
    else:
        n = max(1, min(options.ngram, options.min_words))
        runs = find_runs(words_a, words_b, n, common=options.common_ngrams,
                         max_occurrences=options.max_occurrences)
        chains = chain_runs(runs, n, options.max_gap)
        for chain in chains:
            extend_exact(chain, words_a, words_b)
        passages = resolve(chains, ta, tb, used_a, used_b, options, cuts=cuts)
    return Alignment(tuple(passages), a_length, b_length)
