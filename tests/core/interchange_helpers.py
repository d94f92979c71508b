"""Helpers for the export/import tests: tag a quote in a stored article, read CSV exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path


def annotate(project, article_id: int, quote: str, claim: str, stance: str = "supports",
             speaker: str = "", tags: tuple[str, ...] = (), note: str = "", occurrence: int = 0):
    """Tag the `occurrence`-th appearance of `quote` in the article; returns the Annotation."""
    from desktop_app.core.annotations import AnnotationDraft

    text = project.article(article_id).text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    annotation, _changes = project.add_annotation(
        AnnotationDraft(article_id, start, start + len(quote), claim, stance, speaker, tuple(tags), note)
    )
    return annotation


def tag_three_claims(project):
    """The three claims of the seeds a fact-checker would tag first."""
    return [
        annotate(project, 1, "the US claims that the rail service has transported ammunition from North Korea to Russia",
                 "North Korea supplied ammunition to Russia by rail", "supports", "White House Security Council",
                 ("evidence/imagery",), "images show containers, not their contents"),
        annotate(project, 1, "a claim which the countries deny", "North Korea supplied ammunition to Russia by rail",
                 "denies", "Russia and North Korea", ("denial",)),
        annotate(project, 2, "John Kirby", "North Korea traded munitions with Russia", "supports", "John Kirby",
                 note='=HYPERLINK("http://evil.example","click")'),
    ]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_json(path: Path) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data.pop("exported_at", None)
    return data


def export_text(project, fmt: str) -> str:
    from desktop_app.core.interchange import export_project

    handle = io.StringIO(newline="")
    export_project(project, fmt, handle)
    return handle.getvalue()
