"""Linear mode: a word-level diff for two versions of one article, as passages.

The whole texts are diffed word by word (anchored on unique n-grams, like patience diff, then
diff-match-patch with semantic cleanup in between). Matching words
separated by at most `max_gap` changed words form one passage whose edits are the changes; a
larger change, or a skipped range, ends a passage. Unlike passage mode, order matters: a moved
paragraph shows as a deletion and an insertion.
"""

from __future__ import annotations

from desktop_app.core.align_refine import anchored_diff, resolve
from desktop_app.core.align_seeds import find_runs, monotone_anchors
from desktop_app.core.align_types import AlignOptions, Passage
from desktop_app.core.text import Tokens


def linear_passages(
    ta: Tokens, tb: Tokens, words_a: list[str], words_b: list[str],
    used_a: bytearray, used_b: bytearray, options: AlignOptions,
    *, cuts: tuple[bytearray, bytearray] | None = None,
) -> list[Passage]:
    """Passages of a linear word diff; `words_*` have skipped words replaced by sentinels.

    N-grams unique in both texts, in the longest order-preserving sequence, anchor the diff;
    diff-match-patch fills the gaps, so long texts diff in linear time.
    """
    n = max(1, min(options.ngram, options.min_words))
    runs = find_runs(words_a, words_b, n, common=options.common_ngrams, max_occurrences=1)
    anchors = monotone_anchors(runs, n)
    diff = anchored_diff(words_a, words_b, 0, len(words_a), 0, len(words_b), anchors)
    groups: list[list] = []
    current: list | None = None
    ia = ib = 0
    for op, length in diff:
        if op != 0:
            if op < 0:
                ia += length
            else:
                ib += length
            continue
        if current is not None:
            pa, pb = current[1], current[3]  # ends of the previous equal stretch
            if ia - pa > options.max_gap or ib - pb > options.max_gap or (
                any(used_a[pa:ia]) or any(used_b[pb:ib])
            ) or (cuts is not None and (any(cuts[0][pa:ia + 1]) or any(cuts[1][pb:ib + 1]))):
                current = None
        if current is None:
            current = [ia, ia + length, ib, ib + length, []]
            groups.append(current)
        current[1], current[3] = ia + length, ib + length
        current[4].append((ia, ib, length))
        ia += length
        ib += length
    return resolve(groups, ta, tb, used_a, used_b, options, cuts=cuts)
