"""Finding site chrome and repeated blocks in an article, as ranges (never deletions).

Imported text is kept exactly; what is not the story itself (comment forms, paywall and donation
appeals, share/login lines, photo credits, "related news" lists) is marked `boilerplate`, and a
block that repeats an earlier block of the same article is marked `duplicate`. The UI dims both and
alignment skips them. Detection works on lines: a line matching a chrome pattern is boilerplate;
a line matching an *appeal marker* starts a run of chrome that goes on while the following lines
still look like chrome (short, or about ads, support, subscriptions, authors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.models import Range
from desktop_app.core.repeats import find_repeats

# Whole lines that are site chrome wherever they appear.
CHROME_LINE_PATTERNS = [
    r"add (?:your|a) comment",
    r"\d*\s*characters? remaining\.?",
    r"log ?in (?:through|with|to) .{0,80}(?:comment|partners).*",
    r"(?:sign|log) (?:in|up)(?: to .{0,60})?",
    r"(?:share|tweet|email|print)(?: (?:this|on \w+))?(?: article| story)?:?",
    r"(?:photo|image|picture|credit|source|video)s?\s*:.{0,80}",
    r"author\s*:.{0,80}",
    r"(?:also|read|see) (?:also|more)\b.{0,60}",
    r"also read:?",
    r"see the offer",
    r"want full access\?.*",
    r"you just read one of our premium articles.*",
    r"enjoying ad-free content\?",
    r"support us",
    r"not ready to support today\?",
    r"remind me later\.?",
    r"paiment methods|payment methods",
    r".{0,40}full text articles",
    r".{3,150} \| [\w.\- ]{3,40}",  # "<headline> | SiteName": a page <title> pasted in
    r".{0,80}\bis (?:the )?(?:editor(?:-in-chief)?|reporter|correspondent|journalist|writer) (?:of|at|for) .{0,120}",
    r"advertisement|sponsored(?: content)?",
    r"(?:subscribe|sign up)(?: to| for)? (?:our )?(?:newsletter|updates).*",
    r".{0,200}\((?:cc[ -]by[^)]*|getty images|ap photo[^)]*|reuters)\)",
    r".{0,200}\b(?:image|photo)\s*:\s*[^.]{0,40}\.\s*©.{0,60}",
    r".{0,120}(?:we have disabled all ads|commitment costs us|journalism is banned in).*",
    r"place your ads .*",
    r"(?:find|follow) (?:the latest news|us) .{0,200}(?:facebook|twitter|linkedin|telegram).*",
]

# Lines that open a block of chrome running on past them.
APPEAL_MARKERS = [
    r"you just read one of our premium articles",
    r"we have a small favou?r to ask",
    r"railway news you might have missed",
    r"(?:related|recommended|more) (?:news|stories|articles|reading)",
    r"you might (?:also like|have missed)",
    r"also read:?$",
]

CHROME_WORDS = re.compile(
    r"\b(?:support|donat\w*|subscri\w*|journalis\w*|advert\w*|\bads?\b|newsletter|premium|"
    r"comment\w*|log ?in|offer|editor|magazine|facebook|twitter|linkedin)\b",
    re.IGNORECASE,
)

_chrome_line = re.compile("|".join(f"(?:{p})" for p in CHROME_LINE_PATTERNS), re.IGNORECASE)
_appeal = re.compile("|".join(APPEAL_MARKERS), re.IGNORECASE)
_word = re.compile(r"\w+")
SHORT_LINE_WORDS = 14
MIN_DUPLICATE_WORDS = 3
# A repeat inside lines must be a block, not a phrase: articles legitimately restate a quote or a
# clause, and dimming that would hide it from alignment.
MIN_REPEAT_BLOCK_WORDS = 25


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_word.findall(self.text))


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets (trailing whitespace excluded)."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def is_chrome_line(line: str) -> bool:
    """True if the whole line is a known kind of site chrome."""
    return _chrome_line.fullmatch(line.strip()) is not None


def _looks_like_chrome(line: Line) -> bool:
    return is_chrome_line(line.text) or line.words <= SHORT_LINE_WORDS or bool(CHROME_WORDS.search(line.text))


def boilerplate_lines(lines: list[Line]) -> list[bool]:
    """For each line, whether it is chrome: by pattern, or inside a run opened by an appeal marker."""
    flags = [False] * len(lines)
    in_run = False
    for index, line in enumerate(lines):
        if _appeal.search(line.text) and line.words <= 60:
            in_run = True
        elif in_run and not _looks_like_chrome(line):
            in_run = False
        flags[index] = in_run or is_chrome_line(line.text)
    return flags


def _normalise(line: str) -> str:
    return " ".join(_word.findall(line.lower()))


def duplicate_lines(lines: list[Line]) -> list[bool]:
    """For each line, whether the same line (case and punctuation aside) came earlier."""
    seen: set[str] = set()
    flags = []
    for line in lines:
        key = _normalise(line.text)
        flags.append(line.words >= MIN_DUPLICATE_WORDS and key in seen)
        seen.add(key)
    return flags


def _runs(lines: list[Line], flags: list[bool], bridge: list[bool]) -> list[tuple[int, int]]:
    """Merge flagged lines into ranges; lines flagged in `bridge` may join two runs."""
    ranges: list[tuple[int, int]] = []
    start = end = None
    for line, flag, can_bridge in zip(lines, flags, bridge):
        if flag:
            if start is None:
                start = line.start
            end = line.end
        elif start is not None and can_bridge:
            pass  # a bridgeable line between marked lines keeps the run open
        elif start is not None:
            ranges.append((start, end))
            start = end = None
    if start is not None:
        ranges.append((start, end))
    return ranges


def _merge(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of ranges; ranges separated only by white space become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_ranges(text: str) -> tuple[Range, ...]:
    """Boilerplate and duplicate ranges of an article's text, sorted by position."""
    lines = split_lines(text)
    chrome = boilerplate_lines(lines)
    dup = duplicate_lines(lines)
    # A repeated block is one range even where its own chrome lines were not repeated exactly.
    dup_ranges = _merge(text, _runs(lines, dup, chrome) + find_repeats(text, MIN_REPEAT_BLOCK_WORDS))
    result = [Range("duplicate", s, e, "repeats earlier text") for s, e in dup_ranges]
    in_duplicate = [any(ds <= line.start and line.end <= de for ds, de in dup_ranges) for line in lines]
    own_chrome = [flag and not covered for flag, covered in zip(chrome, in_duplicate)]
    for s, e in _runs(lines, own_chrome, [False] * len(lines)):
        result.append(Range("boilerplate", s, e, "site chrome"))
    return tuple(sorted(result, key=lambda r: (r.start, r.end)))
