"""CSV and JSONL collections: one article per row, with common column names detected.

Column detection is case-insensitive over the names news data sets use (FNC-1's `Body ID` and
`articleBody`, schema.org's `headline`, ...); `ColumnChoice` overrides any of them.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, fields

from desktop_app.core.errors import ImportRefused

CANDIDATES = {
    "text": ["text", "body", "articlebody", "article_body", "content", "article", "maintext"],
    "title": ["title", "headline", "name"],
    "id": ["id", "body id", "body_id", "bodyid", "article_id", "doc_id"],
    "url": ["url", "link", "uri"],
    "author": ["author", "authors", "byline", "creator"],
    "published": ["published", "date", "published_at", "datepublished", "date_published", "pubdate"],
    "outlet": ["outlet", "source", "site", "sitename", "publisher", "domain"],
}


@dataclass(frozen=True)
class ColumnChoice:
    """Explicit column names chosen by the user; None means detect."""

    text: str | None = None
    title: str | None = None
    id: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


def resolve_columns(header: list[str], choice: ColumnChoice, name: str) -> dict[str, str]:
    """Map each field to a column of `header`; the text column is required."""
    lowered = {column.strip().lower(): column for column in header}
    mapping: dict[str, str] = {}
    for field in fields(ColumnChoice):
        wanted = getattr(choice, field.name)
        if wanted is not None:
            if wanted not in header and wanted.lower() not in lowered:
                raise ImportRefused(f"{name}: no column named {wanted!r} (columns: {', '.join(header)})")
            mapping[field.name] = wanted if wanted in header else lowered[wanted.lower()]
            continue
        for candidate in CANDIDATES[field.name]:
            if candidate in lowered:
                mapping[field.name] = lowered[candidate]
                break
    if "text" not in mapping:
        raise ImportRefused(
            f"{name}: no text column found (looked for {', '.join(CANDIDATES['text'])}; "
            f"columns: {', '.join(header)}); name it with --text-column"
        )
    return mapping


def _rows_csv(text: str, name: str) -> tuple[list[str], list[dict]]:
    csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
    except csv.Error as exc:
        raise ImportRefused(f"{name}: not a readable CSV file ({exc})") from None
    return list(reader.fieldnames or []), rows


def _rows_jsonl(text: str, name: str) -> tuple[list[str], list[dict]]:
    rows, header = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportRefused(f"{name}: line {number} is not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise ImportRefused(f"{name}: line {number} is not a JSON object")
        for key in row:
            if key not in header:
                header.append(key)
        rows.append(row)
    return header, rows


def read_collection(text: str, name: str, kind: str, choice: ColumnChoice) -> list[tuple[str, dict]]:
    """Rows of a CSV or JSONL collection as (row label, ArticleDraft fields); blank texts skipped."""
    header, rows = (_rows_csv if kind == "csv" else _rows_jsonl)(text, name)
    if not rows:
        raise ImportRefused(f"{name}: has no rows")
    mapping = resolve_columns(header, choice, name)
    result = []
    for number, row in enumerate(rows, start=2 if kind == "csv" else 1):
        values = {field: "" if row.get(column) is None else str(row.get(column)) for field, column in mapping.items()}
        body = values.pop("text")
        if not body.strip():
            continue
        row_id = values.pop("id", "") or str(number)
        result.append((row_id, {"text": body, **values}))
    if not result:
        raise ImportRefused(f"{name}: every row's text is empty")
    return result
