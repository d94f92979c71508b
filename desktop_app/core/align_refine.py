"""Refinement: turn candidate word ranges into passages with their word-level edits.

Each candidate is diffed word by word with diff-match-patch (every distinct word mapped to one
character, then semantic cleanup), which marks the edited words inside a near-verbatim passage.
Overlaps are resolved largest first: a smaller candidate keeps only its stretches that touch no
word already taken (nor a skipped word), split where needed; what is left under the minimum
length or similarity is dropped.
"""

from __future__ import annotations

from typing import Sequence

from diff_match_patch import diff_match_patch

from desktop_app.core.align_types import AlignOptions, Edit, Passage
from desktop_app.core.text import Tokens

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 2.0


def _encode(words_a: Sequence[str], words_b: Sequence[str]) -> tuple[str, str]:
    """Map each distinct word to one character (skipping the surrogate range)."""
    vocab: dict[str, str] = {}

    def code(word: str) -> str:
        ch = vocab.get(word)
        if ch is None:
            k = len(vocab) + 0x100
            if k >= 0xD800:
                k += 0x800
            ch = vocab[word] = chr(k)
        return ch

    return "".join(map(code, words_a)), "".join(map(code, words_b))


def word_diff(words_a: Sequence[str], words_b: Sequence[str]) -> list[tuple[int, int]]:
    """Word-level diff as (op, length) pairs: op -1 delete (a only), 1 insert (b only), 0 equal."""
    if list(words_a) == list(words_b):
        return [(0, len(words_a))] if words_a else []
    ca, cb = _encode(words_a, words_b)
    diffs = _DMP.diff_main(ca, cb, False)
    _DMP.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]


def anchored_diff(
    words_a: Sequence[str], words_b: Sequence[str], a0: int, a1: int, b0: int, b1: int,
    anchors: list[tuple[int, int, int]],
) -> list[tuple[int, int]]:
    """Word diff of [a0,a1) x [b0,b1) that keeps the exact-match anchors (a, b, length) and runs
    diff-match-patch only on the gaps between them: linear in the passage length, so a 1 MB
    passage with thousands of edits diffs in well under a second."""
    ops: list[tuple[int, int]] = []
    ca, cb = a0, b0
    for ra, rb, length in sorted(anchors):
        shift = max(ca - ra, cb - rb, 0)
        ra, rb = ra + shift, rb + shift
        length = min(length - shift, a1 - ra, b1 - rb)
        if length <= 0:
            continue
        ops.extend(word_diff(words_a[ca:ra], words_b[cb:rb]))
        ops.append((0, length))
        ca, cb = ra + length, rb + length
    ops.extend(word_diff(words_a[ca:a1], words_b[cb:b1]))
    merged: list[tuple[int, int]] = []
    for op, length in ops:
        if length <= 0:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + length)
        else:
            merged.append((op, length))
    return _order_edits(merged)


def _order_edits(ops: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Within each run of changes, deletions first then insertions (one op each)."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == 0:
            out.append(ops[k])
            k += 1
            continue
        da = db = 0
        while k < len(ops) and ops[k][0] != 0:
            if ops[k][0] < 0:
                da += ops[k][1]
            else:
                db += ops[k][1]
            k += 1
        if da:
            out.append((-1, da))
        if db:
            out.append((1, db))
    return out


def matched_pairs(diff: list[tuple[int, int]], a0: int, b0: int) -> list[tuple[int, int]]:
    """(a word index, b word index) of every equal word in a diff starting at (a0, b0)."""
    pairs: list[tuple[int, int]] = []
    ia, ib = a0, b0
    for op, length in diff:
        if op == 0:
            pairs.extend(zip(range(ia, ia + length), range(ib, ib + length)))
            ia += length
            ib += length
        elif op < 0:
            ia += length
        else:
            ib += length
    return pairs


def build_passage(
    ta: Tokens, tb: Tokens, a0: int, a1: int, b0: int, b1: int,
    diff: list[tuple[int, int]] | None = None,
) -> Passage:
    """A Passage (offsets, counts, similarity, edits) for word ranges [a0,a1) x [b0,b1)."""
    if diff is None:
        diff = word_diff(ta.words[a0:a1], tb.words[b0:b1])
    edits: list[Edit] = []
    ia, ib = a0, b0
    equal = 0
    k = 0
    while k < len(diff):
        op, length = diff[k]
        if op == 0:
            ia += length
            ib += length
            equal += length
            k += 1
            continue
        da = db = 0
        while k < len(diff) and diff[k][0] != 0:
            if diff[k][0] < 0:
                da += diff[k][1]
            else:
                db += diff[k][1]
            k += 1
        a_pos = ta.starts[ia] if ia < a1 else ta.ends[a1 - 1]
        b_pos = tb.starts[ib] if ib < b1 else tb.ends[b1 - 1]
        if da and db:
            edit = Edit("replace", ta.starts[ia], ta.ends[ia + da - 1],
                        tb.starts[ib], tb.ends[ib + db - 1])
        elif da:
            edit = Edit("delete", ta.starts[ia], ta.ends[ia + da - 1], b_pos, b_pos)
        else:
            edit = Edit("insert", a_pos, a_pos, tb.starts[ib], tb.ends[ib + db - 1])
        edits.append(edit)
        ia += da
        ib += db
    na, nb = a1 - a0, b1 - b0
    similarity = round(2 * equal / (na + nb), 4) if na + nb else 0.0
    return Passage(ta.starts[a0], ta.ends[a1 - 1], tb.starts[b0], tb.ends[b1 - 1],
                   na, nb, similarity, tuple(edits))


def resolve(
    chains: list[list[int]],
    ta: Tokens,
    tb: Tokens,
    used_a: bytearray,
    used_b: bytearray,
    options: AlignOptions,
    *,
    claim_a: bool = True,
    cuts: tuple[bytearray, bytearray] | None = None,
) -> list[Passage]:
    """Diff candidates and keep them largest first, splitting around words already taken.

    `used_a`/`used_b` flag words that may not join a passage (skipped ranges); they are updated
    as passages are accepted (`claim_a=False` lets many passages share a-words: repeats).
    `cuts` flag word boundaries a passage may not cross (see `align.skip_cuts`).
    """
    scored = []
    for chain in chains:
        a0, a1, b0, b1 = chain[:4]
        if min(a1 - a0, b1 - b0) < options.min_words:
            continue
        if len(chain) > 4 and chain[4]:
            diff = anchored_diff(ta.words, tb.words, a0, a1, b0, b1, chain[4])
        else:
            diff = word_diff(ta.words[a0:a1], tb.words[b0:b1])
        pairs = matched_pairs(diff, a0, b0)
        if len(pairs) < options.min_words:
            continue
        scored.append((len(pairs), a0, b0, a1, b1, diff, pairs))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    passages: list[Passage] = []
    for _, a0, b0, a1, b1, diff, pairs in scored:
        blocked = any(used_a[a0:a1]) or any(used_b[b0:b1]) or (
            cuts is not None and (any(cuts[0][a0 + 1:a1]) or any(cuts[1][b0 + 1:b1])))
        pieces = _free_pieces(pairs, used_a, used_b, cuts) if blocked else [pairs]
        for piece in pieces:
            if len(piece) < options.min_words:
                continue
            pa0, pb0 = piece[0]
            pa1, pb1 = piece[-1][0] + 1, piece[-1][1] + 1
            if (pa0, pa1, pb0, pb1) == (a0, a1, b0, b1):
                sub_diff = diff
            else:
                sub_diff = _slice_diff(diff, a0, pa0, pa1)
            passage = build_passage(ta, tb, pa0, pa1, pb0, pb1, sub_diff)
            if passage.similarity < options.min_similarity:
                continue
            passages.append(passage)
            if claim_a:
                used_a[pa0:pa1] = b"\x01" * (pa1 - pa0)
            used_b[pb0:pb1] = b"\x01" * (pb1 - pb0)
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    return passages


def _slice_diff(diff: list[tuple[int, int]], a0: int, pa0: int, pa1: int) -> list[tuple[int, int]]:
    """The part of a diff (starting at word a0) between equal words pa0 and pa1 - 1 of a."""
    out: list[tuple[int, int]] = []
    ia = a0
    for op, length in diff:
        if op == 0:
            lo, hi = max(ia, pa0), min(ia + length, pa1)
            if hi > lo:
                out.append((0, hi - lo))
            ia += length
        elif op < 0:
            if ia > pa0 and ia + length < pa1 + 1 and ia < pa1:
                out.append((op, length))
            ia += length
        elif pa0 < ia < pa1:
            out.append((op, length))
    return out


def _free_pieces(
    pairs: list[tuple[int, int]], used_a: bytearray, used_b: bytearray,
    cuts: tuple[bytearray, bytearray] | None = None,
) -> list[list[tuple[int, int]]]:
    """Split matched word pairs into maximal stretches touching no used word (gaps included)."""
    pieces: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    prev = None
    for ia, ib in pairs:
        free = not used_a[ia] and not used_b[ib]
        if free and prev is not None and current:
            pa, pb = prev
            if any(used_a[pa + 1:ia]) or any(used_b[pb + 1:ib]) or (cuts is not None and (
                any(cuts[0][pa + 1:ia + 1]) or any(cuts[1][pb + 1:ib + 1]))):
                free_gap = False
            else:
                free_gap = True
            if not free_gap:
                pieces.append(current)
                current = []
        if free:
            current.append((ia, ib))
            prev = (ia, ib)
        else:
            if current:
                pieces.append(current)
            current = []
            prev = None
    if current:
        pieces.append(current)
    return pieces
