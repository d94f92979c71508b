"""Baselines for the alignment benchmark: plain diff-match-patch, as a user would try first.

Both report every equal stretch of at least `min_words` words as a detected passage.
- `dmp_char`: character diff at the library defaults (1 s timeout, semantic cleanup).
- `dmp_word`: word-level diff (each word mapped to one character, semantic cleanup).
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

_WORD = re.compile(r"\w+")


def _equal_spans_chars(diffs) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    spans = []
    ia = ib = 0
    for op, text in diffs:
        if op == 0:
            spans.append(((ia, ia + len(text)), (ib, ib + len(text))))
            ia += len(text)
            ib += len(text)
        elif op < 0:
            ia += len(text)
        else:
            ib += len(text)
    return spans


def dmp_char(a: str, b: str, min_words: int = 8):
    """Equal runs of a default character diff, kept when they hold `min_words` words."""
    dmp = diff_match_patch()
    diffs = dmp.diff_main(a, b)
    dmp.diff_cleanupSemantic(diffs)
    return [s for s in _equal_spans_chars(diffs) if len(_WORD.findall(a[s[0][0]:s[0][1]])) >= min_words]


def dmp_word(a: str, b: str, min_words: int = 8):
    """Equal runs of a word-level diff, kept when they are at least `min_words` words long."""
    ta = [m.span() for m in _WORD.finditer(a)]
    tb = [m.span() for m in _WORD.finditer(b)]
    vocab: dict[str, str] = {}

    def enc(text, spans):
        out = []
        for s, e in spans:
            w = text[s:e].lower()
            if w not in vocab:
                vocab[w] = chr(0x100 + len(vocab) + (0x800 if len(vocab) + 0x100 >= 0xD800 else 0))
            out.append(vocab[w])
        return "".join(out)

    dmp = diff_match_patch()
    diffs = dmp.diff_main(enc(a, ta), enc(b, tb), False)
    dmp.diff_cleanupSemantic(diffs)
    out = []
    for (sa, ea), (sb, eb) in _equal_spans_chars(diffs):
        if ea - sa >= min_words:
            out.append(((ta[sa][0], ta[ea - 1][1]), (tb[sb][0], tb[eb - 1][1])))
    return out
