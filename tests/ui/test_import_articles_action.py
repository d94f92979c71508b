"""File → Import articles…: a background import with a summary, Cancel, and a refreshed library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool


@pytest.fixture
def window(make_window, tmp_path):
    win = make_window(tmp_path / "empty.sqlite")
    importer = win.import_articles
    importer.summaries, importer.errors = [], []
    importer.show_summary = lambda text, details: importer.summaries.append((text, details))
    importer.show_error = lambda text: importer.errors.append(text)
    yield win
    QThreadPool.globalInstance().waitForDone(20000)


def test_import_articles_is_the_first_entry_of_the_file_menu(window):
    first = window.menu("File").actions()[0]
    assert first is window.actionImportArticles and first.shortcut().toString() == "Ctrl+O"
    assert first.isEnabled()


def test_imported_files_appear_in_the_library_and_refusals_are_summarised(qtbot, window, seed_paths, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    importer = window.import_articles
    importer.ask_paths = lambda: [*seed_paths[:2], empty]
    assert window.library.model.rowCount() == 0
    with qtbot.waitSignal(importer.finished, timeout=20000) as blocker:
        window.actionImportArticles.trigger()
    report = blocker.args[0]
    assert len(report.imported) == 2 and len(report.refused) == 1
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 2)
    titles = {window.library.model.summary(row).title for row in range(2)}
    assert "Whatever the cargo type, Russia-North Korea train to run more often" in titles
    (text, details), = importer.summaries
    assert text == "Imported 2 articles; 1 refused."
    assert "empty.txt" in details and "empty" in details
    assert window.actionImportArticles.isEnabled() and importer.progress_dialog is None


def test_importing_the_same_files_again_reports_them_as_present(qtbot, window, seed_paths):
    importer = window.import_articles
    with qtbot.waitSignal(importer.finished, timeout=20000):
        importer.import_files(seed_paths[:1])
    with qtbot.waitSignal(importer.finished, timeout=20000) as blocker:
        importer.import_files(seed_paths[:1])
    assert blocker.args[0].imported == [] and len(blocker.args[0].existing) == 1
    assert importer.summaries[-1][0] == "Imported 0 articles; 1 already in the project."
    assert window.controller.project.article_count() == 1


def test_cancel_imports_nothing(qtbot, window, tmp_path):
    rows = "\n".join(f'{n},"Article number {n} says something different: {" ".join(["word"] * n)}"' for n in range(1, 300))
    collection = tmp_path / "many.csv"
    collection.write_text("id,text\n" + rows + "\n")
    importer = window.import_articles
    with qtbot.waitSignal(importer.cancelled, timeout=20000):
        job = importer.import_files([collection])
        importer.cancel()
    QThreadPool.globalInstance().waitForDone(20000)
    assert job.cancelled and importer.progress_dialog is None
    assert window.controller.project.article_count() == 0
    assert importer.summaries == [] and importer.errors == []
    assert window.actionImportArticles.isEnabled()


def test_nothing_chosen_starts_nothing(window):
    window.import_articles.ask_paths = lambda: []
    assert window.import_articles.import_files() is None


def test_read_only_window_cannot_import(make_window, seeded_project, qtbot):
    from desktop_app.ui.app import create_main_window

    win = create_main_window(seeded_project.path, readonly=True)
    qtbot.addWidget(win)
    assert not win.actionImportArticles.isEnabled()
    assert win.import_articles.import_files([]) is None
    win.controller.close()


def _drag(event_type, paths, window):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    cls = QDragEnterEvent if event_type == "enter" else QDropEvent
    point = window.rect().center()
    if cls is QDragEnterEvent:
        return cls(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier), mime
    return cls(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
               Qt.KeyboardModifier.NoModifier), mime


def test_files_dropped_on_the_window_are_imported(qtbot, window, seed_paths):
    from PySide6.QtWidgets import QApplication

    enter, _mime = _drag("enter", seed_paths[:2], window)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop, _mime2 = _drag("drop", seed_paths[:2], window)
    with qtbot.waitSignal(window.import_articles.finished, timeout=20000) as blocker:
        QApplication.sendEvent(window, drop)
    assert len(blocker.args[0].imported) == 2
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 2)


def test_a_drag_of_plain_text_is_not_taken_for_files(window):
    from PySide6.QtCore import QMimeData, Qt
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setText("just some words")
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
