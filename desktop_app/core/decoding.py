"""Turning file bytes into article text: size cap, binary refusal, encoding detection, newlines.

UTF-8 (with or without BOM) is tried first; anything else goes to charset-normalizer, so a Latin-1
or Windows-1252 file keeps its accents. Newlines become `\\n`. After this, the text is never
rewritten: every offset the app stores indexes exactly this string.
"""

from __future__ import annotations

import os
from pathlib import Path

from charset_normalizer import from_bytes

from desktop_app.core.errors import ImportRefused

DEFAULT_MAX_MB = 25.0
# How much more "chaos" (charset-normalizer's mess score) a Western reading may show than the best
# guess and still win: short texts differ by a few hundredths between code pages.
WESTERN_CHAOS_MARGIN = 0.1


def max_import_bytes() -> int:
    """The per-file size cap: 25 MB, or CROSSCHECK_MAX_IMPORT_MB."""
    raw = os.environ.get("CROSSCHECK_MAX_IMPORT_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode file bytes to text with `\\n` newlines, or refuse them with a one-line reason."""
    if _looks_binary(data):
        raise ImportRefused(f"{name}: looks like a binary file (NUL or control bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data, name)
    return normalise_newlines(text)


def _mostly_isolated_high_bytes(data: bytes) -> bool:
    """True when bytes >= 0x80 stand mostly alone among ASCII, as accents do in Western text.

    Cyrillic or Greek code pages and the double-byte CJK encodings put high bytes in runs (whole
    words or character pairs); Latin-1/Windows-1252 text has an "é" or a curly quote here and there.
    """
    runs = high = 0
    previous_high = False
    for byte in data:
        is_high = byte >= 0x80
        if is_high:
            high += 1
            if not previous_high:
                runs += 1
        previous_high = is_high
    return runs > 0 and high / runs < 1.5


def _decode_legacy(data: bytes, name: str) -> str:
    """Decode non-UTF-8 bytes: Windows-1252 for Western text, else charset-normalizer's guess.

    charset-normalizer alone misreads short Western texts (Latin-1, Windows-1250 and even Big5 can
    all decode "Noël" without "chaos"), so text whose high bytes stand alone, the way accents and
    curly quotes do, is read as Windows-1252, the usual legacy encoding of news text. Among
    charset-normalizer's near-tied guesses a Western reading also wins.
    """
    if _mostly_isolated_high_bytes(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    results = list(from_bytes(data))
    if results:
        least = min(result.chaos for result in results)
        tied = [result for result in results if result.chaos <= least + WESTERN_CHAOS_MARGIN]
        western = any({"cp1252", "latin_1"} & set(result.could_be_from_charset) for result in tied)
        if not western:
            return str(results[0])
        for encoding in ("cp1252", "latin_1"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportRefused(f"{name}: cannot tell its text encoding; save it as UTF-8 and retry")


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """Read a file for import, refusing what is missing, unreadable, a folder, or too large."""
    path = Path(path)
    limit = max_import_bytes() if max_bytes is None else max_bytes
    if not path.exists():
        raise ImportRefused(f"{path}: no such file")
    if path.is_dir():
        raise ImportRefused(f"{path}: is a folder; name the files inside it")
    if not path.is_file():  # a FIFO, socket or device would block or never end
        raise ImportRefused(f"{path}: is not a regular file (pipe, socket or device)")
    size = path.stat().st_size
    if size > limit:
        raise ImportRefused(
            f"{path}: {size / 1048576:.1f} MB is over the {limit / 1048576:.0f} MB import limit"
            " (raise it with --max-size or CROSSCHECK_MAX_IMPORT_MB)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"{path}: cannot read it ({exc.strerror or exc})") from None


def read_text_file(path: Path, max_bytes: int | None = None) -> str:
    """The decoded, newline-normalised text of a file, or a one-line refusal."""
    text = decode_bytes(read_bytes(path, max_bytes), str(path))
    if not text.strip():
        raise ImportRefused(f"{path}: is empty")
    return text
