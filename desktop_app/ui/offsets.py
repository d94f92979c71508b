"""The one place that converts between core offsets (code points) and Qt offsets (UTF-16 units).

The core speaks Python string indices; QTextDocument positions count UTF-16 code units, so every
character outside the Basic Multilingual Plane (emoji, some CJK, math letters) takes two Qt
positions. Label Studio's emoji bugs (#4988, #3078) came from converting in several places; every
widget here converts through an `OffsetMap` built once per text.

A text without astral characters (the usual case) maps to itself at no cost; otherwise the map
keeps the sorted code-point positions of astral characters and converts with a binary search.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts offsets into one text between code points and UTF-16 units."""

    __slots__ = ("_astral", "_astral_u16", "length", "length_u16")

    def __init__(self, text: str):
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: its code-point index plus the astral ones before it.
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text)
        self.length_u16 = len(text) + len(self._astral)

    @property
    def identity(self) -> bool:
        """True when both kinds of offset are the same (no astral characters)."""
        return not self._astral

    def to_qt(self, cp: int) -> int:
        """UTF-16 offset of code-point offset `cp` (clamped to the text)."""
        cp = max(0, min(cp, self.length))
        if not self._astral:
            return cp
        return cp + bisect.bisect_left(self._astral, cp)

    def to_core(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset `u16`; a position inside a surrogate pair rounds down."""
        u16 = max(0, min(u16, self.length_u16))
        if not self._astral:
            return u16
        k = bisect.bisect_right(self._astral_u16, u16)  # astral characters starting at or before u16
        if k and self._astral_u16[k - 1] + 1 == u16:  # between the two halves of a pair
            return self._astral[k - 1]
        # each astral character that starts strictly before u16 and ends at or before it counts twice
        return u16 - k if k == 0 or self._astral_u16[k - 1] < u16 else u16 - (k - 1)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_core(self, start: int, end: int) -> tuple[int, int]:
        return self.to_core(start), self.to_core(end)
