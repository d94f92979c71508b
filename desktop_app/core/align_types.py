"""Result and option types of shared-passage alignment (re-exported by `desktop_app.core.align`).

All offsets are code points into the original texts (Python string indices), end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

EditKind = Literal["insert", "delete", "replace"]

#: Default minimum passage length in matching words. Eight words is a full clause: long enough
#: that stock phrases ("at the end of last year", "between the two countries") do not count as
#: reuse, short enough to catch a copied quote.
DEFAULT_MIN_WORDS = 8
#: Default seed length in words (passim and Webis use 4-5-grams; 4 tolerates 15 % edits better).
DEFAULT_NGRAM = 4


@dataclass(frozen=True)
class Edit:
    """Words changed inside a passage. For an insertion (words only in b) a_start == a_end is
    the position in a where they would go; for a deletion b_start == b_end likewise."""

    kind: EditKind
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def mirrored(self) -> "Edit":
        kind = {"insert": "delete", "delete": "insert"}.get(self.kind, self.kind)
        return Edit(kind, self.b_start, self.b_end, self.a_start, self.a_end)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Passage:
    """A stretch of a that also occurs (maybe with word edits) in b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_words: int
    b_words: int
    similarity: float  # matching words / mean word count of the two sides, 0..1
    edits: tuple[Edit, ...] = ()

    def mirrored(self) -> "Passage":
        return Passage(
            self.b_start, self.b_end, self.a_start, self.a_end, self.b_words, self.a_words,
            self.similarity, tuple(e.mirrored() for e in self.edits),
        )


@dataclass(frozen=True)
class Alignment:
    """Passages shared by texts a and b, sorted by a_start; one side's passages never overlap."""

    passages: tuple[Passage, ...]
    a_length: int
    b_length: int

    @property
    def shared_chars_a(self) -> int:
        """Characters of a inside some passage."""
        return sum(p.a_end - p.a_start for p in self.passages)

    @property
    def shared_chars_b(self) -> int:
        """Characters of b inside some passage."""
        return sum(p.b_end - p.b_start for p in self.passages)

    @property
    def shared_fraction_a(self) -> float:
        return self.shared_chars_a / self.a_length if self.a_length else 0.0

    @property
    def shared_fraction_b(self) -> float:
        return self.shared_chars_b / self.b_length if self.b_length else 0.0

    def mirrored(self) -> "Alignment":
        """The same alignment seen from b (what align(b, a) returns)."""
        passages = sorted((p.mirrored() for p in self.passages), key=lambda p: p.a_start)
        return Alignment(tuple(passages), self.b_length, self.a_length)


@dataclass(frozen=True)
class AlignOptions:
    """How to align. `mode="diff"` is the linear word diff for two versions of one article."""

    min_words: int = DEFAULT_MIN_WORDS
    ngram: int = DEFAULT_NGRAM
    mode: Literal["passages", "diff"] = "passages"
    include_skipped: bool = False
    #: n-grams (tuples of normalised words) too common in the corpus to seed a passage.
    common_ngrams: frozenset | None = field(default=None, compare=False)
    #: largest gap, in words on either side, bridged inside one passage.
    max_gap: int = 12
    #: passages less similar than this (matching words / mean length) are dropped.
    min_similarity: float = 0.5
    #: n-grams occurring more often than this in one text are not seeds.
    max_occurrences: int = 8

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise ValueError("min_words must be at least 1")
        if self.ngram < 1:
            raise ValueError("ngram must be at least 1")
        if self.mode not in ("passages", "diff"):
            raise ValueError(f"unknown mode {self.mode!r}")

    def key(self) -> str:
        """A stable text form of the options that change results (for caches)."""
        return (
            f"m{self.mode}-w{self.min_words}-n{self.ngram}-s{int(self.include_skipped)}"
            f"-g{self.max_gap}-sim{self.min_similarity}-o{self.max_occurrences}"
        )

    def with_(self, **changes) -> "AlignOptions":
        return replace(self, **changes)
