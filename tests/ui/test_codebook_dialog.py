"""The codebook dialog: stance and tag changes are undoable steps; nothing in use goes silently."""

from __future__ import annotations

import pytest

from desktop_app.core.annotations import AnnotationDraft
from desktop_app.ui.codebook_dialog import CodebookDialog


@pytest.fixture
def setup(qtbot, make_window, seeded_project, seed_ids):
    project = seeded_project
    text = project.article(seed_ids[2]).text
    start = text.index("North Korean officials")
    annotation, _ = project.add_annotation(AnnotationDraft(seed_ids[2], start, start + 22, "claim", "neutral",
                                                           "NK", ("denial/official",)), "tester")
    window = make_window(project.path)
    window.claims.open_codebook()
    dialog = window.findChild(CodebookDialog, "codebookDialog")
    qtbot.addWidget(dialog)
    return window, dialog, annotation


def choose(listing, label_start):
    for row in range(listing.count()):
        if label_start in listing.item(row).text():
            listing.setCurrentRow(row)
            return
    raise AssertionError(f"{label_start!r} not listed")


def test_add_rename_merge_stance_and_undo_each(setup, seeded_project):
    window, dialog, annotation = setup
    claims = window.claims
    dialog.ask_text = lambda *a, **k: "mocks"
    dialog.ask_colour = lambda initial: "#123456"
    assert dialog.add_stance()
    mocks = next(s for s in seeded_project.stances() if s.name == "mocks")
    assert (mocks.colour, mocks.key) == ("#123456", "")
    assert "mocks" in [claims.editor.stanceField.itemData(i) for i in range(claims.editor.stanceField.count())]

    choose(dialog.stanceList, "neutral")
    dialog.ask_choice = lambda *a: "questions"
    assert dialog.merge_stance()
    assert seeded_project.annotation(annotation.id).stance == "questions"
    assert "neutral" not in [s.name for s in seeded_project.stances()]

    claims.actionUndo.trigger()  # undo the merge: the stance comes back with its id, key and colour
    neutral = next(s for s in seeded_project.stances() if s.name == "neutral")
    assert (neutral.key, neutral.position) == ("3", 2)
    assert seeded_project.annotation(annotation.id) == annotation
    claims.actionUndo.trigger()  # undo the add
    assert "mocks" not in [s.name for s in seeded_project.stances()]
    claims.actionRedo.trigger()
    assert "mocks" in [s.name for s in seeded_project.stances()]


def test_stance_in_use_is_not_deleted(setup, seeded_project):
    window, dialog, annotation = setup
    dialog.confirm = lambda *a: pytest.fail("must not even ask: the stance is in use")
    choose(dialog.stanceList, "neutral")
    assert not dialog.delete_stance()
    assert "merge it into another stance" in dialog.message.text()
    assert seeded_project.annotation(annotation.id).stance == "neutral"


def test_tag_in_use_asks_and_declining_keeps_it(setup, seeded_project):
    window, dialog, annotation = setup
    asked = []
    dialog.confirm = lambda title, text: asked.append(text) or False
    choose(dialog.tagList, "denial/official")
    assert not dialog.delete_tag()
    assert "used by 1 annotation" in asked[0]
    assert seeded_project.annotation(annotation.id).tags == ("denial/official",)

    dialog.confirm = lambda *a: True
    assert dialog.delete_tag()
    assert seeded_project.annotation(annotation.id).tags == ()
    assert seeded_project.annotation_count() == 1
    window.claims.actionUndo.trigger()
    assert seeded_project.annotation(annotation.id) == annotation


def test_rename_tag_and_undo(setup, seeded_project):
    window, dialog, annotation = setup
    choose(dialog.tagList, "denial  (")
    dialog.ask_text = lambda *a, **k: "rebuttal"
    assert dialog.rename_tag()
    assert seeded_project.annotation(annotation.id).tags == ("rebuttal/official",)
    window.claims.actionUndo.trigger()
    assert seeded_project.annotation(annotation.id).tags == ("denial/official",)


def test_refused_change_shows_the_reason_and_leaves_the_stack_alone(setup, seeded_project):
    window, dialog, _ = setup
    depth = window.claims.stack.count()
    choose(dialog.stanceList, "neutral")
    dialog.ask_text = lambda *a, **k: "supports"
    assert not dialog.rename_stance()
    assert "already exists" in dialog.message.text()
    assert window.claims.stack.count() == depth
