"""Annotations in the store: create, read, edit, delete, restore, selectors, validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.annotations import (
    AnnotationDraft,
    default_annotator,
    find_quote,
    locate_quote,
    make_selector,
    parse_tags,
)
from desktop_app.core.errors import UserError
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project

CLAIM = "North Korea supplied ammunition to Russia by rail"
TEXT = "Kirby said: North Korea delivered rockets. Russia denied it. North Korea again. 🚂 end"


@pytest.fixture
def project(tmp_path):
    with Project.open(tmp_path / "p.sqlite") as project:
        project.add_article(ArticleDraft(text=TEXT, title="one"))
        project.add_article(ArticleDraft(text="Another article text about trains.", title="two"))
        yield project


def span_of(quote, text=TEXT):
    start = text.index(quote)
    return start, start + len(quote)


def test_add_stores_quote_context_claim_tags_and_annotator(project, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_ANNOTATOR", "alice")
    start, end = span_of("North Korea delivered rockets")
    draft = AnnotationDraft(1, start, end, f"  {CLAIM} ", "Supports", " John Kirby, NSC ",
                            ("evidence/imagery", "us"), "from the briefing")
    annotation, changes = project.add_annotation(draft)
    assert annotation.quote == "North Korea delivered rockets"
    assert annotation.prefix == TEXT[max(0, start - 32):start]
    assert annotation.suffix == TEXT[end:end + 32]
    assert annotation.claim == CLAIM
    assert annotation.stance == "supports"
    assert annotation.speaker == "John Kirby, NSC"
    assert annotation.tags == ("evidence/imagery", "us")
    assert annotation.note == "from the briefing"
    assert annotation.annotator == "alice"
    assert annotation.created_at == annotation.updated_at and annotation.created_at.endswith("Z")
    assert not annotation.orphaned
    assert changes.annotations and changes.claims and changes.codebook
    assert changes.article_ids == {1}
    assert project.annotation(annotation.id) == annotation
    tags = {t.name: t for t in project.tags()}
    assert tags["evidence/imagery"].parent_id == tags["evidence"].id
    assert tags["evidence"].parent_id is None


def test_same_claim_text_is_one_claim_across_articles(project):
    first, _ = project.add_annotation(AnnotationDraft(1, 0, 5, CLAIM, "supports"), "a")
    second, changes = project.add_annotation(AnnotationDraft(2, 0, 7, CLAIM + "  ", "denies"), "a")
    assert first.claim_id == second.claim_id
    assert not changes.claims
    assert [c.text for c in project.claims()] == [CLAIM]


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (6, 5), (0, len(TEXT) + 1)])
def test_bad_spans_are_refused_and_nothing_is_written(project, start, end):
    with pytest.raises(UserError, match="span"):
        project.add_annotation(AnnotationDraft(1, start, end, CLAIM, "supports"))
    assert project.annotation_count() == 0
    assert project.claims() == []


def test_unknown_stance_lists_the_valid_ones(project):
    with pytest.raises(UserError, match="supports, denies, neutral, questions"):
        project.add_annotation(AnnotationDraft(1, 0, 3, CLAIM, "agree"))
    assert project.claims() == []


def test_empty_claim_and_missing_article_are_refused(project):
    with pytest.raises(UserError, match="claim is empty"):
        project.add_annotation(AnnotationDraft(1, 0, 3, "   ", "supports"))
    with pytest.raises(UserError, match="no article 99"):
        project.add_annotation(AnnotationDraft(99, 0, 3, CLAIM, "supports"))


def test_astral_characters_count_as_one_offset(project):
    start = TEXT.index("🚂")
    annotation, _ = project.add_annotation(AnnotationDraft(1, start, start + 1, "train", "neutral"))
    assert annotation.quote == "🚂"
    assert annotation.suffix == " end"


def test_update_changes_only_given_fields_and_retakes_the_quote(project):
    created, _ = project.add_annotation(AnnotationDraft(1, 0, 5, CLAIM, "supports", "Kirby", ("a",)), "bob")
    start, end = span_of("Russia denied it")
    updated, changes = project.update_annotation(created.id, stance="denies", speaker="Russia",
                                                 tags=("b", " a "), start=start, end=end)
    assert (updated.stance, updated.speaker, updated.tags) == ("denies", "Russia", ("a", "b"))
    assert updated.claim == CLAIM and updated.annotator == "bob"
    assert (updated.start, updated.end, updated.quote) == (start, end, "Russia denied it")
    assert updated.created_at == created.created_at
    assert changes.annotations and changes.codebook
    same, nothing = project.update_annotation(created.id, speaker="Russia")
    assert same == updated and nothing == type(nothing)()


def test_update_to_new_claim_creates_it(project):
    created, _ = project.add_annotation(AnnotationDraft(1, 0, 5, CLAIM, "supports"))
    updated, changes = project.update_annotation(created.id, claim="Another claim")
    assert updated.claim == "Another claim" and changes.claims
    with pytest.raises(UserError):
        project.update_annotation(created.id, end=len(TEXT) + 5)
    with pytest.raises(UserError, match="no annotation"):
        project.update_annotation(999, note="x")


def test_delete_then_restore_brings_back_the_exact_row(project):
    created, _ = project.add_annotation(AnnotationDraft(1, 0, 5, CLAIM, "questions", "x", ("t",), "n"))
    project.set_orphaned(created.id, True)
    orphan = project.annotation(created.id)
    deleted, changes = project.delete_annotation(created.id)
    assert deleted == orphan and changes.article_ids == {1}
    assert project.annotation(created.id) is None and project.annotation_count() == 0
    restored, _ = project.restore_annotation(deleted)
    assert restored == orphan


def test_add_with_explicit_id_and_times_restores_an_identical_row(project):
    created, _ = project.add_annotation(AnnotationDraft(1, 0, 5, CLAIM, "supports", "s", ("t",), "n"), "ann")
    project.delete_annotation(created.id)
    again, _ = project.add_annotation(created.draft(), created.annotator, annotation_id=created.id,
                                      created_at=created.created_at, updated_at=created.updated_at)
    assert again == created
    with pytest.raises(UserError, match="already exists"):
        project.add_annotation(created.draft(), annotation_id=created.id)


def test_set_orphaned_places_again_with_new_quote(project):
    created, _ = project.add_annotation(AnnotationDraft(1, 0, 5, CLAIM, "supports"))
    project.set_orphaned(created.id, True)
    assert project.annotation(created.id).orphaned
    start, end = span_of("Russia denied")
    placed, _ = project.set_orphaned(created.id, False, start, end)
    assert not placed.orphaned and placed.quote == "Russia denied"


def test_listing_order_streaming_count_and_speakers(project):
    project.add_annotation(AnnotationDraft(2, 3, 9, "c2", "neutral", "Zed"))
    project.add_annotation(AnnotationDraft(1, 10, 20, "c1", "supports", "amy"))
    project.add_annotation(AnnotationDraft(1, 2, 20, "c1", "denies", "Bob"))
    project.add_annotation(AnnotationDraft(1, 2, 8, "c1", "denies", "Bob"))
    listed = project.annotations()
    assert [(a.article_id, a.start) for a in listed] == [(1, 2), (1, 2), (1, 10), (2, 3)]
    assert [a.id for a in listed[:2]] == sorted(a.id for a in listed[:2])
    assert list(project.iter_annotations(batch=2)) == listed
    assert [a.article_id for a in project.annotations(2)] == [2]
    assert project.annotation_count() == 4
    assert project.speakers() == ["amy", "Bob", "Zed"]


def test_make_selector_clips_context_at_the_edges():
    selector = make_selector("abcdef", 1, 3, context=32)
    assert (selector.quote, selector.prefix, selector.suffix) == ("bc", "a", "def")


def test_locate_quote_uses_prefix_suffix_then_hint():
    text = "alpha beta gamma. delta beta epsilon. zeta beta eta."
    assert locate_quote(text, "missing") is None
    assert locate_quote(text, "") is None
    second = text.index("beta", 10)
    assert locate_quote(text, "beta", prefix="delta ") == (second, second + 4)
    assert locate_quote(text, "beta", suffix=" epsilon") == (second, second + 4)
    third = text.rindex("beta")
    assert locate_quote(text, "beta", hint=third - 2) == (third, third + 4)
    match = find_quote(text, "beta")
    assert match.ambiguous and match.occurrences == 3 and match.start == text.index("beta")
    assert not find_quote(text, "gamma").ambiguous


@given(st.text(alphabet="ab🚂 ", max_size=60), st.data())
def test_a_selector_always_locates_its_own_span(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    s = make_selector(text, start, end)
    assert text[s.start:s.end] == s.quote
    assert locate_quote(text, s.quote, s.prefix, s.suffix, hint=start) == (start, end)


def test_parse_tags_and_default_annotator(monkeypatch):
    assert parse_tags(" evidence / imagery , us,, us ,a//b") == ("evidence/imagery", "us", "a/b")
    monkeypatch.setenv("CROSSCHECK_ANNOTATOR", "  carol ")
    assert default_annotator() == "carol"
    monkeypatch.delenv("CROSSCHECK_ANNOTATOR")
    assert default_annotator()
