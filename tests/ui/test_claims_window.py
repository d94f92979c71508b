"""Claim tagging driven through the real main window: tag, edit, delete, undo/redo, reopen,
the keyboard-only flow, overlapping spans, hover and next/previous annotation."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.store import Project
from tests.ui.conftest import open_and_wait

CLAIM = "North Korea supplied ammunition to Russia by rail"
KIRBY = "North Korea delivered infantry rockets and missiles into Russia for use by the Wagner group"


def select_text(pane, quote: str, occurrence: int = 0) -> tuple[int, int]:
    text = pane.article.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    pane.text.setTextCursor(pane.text.cursor_for_span(start, start + len(quote)))
    pane.text.setFocus()
    return start, start + len(quote)


def click_at(qtbot, pane, position: int) -> None:
    """A real mouse click on the character at code point `position`."""
    pane.text.scroll_to_span(position, position + 1)
    rect = pane.text.cursorRect(pane.text.cursor_for_span(position + 1, position + 1))
    point = QPoint(rect.left() - 2, rect.center().y())
    qtbot.mouseClick(pane.text.viewport(), Qt.MouseButton.LeftButton, pos=point)


def state(path):
    with Project.open(path) as project:
        return [(a.id, a.article_id, a.start, a.end, a.claim, a.stance, a.speaker, a.tags, a.note,
                 a.created_at, a.updated_at) for a in project.annotations()]


def test_tag_edit_delete_undo_redo_and_reopen(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    claims = window.claims
    panes = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])
    pane = panes[1]
    start, end = select_text(pane, KIRBY)

    window.findChild(type(claims.actionTagClaim), "actionTagClaim").trigger()
    editor = window.findChild(type(claims.editor), "claimEditor")
    assert editor.isVisible() and editor.active
    editor.claimField.setEditText(CLAIM)
    editor.pick_stance_key("1")
    editor.speakerField.setText("John Kirby, NSC")
    editor.tagsField.setText("evidence/imagery, us")
    qtbot.mouseClick(editor.claimSave, Qt.MouseButton.LeftButton)

    [created] = seeded_project.annotations()
    assert (created.article_id, created.start, created.end) == (seed_ids[2], start, end)
    assert (created.claim, created.stance, created.speaker, created.tags) == (
        CLAIM, "supports", "John Kirby, NSC", ("evidence/imagery", "us"))
    assert (start, end) in claims.layers[seed_ids[2]].drawn_spans()
    qtbot.waitUntil(lambda: claims.panel.model.rowCount() == 1)

    # click the annotation: it loads in the editor; change the stance with key 2 and press Enter
    editor.clear()
    click_at(qtbot, pane, start + 5)
    assert claims.selected_id == created.id and editor.annotation_id == created.id
    assert editor.claimField.currentText() == CLAIM
    editor.stanceField.setFocus()
    qtbot.keyClick(editor.stanceField, Qt.Key.Key_2)
    qtbot.keyClick(editor.stanceField, Qt.Key.Key_Return)
    assert seeded_project.annotation(created.id).stance == "denies"

    # Delete in the pane removes it
    pane.text.setFocus()
    claims.select(created.id)
    claims.actionDeleteAnnotation.trigger()
    assert seeded_project.annotation_count() == 0
    assert claims.layers[seed_ids[2]].drawn_spans() == []

    claims.actionUndo.trigger()  # undo delete
    assert seeded_project.annotation(created.id).stance == "denies"
    assert (start, end) in claims.layers[seed_ids[2]].drawn_spans()
    claims.actionUndo.trigger()  # undo edit: back to the exact original row
    assert seeded_project.annotation(created.id) == created
    claims.actionUndo.trigger()  # undo create
    assert seeded_project.annotation_count() == 0
    claims.actionRedo.trigger()
    claims.actionRedo.trigger()
    assert seeded_project.annotation(created.id).stance == "denies"
    before = state(seeded_project.path)

    window.close()
    window.controller.close()
    reopened = make_window(seeded_project.path)
    open_and_wait(qtbot, reopened, [seed_ids[0], seed_ids[2]])
    assert state(seeded_project.path) == before
    assert (start, end) in reopened.claims.layers[seed_ids[2]].drawn_spans()
    qtbot.waitUntil(lambda: reopened.claims.panel.model.rowCount() == 1)


def test_undo_redo_actions_have_the_agreed_shortcuts(seeds_window):
    claims = seeds_window.claims
    assert claims.actionUndo.objectName() == "actionUndo"
    assert claims.actionUndo.shortcut().toString() == "Ctrl+Z"
    assert claims.actionRedo.shortcut().toString() == "Ctrl+Shift+Z"
    assert claims.actionTagClaim.shortcut().toString() == "Ctrl+T"
    assert claims.actionTagClaim in seeds_window.menu("Claims").actions()
    assert claims.actionUndo in seeds_window.menu("Edit").actions()


def test_keyboard_only_flow(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    panes = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])
    pane = panes[1]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start = pane.article.text.index("North Korean officials contradict")
    cursor = pane.text.cursor_for_span(start, start)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    for _ in range(3):  # select three words with the keyboard
        qtbot.keyClick(pane.text, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert pane.selected_span() is not None
    qtbot.keyClick(pane.text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    editor = window.claims.editor
    qtbot.waitUntil(lambda: editor.claimField.lineEdit().hasFocus())
    qtbot.keyClicks(editor.claimField.lineEdit(), CLAIM)
    qtbot.keyClick(editor.claimField.lineEdit(), Qt.Key.Key_Tab)
    assert editor.stanceField.hasFocus()
    qtbot.keyClick(editor.stanceField, Qt.Key.Key_2)
    qtbot.keyClick(editor.stanceField, Qt.Key.Key_Return)
    [annotation] = seeded_project.annotations()
    assert annotation.claim == CLAIM and annotation.stance == "denies"
    assert annotation.quote.startswith("North Korean officials")
    # Esc on a fresh editor cancels without storing anything
    select_text(pane, "Imagery from NSC")
    qtbot.keyClick(pane.text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.claimField.lineEdit().hasFocus())
    qtbot.keyClicks(editor.claimField.lineEdit(), "not saved")
    qtbot.keyClick(editor.claimField.lineEdit(), Qt.Key.Key_Escape)
    assert not editor.active
    assert seeded_project.annotation_count() == 1


def test_overlapping_spans_are_drawn_hovered_and_clicked_in_turn(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    claims = window.claims
    pane = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])[1]
    outer = select_text(pane, KIRBY)
    claims.tag_selection()
    claims.editor.claimField.setEditText(CLAIM)
    claims.editor.speakerField.setText("John Kirby, NSC")
    claims.editor.save()
    inner_start = pane.article.text.index("rockets and missiles", outer[0])
    inner = (inner_start, inner_start + len("rockets and missiles"))
    pane.text.setTextCursor(pane.text.cursor_for_span(*inner))
    claims.tag_selection()
    claims.editor.claimField.setEditText("The weapons were rockets and missiles")
    claims.editor.pick_stance_key("3")
    claims.editor.save()
    layer = claims.layers[seed_ids[2]]
    assert layer.drawn_spans() == [outer, inner]
    outer_id, inner_id = (a.id for a in seeded_project.annotations())
    assert layer.lanes == {outer_id: 0, inner_id: 1}  # the inner span gets its own bar, one lane lower
    pane.text.scroll_to_span(*outer)
    image = pane.text.viewport().grab().toImage()
    bars = {a.id: rects for a, _lane, rects in layer.visible_bars()}
    for annotation_id, stance in ((outer_id, "supports"), (inner_id, "neutral")):
        rect = bars[annotation_id][0]
        pixel = image.pixelColor(int(rect.center().x()), int(rect.center().y()))
        assert pixel.name() == layer.colours[stance], (stance, pixel.name())
    assert bars[inner_id][0].top() > bars[outer_id][0].top()
    pane.text.verticalScrollBar().setValue(pane.text.verticalScrollBar().value() + 7)  # a small scroll
    assert layer.overlay.geometry() == pane.text.viewport().rect()
    assert [a.claim for a in layer.at(inner[0] + 2)] == ["The weapons were rockets and missiles", CLAIM]
    tip = layer.tooltip_html(inner[0] + 2)
    assert "John Kirby, NSC" in tip and "neutral" in tip and "supports" in tip
    click_at(qtbot, pane, inner[0] + 3)
    first = claims.selected_id
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    click_at(qtbot, pane, inner[0] + 3)
    assert {first, claims.selected_id} == {a.id for a in seeded_project.annotations()}


def test_next_and_previous_annotation(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    claims = window.claims
    pane = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])[1]
    starts = []
    for quote in ("White House National Security Council", "North Korean officials", "Imagery from NSC"):
        starts.append(select_text(pane, quote)[0])
        claims.tag_selection()
        claims.editor.claimField.setEditText(quote)
        claims.editor.save()
    claims.select(None)
    pane.text.setTextCursor(pane.text.cursor_for_span(0, 0))
    pane.text.setFocus()
    visited = []
    for _ in range(3):
        claims.actionNextAnnotation.trigger()
        visited.append(seeded_project.annotation(claims.selected_id).start)
    assert visited == sorted(starts)
    claims.actionPrevAnnotation.trigger()
    assert seeded_project.annotation(claims.selected_id).start == sorted(starts)[1]


def test_context_menu_offers_tag_claim_and_delete_over_an_annotation(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    claims = window.claims
    pane = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])[1]
    start, end = select_text(pane, KIRBY)
    claims.tag_selection()
    claims.editor.claimField.setEditText(CLAIM)
    claims.editor.save()
    claims.select(None)
    pane.text.scroll_to_span(start, end)
    rect = pane.text.cursorRect(pane.text.cursor_for_span(start + 3, start + 3))
    menu = claims.context_menu(pane.text, rect.center())
    assert claims.actionTagClaim in menu.actions() and claims.actionDeleteAnnotation in menu.actions()
    assert claims.selected_id == seeded_project.annotations()[0].id
    menu.deleteLater()
    far = pane.text.cursorRect(pane.text.cursor_for_span(0, 0)).center()
    pane.text.scroll_to_span(0, 1)
    menu = claims.context_menu(pane.text, far)
    assert claims.actionTagClaim in menu.actions() and claims.actionDeleteAnnotation not in menu.actions()
    menu.deleteLater()


def test_annotator_name_is_a_setting(qtbot, make_window, seeded_project, seed_ids, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_ANNOTATOR", "os-default")
    window = make_window(seeded_project.path)
    claims = window.claims
    assert claims.annotator == "os-default"
    claims.ask_annotator = lambda current: "Ann Checker"
    claims.actionAnnotatorName.trigger()
    pane = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])[1]
    select_text(pane, KIRBY)
    claims.tag_selection()
    claims.editor.claimField.setEditText(CLAIM)
    claims.editor.save()
    [annotation] = seeded_project.annotations()
    assert annotation.annotator == "Ann Checker"
    window.close()
    window.controller.close()
    assert make_window(seeded_project.path).claims.annotator == "Ann Checker"


def test_claims_docks_come_back_where_they_were_left(qtbot, make_window, seeded_project):
    window = make_window(seeded_project.path)
    window.claims.editor_dock.hide()
    window.close()
    window.controller.close()
    again = make_window(seeded_project.path)
    assert not again.claims.editor_dock.isVisible()
    assert again.claims.panel_dock.isVisible()


def test_real_keys_delete_undo_redo_and_edit_the_selected_annotation(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    claims = window.claims
    pane = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])[1]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start, _ = select_text(pane, KIRBY)
    qtbot.keyClick(pane.text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(claims.editor.claimField.lineEdit(), CLAIM)
    qtbot.keyClick(claims.editor.claimField.lineEdit(), Qt.Key.Key_Return)
    [created] = seeded_project.annotations()
    click_at(qtbot, pane, start + 4)
    assert claims.selected_id == created.id
    # Ctrl+T without a new selection opens the selected annotation for editing
    qtbot.keyClick(pane.text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert claims.editor.annotation_id == created.id and claims.editor.claimField.lineEdit().hasFocus()
    pane.text.setFocus()
    qtbot.keyClick(pane.text, Qt.Key.Key_Delete)
    assert seeded_project.annotation_count() == 0
    qtbot.keyClick(pane.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seeded_project.annotation(created.id) == created
    qtbot.keyClick(pane.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seeded_project.annotation_count() == 0


def test_tagging_across_emoji_stores_code_point_offsets(qtbot, make_window, seeded_project):
    from tests.ui.conftest import add_texts

    a = "Intro 😀😀 🇺🇦 𝔘𝔫𝔦 then the train 🚂🚃🚃 carried shells to the front, said the official."
    b = "Another article entirely, 👍🏽 about trade."
    ids = add_texts(seeded_project, a, b)
    window = make_window(seeded_project.path)
    claims = window.claims
    pane = open_and_wait(qtbot, window, ids)[0]
    quote = "🚂🚃🚃 carried shells"
    start = a.index(quote)
    # select in Qt's own units, as a mouse drag would
    qs, qe = pane.text.offsets.span_to_qt(start, start + len(quote))
    cursor = pane.text.textCursor()
    cursor.setPosition(qs)
    cursor.setPosition(qe, cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    assert claims.tag_selection()
    claims.editor.claimField.setEditText("Shells went by train")
    claims.editor.save()
    [annotation] = seeded_project.annotations()
    assert (annotation.start, annotation.end, annotation.quote) == (start, start + len(quote), quote)
    assert annotation.prefix == a[max(0, start - 32):start]
    bars = {ann.id: rects for ann, _lane, rects in claims.layers[ids[0]].visible_bars()}
    first_bar = bars[annotation.id][0]
    emoji_rect = pane.text.cursorRect(pane.text.cursor_for_span(start, start))
    assert abs(first_bar.left() - emoji_rect.left()) <= 2  # the bar starts under the locomotive
    assert claims.layers[ids[0]].at(start + 1)[0].id == annotation.id


def test_a_write_the_database_refuses_is_reported_not_raised(qtbot, make_window, seeded_project, seed_ids,
                                                             monkeypatch):
    import sqlite3

    window = make_window(seeded_project.path)
    claims = window.claims
    pane = open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])[1]
    select_text(pane, KIRBY)
    claims.tag_selection()
    claims.editor.claimField.setEditText(CLAIM)

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(type(window.controller.project), "add_annotation", refuse)
    claims.editor.save()
    assert "readonly database" in window.statusBar().currentMessage()
    assert claims.stack.count() == 0 and claims.editor.active  # nothing lost from the editor
