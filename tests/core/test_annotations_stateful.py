"""A stateful property test of the annotation store: random adds, edits, deletes, undos of deletes
and refused edits, checked after every step against a plain Python model — and after reopening."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, precondition, rule

from desktop_app.core.annotations import AnnotationDraft, normalise_tag
from desktop_app.core.errors import UserError
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project

TEXTS = ["North Korea delivered rockets to Russia by rail. 🚂 Russia denies it.", "Short one."]
CLAIMS = st.sampled_from(["ammunition by rail", " ammunition by rail ", "trains resumed", "Ammo"])
STANCES = st.sampled_from(["supports", "denies", "NEUTRAL", "questions"])
SPEAKERS = st.sampled_from(["", "John Kirby, NSC", "Russia", " Russia "])
TAGS = st.lists(st.sampled_from(["evidence", "evidence/imagery", "us", " us ", "a/b/c"]), max_size=3)


@st.composite
def spans(draw):
    article = draw(st.sampled_from([1, 2]))
    size = len(TEXTS[article - 1])
    start = draw(st.integers(0, size - 1))
    end = draw(st.integers(start + 1, size))
    return article, start, end


def expected_tags(tags) -> tuple[str, ...]:
    return tuple(sorted({normalise_tag(t) for t in tags}))


class AnnotationStore(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self):
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "p.sqlite"
        self.project = Project.open(self.path)
        for text in TEXTS:
            self.project.add_article(ArticleDraft(text=text))
        self.model: dict[int, dict] = {}
        self.deleted: list = []

    def teardown(self):
        self.project.close()
        self.folder.cleanup()

    @rule(target=ids, span=spans(), claim=CLAIMS, stance=STANCES, speaker=SPEAKERS, tags=TAGS, note=st.text(max_size=5))
    def add(self, span, claim, stance, speaker, tags, note):
        article, start, end = span
        draft = AnnotationDraft(article, start, end, claim, stance, speaker, tuple(tags), note)
        annotation, changes = self.project.add_annotation(draft, "tester")
        # Undo is last-in-first-out: a delete made before this add is only undone after the add
        # is, and SQLite may hand a deleted row's id to the new one, so forget older deletes.
        self.deleted.clear()
        assert changes.annotations and changes.article_ids == {article}
        self.model[annotation.id] = dict(
            article_id=article, start=start, end=end, quote=TEXTS[article - 1][start:end], claim=claim.strip(),
            stance=stance.lower(), speaker=speaker.strip(), tags=expected_tags(tags), note=note, orphaned=False)
        return annotation.id

    @rule(annotation_id=ids, claim=st.none() | CLAIMS, stance=st.none() | STANCES, speaker=st.none() | SPEAKERS,
          tags=st.none() | TAGS, note=st.none() | st.text(max_size=5), span=st.none() | spans())
    def update(self, annotation_id, claim, stance, speaker, tags, note, span):
        if annotation_id not in self.model:
            return
        entry = self.model[annotation_id]
        start = end = None
        if span is not None and span[0] == entry["article_id"]:
            _, start, end = span
        self.project.update_annotation(annotation_id, claim=claim, stance=stance, speaker=speaker,
                                       tags=None if tags is None else tuple(tags), note=note, start=start, end=end)
        if claim is not None:
            entry["claim"] = claim.strip()
        if stance is not None:
            entry["stance"] = stance.lower()
        if speaker is not None:
            entry["speaker"] = speaker.strip()
        if tags is not None:
            entry["tags"] = expected_tags(tags)
        if note is not None:
            entry["note"] = note
        if start is not None:
            entry.update(start=start, end=end, quote=TEXTS[entry["article_id"] - 1][start:end], orphaned=False)

    @rule(annotation_id=ids, stance=st.sampled_from(["agree", ""]))
    def refused_update_changes_nothing(self, annotation_id, stance):
        if annotation_id not in self.model:
            return
        before = self.project.annotation(annotation_id)
        try:
            self.project.update_annotation(annotation_id, claim="brand new claim", stance=stance, note="zzz")
        except UserError:
            pass
        else:
            raise AssertionError("an unknown stance was accepted")
        assert self.project.annotation(annotation_id) == before
        assert "brand new claim" not in [c.text for c in self.project.claims()]

    @rule(annotation_id=consumes(ids))
    def delete(self, annotation_id):
        if annotation_id not in self.model:
            return
        deleted, _ = self.project.delete_annotation(annotation_id)
        self.deleted.append(deleted)
        del self.model[annotation_id]

    @precondition(lambda self: self.deleted)
    @rule(target=ids)
    def undo_delete(self):
        deleted = self.deleted.pop()
        restored, _ = self.project.restore_annotation(deleted)
        assert restored == deleted
        self.model[deleted.id] = dict(
            article_id=deleted.article_id, start=deleted.start, end=deleted.end, quote=deleted.quote,
            claim=deleted.claim, stance=deleted.stance, speaker=deleted.speaker, tags=deleted.tags,
            note=deleted.note, orphaned=deleted.orphaned)
        return deleted.id

    @rule(annotation_id=ids)
    def orphan(self, annotation_id):
        if annotation_id in self.model:
            self.project.set_orphaned(annotation_id, True)
            self.model[annotation_id]["orphaned"] = True

    @rule()
    def reopen(self):
        self.project.close()
        self.project = Project.open(self.path)

    @invariant()
    def store_matches_model(self):
        stored = self.project.annotations()
        assert [a.id for a in stored] == sorted(self.model, key=lambda i: (
            self.model[i]["article_id"], self.model[i]["start"], i))
        for a in stored:
            expected = self.model[a.id]
            actual = {key: getattr(a, key) for key in expected}
            assert actual == expected
            assert TEXTS[a.article_id - 1][a.start:a.end] == a.quote
        assert self.project.annotation_count() == len(self.model)
        texts = [c.text for c in self.project.claims()]
        assert len(texts) == len(set(texts))
        assert set(self.project.speakers()) == {e["speaker"] for e in self.model.values()} - {""}


AnnotationStore.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
test_annotation_store_matches_model = AnnotationStore.TestCase
