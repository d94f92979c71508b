"""Random realistic edits of an article with every character's origin tracked (tests and bench).

`edit_text` applies insertions, deletions, reworded sentences and moved paragraphs and returns the
new text with, for each character, its index in the old text (None for new characters). From that
`true_span` tells where an old span really went, so re-anchoring can be scored: right span,
wrong span, or orphaned.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FILLER = ("reportedly", "officials said", "according to sources", "on Tuesday", "in a statement",
          "the agency added", "once again", "as expected", "local media reported", "critics noted")
SYNONYMS = ("stated", "claimed", "noted", "vehicles", "cargo", "shipment", "nation", "officials",
            "authorities", "late", "recently", "railway", "border", "goods", "deliveries")


@dataclass
class Edited:
    text: str
    origin: list[int | None]


def _words(chars: list[tuple[str, int | None]]) -> list[tuple[int, int]]:
    text = "".join(c for c, _ in chars)
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _insert(chars, rng):
    words = _words(chars)
    if not words:
        return
    at = rng.choice(words)[0]
    phrase = rng.choice(FILLER) + " "
    chars[at:at] = [(c, None) for c in phrase]


def _delete(chars, rng):
    words = _words(chars)
    if len(words) < 20:
        return
    first = rng.randrange(len(words) - 12)
    count = rng.randint(1, 8)
    start, end = words[first][0], words[first + count][0]
    del chars[start:end]


def _reword(chars, rng):
    text = "".join(c for c, _ in chars)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]", text)]
    if not sentences:
        return
    s_start, s_end = rng.choice(sentences)
    inner = [(m.start() + s_start, m.end() + s_start) for m in re.finditer(r"\w+", text[s_start:s_end])]
    if not inner:
        return
    for _ in range(rng.randint(1, 2)):
        w_start, w_end = rng.choice(inner)
        replacement = rng.choice(SYNONYMS)
        chars[w_start:w_end] = [(c, None) for c in replacement]
        shift = len(replacement) - (w_end - w_start)
        inner = [(a + (shift if a > w_start else 0), b + (shift if b > w_start else 0)) for a, b in inner
                 if (a, b) != (w_start, w_end)]
        if not inner:
            return


def _move_paragraph(chars, rng):
    text = "".join(c for c, _ in chars)
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+\n", text)]
    if len(paragraphs) < 3:
        return
    start, end = rng.choice(paragraphs)
    piece = chars[start:end]
    del chars[start:end]
    rest = "".join(c for c, _ in chars)
    targets = [0] + [m.end() for m in re.finditer(r"\n", rest)]
    at = rng.choice(targets)
    chars[at:at] = piece


EDITS = (_insert, _delete, _reword, _move_paragraph)


def edit_text(text: str, rng: random.Random, count: int) -> Edited:
    """`count` random edits of `text`, each an insertion, deletion, rewording or paragraph move."""
    chars: list[tuple[str, int | None]] = [(c, i) for i, c in enumerate(text)]
    for _ in range(count):
        rng.choice(EDITS)(chars, rng)
    return Edited("".join(c for c, _ in chars), [o for _, o in chars])


def true_span(edited: Edited, start: int, end: int) -> tuple[int, int] | None:
    """Where old [start, end) is in the new text, if it survived whole and in one piece."""
    positions = [i for i, o in enumerate(edited.origin) if o is not None and start <= o < end]
    if len(positions) != end - start:
        return None
    if positions[-1] - positions[0] != end - start - 1:
        return None
    if [edited.origin[i] for i in positions] != list(range(start, end)):
        return None
    return positions[0], positions[-1] + 1


def surviving_positions(edited: Edited, start: int, end: int) -> set[int]:
    """New-text positions of whatever characters of old [start, end) are left."""
    return {i for i, o in enumerate(edited.origin) if o is not None and start <= o < end}


def random_spans(text: str, rng: random.Random, count: int,
                 skip: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """`count` word-aligned spans of 2 to 15 words, like the passages people tag, outside `skip`
    (the boilerplate and repeated blocks the app dims, which nobody annotates)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)
             if not any(s <= m.start() < e for s, e in skip)]
    spans = []
    for _ in range(count):
        length = rng.randint(2, 15)
        first = rng.randrange(max(1, len(words) - length))
        last = min(len(words) - 1, first + length - 1)
        while last > first and words[last][0] - words[first][1] > 400:  # stay inside one stretch
            last -= 1
        spans.append((words[first][0], words[last][1]))
    return spans
