"""Claims, stances, tags and annotations as plain records, plus the quote selectors that anchor them.

An annotation ties a span of one article to a canonical claim, the speaker the article attributes
it to, that speaker's stance, tags and a note. Besides start/end (code points, end-exclusive) it
keeps a quote selector: the exact text and up to 32 characters either side (as Hypothesis does),
so the span can be found again when the text changes (re-anchoring) or when a script names a quote
instead of offsets (`crosscheck annotate`). Qt-free; the store (store/annotations.py,
store/codebook.py) produces and consumes these records.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

SELECTOR_CONTEXT = 32
TAG_SEPARATOR = "/"


@dataclass(frozen=True)
class Stance:
    """A codebook entry for how a speaker relates to a claim (supports, denies, ...)."""

    id: int
    name: str
    colour: str
    key: str
    position: int
    description: str = ""


@dataclass(frozen=True)
class Tag:
    """A tag; `name` is its full path ("evidence/imagery"), `parent_id` the tag one level up."""

    id: int
    name: str
    parent_id: int | None
    colour: str = ""


@dataclass(frozen=True)
class Claim:
    """A canonical claim, shared by every annotation (in any article) that expresses it."""

    id: int
    text: str
    created_at: str


@dataclass(frozen=True)
class Selector:
    """Where a span is: offsets plus the quoted text and its context (W3C TextQuoteSelector)."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Annotation:
    """A stored annotation with its claim, stance and tags resolved to names."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    claim_id: int
    claim: str
    stance_id: int
    stance: str
    speaker: str
    tags: tuple[str, ...]
    note: str
    annotator: str
    created_at: str
    updated_at: str
    orphaned: bool = False

    def draft(self) -> "AnnotationDraft":
        """The draft that recreates this annotation (undo of a delete, copying)."""
        return AnnotationDraft(self.article_id, self.start, self.end, self.claim, self.stance,
                               self.speaker, self.tags, self.note)


@dataclass(frozen=True)
class AnnotationDraft:
    """What the editor, the CLI and importers hand to the store to create an annotation."""

    article_id: int
    start: int
    end: int
    claim: str
    stance: str
    speaker: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class QuoteMatch:
    """The result of looking for a quote: where it was placed and how sure that is."""

    start: int
    end: int
    occurrences: int  # how many times the quote occurs in the text
    ambiguous: bool  # several occurrences fitted equally well and no hint chose between them


def make_selector(text: str, start: int, end: int, context: int = SELECTOR_CONTEXT) -> Selector:
    """The selector of text[start:end]: the quote and up to `context` characters either side."""
    return Selector(start, end, text[start:end], text[max(0, start - context):start], text[end:end + context])


def _occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of `quote` in `text`."""
    found = []
    at = text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def find_quote(text: str, quote: str, prefix: str = "", suffix: str = "",
               hint: int | None = None) -> QuoteMatch | None:
    """Place `quote` in `text`: the occurrence whose surroundings match `prefix`/`suffix` best,
    then the one nearest to `hint`, then the first. None if the quote does not occur."""
    if not quote:
        return None
    starts = _occurrences(text, quote)
    if not starts:
        return None
    size = len(quote)

    def context_score(start: int) -> int:
        before = text[max(0, start - len(prefix)):start] if prefix else ""
        after = text[start + size:start + size + len(suffix)] if suffix else ""
        return _common_suffix(before, prefix) + _common_prefix(after, suffix)

    if len(starts) == 1:
        return QuoteMatch(starts[0], starts[0] + size, 1, False)
    scores = [context_score(s) for s in starts]
    best = max(scores)
    tied = [s for s, score in zip(starts, scores) if score == best]
    if len(tied) == 1:
        return QuoteMatch(tied[0], tied[0] + size, len(starts), False)
    if hint is not None:
        chosen = min(tied, key=lambda s: (abs(s - hint), s))
        return QuoteMatch(chosen, chosen + size, len(starts), False)
    return QuoteMatch(tied[0], tied[0] + size, len(starts), True)


def locate_quote(text: str, quote: str, prefix: str = "", suffix: str = "",
                 hint: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the exact `quote` in `text`, disambiguated by prefix/suffix then nearest
    to `hint` (then the first occurrence); None if it does not occur."""
    match = find_quote(text, quote, prefix, suffix, hint)
    return None if match is None else (match.start, match.end)


def default_annotator() -> str:
    """Who is annotating: the CROSSCHECK_ANNOTATOR setting, else the OS user."""
    configured = os.environ.get("CROSSCHECK_ANNOTATOR", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:  # no user name available (containers without a passwd entry)
        return "unknown"


def normalise_claim(text: str) -> str:
    """The stored form of a claim: surrounding whitespace stripped (same text => same claim)."""
    return text.strip()


def normalise_tag(name: str) -> str:
    """A tag path with blank levels dropped and spaces trimmed: " evidence / imagery " ->
    "evidence/imagery"."""
    return TAG_SEPARATOR.join(part.strip() for part in name.split(TAG_SEPARATOR) if part.strip())


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags as typed in the editor, normalised, duplicates removed, order kept."""
    seen: dict[str, None] = {}
    for raw in text.split(","):
        name = normalise_tag(raw)
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def tag_ancestors(name: str) -> list[str]:
    """Every level of a tag path, outermost first: "a/b/c" -> ["a", "a/b", "a/b/c"]."""
    parts = name.split(TAG_SEPARATOR)
    return [TAG_SEPARATOR.join(parts[: i + 1]) for i in range(len(parts))]
