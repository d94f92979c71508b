"""Reliability in the window: File → Restore backup, and picking up the command line's writes."""

from __future__ import annotations

import subprocess
import sys

from desktop_app.cli import main
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project
from desktop_app.core.store.backups import list_backups


def _project(tmp_path, *texts):
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        for n, text in enumerate(texts):
            project.add_article(ArticleDraft(text=text, title=f"Article {n}"))
    return path


def test_window_picks_up_an_article_imported_by_the_cli_on_file_change(make_window, qtbot, tmp_path):
    path = _project(tmp_path, "The first article is about rail freight.\n")
    window = make_window(path)
    assert window.library.model.rowCount() == 1
    from PySide6.QtWidgets import QApplication

    # only the file watcher may notice: no focus changes in this test
    QApplication.instance().applicationStateChanged.disconnect(window.external_changes._state_changed)
    new_file = tmp_path / "new.txt"
    new_file.write_text("A second article written by the command line while the app is open.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "desktop_app", "import", "--project", str(path), str(new_file)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 2, timeout=10_000)


def test_focus_check_reloads_only_when_another_process_committed(make_window, qtbot, tmp_path):
    path = _project(tmp_path, "Only article.\n")
    window = make_window(path)
    watcher = window.external_changes
    assert watcher.check() is False  # nothing happened elsewhere
    with Project.open(path) as other:
        other.add_article(ArticleDraft(text="Added by another connection.\n", title="Other"))
    with qtbot.waitSignal(watcher.reloaded, timeout=5_000):
        assert watcher.check() is True
    assert window.library.model.rowCount() == 2
    assert watcher.check() is False


def test_file_menu_restore_backup_restores_and_reloads(make_window, qtbot, tmp_path):
    path = _project(tmp_path, "Before the backup.\n")
    assert main(["backup", "--project", str(path)]) == 0
    window = make_window(path)
    restore = window.restore_backup
    assert window.actionRestoreBackup in window.menu("File").actions()
    window.controller.project.add_article(ArticleDraft(text="After the backup.\n", title="later"))
    window.library.reload()
    assert window.library.model.rowCount() == 2
    shown = []
    restore.ask_backup = lambda backups: backups[0].path
    restore.confirm = lambda source: True
    restore.show_message = lambda title, text, error=False: shown.append((text, error))
    window.actionRestoreBackup.trigger()
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 1, timeout=5_000)
    assert shown and not shown[-1][1] and "previous state was saved" in shown[-1][0]
    assert any(b.kind == "before-restore" for b in list_backups(path))


def test_restore_of_a_bad_backup_shows_one_line_and_keeps_the_project(make_window, qtbot, tmp_path):
    path = _project(tmp_path, "Keep me.\n")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database")
    window = make_window(path)
    shown = []
    window.restore_backup.show_message = lambda title, text, error=False: shown.append((text, error))
    assert window.restore_backup.restore(bad) is None
    assert shown == [(shown[0][0], True)] and "nothing was restored" in shown[0][0] and "\n" not in shown[0][0]
    assert window.library.model.rowCount() == 1


def test_second_instance_is_told_plainly_and_can_open_read_only(qtbot, tmp_path):
    import pytest

    from desktop_app.core.instance_lock import InstanceLock, ProjectInUse
    from desktop_app.ui.instance_guard import claim_project, second_instance_box

    path = _project(tmp_path, "Shared article.\n")
    first, readonly = claim_project(path, ask=lambda message: pytest.fail("the first window must not be asked"))
    assert first is not None and first.held and readonly is False
    try:
        asked = []
        with pytest.raises(ProjectInUse):
            claim_project(path, ask=lambda message: asked.append(message) or False)
        assert "already open in another Crosscheck window" in asked[0] and "\n" not in asked[0]
        box = second_instance_box(asked[0])
        qtbot.addWidget(box)
        assert box.text() == asked[0]
        assert {b.text() for b in box.buttons()} >= {"Open read-only"}
        lock, readonly = claim_project(path, ask=lambda message: True)
        assert lock is None and readonly is True
        from desktop_app.ui.app import create_main_window

        second = create_main_window(path, readonly=True)
        qtbot.addWidget(second)
        assert second.controller.readonly
        assert second.library.model.rowCount() == 1
        second.controller.close()
    finally:
        first.release()
    assert InstanceLock(path).holder() is None


def test_library_shows_bidi_and_zero_width_characters_visibly(make_window, tmp_path):
    from PySide6.QtCore import Qt

    path = tmp_path / "t.sqlite"
    with Project.open(path) as project:
        project.add_article(ArticleDraft(text="Body text.\n", title="Report\u202e txet desrever\u200b"))
    window = make_window(path)
    model = window.library.model
    column = next(c for c in range(model.columnCount()) if "eport" in str(model.data(model.index(0, c), Qt.ItemDataRole.DisplayRole)))
    shown = model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)
    assert shown == "Report⟦RLO⟧ txet desrever⟦ZWSP⟧"
    with Project.open(path) as project:  # the stored title is untouched
        assert project.article(1).title == "Report\u202e txet desrever\u200b"


def test_edit_replace_text_moves_annotations_and_reports_orphans(make_window, qtbot, tmp_path):
    from desktop_app.core.annotations import AnnotationDraft

    old = "Kirby said North Korea sent rockets to Russia. The ambassador denied it flatly.\n"
    path = _project(tmp_path, old)
    with Project.open(path) as project:
        for quote, claim in (("North Korea sent rockets to Russia", "NK sent rockets"), ("denied it flatly", "denial")):
            start = old.index(quote)
            project.add_annotation(AnnotationDraft(1, start, start + len(quote), claim=claim, stance="supports"))
    new_file = tmp_path / "v2.txt"
    new_file.write_text("Update: Kirby said North Korea sent rockets to Russia.\n", encoding="utf-8")
    window = make_window(path)
    window.library.select_ids([1])
    action = window.replace_text
    assert window.actionReplaceText in window.menu("Edit").actions()
    shown = []
    action.ask_path = lambda: new_file
    action.show_message = lambda title, text, error=False: shown.append((text, error))
    with qtbot.waitSignal(window.controller.changed, timeout=5_000):
        window.actionReplaceText.trigger()
    assert shown and not shown[-1][1] and "1 kept as orphaned" in shown[-1][0]
    project = window.controller.project
    assert project.article(1).text.startswith("Update:")
    placed = {a.claim: a for a in project.annotations(1)}
    assert not placed["NK sent rockets"].orphaned and placed["denial"].orphaned


def test_claims_panel_view_and_hover_show_bidi_and_zero_width_characters_visibly(make_window, qtbot, tmp_path):
    """Trojan Source in claims, speakers and tags: every label shows the hidden characters."""
    from PySide6.QtCore import Qt

    from desktop_app.core.annotations import AnnotationDraft

    text = "Kirby said North Korea sent rockets to Russia.\n"
    path = _project(tmp_path, text)
    with Project.open(path) as project:
        project.add_article(ArticleDraft(text="Another report on other matters entirely.\n", title="Other"))
        project.add_annotation(AnnotationDraft(1, 11, 45, claim="rockets\u202e sent", stance="supports",
                                               speaker="Kir\u200bby", tags=("evi\u2066dence",)))
    window = make_window(path)
    claims = window.claims
    model = claims.panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    cells = [model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole) for column in range(model.columnCount())]
    assert "rockets⟦RLO⟧ sent" in cells and "Kir⟦ZWSP⟧by" in cells and "evi⟦LRI⟧dence" in cells
    assert not any("\u202e" in str(cell) or "\u200b" in str(cell) for cell in cells)
    claims.view_dock.raise_()  # the "Claims view" tab is built only while shown
    matrix = claims.view.model
    qtbot.waitUntil(lambda: matrix.rowCount() == 1)
    assert matrix.data(matrix.index(0, 0), Qt.ItemDataRole.DisplayRole) == "rockets⟦RLO⟧ sent"
    assert "Kir⟦ZWSP⟧by" in matrix.cell(0, 1).text(["supports"])
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        window.open_comparison([1, 2])
    qtbot.waitUntil(lambda: 1 in claims.layers)
    tip = claims.layers[1].tooltip_html(20)
    assert "rockets⟦RLO⟧ sent" in tip and "Kir⟦ZWSP⟧by" in tip and "evi⟦LRI⟧dence" in tip
    assert "\u202e" not in tip and "\u200b" not in tip and "\u2066" not in tip


def test_orphaned_annotation_is_reattached_by_hand_and_undone(make_window, qtbot, tmp_path):
    """Select the orphan in the claims panel, select its new words, Ctrl+Shift+T; Ctrl+Z puts it back."""
    from desktop_app.core.annotations import AnnotationDraft
    from desktop_app.core.reanchor import replace_text

    old = "Kirby said North Korea sent rockets to Russia. The ambassador denied it flatly.\n"
    new = "Update: Kirby said North Korea sent rockets to Russia. The envoy rejected the claim.\n"
    path = _project(tmp_path, old, "Another report on other matters entirely.\n")
    with Project.open(path) as project:
        start = old.index("denied it flatly")
        project.add_annotation(AnnotationDraft(1, start, start + 16, claim="denial", stance="denies"))
        replace_text(project, 1, new)
        assert project.annotation(1).orphaned
    window = make_window(path)
    claims = window.claims
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        window.open_comparison([1, 2])
    assert not claims.reattach_selected()  # nothing selected yet: a hint in the status bar
    claims.select(1)
    pane = next(p for p in window.panes() if p.article_id == 1)
    target = new.index("rejected the claim")
    pane.text.setTextCursor(pane.text.cursor_for_span(target, target + 18))
    claims.actionReattach.trigger()
    placed = window.controller.project.annotation(1)
    assert not placed.orphaned and (placed.start, placed.end) == (target, target + 18)
    assert placed.quote == "rejected the claim" and placed.claim == "denial"
    claims.actionUndo.trigger()
    back = window.controller.project.annotation(1)
    assert back.orphaned and back.quote == "denied it flatly"
