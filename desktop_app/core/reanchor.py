"""Re-anchoring: moving annotations onto a new version of their article's text.

When an article's text is replaced (a changed version re-imported from the same URL or file, or
"Replace text..." in the app), each annotation is placed on the new text the way Hypothesis does
(dom-anchor-text-quote):

1. A position hint: the old start and end mapped through a diff of old -> new text.
2. The exact quote. With several occurrences, the one whose prefix/suffix match best, then the
   nearest to the hint, wins; a short or ambiguous quote far from its hint with no matching
   context is not trusted.
3. A fuzzy match near the hint with diff-match-patch's `match_main` (bitap): the quote's first and
   last 32 characters, and the prefix/suffix around it, give candidate spans; each is scored on
   quote similarity, prefix, suffix and distance from the hint, and accepted only above a bar.
4. Otherwise the annotation is *orphaned*: kept with its old quote and offsets, listed, exported
   and re-attachable by hand. Nothing is ever dropped.

This module is pure (texts in, placements out); `replace_article_text` applies them through the
store in one transaction (store/revisions.py), keeping the old text as a revision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

CONTEXT = 32
MAX_OCCURRENCES = 500
# A fuzzy span must be at least this similar to the old quote (1 - edit distance / length) ...
FUZZY_QUOTE_MIN = 0.72
# ... or, with both prefix and suffix found nearly intact around it, at least this similar.
FUZZY_QUOTE_MIN_WITH_CONTEXT = 0.45
FUZZY_CONTEXT_MIN = 0.8
# An ambiguous exact quote farther than this from its hint, with no matching context, is not trusted.
NEAR_HINT = 200
# Without its context intact, a fuzzy match must lie this near the hint and the quote be this long.
FUZZY_NEAR = 300
SHORT_FUZZY_QUOTE = 24
# How far around a quote its surroundings are compared when telling repeated copies apart.
EXTENT_CAP = 4000


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sat on the old text."""

    annotation_id: int
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Placement:
    """Where an annotation goes on the new text; method is 'exact', 'fuzzy' or 'orphaned'."""

    annotation_id: int
    method: str
    start: int | None = None
    end: int | None = None
    score: float = 0.0

    @property
    def placed(self) -> bool:
        return self.method != "orphaned"


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    dmp.Match_Threshold = 0.45
    dmp.Match_Distance = 2000
    return dmp


class PositionMap:
    """Maps offsets in the old text to the new one through a character diff."""

    def __init__(self, old: str, new: str):
        self._dmp = _dmp()
        self._dmp.Diff_Timeout = 2.0
        self.diffs = self._dmp.diff_main(old, new, len(old) + len(new) > 200_000)

    def __call__(self, position: int) -> int:
        return self._dmp.diff_xIndex(self.diffs, position)

    def unchanged(self, start: int, end: int) -> int | None:
        """The new offset of old [start, end) if the diff keeps that stretch as one equal run."""
        old_at = new_at = 0
        for op, data in self.diffs:
            size = len(data)
            if op == self._dmp.DIFF_EQUAL:
                if old_at <= start and end <= old_at + size:
                    return new_at + (start - old_at)
                old_at += size
                new_at += size
            elif op == self._dmp.DIFF_DELETE:
                old_at += size
            else:
                new_at += size
            if old_at > end:
                return None
        return None


def similarity(a: str, b: str, dmp: diff_match_patch | None = None) -> float:
    """1 - Levenshtein distance / longer length (1.0 for equal strings, 0.0 for nothing shared)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    dmp = dmp or _dmp()
    distance = dmp.diff_levenshtein(dmp.diff_main(a, b, False))
    return max(0.0, 1.0 - distance / max(len(a), len(b)))


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How much of the old prefix/suffix sits right around [start, end) (0..1, exact characters)."""
    parts = []
    if prefix:
        parts.append(_common_suffix(text[max(0, start - len(prefix)):start], prefix) / len(prefix))
    if suffix:
        parts.append(_common_prefix(text[end:end + len(suffix)], suffix) / len(suffix))
    return sum(parts) / len(parts) if parts else 0.0


def _position_score(position: int, hint: int, length: int) -> float:
    return 1.0 - min(1.0, abs(position - hint) / max(1, length))


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _left_extent(a: str, a_at: int, b: str, b_at: int, cap: int = EXTENT_CAP) -> int:
    """How many characters before a_at in `a` equal those before b_at in `b` (binary search)."""
    low, high = 0, min(a_at, b_at, cap)
    while low < high:
        mid = (low + high + 1) // 2
        if a[a_at - mid:a_at] == b[b_at - mid:b_at]:
            low = mid
        else:
            high = mid - 1
    return low


def _right_extent(a: str, a_at: int, b: str, b_at: int, cap: int = EXTENT_CAP) -> int:
    """How many characters from a_at in `a` equal those from b_at in `b`."""
    low, high = 0, min(len(a) - a_at, len(b) - b_at, cap)
    while low < high:
        mid = (low + high + 1) // 2
        if a[a_at:a_at + mid] == b[b_at:b_at + mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _place_exact(text: str, anchor: Anchor, hint: int, old_text: str | None,
                 position_map: PositionMap | None) -> Placement | None:
    """The new occurrence of the quote that continues the annotated one, if any.

    Each new occurrence is attributed to the old occurrence(s) of the quote whose surroundings it
    shares the longest stretch of; only occurrences attributed to the annotated one alone are
    candidates, so a quote whose own copy was edited away is not moved onto a twin elsewhere.
    When copies are indistinguishable by their surroundings (a repeated block), an occurrence is
    taken where the diff keeps the annotated stretch in place, or maps it nearest; failing that,
    when every copy survived, old and new copies are paired in reading order.
    """
    found = _occurrences(text, anchor.quote)
    if not found:
        return None
    length = len(anchor.quote)
    if old_text is None or old_text[anchor.start:anchor.end] != anchor.quote:
        best = max(found, key=lambda at: (_context_score(text, at, at + length, anchor.prefix, anchor.suffix) * 2
                                          + _position_score(at, hint, len(text))))
        context = _context_score(text, best, best + length, anchor.prefix, anchor.suffix)
        if len(found) > 1 and context < 0.5 and abs(best - hint) > NEAR_HINT:
            return None
        return Placement(anchor.annotation_id, "exact", best, best + length, 1.0 + context)
    olds = _occurrences(old_text, anchor.quote)
    if anchor.start not in olds:
        olds.append(anchor.start)

    def shared(new_at: int, old_at: int) -> int:
        return (_left_extent(old_text, old_at, text, new_at)
                + _right_extent(old_text, old_at + length, text, new_at + length))

    in_place = position_map.unchanged(anchor.start, anchor.end) if position_map else None
    mine = []
    tied: list[tuple[int, list[int]]] = []
    for new_at in found:
        scores = {old_at: shared(new_at, old_at) for old_at in olds}
        top = max(scores.values())
        owners = [old_at for old_at, value in scores.items() if value == top]
        if owners == [anchor.start]:
            mine.append(((top, -abs(hint - new_at)), new_at))
        elif anchor.start in owners:
            tied.append((new_at, owners))
            # identical surroundings (a repeated block): the diff decides which copy is which
            nearest = min(owners, key=lambda old_at: abs(position_map(old_at) - new_at) if position_map else 0)
            if in_place == new_at or nearest == anchor.start:
                mine.append(((top, -abs(hint - new_at)), new_at))
    if not mine and tied:
        # every copy of a repeated block kept: pair old and new copies in reading order
        group = sorted({old_at for _, owners in tied for old_at in owners})
        if len(tied) >= len(group):
            new_at = sorted(at for at, _ in tied)[group.index(anchor.start)]
            return Placement(anchor.annotation_id, "exact", new_at, new_at + length, 1.0)
    if not mine:
        return None
    (shared_chars, _), best = max(mine)
    return Placement(anchor.annotation_id, "exact", best, best + length, 1.0 + min(1.0, shared_chars / (2 * CONTEXT)))


def _match(dmp: diff_match_patch, text: str, pattern: str, hint: int) -> int:
    if not pattern:
        return -1
    hint = min(max(0, hint), len(text))
    try:
        return dmp.match_main(text, pattern[: dmp.Match_MaxBits], hint)
    except ValueError:
        return -1


def _fuzzy_candidates(dmp, text: str, anchor: Anchor, hint_start: int, hint_end: int) -> set[tuple[int, int]]:
    quote, bits = anchor.quote, dmp.Match_MaxBits
    spans: set[tuple[int, int]] = {(hint_start, hint_end)}
    head = _match(dmp, text, quote, hint_start)
    tail_pattern = quote[-bits:]
    tail = _match(dmp, text, tail_pattern, hint_end - len(tail_pattern))
    if head >= 0:
        spans.add((head, head + len(quote)))
    if tail >= 0:
        spans.add((tail + len(tail_pattern) - len(quote), tail + len(tail_pattern)))
    if head >= 0 and tail >= 0:
        spans.add((head, tail + len(tail_pattern)))
    prefix = anchor.prefix[-bits:]
    before = _match(dmp, text, prefix, hint_start - len(prefix))
    after = _match(dmp, text, anchor.suffix, hint_end)
    if before >= 0:
        start = before + len(prefix)
        spans.add((start, start + len(quote)))
        if after >= 0:
            spans.add((start, after))
        if tail >= 0:
            spans.add((start, tail + len(tail_pattern)))
    if after >= 0:
        spans.add((after - len(quote), after))
        if head >= 0:
            spans.add((head, after))
    limit = 2 * len(quote) + 16
    return {(max(0, s), min(len(text), e)) for s, e in spans if 0 < e - s <= limit and s < len(text)}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _elsewhere_in_old(old_text: str | None, piece: str, anchor: Anchor) -> bool:
    """True when `piece` is verbatim old text away from the annotation: another passage, not ours."""
    if old_text is None:
        return False
    at = old_text.find(piece)
    while at != -1:
        if at >= anchor.end or at + len(piece) <= anchor.start:
            return True
        at = old_text.find(piece, at + 1)
    return False


def _place_fuzzy(dmp, text: str, anchor: Anchor, hint_start: int, hint_end: int,
                 old_text: str | None = None) -> Placement | None:
    best: tuple[float, int, int] | None = None
    for start, end in _fuzzy_candidates(dmp, text, anchor, hint_start, hint_end):
        start, end = _trim(text, start, end)
        if start >= end or _elsewhere_in_old(old_text, text[start:end], anchor):
            continue
        quote_score = similarity(anchor.quote, text[start:end], dmp)
        prefix_score = similarity(anchor.prefix, text[max(0, start - len(anchor.prefix)):start], dmp) if anchor.prefix else 0.0
        suffix_score = similarity(anchor.suffix, text[end:end + len(anchor.suffix)], dmp) if anchor.suffix else 0.0
        context_ok = prefix_score >= FUZZY_CONTEXT_MIN and suffix_score >= FUZZY_CONTEXT_MIN
        if quote_score < FUZZY_QUOTE_MIN and not (context_ok and quote_score >= FUZZY_QUOTE_MIN_WITH_CONTEXT):
            continue
        near = abs(start - hint_start) <= FUZZY_NEAR + 2 * len(anchor.quote)
        if not context_ok and (not near or len(anchor.quote) < SHORT_FUZZY_QUOTE):
            continue  # a loose match far away, or of a few words, is more likely another passage
        total = (0.55 * quote_score + 0.175 * prefix_score + 0.175 * suffix_score
                 + 0.1 * _position_score(start, hint_start, len(text)))
        if best is None or total > best[0]:
            best = (total, start, end)
    if best is None:
        return None
    return Placement(anchor.annotation_id, "fuzzy", best[1], best[2], best[0])


def place(new_text: str, anchor: Anchor, position_map: PositionMap | None = None,
          dmp: diff_match_patch | None = None, old_text: str | None = None) -> Placement:
    """Where one annotation goes on `new_text` (exact, fuzzy or orphaned).

    With `old_text`, repeated copies of a quote are told apart by their surroundings.
    """
    if not anchor.quote or not new_text:
        return Placement(anchor.annotation_id, "orphaned")
    dmp = dmp or _dmp()
    hint_start = position_map(anchor.start) if position_map else anchor.start
    hint_end = position_map(anchor.end) if position_map else anchor.end
    if hint_end <= hint_start:
        hint_end = hint_start + len(anchor.quote)
    return (_place_exact(new_text, anchor, hint_start, old_text, position_map)
            or _place_fuzzy(dmp, new_text, anchor, hint_start, hint_end, old_text)
            or Placement(anchor.annotation_id, "orphaned"))


def reanchor(old_text: str, new_text: str, anchors: Sequence[Anchor]) -> list[Placement]:
    """Placements on `new_text` for every anchor, in the order given."""
    if not anchors:
        return []
    position_map = PositionMap(old_text, new_text)
    dmp = _dmp()
    return [place(new_text, anchor, position_map, dmp, old_text) for anchor in anchors]


@dataclass(frozen=True)
class ReanchorReport:
    """What replacing an article's text did to its annotations."""

    article_id: int
    exact: int
    fuzzy: int
    orphaned: tuple[int, ...]  # ids of annotations kept as orphaned

    def summary(self) -> str:
        moved = self.exact + self.fuzzy
        text = f"article {self.article_id}: text replaced; {moved} annotation(s) moved ({self.fuzzy} by fuzzy match)"
        if self.orphaned:
            ids = ", ".join(str(i) for i in self.orphaned)
            text += f", {len(self.orphaned)} kept as orphaned (ids {ids}; re-attach them by hand)"
        return text


def replace_text(project, article_id: int, new_text: str, *, ranges=None, source_path: str | None = None,
                 url: str | None = None):
    """Replace an article's text ("Replace text..." in the app, `crosscheck replace-text`) and
    re-anchor its annotations; the old text is kept as a revision. Returns (ReanchorReport, Changes)."""
    from desktop_app.core.boilerplate import find_ranges
    from desktop_app.core.decoding import normalise_newlines
    from desktop_app.core.errors import UserError
    from desktop_app.core.store.revisions import AnnotationMove

    article = project.article(article_id)
    if article is None:
        raise UserError(f"no article {article_id} in the project (see `crosscheck list`)")
    new_text = normalise_newlines(new_text)
    if new_text == article.text:
        raise UserError(f"article {article_id} already has this text; nothing changed")
    annotations = project.annotations(article_id)
    anchors = [Anchor(a.id, a.start, a.end, a.quote, a.prefix, a.suffix) for a in annotations]
    placements = reanchor(article.text, new_text, anchors)
    moves = [AnnotationMove(p.annotation_id, (p.start, p.end) if p.placed else None) for p in placements]
    with project.atomic():
        changes = project.replace_article_text(
            article_id, new_text, moves, find_ranges(new_text) if ranges is None else ranges,
            source_path=source_path, url=url,
        )
    report = ReanchorReport(
        article_id,
        exact=sum(1 for p in placements if p.method == "exact"),
        fuzzy=sum(1 for p in placements if p.method == "fuzzy"),
        orphaned=tuple(p.annotation_id for p in placements if not p.placed),
    )
    return report, changes


def replace_text_from_file(project, article_id: int, path, max_bytes: int | None = None):
    """Replace an article's text with a file's (read and checked like an import)."""
    from desktop_app.core.articles import ImportOptions, load_file
    from desktop_app.core.errors import UserError

    drafts = load_file(path, ImportOptions(max_bytes=max_bytes))
    if len(drafts) != 1:
        raise UserError(f"{path}: holds {len(drafts)} articles; give a file with one article's text")
    draft = drafts[0]
    return replace_text(project, article_id, draft.text, ranges=draft.ranges, source_path=draft.source_path)


def reimport_changed(project, draft):
    """If `draft` is a changed version of an article imported from the same URL or file, replace
    that article's text and re-anchor (returns (ReanchorReport, Changes)); else None."""
    from desktop_app.core.store.articles import text_hash

    article_id = project.article_for_source(draft.url, draft.source_path)
    if article_id is None:
        return None
    if project.article_id_for_hash(text_hash(draft.text)) is not None:
        return None  # this exact text is already stored: nothing to replace
    return replace_text(project, article_id, draft.text, ranges=draft.ranges,
                        source_path=draft.source_path or None, url=draft.url or None)
