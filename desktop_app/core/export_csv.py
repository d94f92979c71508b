"""CSV export of tagged claims: one row per annotation, for spreadsheets and pandas.

Columns, in this order (the header row spells them exactly so):

==============  ==========  ============================================================
column          type        meaning
==============  ==========  ============================================================
annotation_id   integer     the annotation's id in the project
article_id      integer     the article's id in the project
article_title   text        the article's title
outlet          text        the publishing outlet (may be empty)
author          text        the article's author (may be empty)
published       text        publication date as imported (ISO 8601 when known)
url             text        the article's source URL (may be empty)
start           integer     first character of the quote (code points, 0-based)
end             integer     one past the last character of the quote (end-exclusive)
quote           text        the annotated passage, exactly as in the article
prefix          text        up to 32 characters before the quote
suffix          text        up to 32 characters after the quote
claim_id        integer     the canonical claim's id (shared across articles)
claim           text        the canonical claim
stance          text        the speaker's stance: supports, denies, neutral, questions, ...
attributed_to   text        who the article attributes the claim to (the speaker)
tags            text        the annotation's tags joined with ``;``
note            text        the annotator's free note
annotator       text        who made the annotation
created_at      text        ISO 8601 in UTC, e.g. 2023-02-01T09:30:00Z
updated_at      text        ISO 8601 in UTC
==============  ==========  ============================================================

The file is UTF-8 with a byte-order mark (so Excel and LibreOffice detect the encoding) and is
written with ``newline=''``: rows end in CRLF as RFC 4180 says, and newlines inside a quoted cell
stay as they are. A free-text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or their full-width forms ``＝＋－＠`` gets a leading ``'`` so no spreadsheet runs it as a
formula (OWASP "CSV injection"); integer columns are written as plain numbers and never changed.
Importing such a file back (``crosscheck import-annotations``) removes that ``'`` again.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from typing import IO

CSV_COLUMNS: tuple[str, ...] = (
    "annotation_id", "article_id", "article_title", "outlet", "author", "published", "url",
    "start", "end", "quote", "prefix", "suffix", "claim_id", "claim", "stance", "attributed_to",
    "tags", "note", "annotator", "created_at", "updated_at",
)
NUMERIC_COLUMNS = frozenset({"annotation_id", "article_id", "start", "end", "claim_id"})
TAG_SEPARATOR = ";"
# What a spreadsheet may read as the start of a formula or a command (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
FORMULA_ESCAPE = "'"

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


def neutralise_cell(value: str) -> str:
    """A free-text cell a spreadsheet will show as text, never evaluate (leading ' if risky).

    Text that already looks escaped ('=...) gets one more ', so `restore_cell` gives it back intact.
    """
    if value and value.lstrip(FORMULA_ESCAPE).startswith(FORMULA_TRIGGERS):
        return FORMULA_ESCAPE + value
    return value


def restore_cell(value: str) -> str:
    """Undo `neutralise_cell`: drop the ' in front of (quotes before) a formula trigger."""
    if value.startswith(FORMULA_ESCAPE) and value.lstrip(FORMULA_ESCAPE).startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def utc_iso(value: str) -> str:
    """An ISO 8601 time as UTC with a Z suffix; values without a zone are taken as UTC."""
    if not value:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    spec = "microseconds" if moment.microsecond else "seconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


_RISKY_STARTS = (*FORMULA_TRIGGERS, FORMULA_ESCAPE)
_FREE_TEXT_POSITIONS = tuple(i for i, name in enumerate(CSV_COLUMNS) if name not in NUMERIC_COLUMNS)


def safe_row(row: tuple) -> list:
    """One row with every free-text cell neutralised and numbers left alone."""
    cells = list(row)
    for i in _FREE_TEXT_POSITIONS:
        value = cells[i]
        if value and value.startswith(_RISKY_STARTS):
            cells[i] = neutralise_cell(value)
    return cells


def annotation_rows(annotations: Iterable, articles: dict[int, object]) -> Iterator[tuple]:
    """Raw CSV rows (before neutralising) for annotations, with metadata from `articles` by id."""
    for a in annotations:
        article = articles.get(a.article_id)
        yield (
            a.id, a.article_id,
            getattr(article, "title", ""), getattr(article, "outlet", ""),
            getattr(article, "author", ""), getattr(article, "published", ""),
            getattr(article, "url", ""),
            a.start, a.end, a.quote, a.prefix, a.suffix,
            a.claim_id, a.claim, a.stance, a.speaker,
            TAG_SEPARATOR.join(a.tags), a.note, a.annotator,
            utc_iso(a.created_at), utc_iso(a.updated_at),
        )


def write_csv_rows(
    rows: Iterable[tuple],
    handle: IO[str],
    *,
    header: Iterable[str] = CSV_COLUMNS,
    total: int = 0,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    every: int = 2000,
) -> int:
    """Write the header and rows, neutralised, to a text handle opened with newline=''.

    Returns the number of data rows written. Progress is reported every `every` rows;
    `should_cancel` returning True raises `ExportCancelled` between rows.
    """
    from desktop_app.core.interchange_types import checkpoint

    writer = csv.writer(handle)
    writer.writerow(list(header))
    count = 0
    for row in rows:
        writer.writerow(safe_row(row))
        count += 1
        checkpoint(count, total, progress, should_cancel, every=every, unit="rows")
    if progress is not None:
        progress(count, max(total, count))
    return count


def export_csv(project, handle: IO[str], *, progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None) -> int:
    """Stream every annotation of `project` to `handle` as CSV; returns the number of rows."""
    articles = {a.id: a for a in project.articles()}
    rows = annotation_rows(project.iter_annotations(), articles)
    return write_csv_rows(rows, handle, total=project.annotation_count(), progress=progress,
                          should_cancel=should_cancel)
