"""The codebook: stances, hierarchical tags and claims — add, rename, merge, delete, never silent loss."""

from __future__ import annotations

import pytest

from desktop_app.core.annotations import AnnotationDraft
from desktop_app.core.errors import UserError
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project


@pytest.fixture
def project(tmp_path):
    with Project.open(tmp_path / "p.sqlite") as project:
        project.add_article(ArticleDraft(text="North Korea delivered rockets to Russia by rail.", title="a"))
        yield project


def tag(project, draft_tags, claim="claim", stance="supports"):
    return project.add_annotation(AnnotationDraft(1, 0, 11, claim, stance, tags=draft_tags))[0]


def test_default_stances_have_colours_keys_and_order(project):
    stances = project.stances()
    assert [(s.name, s.key, s.position) for s in stances] == [
        ("supports", "1", 0), ("denies", "2", 1), ("neutral", "3", 2), ("questions", "4", 3)]
    assert all(s.colour.startswith("#") and len(s.colour) == 7 for s in stances)


def test_add_rename_recolour_rekey_stance(project):
    stance, changes = project.add_stance("Mocks", "#AABBCC", "5", "ridicules it")
    assert (stance.name, stance.colour, stance.key, stance.position) == ("Mocks", "#aabbcc", "5", 4)
    assert changes.codebook
    assert project.rename_stance(stance.id, "ridicules")[0].name == "ridicules"
    assert project.set_stance_colour(stance.id, "#000000")[0].colour == "#000000"
    assert project.set_stance_key(stance.id, "6")[0].key == "6"
    with pytest.raises(UserError, match="already exists"):
        project.add_stance("SUPPORTS", "#000000")
    with pytest.raises(UserError, match="already picks"):
        project.set_stance_key(stance.id, "1")
    with pytest.raises(UserError, match="colour"):
        project.set_stance_colour(stance.id, "red")
    with pytest.raises(UserError, match="already exists"):
        project.rename_stance(stance.id, "denies")


def test_stance_in_use_cannot_be_deleted_but_can_be_merged(project):
    supports = project.stance_id_for("supports")
    neutral = project.stance_id_for("NEUTRAL")
    annotation = tag(project, (), stance="neutral")
    with pytest.raises(UserError, match="used by 1 annotation"):
        project.delete_stance(neutral)
    assert project.annotation(annotation.id).stance == "neutral"
    into, changes = project.merge_stances(neutral, supports)
    assert into.name == "supports" and changes.annotations
    assert project.annotation(annotation.id).stance == "supports"
    assert "neutral" not in [s.name for s in project.stances()]
    deleted, _ = project.delete_stance(project.stance_id_for("questions"))
    assert deleted.name == "questions"
    restored, _ = project.add_stance(deleted.name, deleted.colour, deleted.key, deleted.description,
                                     stance_id=deleted.id, position=deleted.position)
    assert restored == deleted


def test_tags_are_hierarchical_and_renames_carry_children(project):
    annotation = tag(project, ("evidence/imagery", "evidence/testimony"))
    evidence = next(t for t in project.tags() if t.name == "evidence")
    renamed, _ = project.rename_tag(evidence.id, "proof")
    assert renamed.name == "proof"
    assert project.annotation(annotation.id).tags == ("proof/imagery", "proof/testimony")
    moved, _ = project.rename_tag(renamed.id, "sources/proof")
    assert moved.parent_id == next(t.id for t in project.tags() if t.name == "sources")
    assert project.annotation(annotation.id).tags == ("sources/proof/imagery", "sources/proof/testimony")
    with pytest.raises(UserError, match="already exists"):
        project.add_tag("sources")
    with pytest.raises(UserError, match="below itself"):
        project.rename_tag(moved.id, "sources/proof/deeper")


def test_merge_tags_moves_links_and_children(project):
    first = tag(project, ("imagery", "old/x"))
    second = tag(project, ("photos",))
    photos = next(t.id for t in project.tags() if t.name == "photos")
    imagery = next(t.id for t in project.tags() if t.name == "imagery")
    project.merge_tags(photos, imagery)
    assert project.annotation(second.id).tags == ("imagery",)
    assert project.annotation(first.id).tags == ("imagery", "old/x")
    old = next(t.id for t in project.tags() if t.name == "old")
    new, _ = project.add_tag("new")
    project.merge_tags(old, new.id)
    assert project.annotation(first.id).tags == ("imagery", "new/x")
    assert {t.name for t in project.tags()} == {"imagery", "new", "new/x"}


def test_deleting_a_tag_in_use_needs_force_and_keeps_the_annotation(project):
    annotation = tag(project, ("rumour",))
    rumour = next(t.id for t in project.tags() if t.name == "rumour")
    with pytest.raises(UserError, match="used by 1 annotation"):
        project.delete_tag(rumour)
    assert project.annotation(annotation.id).tags == ("rumour",)
    project.delete_tag(rumour, force=True)
    assert project.annotation(annotation.id).tags == ()
    assert project.annotation_count() == 1


def test_rename_and_merge_claims(project):
    a = tag(project, (), claim="NK sent ammo")
    b = tag(project, (), claim="North Korea supplied ammunition")
    renamed, changes = project.rename_claim(a.claim_id, "NK sent ammunition")
    assert renamed.text == "NK sent ammunition" and changes.claims
    with pytest.raises(UserError, match="merge"):
        project.rename_claim(a.claim_id, "North Korea supplied ammunition")
    into, _ = project.merge_claims(a.claim_id, b.claim_id)
    assert project.annotation(a.id).claim == "North Korea supplied ammunition"
    assert [c.text for c in project.claims()] == ["North Korea supplied ammunition"]
    with pytest.raises(UserError):
        project.merge_claims(b.claim_id, b.claim_id)
