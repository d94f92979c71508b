"""Lossless JSON export of a project: articles, codebook, claims and annotations.

The file is one JSON object (UTF-8, not ASCII-escaped), written as a stream so memory stays flat:

```
{"format": "crosscheck-project", "version": 1, "generator": "crosscheck 0.1.0",
 "exported_at": "2026-01-01T00:00:00Z",
 "codebook": {"stances": [{"name", "colour", "key", "position", "description"}],
              "tags": [{"name", "parent", "colour"}]},             # parent: a tag name or null
 "claims": [{"id", "text", "created_at"}],
 "articles": [{"id", "text_hash", "title", "outlet", "author", "published", "url",
               "source_path", "text", "ranges": [{"kind", "start", "end", "label"}]}],
 "annotations": [{"id", "article": <text_hash>, "selector": {"start", "end", "quote", "prefix",
                  "suffix"}, "claim", "stance", "speaker", "tags": [...], "note", "annotator",
                  "created_at", "updated_at", "orphaned"}]}
```

Annotations point at their article by text hash and at their claim, stance and tags by name, so
the file imports into any project (import_json.py). Ids are those of the exporting project; an
import keeps them where they are free. Only `exported_at` differs between two exports of the same
project; an article's `imported_at` is left out on purpose (it says when it entered *this* project).
"""

from __future__ import annotations

import json
from typing import IO

from desktop_app import __version__
from desktop_app.core.export_csv import Progress, ShouldCancel
from desktop_app.core.interchange_types import checkpoint
from desktop_app.core.store.connection import timestamp

JSON_FORMAT = "crosscheck-project"
JSON_VERSION = 1


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def codebook_json(project) -> dict:
    tags = project.codebook_tags()
    names = {t.id: t.name for t in tags}
    return {
        "stances": [
            {"name": s.name, "colour": s.colour, "key": s.key, "position": s.position,
             "description": s.description}
            for s in project.codebook_stances()
        ],
        "tags": [{"name": t.name, "parent": names.get(t.parent_id), "colour": t.colour} for t in tags],
    }


def article_json(article) -> dict:
    return {
        "id": article.id, "text_hash": article.text_hash, "title": article.title,
        "outlet": article.outlet, "author": article.author, "published": article.published,
        "url": article.url, "source_path": article.source_path,
        "text": article.text,
        "ranges": [{"kind": r.kind, "start": r.start, "end": r.end, "label": r.label} for r in article.ranges],
    }


def annotation_json(a, article_hash: str) -> dict:
    return {
        "id": a.id, "article": article_hash,
        "selector": {"start": a.start, "end": a.end, "quote": a.quote, "prefix": a.prefix, "suffix": a.suffix},
        "claim": a.claim, "stance": a.stance, "speaker": a.speaker, "tags": sorted(a.tags),
        "note": a.note, "annotator": a.annotator, "created_at": a.created_at,
        "updated_at": a.updated_at, "orphaned": bool(a.orphaned),
    }


def _write_array(handle: IO[str], key: str, items, last: bool = False) -> None:
    handle.write(f' "{key}": [')
    first = True
    for item in items:
        handle.write("\n  " if first else ",\n  ")
        handle.write(_dump(item))
        first = False
    handle.write("\n ]" if not first else "]")
    handle.write("\n" if last else ",\n")


def export_json(project, handle: IO[str], *, progress: Progress | None = None,
                should_cancel: ShouldCancel | None = None) -> int:
    """Stream the whole project as versioned JSON to `handle`; returns the number of annotations."""
    total = project.annotation_count()
    hashes = project.article_ids_by_hash()
    hash_of = {aid: digest for digest, aid in hashes.items()}
    handle.write("{\n")
    for key, value in (("format", JSON_FORMAT), ("version", JSON_VERSION),
                       ("generator", f"crosscheck {__version__}"), ("exported_at", timestamp()),
                       ("codebook", codebook_json(project))):
        handle.write(f" {_dump(key)}: {_dump(value)},\n")
    claims = ({"id": c.id, "text": c.text, "created_at": c.created_at} for c in project.claim_rows())
    _write_array(handle, "claims", claims)
    articles = (article_json(project.article(aid)) for aid in sorted(hash_of))
    _write_array(handle, "articles", articles)
    count = 0

    def annotations():
        nonlocal count
        for a in project.iter_annotations():
            yield annotation_json(a, hash_of[a.article_id])
            count += 1
            checkpoint(count, total, progress, should_cancel)

    _write_array(handle, "annotations", annotations(), last=True)
    handle.write("}\n")
    if progress is not None:
        progress(count, max(count, total))
    return count
