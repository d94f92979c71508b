"""Plain records passed between the store, the core and the UI.

Frozen dataclasses of plain values (Meld's DiffChunk, git-cola's TextSpan): no Qt objects and no
database handles, so any layer can hold them and threads can share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RANGE_KINDS = ("boilerplate", "duplicate")


@dataclass(frozen=True)
class Range:
    """A stretch of an article marked as boilerplate or duplicate: dimmed, skipped by alignment."""

    kind: str
    start: int
    end: int
    label: str = ""


@dataclass(frozen=True)
class ArticleDraft:
    """An article read from a file, not yet stored."""

    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    source_path: str = ""
    ranges: tuple[Range, ...] = ()


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library: metadata without the text."""

    id: int
    title: str
    outlet: str
    author: str
    published: str
    url: str
    words: int
    annotations: int = 0


@dataclass(frozen=True)
class Article:
    """A stored article with its text and marked ranges."""

    id: int
    title: str
    outlet: str
    author: str
    published: str
    url: str
    source_path: str
    text: str
    text_hash: str
    words: int
    imported_at: str
    ranges: tuple[Range, ...] = ()

    def skip_ranges(self) -> tuple[tuple[int, int], ...]:
        """Boilerplate and duplicate ranges as (start, end) pairs, for alignment."""
        return tuple((r.start, r.end) for r in self.ranges)


@dataclass(frozen=True)
class AlignmentInput:
    """What the shared-passage engine needs of an article."""

    id: int
    text_hash: str
    text: str
    skip_ranges: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Changes:
    """What a store operation changed, so each view refreshes only what it shows (Anki's OpChanges)."""

    articles: bool = False
    annotations: bool = False
    claims: bool = False
    codebook: bool = False
    article_ids: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(
            articles=self.articles or other.articles,
            annotations=self.annotations or other.annotations,
            claims=self.claims or other.claims,
            codebook=self.codebook or other.codebook,
            article_ids=self.article_ids | other.article_ids,
        )
