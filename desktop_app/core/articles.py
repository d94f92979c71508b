"""Importing articles: files (text, Markdown, HTML) and collections (CSV, JSONL) into a project.

Every input is read and checked before anything is written; the good articles then go in one
transaction. A file that is refused names itself and the reason in one line. Identical texts are
reported as already present, never stored twice. Boilerplate and repeated blocks are marked as
ranges (see boilerplate.py); the text itself is stored exactly as decoded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.core import catalog
from desktop_app.core.boilerplate import find_ranges, split_lines
from desktop_app.core.collections_import import ColumnChoice, read_collection
from desktop_app.core.decoding import decode_bytes, normalise_newlines, read_bytes, read_text_file
from desktop_app.core.errors import ImportRefused, UserError
from desktop_app.core.html_import import extract_html, looks_like_html
from desktop_app.core.models import ArticleDraft, Range
from desktop_app.core.store.articles import text_hash

__all__ = ["ImportCancelled", "ImportOptions", "ImportReport", "import_paths", "load_file", "read_text_file", "make_draft"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
COLLECTION_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MAX_TITLE_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


class ImportCancelled(UserError):
    """The user stopped an import; nothing of it was written."""


@dataclass(frozen=True)
class ImportOptions:
    max_bytes: int | None = None
    columns: ColumnChoice = ColumnChoice()
    strict: bool = False


@dataclass
class ImportReport:
    """What an import did: new article ids, texts already present, and refused inputs."""

    imported: list[tuple[int, str]] = field(default_factory=list)
    existing: list[tuple[int, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    replaced: list = field(default_factory=list)  # ReanchorReports of changed versions (reanchor.py)


def derive_title(text: str, ranges: Iterable[Range] = ()) -> str:
    """The first line that is not boilerplate, cut to its first sentence when it is long."""
    skipped = [(r.start, r.end) for r in ranges]
    for line in split_lines(text):
        if any(start <= line.start < end for start, end in skipped):
            continue
        heading = line.text.lstrip("#").strip()
        if len(heading) <= MAX_TITLE_CHARS:
            return heading
        first = _SENTENCE_END.split(heading, maxsplit=1)[0].rstrip(".")
        if len(first) <= MAX_TITLE_CHARS:
            return first
        return first[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return ""


def make_draft(text: str, source: str, metadata: dict[str, str] | None = None) -> ArticleDraft:
    """An ArticleDraft with boilerplate/duplicate ranges and a title, from text and known metadata."""
    if not text.strip():
        raise ImportRefused(f"{source}: is empty")
    meta = {key: value.strip() for key, value in (metadata or {}).items() if value and value.strip()}
    ranges = find_ranges(text)
    title = meta.pop("title", "") or derive_title(text, ranges)
    return ArticleDraft(text=text, title=title, source_path=source, ranges=ranges, **meta)


def _markdown_title(text: str) -> str:
    match = _MD_HEADING.search(text)
    return match.group(1) if match else ""


def load_file(path: Path, options: ImportOptions = ImportOptions()) -> list[ArticleDraft]:
    """Read one input into drafts (one per article), or raise ImportRefused."""
    path = Path(path)
    data = read_bytes(path, options.max_bytes)
    text = decode_bytes(data, str(path))
    if not text.strip():
        raise ImportRefused(f"{path}: is empty")
    suffix = path.suffix.lower()
    source = str(path)
    if suffix in COLLECTION_SUFFIXES:
        rows = read_collection(text, source, COLLECTION_SUFFIXES[suffix], options.columns)
        return [
            make_draft(normalise_newlines(fields.pop("text")), f"{source}#{row_id}", fields)
            for row_id, fields in rows
        ]
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
        fields = extract_html(text, source)
        body = normalise_newlines(fields.pop("text"))
        fields.update(catalog.lookup(path, text_hash(body)))
        return [make_draft(body, source, fields)]
    metadata = catalog.lookup(path, text_hash(text))
    if suffix in {".md", ".markdown"} and "title" not in metadata:
        metadata["title"] = _markdown_title(text)
    return [make_draft(text, source, metadata)]


def import_paths(project, paths: Iterable[Path], options: ImportOptions = ImportOptions(), *,
                 progress: Callable[[int, int], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> ImportReport:
    """Import files into `project`: good ones in one transaction, refused ones listed.

    With options.strict, any refusal imports nothing and raises ImportRefused listing them all.
    `progress(done, total)` counts files read, then articles written; when `should_cancel()` turns
    true the import stops with ImportCancelled and the transaction is rolled back (GUI Cancel).
    """
    paths = list(paths)

    def check_cancel() -> None:
        if should_cancel is not None and should_cancel():
            raise ImportCancelled("import cancelled; nothing was imported")

    report = ImportReport()
    drafts: list[ArticleDraft] = []
    for done, path in enumerate(paths):
        check_cancel()
        if progress is not None:
            progress(done, len(paths))
        try:
            drafts.extend(load_file(Path(path), options))
        except ImportRefused as exc:
            report.refused.append((str(path), str(exc)))
    if options.strict and report.refused:
        raise ImportRefused("; ".join(reason for _, reason in report.refused) + " (nothing imported)")
    from desktop_app.core.reanchor import reimport_changed

    with project.atomic():
        for done, draft in enumerate(drafts):
            if done % 50 == 0:
                check_cancel()
                if progress is not None:
                    progress(done, len(drafts))
            changed = reimport_changed(project, draft)  # same URL or file, new text: re-anchor
            if changed is not None:
                report.replaced.append(changed[0])
                continue
            article_id, created = project.add_article(draft)
            (report.imported if created else report.existing).append((article_id, draft.source_path))
    return report


def with_ranges(draft: ArticleDraft, extra: Iterable[Range]) -> ArticleDraft:
    """A draft with more ranges marked (e.g. repeats found by the alignment engine)."""
    return replace(draft, ranges=tuple(sorted((*draft.ranges, *extra), key=lambda r: (r.start, r.end))))
