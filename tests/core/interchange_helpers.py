"""Helpers for the export/import tests: tag a quote in a stored article, read CSV exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import strategies as st


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


# Astral characters (emoji, CJK extension B, musical symbols), newlines and curly quotes on purpose.
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
SPICE = st.sampled_from(["😀", "𠀋", "𝄞", "\n", "“", "”", ",", '"', "=", "  ", "é"])
TEXT = st.lists(st.one_of(CHARS, SPICE), min_size=1, max_size=40).map("".join)


@st.composite
def projects(draw):
    """Article texts and annotations (spans, claims, speakers, tags, notes) to build a project from."""
    texts = draw(st.lists(st.lists(st.one_of(CHARS, SPICE), min_size=5, max_size=120).map("".join),
                          min_size=1, max_size=3, unique=True))
    claims = draw(st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=4))
    annotations = []
    for _ in range(draw(st.integers(0, 8))):
        index = draw(st.integers(0, len(texts) - 1))
        length = len(texts[index])
        start = draw(st.integers(0, length - 1))
        end = draw(st.integers(start + 1, length))
        annotations.append(dict(
            article=index, start=start, end=end, claim=draw(st.sampled_from(claims)),
            stance=draw(st.sampled_from(["supports", "denies", "neutral", "questions"])),
            speaker=draw(st.one_of(st.just(""), TEXT)).strip(),
            tags=tuple(sorted(set(draw(st.lists(st.sampled_from(["rail", "evidence/imagery", "😀 emoji"]), max_size=2))))),
            note=draw(st.one_of(st.just(""), TEXT)),
        ))
    return texts, annotations


def build(path: Path, texts, annotations):
    """A project at `path` with `texts` as articles (each with a URL and a range) and `annotations`."""
    from desktop_app.core.annotations import AnnotationDraft
    from desktop_app.core.models import ArticleDraft, Range
    from desktop_app.core.store import Project

    project = Project.open(path)
    ids = [project.add_article(ArticleDraft(text=t, title=t[:10], url=f"https://example.org/{i}",
                                            ranges=(Range("boilerplate", 0, 1, "x"),)))[0]
           for i, t in enumerate(texts)]
    for a in annotations:
        project.add_annotation(AnnotationDraft(ids[a["article"]], a["start"], a["end"], a["claim"], a["stance"],
                                               a["speaker"], a["tags"], a["note"]))
    return project
