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
        best = from_bytes(data).best()
        if best is None:
            raise ImportRefused(f"{name}: cannot tell its text encoding; save it as UTF-8 and retry") from None
        text = str(best)
    return normalise_newlines(text)


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """Read a file for import, refusing what is missing, unreadable, a folder, or too large."""
    path = Path(path)
    limit = max_import_bytes() if max_bytes is None else max_bytes
    if not path.exists():
        raise ImportRefused(f"{path}: no such file")
    if path.is_dir():
        raise ImportRefused(f"{path}: is a folder; name the files inside it")
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
