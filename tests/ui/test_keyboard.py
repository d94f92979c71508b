"""The comparison driven from the keyboard, as a user would: Ctrl+Return, Alt+Down, Alt+Up, Ctrl+L."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import add_texts
from tests.ui.synthetic import shared_pair


def test_compare_and_step_through_passages_with_the_keyboard(qtbot, seeds_window, seeded_project):
    a, b, _ = shared_pair(passages=3, seed=8)
    ids = add_texts(seeded_project, a, b)
    window = seeds_window
    window.library.reload()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.library.select_ids(ids)
    window.library.table.setFocus()
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        qtbot.keyClick(window.library.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.compare.article_ids() == ids
    text = window.panes()[0].text
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.compare.navigator.index == 1
    qtbot.keyClick(text, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.compare.navigator.index == 0
    assert window.statusBar().currentMessage() == "Passage 1 of 3"
    qtbot.keyClick(text, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.actionScrollLock.isChecked()


def test_ctrl_f_goes_to_the_library_search(qtbot, seeds_window):
    window = seeds_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.library.table.setFocus()
    qtbot.keyClick(window.library.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library.search.hasFocus()
