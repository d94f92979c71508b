"""The JSON project export is lossless: export → import into a new project → export is identical."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.core.interchange_helpers import build, export_text, projects, read_json, tag_three_claims

from desktop_app.core.errors import UserError
from desktop_app.core.interchange import export_to_path, import_annotations, import_file
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_json_round_trip_through_a_new_project_is_identical(sample):
    texts, annotations = sample
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with build(folder / "a.sqlite", texts, annotations) as original:
            export_to_path(original, "json", folder / "a.json")
            count = original.annotation_count()
        with Project.open(folder / "b.sqlite") as copy:
            report = import_file(copy, folder / "a.json")
            assert report.refused == () and report.imported == count
            export_to_path(copy, "json", folder / "b.json")
        first, second = read_json(folder / "a.json"), read_json(folder / "b.json")
        assert second == first
        assert len(first["annotations"]) == count


def test_export_carries_format_version_text_ranges_codebook(seeded_project):
    tag_three_claims(seeded_project)
    data = json.loads(export_text(seeded_project, "json"))
    assert (data["format"], data["version"]) == ("crosscheck-project", 1)
    assert [s["name"] for s in data["codebook"]["stances"]] == ["supports", "denies", "neutral", "questions"]
    assert {t["name"] for t in data["codebook"]["tags"]} >= {"evidence/imagery", "denial"}
    article = next(a for a in data["articles"] if a["id"] == 1)
    assert article["text"] == seeded_project.article(1).text
    assert article["ranges"] == [{"kind": r.kind, "start": r.start, "end": r.end, "label": r.label}
                                 for r in seeded_project.article(1).ranges]
    annotation = data["annotations"][0]
    assert set(annotation["selector"]) == {"start", "end", "quote", "prefix", "suffix"}


def test_import_into_existing_project_matches_articles_and_skips_what_it_has(seeded_project, tmp_path):
    made = tag_three_claims(seeded_project)
    export_to_path(seeded_project, "json", tmp_path / "p.json")
    articles_before = seeded_project.article_count()
    again = import_file(seeded_project, tmp_path / "p.json")
    assert (again.imported, again.duplicates, again.articles_created) == (0, 3, 0)
    assert seeded_project.article_count() == articles_before
    assert seeded_project.annotation_count() == len(made)


def test_import_recreates_custom_stance_and_keeps_existing_colours(seeded_project, tmp_path):
    data = json.loads(export_text(seeded_project, "json"))
    data["codebook"]["stances"].append({"name": "mocks", "colour": "#123456", "key": "5", "position": 4,
                                        "description": "ridicules the claim"})
    data["codebook"]["stances"][0]["colour"] = "#000000"
    article = data["articles"][0]
    data["annotations"] = [{
        "id": 99, "article": article["text_hash"],
        "selector": {"start": 0, "end": 8, "quote": article["text"][:8], "prefix": "", "suffix": ""},
        "claim": "a claim", "stance": "MOCKS", "speaker": "", "tags": [], "note": "", "annotator": "x",
        "created_at": "2023-01-01T00:00:00Z", "updated_at": "2023-01-01T00:00:00Z", "orphaned": False}]
    with Project.open(tmp_path / "fresh.sqlite") as fresh:
        report = import_annotations(fresh, json.dumps(data).encode())
        assert report.imported == 1
        stances = {s.name: s for s in fresh.codebook_stances()}
        assert stances["mocks"].colour == "#123456"
        assert stances["supports"].colour == "#000000"  # a project without annotations adopts the file's
        assert fresh.annotation(99).stance == "mocks"


def test_stance_from_file_never_steals_a_key_in_use(seeded_project, tmp_path):
    tag_three_claims(seeded_project)
    data = json.loads(export_text(seeded_project, "json"))
    data["codebook"]["stances"].append({"name": "mocks", "colour": "not a colour", "key": "1", "position": 0})
    with Project.open(tmp_path / "other.sqlite") as other:
        import_annotations(other, json.dumps(data).encode())
        seeded = {s.name: s for s in seeded_project.codebook_stances()}
        adopted = {s.name: s.key for s in other.codebook_stances()}
        assert (adopted["supports"], adopted["mocks"]) == ("1", "")  # the first in the file keeps it
        import_annotations(seeded_project, json.dumps(data).encode())  # has annotations: keeps its own
    stances = {s.name: s for s in seeded_project.codebook_stances()}
    assert (stances["mocks"].key, stances["mocks"].colour) == ("", "#808080")
    assert stances["supports"] == seeded["supports"]
    assert stances["mocks"].position > max(s.position for s in seeded.values())


def test_moved_quote_is_reanchored_and_missing_one_refused(seeded_project, tmp_path):
    tag_three_claims(seeded_project)
    data = json.loads(export_text(seeded_project, "json"))
    data["annotations"][0]["selector"]["start"] += 3
    data["annotations"][0]["selector"]["end"] += 3
    data["annotations"][1]["selector"]["quote"] = "words that are in no article"
    with Project.open(tmp_path / "fresh.sqlite") as fresh:
        report = import_annotations(fresh, json.dumps(data).encode())
        assert report.imported == 2
        assert [(r.line, r.unit) for r in report.refused] == [(2, "annotation")]
        assert "quote not found" in report.refused[0].reason
        moved = fresh.annotation(data["annotations"][0]["id"])
        assert fresh.article(moved.article_id).text[moved.start:moved.end] == moved.quote


def test_newer_format_version_is_refused_without_writing(tmp_path):
    with Project.open(tmp_path / "p.sqlite") as project:
        payload = {"format": "crosscheck-project", "version": 99, "articles": [], "annotations": []}
        with pytest.raises(UserError, match="newer Crosscheck"):
            import_annotations(project, json.dumps(payload).encode())
        assert project.article_count() == 0


def test_cancelled_import_leaves_the_project_unchanged(seeded_project, tmp_path):
    from desktop_app.core.interchange import ExportCancelled
    from tests.core.interchange_helpers import annotate

    for n in range(600):
        annotate(seeded_project, 1, "Russia", f"claim {n}", occurrence=n % 5)
    export_to_path(seeded_project, "json", tmp_path / "p.json")
    with Project.open(tmp_path / "fresh.sqlite") as fresh:
        with pytest.raises(ExportCancelled):
            import_file(fresh, tmp_path / "p.json", should_cancel=lambda: True)
        assert (fresh.article_count(), fresh.annotation_count(), fresh.claim_rows()) == (0, 0, [])


def test_import_into_a_project_whose_ids_are_taken_keeps_every_row(seeded_project, tmp_path, monkeypatch):
    """Rows whose ids are taken get new ones only after every row that keeps its id is in."""
    import desktop_app.core.import_common as common
    from tests.core.interchange_helpers import annotate

    monkeypatch.setattr(common, "FLUSH_EVERY", 2)  # several batches inside the one transaction
    for n in range(6):
        annotate(seeded_project, 1, "Russia", f"claim {n}", occurrence=n)
    export_to_path(seeded_project, "json", tmp_path / "p.json")
    with Project.open(tmp_path / "other.sqlite") as other:
        other.add_article(ArticleDraft(text=seeded_project.article(1).text))
        for n in range(3):  # ids 1-3 taken by different annotations
            annotate(other, 1, "North Korea", f"other {n}", occurrence=n)
        report = import_file(other, tmp_path / "p.json")
        assert (report.imported, report.refused) == (6, ())
        assert other.annotation_count() == 9
        assert {a.id for a in other.annotations() if a.claim.startswith("claim")} >= {4, 5, 6}


def test_line_streamed_and_whole_parsed_files_import_the_same(seeded_project, tmp_path):
    from desktop_app.core.json_lines import is_line_stream

    tag_three_claims(seeded_project)
    export_to_path(seeded_project, "json", tmp_path / "ours.json")
    ours = (tmp_path / "ours.json").read_bytes()
    assert is_line_stream(ours)
    reformatted = json.dumps(json.loads(ours), indent=2, ensure_ascii=True).encode()
    compact = json.dumps(json.loads(ours)).encode()
    assert not is_line_stream(reformatted) and not is_line_stream(compact)
    exports = []
    for n, data in enumerate((ours, reformatted, compact)):
        with Project.open(tmp_path / f"p{n}.sqlite") as project:
            report = import_annotations(project, data)
            assert (report.format, report.imported, report.refused) == ("json", 3, ())
            exports.append(json.loads(export_text(project, "json")))
    for data in exports:
        data.pop("exported_at")
    assert exports[0] == exports[1] == exports[2]


def test_a_damaged_line_is_reported_with_its_number(seeded_project, tmp_path):
    tag_three_claims(seeded_project)
    lines = export_text(seeded_project, "json").split("\n")
    where = next(i for i, line in enumerate(lines) if line.startswith('  {"id": 2, "article"'))
    lines[where] = lines[where][:40] + ","
    with Project.open(tmp_path / "p.sqlite") as project:
        with pytest.raises(UserError, match=f"line {where + 1}: invalid JSON"):
            import_annotations(project, "\n".join(lines).encode())
        assert project.article_count() == 0  # the articles read before the damage were rolled back
