"""Showing invisible and direction-changing characters in labels (Trojan Source defence).

Bidirectional controls (U+202A-202E, U+2066-2069, LRM/RLM/ALM) can make a label display text in
an order other than the one stored, and zero-width characters hide differences between names
that look alike. Labels (library titles, claims, speakers, tags, notes) show each such character
as a visible marker like ⟦RLO⟧ instead. Only what is *displayed* changes: stored text and every
offset stay exactly as imported; the article panes keep the real text.
"""

from __future__ import annotations

import re

INVISIBLE = {
    "\u061c": "ALM", "\u200e": "LRM", "\u200f": "RLM",
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "BOM", "\u00ad": "SHY",
}
_PATTERN = re.compile("[" + "".join(INVISIBLE) + "]")


def has_invisible(text: str) -> bool:
    return bool(text) and _PATTERN.search(text) is not None


def visible_controls(text: str) -> str:
    """`text` with every bidi control and zero-width character replaced by a visible ⟦NAME⟧."""
    if not text:
        return text
    return _PATTERN.sub(lambda m: f"\u27e6{INVISIBLE[m.group()]}\u27e7", text)
