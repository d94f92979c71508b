"""Text normalisation and word tokens that keep their place in the original text.

Alignment compares *normalised* words (case-folded, Unicode quotes and dashes unified, punctuation
dropped) but must report offsets into the text exactly as imported. Everything here therefore
returns code-point offsets into the original string (Python indices, end-exclusive), never into a
rewritten copy. CRLF or astral characters (emoji) cannot shift offsets because nothing is rewritten
in place: `normalize` returns a map from every output character back to its source index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Quotes, apostrophes and dashes that outlets use interchangeably.
_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00ad": "",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
}
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4\u2032"

# A word: letters/digits, possibly joined by inner apostrophes ("don't", "Korea’s").
WORD_RE = re.compile(r"\w+(?:[" + _APOSTROPHES + r"]\w+)*")
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index it came from in the original."""

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        """Map a span of the normalised text back to an end-exclusive span of the original."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else original_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str, *, keep_punctuation: bool = False) -> Normalized:
    """Case-fold and unify quotes/dashes/spaces, keeping a map back to original offsets.

    Punctuation is dropped (replaced by nothing) unless `keep_punctuation`; runs of whitespace
    collapse to one space. One original character may become several (ß -> ss) or none.
    """
    out: list[str] = []
    offsets: list[int] = []
    last_space = True
    for index, char in enumerate(text):
        mapped = _CHAR_MAP.get(char, char)
        for piece in mapped.casefold():
            if piece.isspace():
                if last_space:
                    continue
                piece = " "
                last_space = True
            elif piece.isalnum() or keep_punctuation:
                last_space = False
            else:
                continue
            out.append(piece)
            offsets.append(index)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return Normalized("".join(out), tuple(offsets))


def normalize_word(word: str) -> str:
    """The comparison key of one word: case-folded, apostrophes removed ("Korea’s" == "koreas")."""
    return _APOS_RE.sub("", word).casefold()


@dataclass(frozen=True)
class Tokens:
    """Words of a text as parallel tuples: normalised form, start and end (code points)."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str) -> Tokens:
    """Split `text` into normalised words with their original code-point offsets."""
    matches = list(WORD_RE.finditer(text))
    starts = tuple(map(re.Match.start, matches))
    ends = tuple(map(re.Match.end, matches))
    raw = list(map(re.Match.group, matches))
    words = list(map(str.casefold, raw)) if not text.isascii() else list(map(str.lower, raw))
    if _APOS_RE.search(text):
        words = [normalize_word(w) if _APOS_RE.search(w) else w for w in words]
    return Tokens(tuple(words), starts, ends)


def count_words(text: str) -> int:
    """Number of words as alignment counts them (so "8 words" means the same everywhere)."""
    return sum(1 for _ in WORD_RE.finditer(text))


def one_line_preview(text: str, limit: int = 60) -> str:
    """`text` with its white space collapsed, cut with … at `limit` characters: how one-line
    messages and labels quote a user's text without breaking the line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
