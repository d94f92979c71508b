"""Plain records and errors shared by the exporters and importers (see interchange.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes

EXPORT_FORMATS = ("csv", "matrix", "json", "w3c")
IMPORT_FORMATS = ("json", "w3c", "csv")


class ExportCancelled(UserError):
    """The user cancelled an export or import; an import leaves the project unchanged."""


def checkpoint(count: int, total: int, progress, should_cancel, *, every: int = 2000,
               unit: str = "annotations") -> None:
    """The exporters' step after each record: every `every` records, stop if the user cancelled,
    else report progress. Checking only now and then keeps the loop fast."""
    if count % every:
        return
    if should_cancel is not None and should_cancel():
        raise ExportCancelled(f"export cancelled after {count} {unit}")
    if progress is not None:
        progress(count, total)


class InterchangeError(UserError):
    """An input file cannot be read as any format we import (one line saying why)."""


@dataclass(frozen=True)
class RefusedRow:
    """One input record that was not imported: where it is (line or item number) and why."""

    line: int
    reason: str
    unit: str = "line"  # "line" for CSV rows, "annotation" / "item" for JSON and W3C entries

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.reason}"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, imported, skipped as already present, refused (and why)."""

    format: str
    rows: int
    imported: int
    duplicates: int = 0
    refused: tuple[RefusedRow, ...] = ()
    articles_created: int = 0
    committed: bool = True
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        """One line for the CLI and the GUI's summary box."""
        parts = [f"{self.imported} of {self.rows} annotations imported ({self.format})"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already present")
        if self.articles_created:
            parts.append(f"{self.articles_created} articles created")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        if not self.committed:
            parts.append("nothing written (--strict)")
        return ", ".join(parts)


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    format: str
    rows: int
    target: str = ""

    def summary(self) -> str:
        where = f" to {self.target}" if self.target else ""
        noun = {"json": "annotations", "w3c": "annotations", "matrix": "claims"}.get(self.format, "rows")
        return f"{self.rows} {noun} written{where} ({self.format})"
