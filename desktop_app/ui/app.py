"""Application start-up: QApplication, the main window, `--compare` and `--screenshot`.

`create_main_window(project_path) -> MainWindow` is the factory tests and tools use; it opens the
project (the default one, with the seeds, when `project_path` is None) behind a
`ProjectController`. `run_app(args)` is what `crosscheck gui` calls: it takes the one-window
instance lock (not for screenshots), restores the last comparison unless `--compare` names one,
and with `--screenshot PNG` renders the real window once the passages are shown, then exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.errors import UserError
from desktop_app.core.paths import resources_dir
from desktop_app.core.session import open_project
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.project_controller import ProjectController

SCREENSHOT_TIMEOUT_MS = 30_000


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Crosscheck")
        app.setOrganizationName("Crosscheck")
        app.setApplicationDisplayName("Crosscheck")
    style = resources_dir() / "style.qss"
    if style.is_file() and not app.property("crosscheckStyled"):
        app.setStyleSheet(style.read_text(encoding="utf-8"))
        app.setProperty("crosscheckStyled", True)
    return app


def create_main_window(project_path: Path | str | None = None, readonly: bool = False) -> MainWindow:
    """The main window on a project (created if missing; None = the default project)."""
    ensure_app()
    project = open_project(Path(project_path) if project_path is not None else None, readonly=readonly)
    controller = ProjectController(project)
    window = MainWindow(controller)
    controller.setParent(window)
    from desktop_app.ui.claims_controller import install_claims

    install_claims(window)  # claim tagging: editor, claims panel/view, undo (ui/claims_controller.py)
    from desktop_app.ui.export_actions import install_export
    from desktop_app.ui.external_changes import install_external_changes
    from desktop_app.ui.import_articles_action import install_import_articles
    from desktop_app.ui.replace_text_action import install_replace_text
    from desktop_app.ui.restore_action import install_restore

    install_import_articles(window)  # File → Import articles… (ui/import_articles_action.py)
    install_export(window)  # File → Export claims… / Import annotations… (ui/export_actions.py)
    install_restore(window)  # File → Restore backup… (ui/restore_action.py)
    install_replace_text(window)  # Edit → Replace text… (ui/replace_text_action.py)
    install_external_changes(window)  # reload when the CLI writes meanwhile (ui/external_changes.py)
    return window


def wait_for_alignment(window: MainWindow, timeout_ms: int = SCREENSHOT_TIMEOUT_MS) -> bool:
    """Run the event loop until the comparison shows its passages (or the timeout)."""
    compare = window.compare
    if not compare.panes() or (compare.comparison is not None and not compare.busy):
        return True
    loop = QEventLoop()
    compare.alignmentShown.connect(loop.quit)
    compare.alignmentFailed.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return compare.comparison is not None


def save_screenshot(window: MainWindow, path: Path) -> Path:
    """Render the real window (offscreen too) to a PNG."""
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        from desktop_app.core.errors import UserError

        raise UserError(f"cannot write the screenshot to {path}")
    return path


def run_app(args) -> int:
    app = ensure_app()
    lock, readonly = None, False
    if not args.screenshot:
        from desktop_app.core.session import resolve_project_path
        from desktop_app.ui.instance_guard import claim_project

        lock, readonly = claim_project(resolve_project_path(args.project))  # ui/instance_guard.py
    try:
        window = create_main_window(args.project, readonly=readonly)
        missing = [i for i in args.compare or () if window.controller.project.article(i) is None]
        if missing:
            path = window.controller.path
            window.controller.close()
            window.deleteLater()
            raise UserError(f"no article {', '.join(map(str, missing))} in {path} (see `crosscheck list`)")
        if readonly:
            window.setWindowTitle(window.windowTitle() + " (read-only: open in another window)")
        window.resize(*args.size)
        window.show()
        ids = args.compare or (window.last_comparison if not args.screenshot else None)
        if ids:
            window.open_comparison(ids)
        if args.screenshot:
            wait_for_alignment(window)
            save_screenshot(window, args.screenshot)
            window.close()
            window.controller.close()
            window.deleteLater()
            return 0
        code = app.exec()
        window.controller.close()
        return code
    finally:
        if lock is not None:
            lock.release()
