"""Seeding and chaining: the fast first stage of shared-passage search.

Hashed word n-grams that occur in both texts are the seeds. Consecutive seeds on one diagonal
(verbatim text) merge into runs; runs close to each other in both texts, on nearby diagonals, chain
into candidate passages, so a passage survives small edits, and passages are found in any order
(reordered reuse). Refinement (word diff, overlaps, minimum length) happens in `align_refine`.

Everything works on word indices; offsets come back in `align`.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

# Words that alone carry no evidence of reuse: an n-gram made only of these is never a seed, so
# "one of the most" or "at the end of the" cannot start a passage. (A corpus adds its own
# frequent n-grams through AlignOptions.common_ngrams.)
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say told
    one two three new last first year years time per cent percent mr mrs ms s t""".split()
)

Gram = tuple  # a tuple of n normalised words


def ngrams(words: Sequence[str], n: int) -> list[Gram]:
    """All word n-grams of `words`, position i holding words[i:i+n]."""
    if len(words) < n:
        return []
    return list(zip(*(words[k:] for k in range(n))))


def is_stop_gram(gram: Gram) -> bool:
    """True when every word of the n-gram is a stop word (no evidence of reuse)."""
    return all(word in STOPWORDS for word in gram)


def find_runs(
    words_a: Sequence[str],
    words_b: Sequence[str] | None,
    n: int,
    *,
    common: frozenset | None = None,
    max_occurrences: int = 8,
) -> list[tuple[int, int, int]]:
    """Runs of consecutive seeds on one diagonal, as (a_first_seed, a_last_seed, b_first_seed).

    With `words_b` None, finds repeats inside `words_a`: pairs (i, j) with j > i, so each run
    describes a later copy (b side) of an earlier block (a side).
    N-grams occurring more than `max_occurrences` times in either text, stop-word-only n-grams
    and n-grams in `common` are not seeds.
    """
    self_mode = words_b is None
    grams_a = ngrams(words_a, n)
    grams_b = grams_a if self_mode else ngrams(words_b, n)
    if not grams_a or not grams_b:
        return []
    # Only n-grams present on both sides matter; find them with C-level set operations first.
    if self_mode:
        counts_b = Counter(grams_a)
        shared = {g for g, c in counts_b.items() if 2 <= c <= max_occurrences}
        counts_a = counts_b
    else:
        shared = set(grams_a)
        shared.intersection_update(grams_b)
        if not shared:
            return []
        counts_a = Counter(g for g in grams_a if g in shared)
        counts_b = Counter(g for g in grams_b if g in shared)
    shared = {
        g for g in shared
        if counts_a[g] <= max_occurrences and counts_b[g] <= max_occurrences
        and not is_stop_gram(g) and (common is None or g not in common)
    }
    if not shared:
        return []
    index: dict[Gram, list[int]] = {}
    for j in [j for j, g in enumerate(grams_b) if g in shared]:
        gram = grams_b[j]
        positions = index.get(gram)
        if positions is None:
            index[gram] = [j]
        else:
            positions.append(j)
    runs: list[list[int]] = []
    prev: dict[int, int] = {}
    last_i = -2
    for i in [i for i, g in enumerate(grams_a) if g in shared]:
        if i != last_i + 1:
            prev = {}
        last_i = i
        cur: dict[int, int] = {}
        for j in index[grams_a[i]]:
            if self_mode and j <= i:
                continue
            r = prev.get(j - 1)
            if r is None:
                cur[j] = len(runs)
                runs.append([i, i, j])
            else:
                runs[r][1] = i
                cur[j] = r
        prev = cur
    return [(r[0], r[1], r[2]) for r in runs]


def chain_runs(
    runs: list[tuple[int, int, int]], n: int, max_gap: int
) -> list[list[int]]:
    """Chain runs into candidate passages [a0, a1, b0, b1, anchors] (word ranges,
    end-exclusive; anchors are the chained runs as (a0, b0, length), the exact matches that
    refinement diffs between).

    A run joins the chain whose end is nearest before it in both texts, if the gap on each side
    is at most `max_gap` words and the two gaps differ by at most `max_gap` (small edits shift
    the diagonal a little; a reordered block jumps far and starts a new chain).
    """
    spans = sorted((i0, i1 + n, j0, j0 + (i1 - i0) + n) for i0, i1, j0 in runs)
    chains: list[list[int]] = []
    active: list[list[int]] = []
    for a0, a1, b0, b1 in spans:
        if active:
            active = [c for c in active if c[1] >= a0 - max_gap]
        best = None
        best_gap = None
        for chain in active:
            gap_a = a0 - chain[1]
            gap_b = b0 - chain[3]
            if gap_a < -n or gap_b < -n or gap_a > max_gap or gap_b > max_gap:
                continue
            if a1 <= chain[1] or b1 <= chain[3] or b0 < chain[2]:
                continue
            if abs(gap_a - gap_b) > max_gap:
                continue
            gap = max(gap_a, gap_b) + abs(gap_a - gap_b)
            if best_gap is None or gap < best_gap:
                best, best_gap = chain, gap
        if best is None:
            chain = [a0, a1, b0, b1, [(a0, b0, a1 - a0)]]
            chains.append(chain)
            active.append(chain)
        else:
            best[1] = max(best[1], a1)
            best[3] = max(best[3], b1)
            best[4].append((a0, b0, a1 - a0))
    return chains


def monotone_anchors(runs: list[tuple[int, int, int]], n: int) -> list[tuple[int, int, int]]:
    """The longest sequence of runs increasing in both texts, as (a0, b0, length) anchors.

    Patience-diff style: called with runs of n-grams unique in both texts, so the anchors of a
    linear diff are few, reliable, and split the texts into small gaps for diff-match-patch.
    """
    spans = sorted((i0, j0, i1 - i0 + n) for i0, i1, j0 in runs)
    tails: list[int] = []  # b0 of the last span of the best chain of each length
    tail_idx: list[int] = []
    back: list[int] = []
    import bisect

    for k, (_, b0, _) in enumerate(spans):
        pos = bisect.bisect_left(tails, b0)
        back.append(tail_idx[pos - 1] if pos else -1)
        if pos == len(tails):
            tails.append(b0)
            tail_idx.append(k)
        else:
            tails[pos] = b0
            tail_idx[pos] = k
    out = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(spans[k])
        k = back[k]
    return out[::-1]


def extend_exact(
    chain: list[int], words_a: Sequence[str], words_b: Sequence[str]
) -> None:
    """Grow a chain over identical words at both ends (seeds may have been filtered there)."""
    a0, a1, b0, b1 = chain[:4]
    while a0 > 0 and b0 > 0 and words_a[a0 - 1] == words_b[b0 - 1]:
        a0 -= 1
        b0 -= 1
    na, nb = len(words_a), len(words_b)
    while a1 < na and b1 < nb and words_a[a1] == words_b[b1]:
        a1 += 1
        b1 += 1
    chain[0:4] = [a0, a1, b0, b1]
