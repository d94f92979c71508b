"""Exports of a tagged seeds project: CSV rows, the claims matrix, W3C selectors that re-find quotes."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.core.interchange_helpers import build, export_text, projects, read_csv, tag_three_claims

from desktop_app.core.export_csv import CSV_COLUMNS
from desktop_app.core.export_w3c import CC_NAMESPACE, W3C_CONTEXT
from desktop_app.core.interchange import export_to_path


def test_csv_has_one_row_per_annotation_with_metadata_and_escaped_note(seeded_project, tmp_path):
    made = tag_three_claims(seeded_project)
    report = export_to_path(seeded_project, "csv", tmp_path / "claims.csv")
    assert report.rows == 3
    rows = read_csv(tmp_path / "claims.csv")
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_id = {int(r["annotation_id"]): r for r in rows}
    first = by_id[made[0].id]
    article = seeded_project.article(1)
    assert first["article_title"] == article.title and first["outlet"] == article.outlet
    assert first["quote"] == article.text[int(first["start"]):int(first["end"])]
    assert first["claim"] == "North Korea supplied ammunition to Russia by rail"
    assert first["attributed_to"] == "White House Security Council"
    assert first["tags"] == "evidence/imagery"
    assert first["created_at"].endswith("Z")
    assert by_id[made[2].id]["note"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert not (tmp_path / "claims.csv.part").exists()


def test_matrix_counts_stances_and_speakers_per_article(seeded_project):
    from tests.core.interchange_helpers import annotate

    tag_three_claims(seeded_project)
    annotate(seeded_project, 4, "Russia", "North Korea traded munitions with Russia", "denies")  # no speaker
    rows = list(csv.reader(io.StringIO(export_text(seeded_project, "matrix"), newline="")))
    header = rows[0]
    assert header[:4] == ["claim_id", "claim", "annotations", "all_articles"]
    assert [h.split(":")[0] for h in header[4:]] == ["1", "2", "4"]
    cells = {row[1]: row for row in rows[1:]}
    rail = cells["North Korea supplied ammunition to Russia by rail"]
    both = "supports 1: White House Security Council; denies 1: Russia and North Korea"
    assert rail[2:] == ["2", both, both, "", ""]
    munitions = cells["North Korea traded munitions with Russia"]
    assert munitions[2:] == ["2", "supports 1: John Kirby; denies 1: unattributed", "",
                             "supports 1: John Kirby", "denies 1: unattributed"]


def test_w3c_items_have_both_selectors_that_refind_their_quotes(seeded_project):
    from desktop_app.core.annotations import locate_quote

    made = tag_three_claims(seeded_project)
    doc = json.loads(export_text(seeded_project, "w3c"))
    assert doc["@context"] == [W3C_CONTEXT, {"cc": CC_NAMESPACE}]
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 3 == len(doc["items"])
    texts = {seeded_project.article(i).text_hash: seeded_project.article(i).text for i in (1, 2)}
    for item in doc["items"]:
        target = item["target"]
        assert target["source"] == "urn:sha256:" + target["cc:textHash"]  # the seeds have no URLs
        text = texts[target["cc:textHash"]]
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
        assert locate_quote(text, quote["exact"], quote["prefix"], quote["suffix"]) == (position["start"], position["end"])
    first = next(i for i in doc["items"] if i["id"].endswith(f":{made[0].id}"))
    purposes = {(b["purpose"], b["value"]) for b in first["body"]}
    assert ("describing", "images show containers, not their contents") in purposes
    assert ("tagging", "evidence/imagery") in purposes
    assert first["cc:stance"] == "supports" and first["cc:attributedTo"] == "White House Security Council"


def test_w3c_export_imports_back_into_another_seeds_project(seeded_project, tmp_path, seed_paths):
    from desktop_app.core.articles import import_paths
    from desktop_app.core.interchange import import_file
    from desktop_app.core.store import Project

    made = tag_three_claims(seeded_project)
    export_to_path(seeded_project, "w3c", tmp_path / "claims.jsonld")
    with Project.open(tmp_path / "other.sqlite") as other:
        import_paths(other, list(reversed(seed_paths)))  # different article ids, same texts
        report = import_file(other, tmp_path / "claims.jsonld")
        assert (report.format, report.imported, report.refused) == ("w3c", 3, ())
        again = import_file(other, tmp_path / "claims.jsonld")
        assert (again.imported, again.duplicates) == (0, 3)
        imported = other.annotations()
    expected = sorted((a.quote, a.claim, a.stance, a.speaker, a.tags, a.note) for a in made)
    assert sorted((a.quote, a.claim, a.stance, a.speaker, a.tags, a.note) for a in imported) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_w3c_round_trip_restores_every_span_and_field(sample):
    """Random texts with astral characters and newlines: W3C export → a project with the same
    articles (stored in another order, other URLs) → the same annotations, re-found exactly."""
    from desktop_app.core.interchange import import_annotations
    from desktop_app.core.models import ArticleDraft
    from desktop_app.core.store import Project

    texts, annotations = sample

    def fields(project):
        hashes = {aid: digest for digest, aid in project.article_ids_by_hash().items()}
        return sorted((hashes[a.article_id], a.start, a.end, a.quote, a.claim, a.stance, a.speaker, a.tags, a.note)
                      for a in project.annotations())

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with build(folder / "a.sqlite", texts, annotations) as original:
            data = export_text(original, "w3c").encode()
            expected = fields(original)
        with Project.open(folder / "b.sqlite") as other:
            for text in reversed(texts):
                other.add_article(ArticleDraft(text=text, url="https://mirror.example/" + str(len(text))))
            report = import_annotations(other, data)
            assert report.refused == () and report.imported == len(expected)
            assert fields(other) == expected
