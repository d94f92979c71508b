"""File → Export / Import annotations: background jobs, progress with Cancel, summaries, refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMainWindow, QPushButton
from tests.core.interchange_helpers import read_csv, tag_three_claims

from desktop_app.core.store.interchange import AnnotationRecord
from desktop_app.ui.export_actions import ExportActions
from desktop_app.ui.project_controller import ProjectController


@pytest.fixture
def window(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    return win


@pytest.fixture
def actions(window, seeded_project):
    controller = ProjectController(seeded_project)
    acts = ExportActions(controller, window)
    acts.summaries = []
    acts.errors = []
    acts.show_summary = lambda title, text, details="": acts.summaries.append((title, text, details))
    acts.show_error = lambda title, text: acts.errors.append(text)
    yield acts
    QThreadPool.globalInstance().waitForDone(10000)


def test_file_menu_gets_each_export_format_and_import(window, actions):
    file_menu = window.menuBar().addMenu("&File")
    submenu = actions.install(file_menu)
    assert [a.objectName() for a in submenu.actions()] == ["export_csv", "export_matrix", "export_json", "export_w3c"]
    assert actions.import_action in file_menu.actions()


def test_export_csv_through_the_menu_action(qtbot, actions, seeded_project, tmp_path):
    tag_three_claims(seeded_project)
    target = tmp_path / "claims.csv"
    asked = []
    actions.ask_save_path = lambda fmt, suggested: asked.append((fmt, suggested)) or target
    with qtbot.waitSignal(actions.finished, timeout=20000) as blocker:
        actions.export_actions["csv"].trigger()
    assert blocker.args[0].rows == 3
    assert asked[0][0] == "csv" and asked[0][1].suffix == ".csv"
    assert len(read_csv(target)) == 3
    assert actions.summaries == [("Export finished", f"3 rows written to {target} (csv)", "")]
    assert all(a.isEnabled() for a in actions.export_actions.values())


def test_cancelled_file_dialog_starts_nothing(actions):
    actions.ask_save_path = lambda fmt, suggested: None
    actions.ask_open_path = lambda: None
    assert actions.export("json") is None
    assert actions.import_annotations() is None
    assert actions.summaries == []


def test_import_shows_refused_rows_and_refreshes_views(qtbot, actions, seeded_project, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("article_id,quote,claim,stance\n1,Horses or ammunition?,Horses were shipped,supports\n"
                     "1,nowhere to be found,c,supports\n", encoding="utf-8")
    actions.ask_open_path = lambda: sheet
    changes = []
    actions.controller.changed.connect(changes.append)
    with qtbot.waitSignal(actions.finished, timeout=20000) as blocker:
        actions.import_action.trigger()
    report = blocker.args[0]
    assert (report.imported, len(report.refused)) == (1, 1)
    title, text, details = actions.summaries[0]
    assert title == "Import finished" and "1 of 2 annotations imported (csv), 1 refused" in text
    assert details.startswith("line 3: quote not found")
    assert changes and changes[0].annotations and changes[0].article_ids == frozenset({1})
    assert [a.claim for a in seeded_project.annotations(1)] == ["Horses were shipped"]


def test_import_error_is_one_message(qtbot, actions, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with qtbot.waitSignal(actions.failed, timeout=20000) as blocker:
        actions.import_annotations(bad)
    assert blocker.args[0].startswith("line 1: invalid JSON")
    assert actions.errors == [blocker.args[0]] and actions.summaries == []


def test_cancel_stops_a_large_export_and_leaves_no_file(qtbot, actions, seeded_project, tmp_path):
    text = seeded_project.article(1).text
    stance = seeded_project.codebook_stances()[0].id
    with seeded_project.atomic():
        claim = seeded_project.insert_claim_row("bulk claim", "2026-01-01T00:00:00Z")
        seeded_project.bulk_insert_annotations(
            AnnotationRecord(None, 1, n % 100, n % 100 + 20, text[n % 100:n % 100 + 20], "", "", claim, stance,
                             f"speaker {n}", "", "t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", False)
            for n in range(60000))
    target = tmp_path / "big.json"
    with qtbot.waitSignal(actions.cancelled, timeout=20000):
        job = actions.export("json", target)
        assert actions.busy and actions.progress_dialog is not None
        actions.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    QThreadPool.globalInstance().waitForDone(20000)
    assert job.cancelled and actions.progress_dialog is None
    assert not target.exists() and not target.with_name("big.json.part").exists()
    assert actions.summaries == [] and actions.errors == []


def test_main_window_has_the_export_entries_above_quit(qtbot, tmp_path, seed_paths):
    from desktop_app.core.articles import import_paths
    from desktop_app.core.store import Project
    from desktop_app.ui.app import create_main_window
    from desktop_app.ui.export_actions import install_export

    with Project.open(tmp_path / "p.sqlite") as project:
        import_paths(project, seed_paths[:2])
    window = create_main_window(tmp_path / "p.sqlite")
    qtbot.addWidget(window)
    file_menu_names = [a.menu().objectName() if a.menu() else a.objectName() for a in window.menu("File").actions()]
    assert "export_menu" in file_menu_names  # create_main_window installs them
    acts = install_export(window)
    assert install_export(window) is acts
    names = [a.menu().objectName() if a.menu() else a.objectName() for a in window.menu("File").actions()]
    assert names.index("export_menu") < names.index("import_annotations") < names.index("actionQuit")
    entries = window.menu("File").actions()
    assert entries[names.index("actionQuit") - 1].isSeparator()
    assert entries[names.index("export_menu") - 1].isSeparator()
