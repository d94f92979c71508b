"""Reading our own JSON export one line at a time, so a large import never holds the parsed file.

export_json.py writes the top-level object with one member per line and, inside each array, one
item per line (JSON escapes every newline inside strings, so a line is always a whole value):

    {
     "format": "crosscheck-project",
     "claims": [
      {...},
      {...}
     ],
     "annotations": []
    }

`is_line_stream(data)` checks that shape cheaply (no parsing) and that "annotations" is the last
array, as the importer needs articles first; `line_events(data)` then yields ("member", key, value)
and ("item", key, value) tuples, decoding one line at a time. Anything else is read whole by
json.loads (interchange.py), so hand-edited files still import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from desktop_app.core.interchange_types import InterchangeError

_MEMBER = re.compile(rb'^ "([a-z_]+)": (.*?)(,?)$')
_ARRAY_END = re.compile(rb"^ \](,?)$")
_ITEM = b"  "


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    number = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end == -1 else end
        number += 1
        yield number, data[start:end].rstrip(b"\r")
        start = end + 1


def is_line_stream(data: bytes) -> bool:
    """True when `data` has the one-value-per-line shape export_json.py writes."""
    keys: list[bytes] = []
    in_array = False
    closed = False
    for number, line in _lines(data):
        if closed:
            if line.strip():
                return False
            continue
        if number == 1:
            if line != b"{":
                return False
        elif in_array:
            if _ARRAY_END.match(line):
                in_array = False
            elif not line.startswith(_ITEM):
                return False
        elif line == b"}":
            closed = True
        else:
            match = _MEMBER.match(line)
            if match is None:
                return False
            keys.append(match.group(1))
            in_array = match.group(2) == b"["
        if number == 2 and not line.startswith(b' "format": "crosscheck-project"'):
            return False
    return closed and (b"annotations" not in keys or keys[-1] == b"annotations")


def _decode(raw: bytes, number: int):
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InterchangeError(f"line {number}: invalid JSON ({getattr(exc, 'msg', exc)})") from None


def line_events(data: bytes) -> Iterator[tuple[str, str, object]]:
    """("member", key, value) for plain members, ("item", key, value) for each array item."""
    array: str | None = None
    for number, line in _lines(data):
        if number == 1 or line in (b"}", b""):
            continue
        if array is not None:
            if _ARRAY_END.match(line):
                array = None
            else:
                yield "item", array, _decode(line[len(_ITEM):].rstrip(b","), number)
            continue
        match = _MEMBER.match(line)
        if match is None:
            raise InterchangeError(f"line {number}: unexpected line in a Crosscheck JSON export")
        key, value = match.group(1).decode(), match.group(2)
        if value == b"[":
            array = key
        else:
            yield "member", key, _decode(value, number)
