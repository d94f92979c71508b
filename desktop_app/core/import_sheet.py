"""Importing tagged claims from a spreadsheet CSV, one annotation per row.

Columns (header names are matched case-insensitively; order and extra columns do not matter):
``article_id`` or ``article_title`` (one of them), ``quote``, ``claim``, ``stance``, and optionally
``prefix``, ``suffix``, ``attributed_to``, ``tags`` (separated by ``;``), ``note``, ``start``
(a hint where the quote is), ``annotator``, ``created_at``. Our own CSV export has all of these, so
it imports back. Each row is anchored by finding its quote in the article (disambiguated by
prefix/suffix, then nearest to ``start``). A row that cannot be used is refused with its line
number (the header is line 1; a row whose cells span several lines is numbered by its first) and
the reason. The separator may be ``,``, ``;`` or a tab; the file may have a BOM and any line
endings. Cells we escaped against formula injection (a leading ``'``) are restored.
"""

from __future__ import annotations

import csv
import io

from desktop_app.core.decoding import decode_bytes
from desktop_app.core.export_csv import TAG_SEPARATOR, restore_cell
from desktop_app.core.import_common import ImportSession
from desktop_app.core.interchange_types import InterchangeError

REQUIRED = ("quote", "claim", "stance")
ARTICLE_COLUMNS = ("article_id", "article_title")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_sheet(text: str):
    """(header positions by column name, iterator of (line, cells)) for a decoded CSV text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise InterchangeError("the CSV file is empty") from None
    except csv.Error as exc:
        raise InterchangeError(f"line 1: unreadable CSV header ({exc})") from None
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        columns.setdefault(name.strip().lstrip("\ufeff").casefold(), i)
    missing = [name for name in REQUIRED if name not in columns]
    if not any(name in columns for name in ARTICLE_COLUMNS):
        missing.insert(0, "article_id or article_title")
    if missing:
        raise InterchangeError(
            f"the CSV header lacks {', '.join(missing)} (found: {', '.join(h.strip() for h in header)})"
        )

    def rows():
        last = reader.line_num
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InterchangeError(f"line {last + 1}: unreadable CSV ({exc})") from None
            yield last + 1, cells
            last = reader.line_num

    return columns, rows()


class _Row:
    def __init__(self, columns: dict[str, int], cells: list[str]) -> None:
        self.columns, self.cells = columns, cells

    def get(self, name: str) -> str:
        i = self.columns.get(name)
        return restore_cell(self.cells[i]) if i is not None and i < len(self.cells) else ""


def _articles_for(session: ImportSession, row: _Row, titles: dict[str, list[int]]) -> tuple[list[int], str]:
    raw_id = row.get("article_id").strip()
    if raw_id:
        if not raw_id.isdigit() or session.project.article(int(raw_id)) is None:
            return [], f"unknown article_id {raw_id!r}"
        return [int(raw_id)], ""
    title = row.get("article_title").strip()
    if not title:
        return [], "no article_id or article_title"
    found = titles.get(title.casefold(), [])
    return found, "" if found else f"unknown article {title!r}"


def import_sheet_row(session: ImportSession, line: int, row: _Row, titles: dict[str, list[int]]) -> None:
    session.tick()
    articles, reason = _articles_for(session, row, titles)
    if not articles:
        session.refuse(line, reason)
        return
    quote = row.get("quote")
    if not quote.strip():
        session.refuse(line, "the quote is empty")
        return
    claim = row.get("claim").strip()
    if not claim:
        session.refuse(line, "the claim is empty")
        return
    stance = row.get("stance").strip()
    stance_id = session.stance_id(stance)
    if stance_id is None:
        session.refuse(line, f"unknown stance {stance!r} (project stances: {session.stance_names()})")
        return
    hint = row.get("start").strip()
    start = int(hint) if hint.isdigit() else None
    end = start + len(quote) if start is not None else None
    span = article_id = None
    for candidate in articles:
        span = session.anchor(candidate, quote, row.get("prefix"), row.get("suffix"), start, end)
        if span is not None:
            article_id = candidate
            break
    if span is None or article_id is None:
        where = f"article {articles[0]}" if len(articles) == 1 else f"articles {', '.join(map(str, articles))}"
        session.refuse(line, f"quote not found in {where}: {quote[:40]!r}")
        return
    tags = [t for t in row.get("tags").split(TAG_SEPARATOR) if t.strip()]
    session.add(
        article_id=article_id, start=span[0], end=span[1], claim=claim, stance_id=stance_id,
        speaker=row.get("attributed_to"), tags=tags, note=row.get("note"),
        annotator=row.get("annotator").strip(), created_at=row.get("created_at").strip(),
    )


def fill_from_sheet(session: ImportSession, data: bytes, name: str = "CSV") -> None:
    """Every row of a spreadsheet CSV (raw bytes) into the session's project."""
    columns, rows = read_sheet(decode_bytes(data, name))
    titles = session.project.article_ids_by_title()
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        import_sheet_row(session, line, _Row(columns, cells), titles)
