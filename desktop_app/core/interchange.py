"""Export and import of annotations: the one entry point the CLI and the GUI call.

Exports (each streams rows, so memory stays flat):
  csv     one row per annotation, documented columns (export_csv.py)
  matrix  claims × articles with stance counts and speakers (export_matrix.py)
  json    the whole project, lossless and versioned (export_json.py)
  w3c     W3C Web Annotation JSON-LD collection (export_w3c.py)
Imports detect the format from the content: a Crosscheck JSON export (import_json.py), a W3C Web
Annotation document (import_w3c.py), or a spreadsheet CSV (import_sheet.py). Every import runs in
one transaction (import_common.py); cancelling leaves the project unchanged.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import IO

from desktop_app.core.errors import UserError
from desktop_app.core.export_csv import Progress, ShouldCancel, export_csv
from desktop_app.core.export_json import JSON_FORMAT, export_json
from desktop_app.core.export_matrix import export_matrix
from desktop_app.core.export_w3c import export_w3c
from desktop_app.core.import_common import run_import
from desktop_app.core.interchange_types import (
    EXPORT_FORMATS,
    ExportCancelled,
    ExportReport,
    ImportReport,
    InterchangeError,
    RefusedRow,
)

__all__ = [
    "EXPORT_FORMATS", "ExportCancelled", "ExportReport", "ImportReport", "InterchangeError",
    "RefusedRow", "detect_format", "export_project", "export_to_path", "import_annotations",
    "import_file", "open_export_stream", "default_suffix",
]

_WRITERS = {"csv": export_csv, "matrix": export_matrix, "json": export_json, "w3c": export_w3c}
_SUFFIXES = {"csv": ".csv", "matrix": ".csv", "json": ".json", "w3c": ".jsonld"}


def default_suffix(fmt: str) -> str:
    """The file suffix an export of `fmt` gets by default."""
    return _SUFFIXES[fmt]


def _check_format(fmt: str) -> None:
    if fmt not in _WRITERS:
        raise InterchangeError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")


def open_export_stream(binary: IO[bytes], fmt: str) -> io.TextIOWrapper:
    """A text stream over `binary` with the format's encoding: CSVs get a BOM and newline=''."""
    if fmt in ("csv", "matrix"):
        return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    return io.TextIOWrapper(binary, encoding="utf-8", newline="\n")


def export_project(project, fmt: str, handle: IO[str], *, progress: Progress | None = None,
                   should_cancel: ShouldCancel | None = None) -> ExportReport:
    """Write `project` in `fmt` to an open text handle (see open_export_stream for encodings)."""
    _check_format(fmt)
    rows = _WRITERS[fmt](project, handle, progress=progress, should_cancel=should_cancel)
    return ExportReport(fmt, rows)


def export_to_path(project, fmt: str, path: Path | str, *, progress: Progress | None = None,
                   should_cancel: ShouldCancel | None = None) -> ExportReport:
    """Export to a file, written beside it first and moved into place only when complete."""
    _check_format(fmt)
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        try:
            binary = open(partial, "wb")
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        with binary, open_export_stream(binary, fmt) as handle:
            report = export_project(project, fmt, handle, progress=progress, should_cancel=should_cancel)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    return ExportReport(fmt, report.rows, str(path))


def detect_format(data: bytes) -> str:
    """'json' (our project export), 'w3c' (Web Annotation JSON-LD) or 'csv', from the content."""
    if not _looks_like_json(data):
        return "csv"
    return _json_kind(_load_json(data))


def _looks_like_json(data: bytes) -> bool:
    return data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _json_kind(document) -> str:
    if isinstance(document, dict) and document.get("format") == JSON_FORMAT:
        return "json"
    return "w3c"


def _load_json(data: bytes):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"the JSON file is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"line {exc.lineno}: invalid JSON ({exc.msg})") from None


def import_annotations(project, data: bytes, *, name: str = "input", strict: bool = False,
                       progress: Progress | None = None,
                       should_cancel: ShouldCancel | None = None) -> ImportReport:
    """Import a JSON, W3C or spreadsheet-CSV document (raw bytes) into `project`, in one transaction."""
    from desktop_app.core.import_json import check_header, fill_from_json, fill_from_json_lines
    from desktop_app.core.json_lines import is_line_stream
    from desktop_app.core.import_sheet import fill_from_sheet
    from desktop_app.core.import_w3c import fill_from_w3c, w3c_items

    if not _looks_like_json(data):
        return run_import(project, "csv", lambda s: fill_from_sheet(s, data, name), strict=strict,
                          progress=progress, should_cancel=should_cancel)
    if is_line_stream(data):  # our own export: decoded line by line, memory stays small
        return run_import(project, "json", lambda s: fill_from_json_lines(s, data), strict=strict,
                          progress=progress, should_cancel=should_cancel)
    document = _load_json(data)
    del data
    fmt = _json_kind(document)
    if fmt == "json":
        check_header(document)
        fill = fill_from_json
    else:
        w3c_items(document)  # refuse a JSON file of another kind before opening a transaction
        fill = fill_from_w3c
    return run_import(project, fmt, lambda s: fill(s, document), strict=strict, progress=progress,
                      should_cancel=should_cancel)


def import_file(project, path: Path | str, *, strict: bool = False, progress: Progress | None = None,
                should_cancel: ShouldCancel | None = None) -> ImportReport:
    """Read `path` and import it (see import_annotations)."""
    path = Path(path)
    if path.is_dir():
        raise InterchangeError(f"{path} is a folder, not a file to import")
    return import_annotations(project, path.read_bytes(), name=path.name, strict=strict,
                              progress=progress, should_cancel=should_cancel)
