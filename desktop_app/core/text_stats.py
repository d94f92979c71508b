"""Cheap text statistics used at import time (word counts), kept apart from the alignment code."""

import re

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def count_words(text: str) -> int:
    """Number of words, counting contractions such as "Iran’s" as one."""
    return sum(1 for _ in _WORD.finditer(text))
