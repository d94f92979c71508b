"""The claim editor on its own: completion from the project's claims, speakers and tags, stance
keys, and what it hands over on Save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.annotations import Stance
from desktop_app.ui.claim_editor import ClaimEditor

STANCES = [Stance(1, "supports", "#1b7837", "1", 0), Stance(2, "denies", "#c51b7d", "2", 1),
           Stance(3, "neutral", "#4d4d4d", "3", 2), Stance(4, "questions", "#e08214", "4", 3)]


def make_editor(qtbot):
    editor = ClaimEditor()
    qtbot.addWidget(editor)
    editor.set_choices(STANCES, ["North Korea supplied ammunition to Russia by rail", "Trade resumed"],
                       ["John Kirby, NSC", "Reuters"], ["evidence", "evidence/imagery", "denial"])
    editor.show()
    return editor


def test_fields_are_disabled_until_there_is_something_to_tag(qtbot):
    editor = make_editor(qtbot)
    assert not editor.claimField.isEnabled() and not editor.claimSave.isEnabled()
    editor.start_new(3, 10, 20, "some quote")
    assert editor.claimField.isEnabled() and editor.claimSave.isEnabled()
    assert not editor.claimDelete.isVisible()


def test_claim_completes_from_existing_claims_in_any_case_and_position(qtbot):
    editor = make_editor(qtbot)
    editor.start_new(3, 10, 20, "some quote")
    completer = editor.claimField.completer()
    completer.setCompletionPrefix("AMMUNITION")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "North Korea supplied ammunition to Russia by rail"
    speaker = editor.speakerField.completer()
    speaker.setCompletionPrefix("kirby")
    assert speaker.currentCompletion() == "John Kirby, NSC"


def test_tags_complete_the_last_comma_separated_tag(qtbot):
    editor = make_editor(qtbot)
    editor.start_new(3, 10, 20, "some quote")
    completer = editor.tagsField.completer()
    assert completer.splitPath("denial, evid") == ["evid"]
    editor.tagsField.setText("denial, evid")
    completer.setCompletionPrefix("evid")
    index = completer.completionModel().index(1, 0)
    assert completer.pathFromIndex(index) == "denial, evidence/imagery"


def test_stance_keys_and_save_values(qtbot):
    editor = make_editor(qtbot)
    editor.start_new(3, 10, 20, "some quote")
    editor.claimField.setEditText("  Trade resumed ")
    editor.stanceField.setFocus()
    qtbot.keyClick(editor.stanceField, Qt.Key.Key_4)
    assert editor.stanceField.currentData() == "questions"
    qtbot.keyClick(editor.stanceField, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    editor.speakerField.setText("Reuters ")
    editor.tagsField.setText("evidence / imagery, denial, denial")
    with qtbot.waitSignal(editor.saveRequested) as saved:
        qtbot.keyClick(editor.noteField, Qt.Key.Key_Return)
    values = saved.args[0]
    assert (values.article_id, values.start, values.end, values.annotation_id) == (3, 10, 20, None)
    assert (values.claim, values.speaker, values.tags) == ("Trade resumed", "Reuters", ("evidence/imagery", "denial"))
    assert values.stance == "denies"


def test_empty_claim_is_not_saved(qtbot):
    editor = make_editor(qtbot)
    editor.start_new(3, 10, 20, "some quote")
    with qtbot.assertNotEmitted(editor.saveRequested):
        editor.save()
    assert "Type the claim" in editor.heading.text()


def test_digits_type_into_the_claim_but_alt_digit_picks_a_stance(qtbot):
    editor = make_editor(qtbot)
    editor.start_new(3, 10, 20, "some quote")
    editor.activateWindow()
    qtbot.waitActive(editor)
    line = editor.claimField.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "5 railcars")
    assert line.text() == "5 railcars" and editor.stanceField.currentData() == "supports"
    qtbot.keyClick(line, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert editor.stanceField.currentData() == "neutral" and line.text() == "5 railcars"
