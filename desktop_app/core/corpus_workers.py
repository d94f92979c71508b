"""Aligning a corpus' candidate pairs on several processes, and measuring memory.

Each worker receives the corpus texts once (pool initializer), tokenises a document the first
time a pair needs it, and returns only the figures the overview keeps per pair (shared characters
on each side, passage count), so little crosses process boundaries.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import threading
from typing import Callable, Iterator, Sequence

from desktop_app.core.align import AlignOptions, align_tokens
from desktop_app.core.text import Tokens, tokenize

PairResult = tuple[int, int, int, int, int]  # i, j, shared chars of i, of j, passages

_TEXTS: Sequence[tuple[str, tuple]] = ()
_OPTIONS = AlignOptions()
_TOKENS: dict[int, Tokens] = {}
#: below this many pairs, starting worker processes costs more than it saves.
MIN_PAIRS_FOR_POOL = 60


def _init(texts: Sequence[tuple[str, tuple]], options: AlignOptions, tokens=None) -> None:
    global _TEXTS, _OPTIONS, _TOKENS
    _TEXTS, _OPTIONS = texts, options
    _TOKENS = dict(enumerate(tokens)) if tokens else {}


def _tokens(index: int) -> Tokens:
    tokens = _TOKENS.get(index)
    if tokens is None:
        tokens = _TOKENS[index] = tokenize(_TEXTS[index][0])
    return tokens


def align_pairs(batch: Sequence[tuple[int, int]]) -> list[PairResult]:
    """Align each (i, j) pair in the canonical orientation `align` uses; keep the figures."""
    out: list[PairResult] = []
    for i, j in batch:
        (text_i, skip_i), (text_j, skip_j) = _TEXTS[i], _TEXTS[j]
        swap = (text_j, sorted(skip_j)) < (text_i, sorted(skip_i))
        x, y = (j, i) if swap else (i, j)
        result = align_tokens(_tokens(x), _tokens(y), len(_TEXTS[x][0]), len(_TEXTS[y][0]),
                              _OPTIONS, a_skip=_TEXTS[x][1], b_skip=_TEXTS[y][1])
        sa, sb = result.shared_chars_a, result.shared_chars_b
        if swap:
            sa, sb = sb, sa
        out.append((i, j, sa, sb, len(result.passages)))
    return out


def _context():
    """fork where safe (fast start, Linux main thread); otherwise a fresh interpreter."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def run_pool(
    docs, pairs: list[tuple[int, int]], options: AlignOptions, processes: int,
    should_cancel: Callable[[], bool], tokens: Sequence[Tokens] | None = None,
) -> Iterator[list[PairResult]]:
    """Yield aligned batches of `pairs`; in-process when the job is small or processes <= 1.

    `tokens` (one per document, already computed) are reused in-process and by forked workers,
    which inherit them; other start methods re-tokenise in the worker."""
    texts = [(d.text, tuple(tuple(r) for r in d.skip_ranges)) for d in docs]
    if not pairs:
        return
    if processes <= 1 or len(pairs) < MIN_PAIRS_FOR_POOL:
        _init(texts, options, tokens)
        try:
            for start in range(0, len(pairs), 32):
                yield align_pairs(pairs[start:start + 32])
        finally:
            _init((), AlignOptions())
        return
    size = max(4, min(64, len(pairs) // (processes * 8) + 1))
    batches = [pairs[k:k + size] for k in range(0, len(pairs), size)]
    context = _context()
    if context.get_start_method() == "fork":
        _init(texts, options, tokens)  # children inherit these globals: nothing to pickle
        pool = context.Pool(processes)
    else:
        pool = context.Pool(processes, initializer=_init, initargs=(texts, options))
    try:
        with pool:
            for batch in pool.imap_unordered(align_pairs, batches):
                yield batch
                if should_cancel():
                    break  # leaving the with block terminates the workers
    finally:
        _init((), AlignOptions())


def peak_rss_mb() -> float:
    """Peak resident memory of this process or its largest worker, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(max(own, children) / scale, 1)
