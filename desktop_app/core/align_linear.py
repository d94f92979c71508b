"""Linear mode: a word-level diff for two versions of one article, as passages.

The whole texts are diffed word by word with diff-match-patch (semantic cleanup). Matching words
separated by at most `max_gap` changed words form one passage whose edits are the changes; a
larger change, or a skipped range, ends a passage. Unlike passage mode, order matters: a moved
paragraph shows as a deletion and an insertion.
"""

from __future__ import annotations

from desktop_app.core.align_refine import matched_pairs, resolve, word_diff
from desktop_app.core.align_types import AlignOptions, Passage
from desktop_app.core.text import Tokens


def linear_passages(
    ta: Tokens, tb: Tokens, words_a: list[str], words_b: list[str],
    used_a: bytearray, used_b: bytearray, options: AlignOptions,
    *, cuts: tuple[bytearray, bytearray] | None = None,
) -> list[Passage]:
    """Passages of a linear word diff; `words_*` have skipped words replaced by sentinels."""
    pairs = matched_pairs(word_diff(words_a, words_b), 0, 0)
    groups: list[list[int]] = []
    current: list[int] | None = None
    prev = None
    for ia, ib in pairs:
        if current is not None and prev is not None:
            pa, pb = prev
            gap_a, gap_b = ia - pa - 1, ib - pb - 1
            if gap_a > options.max_gap or gap_b > options.max_gap or (
                any(used_a[pa + 1:ia]) or any(used_b[pb + 1:ib])
            ) or (cuts is not None and (any(cuts[0][pa + 1:ia + 1]) or any(cuts[1][pb + 1:ib + 1]))):
                current = None
        if current is None:
            current = [ia, ia + 1, ib, ib + 1]
            groups.append(current)
        else:
            current[1], current[3] = ia + 1, ib + 1
        prev = (ia, ib)
    return resolve(groups, ta, tb, used_a, used_b, options, cuts=cuts)
