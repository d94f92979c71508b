"""W3C Web Annotation export (JSON-LD): an `AnnotationCollection` whose `items` are annotations.

Each annotation looks like this (Hypothesis-style selectors, so other tools can anchor it)::

    {"id": "urn:crosscheck:annotation:12", "type": "Annotation", "motivation": "classifying",
     "created": "2026-01-01T10:00:00Z", "modified": "2026-01-01T10:00:00Z",
     "creator": {"type": "Person", "name": "ana"},
     "body": [{"type": "TextualBody", "purpose": "classifying", "value": "<claim>", "format": "text/plain"},
              {"type": "TextualBody", "purpose": "describing", "value": "<note>", "format": "text/plain"},
              {"type": "TextualBody", "purpose": "tagging", "value": "<tag>"}],
     "target": {"source": "<article URL, or urn:sha256:<text hash>>",
                "cc:textHash": "<sha256 hex of the article text>", "cc:articleTitle": "<title>",
                "selector": [{"type": "TextQuoteSelector", "exact": ..., "prefix": ..., "suffix": ...},
                             {"type": "TextPositionSelector", "start": 10, "end": 42}]},
     "cc:claim": "<claim>", "cc:claimId": 3, "cc:stance": "supports", "cc:attributedTo": "<speaker>"}

Our own terms live in the namespace ``https://crosscheck.invalid/ns#`` (prefix ``cc``), declared in
the collection's ``@context``:

- ``cc:claim`` — the canonical claim the passage expresses (also the ``classifying`` body, for
  tools that ignore unknown properties); ``cc:claimId`` — its id in the exporting project;
- ``cc:stance`` — the speaker's stance towards the claim (a stance name of the project's codebook);
- ``cc:attributedTo`` — who the article attributes the claim to;
- ``cc:orphaned`` — present and true when the annotation lost its anchor after a text change;
- on the target: ``cc:textHash`` (SHA-256 of the article's text, so an article with a URL is
  still found exactly) and ``cc:articleTitle``.

Positions are Unicode code points, end-exclusive, as TextPositionSelector specifies. The note is
omitted when empty; there is one ``tagging`` body per tag. Files written here import back with
``crosscheck import-annotations`` (import_w3c.py).
"""

from __future__ import annotations

import json
from typing import IO

from desktop_app import __version__
from desktop_app.core.export_csv import Progress, ShouldCancel, utc_iso
from desktop_app.core.interchange_types import checkpoint
from desktop_app.core.store.connection import timestamp

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CC_NAMESPACE = "https://crosscheck.invalid/ns#"
ANNOTATION_URN = "urn:crosscheck:annotation:"
SHA256_URN = "urn:sha256:"


def article_source(url: str, digest: str) -> str:
    """The target source: the article's URL, or its text hash as a URN when it has none."""
    return url if url else SHA256_URN + digest


def w3c_annotation(a, *, source: str, digest: str, title: str = "") -> dict:
    """One annotation as a W3C Web Annotation object (without @context)."""
    body = [{"type": "TextualBody", "purpose": "classifying", "value": a.claim, "format": "text/plain"}]
    if a.note:
        body.append({"type": "TextualBody", "purpose": "describing", "value": a.note, "format": "text/plain"})
    body.extend({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in sorted(a.tags))
    item = {
        "id": f"{ANNOTATION_URN}{a.id}",
        "type": "Annotation",
        "motivation": "classifying",
        "created": utc_iso(a.created_at),
        "modified": utc_iso(a.updated_at),
    }
    if a.annotator:
        item["creator"] = {"type": "Person", "name": a.annotator}
    item["body"] = body
    item["target"] = {
        "source": source,
        "cc:textHash": digest,
        "cc:articleTitle": title,
        "selector": [
            {"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix},
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ],
    }
    item["cc:claim"] = a.claim
    item["cc:claimId"] = a.claim_id
    item["cc:stance"] = a.stance
    item["cc:attributedTo"] = a.speaker
    if a.orphaned:
        item["cc:orphaned"] = True
    return item


def export_w3c(project, handle: IO[str], *, progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None) -> int:
    """Stream every annotation as a W3C AnnotationCollection; returns the number of items."""
    total = project.annotation_count()
    digests = {aid: digest for digest, aid in project.article_ids_by_hash().items()}
    meta = {a.id: (article_source(a.url, digests[a.id]), a.title) for a in project.articles()}
    header = {
        "@context": [W3C_CONTEXT, {"cc": CC_NAMESPACE}],
        "type": "AnnotationCollection",
        "label": f"Crosscheck annotations: {project.path.stem}",
        "total": total,
        "generator": {"type": "Software", "name": f"crosscheck {__version__}"},
        "generated": timestamp(),
    }
    text = json.dumps(header, ensure_ascii=False, indent=1)
    handle.write(text[: text.rfind("}")].rstrip() + ',\n "items": [')
    count = 0
    for a in project.iter_annotations():
        source, title = meta[a.article_id]
        item = w3c_annotation(a, source=source, digest=digests[a.article_id], title=title)
        handle.write(("\n  " if count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
        count += 1
        checkpoint(count, total, progress, should_cancel)
    handle.write("\n ]\n}\n" if count else "]\n}\n")
    if progress is not None:
        progress(count, max(count, total))
    return count
