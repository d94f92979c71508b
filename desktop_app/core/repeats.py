"""Blocks that repeat inside one text (a page scraped twice, a teaser repeated as the body).

`find_repeats` returns the ranges of the *later* copies, so import can mark them as duplicate
ranges and alignment skips them: a passage shared with another article then maps once, to the
first copy. It is alignment of a text against itself with the identity diagonal removed.
"""

from __future__ import annotations

from desktop_app.core.align_refine import resolve
from desktop_app.core.align_seeds import chain_runs, extend_exact, find_runs
from desktop_app.core.align_types import DEFAULT_MIN_WORDS, DEFAULT_NGRAM, AlignOptions
from desktop_app.core.text import tokenize

#: Later copies separated only by this many characters of non-word text are merged into one range.
_MERGE_GAP = 200


def find_repeats(text: str, min_words: int = DEFAULT_MIN_WORDS) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) code-point ranges of later copies of earlier blocks.

    A block may overlap its own source (periodic text): every word of a later copy repeats
    earlier text either way. One earlier block may have several later copies.
    """
    tokens = tokenize(text)
    words = tokens.words
    n = max(1, min(DEFAULT_NGRAM, min_words))
    if len(words) < max(min_words, n) * 2:
        return []
    runs = find_runs(words, None, n, max_occurrences=16)
    chains = chain_runs(runs, n, max_gap=8)
    for chain in chains:
        extend_exact(chain, words, words)
    options = AlignOptions(min_words=min_words, ngram=n, min_similarity=0.8)
    passages = resolve(chains, tokens, tokens, bytearray(len(words)), bytearray(len(words)), options,
                       claim_a=False)
    ranges = sorted((p.b_start, p.b_end) for p in passages)
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start - merged[-1][1] <= _MERGE_GAP and _no_words_between(
            tokens.starts, merged[-1][1], start
        ):
            merged[-1][1] = max(merged[-1][1], end)
        elif merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _no_words_between(starts: tuple[int, ...], lo: int, hi: int) -> bool:
    """True when no word starts in [lo, hi): the two ranges are adjacent in the text."""
    import bisect

    i = bisect.bisect_left(starts, lo)
    return i >= len(starts) or starts[i] >= hi
