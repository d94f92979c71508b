"""Replacing an article's text in a project: annotations move, orphans are kept, the old text is a
revision, re-import of a changed file re-anchors, and a failure changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop_app.cli import main
from desktop_app.core.annotations import AnnotationDraft
from desktop_app.core.articles import import_paths
from desktop_app.core.errors import UserError
from desktop_app.core.models import ArticleDraft
from desktop_app.core.reanchor import replace_text
from desktop_app.core.store import Project

OLD = (
    "North Korea supplied ammunition to Russia by rail, the White House said on Thursday.\n"
    "Spokesman John Kirby showed satellite images of the trains at the border station.\n"
    "Russia's ambassador denied the claim and called it a fabrication.\n"
)
NEW = (
    "UPDATED. North Korea supplied ammunition to Russia by rail, the White House said on Thursday.\n"
    "Spokesman John Kirby showed satellite pictures of the trains at the border station.\n"
)


def tag(project, article_id, text, quote, claim, stance="supports", note=""):
    start = text.index(quote)
    annotation, _ = project.add_annotation(
        AnnotationDraft(article_id, start, start + len(quote), claim=claim, stance=stance, speaker="someone",
                        tags=("evidence",), note=note))
    return annotation


def digest(path):
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture
def project(tmp_path):
    with Project.open(tmp_path / "p.sqlite") as project:
        article_id, _ = project.add_article(ArticleDraft(text=OLD, title="Old", source_path="/news/story.txt"))
        assert article_id == 1
        tag(project, 1, OLD, "North Korea supplied ammunition to Russia by rail", "NK supplied ammunition", note="exact")
        tag(project, 1, OLD, "Spokesman John Kirby showed satellite images of the trains at the border station.",
            "Images exist", note="fuzzy")
        tag(project, 1, OLD, "denied the claim and called it a fabrication", "Russia denies", "denies", note="gone")
        yield project


def test_replace_text_moves_annotations_and_keeps_the_lost_one_orphaned(project):
    report, changes = replace_text(project, 1, NEW)
    assert (report.exact, report.fuzzy, len(report.orphaned)) == (1, 1, 1)
    assert changes.annotations and 1 in changes.article_ids
    by_note = {a.note: a for a in project.annotations(1)}
    assert len(by_note) == 3  # nothing dropped
    assert NEW[by_note["exact"].start:by_note["exact"].end] == "North Korea supplied ammunition to Russia by rail"
    assert by_note["fuzzy"].quote == "Spokesman John Kirby showed satellite pictures of the trains at the border station."
    assert not by_note["exact"].orphaned and not by_note["fuzzy"].orphaned
    lost = by_note["gone"]
    assert lost.orphaned and lost.quote == "denied the claim and called it a fabrication"
    assert lost.claim == "Russia denies" and lost.tags == ("evidence",)
    assert project.article(1).text == NEW
    (revision,) = project.article_revisions(1)
    assert revision.text == OLD and revision.number == 1 and (revision.placed, revision.orphaned) == (2, 1)
    assert project.search_articles("UPDATED") == [1]


def test_orphaned_annotation_can_be_reattached_by_hand(project):
    report, _ = replace_text(project, 1, NEW)
    (orphan_id,) = report.orphaned
    start = NEW.index("John Kirby")
    annotation, _ = project.set_orphaned(orphan_id, False, start, start + len("John Kirby"))
    assert not annotation.orphaned and annotation.quote == "John Kirby"


def test_orphaned_annotations_are_exported(project, tmp_path):
    replace_text(project, 1, NEW)
    target = tmp_path / "out.csv"
    assert main(["export", "--project", str(project.path), "--format", "csv", "-o", str(target)]) == 0
    assert "Russia denies" in target.read_text(encoding="utf-8-sig")


def test_a_failing_replacement_leaves_the_project_unchanged(project, tmp_path):
    project.add_article(ArticleDraft(text="Another article entirely.\n", title="Other"))
    before = digest(project.path)
    with pytest.raises(UserError, match="already has exactly this text"):
        replace_text(project, 1, "Another article entirely.\n")
    assert digest(project.path) == before
    with pytest.raises(UserError):
        replace_text(project, 1, "   \n")
    assert digest(project.path) == before


def test_reimport_of_a_changed_file_replaces_the_article_and_reanchors(tmp_path, capsys):
    source = tmp_path / "story.txt"
    source.write_text(OLD, encoding="utf-8")
    project_file = tmp_path / "r.sqlite"
    with Project.open(project_file) as project:
        import_paths(project, [source])
        tag(project, 1, OLD, "John Kirby", "Kirby spoke")
    source.write_text(NEW, encoding="utf-8")
    assert main(["import", "--project", str(project_file), str(source)]) == 0
    assert "changed version" in capsys.readouterr().err
    with Project.open(project_file) as project:
        assert project.article_count() == 1
        assert project.article(1).text == NEW
        (annotation,) = project.annotations(1)
        assert NEW[annotation.start:annotation.end] == "John Kirby" and not annotation.orphaned


def test_replace_text_command(project, tmp_path, capsys):
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW, encoding="utf-8")
    project.close()
    assert main(["replace-text", "1", str(new_file), "--project", str(project.path)]) == 0
    out = capsys.readouterr().out
    assert "2 annotation(s) moved" in out and "1 kept as orphaned" in out
    assert main(["replace-text", "99", str(new_file), "--project", str(project.path)]) == 1
    assert "no article 99" in capsys.readouterr().err
