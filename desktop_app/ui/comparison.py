"""The result of aligning the articles of one comparison, in plain values, and its computation.

`compute_comparison(inputs, options, should_cancel)` runs on a worker thread: it aligns every pair
of the 2-4 articles (plain texts in, frozen `Alignment`s out) and needs no Qt. Long texts are
aligned in a helper process: alignment is Python holding the GIL, and its longest C-level steps
(tokenising a megabyte) would otherwise freeze the GUI thread for a quarter of a second. `Comparison` then
answers what the view asks: the passages between any two panes (highlights, colours, navigation),
those between neighbours (link maps), and
the share of each article found in the others (pane headers).
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass, field

from desktop_app.core.align import Alignment, AlignOptions, Passage, align
from desktop_app.core.corpus import Cancelled


@dataclass(frozen=True)
class PaneInput:
    """What the worker needs of one pane's article."""

    article_id: int
    text: str
    skip: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Link:
    """One passage between panes `left` and `right` (left < right), with its colour index;
    `passage.a_*` are offsets into the left pane's article, `passage.b_*` into the right's."""

    left: int
    passage: Passage
    colour: int
    right: int = -1

    def __post_init__(self) -> None:
        if self.right < 0:
            object.__setattr__(self, "right", self.left + 1)


@dataclass(frozen=True)
class Comparison:
    """Alignments of every pair (i < j) of panes, and the options that produced them."""

    article_ids: tuple[int, ...]
    options: AlignOptions
    pairs: dict = field(default_factory=dict)  # (i, j) -> Alignment

    def alignment(self, i: int, j: int) -> Alignment:
        if i < j:
            return self.pairs[(i, j)]
        return self.pairs[(j, i)].mirrored()

    def pair_order(self) -> list[tuple[int, int]]:
        """Neighbouring pairs first (they have link maps), then the others."""
        pairs = sorted(self.pairs)
        return [p for p in pairs if p[1] == p[0] + 1] + [p for p in pairs if p[1] != p[0] + 1]

    def pair_links(self, left: int, right: int) -> list[Link]:
        """Passages between panes `left` < `right`, in left-pane order, with distinct colours."""
        base = 0
        for pair in self.pair_order():
            if pair == (left, right):
                break
            base += len(self.pairs[pair].passages)
        return [Link(left, p, base + n, right) for n, p in enumerate(self.pairs[(left, right)].passages)]

    def links(self, left: int) -> list[Link]:
        """Passages between pane `left` and pane `left + 1` (a link map's bands)."""
        return self.pair_links(left, left + 1)

    def all_links(self) -> list[Link]:
        """Every passage of every pair of panes: neighbours first, then farther pairs."""
        return [link for pair in self.pair_order() for link in self.pair_links(*pair)]

    def shared_spans(self, pane: int) -> list[tuple[int, int]]:
        """Merged spans of pane's article that appear in any other pane."""
        spans = []
        for other in range(len(self.article_ids)):
            if other != pane:
                spans += [(p.a_start, p.a_end) for p in self.alignment(pane, other).passages]
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [tuple(m) for m in merged]

    def shared_fraction(self, pane: int, length: int) -> float:
        if not length:
            return 0.0
        return sum(e - s for s, e in self.shared_spans(pane)) / length

    def sharing_panes(self, pane: int) -> list[int]:
        """The other panes that share at least one passage with `pane`."""
        return [o for o in range(len(self.article_ids))
                if o != pane and self.alignment(pane, o).passages]


#: Pairs longer than this (characters, both sides) are aligned in the helper process.
PROCESS_THRESHOLD = 250_000

_executor: concurrent.futures.ProcessPoolExecutor | None = None
_executor_lock = threading.Lock()


def _helper() -> concurrent.futures.ProcessPoolExecutor:
    """One spawned helper process, started on first need and kept for the next comparison."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=exit_with_parent, initargs=(os.getpid(),))
            atexit.register(_executor.shutdown, wait=False, cancel_futures=True)
        return _executor


def exit_with_parent(parent_pid: int) -> None:
    """In a helper process: quit as soon as the app that started it is gone (even if the app was
    killed and never said goodbye), instead of lingering as an orphan."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    if hasattr(os, "getppid") and os.name == "posix":
        threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _align_pair(a: PaneInput, b: PaneInput, options: AlignOptions) -> Alignment:
    return align(a.text, b.text, options, a_skip=a.skip, b_skip=b.skip)


def _align_elsewhere(a: PaneInput, b: PaneInput, options: AlignOptions, should_cancel) -> Alignment:
    global _executor
    try:
        future = _helper().submit(_align_pair, a, b, options.with_(common_ngrams=None))
    except (OSError, RuntimeError, concurrent.futures.BrokenExecutor):
        _executor = None
        return _align_pair(a, b, options)
    while True:
        try:
            return future.result(timeout=0.05)
        except concurrent.futures.TimeoutError:
            if should_cancel():
                future.cancel()
                raise Cancelled("comparison cancelled") from None
        except concurrent.futures.BrokenExecutor:
            _executor = None
            return _align_pair(a, b, options)


def compute_comparison(inputs: list[PaneInput], options: AlignOptions, should_cancel=lambda: False,
                       *, in_process: bool | None = None) -> Comparison:
    """Align every pair of panes (runs off the GUI thread)."""
    pairs = {}
    for i in range(len(inputs)):
        for j in range(i + 1, len(inputs)):
            if should_cancel():
                raise Cancelled("comparison cancelled")
            a, b = inputs[i], inputs[j]
            local = in_process if in_process is not None else len(a.text) + len(b.text) < PROCESS_THRESHOLD
            if local or options.common_ngrams is not None:
                pairs[(i, j)] = _align_pair(a, b, options)
            else:
                pairs[(i, j)] = _align_elsewhere(a, b, options, should_cancel)
    return Comparison(tuple(p.article_id for p in inputs), options, pairs)
