"""File → Export (CSV, claims matrix, JSON, W3C) and File → Import annotations, off the GUI thread.

`install_export(main_window)` attaches them to a MainWindow's File menu (call it from
create_main_window); `ExportActions(controller, window)` owns the QActions and `install(menu)`
adds them to any menu. Each job
runs in the thread pool (workers.run_job) on its own `Project` opened from the controller's path,
behind a progress dialog with Cancel; when it ends the user gets a summary (rows written, or rows
imported and each refused row with its line and reason), and an import broadcasts its `Changes`
through the controller so the views refresh. File dialogs and message boxes go through
`ask_save_path`, `ask_open_path`, `show_summary` and `show_error`, which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from desktop_app.core.interchange import default_suffix, export_to_path, import_file
from desktop_app.core.interchange_types import ExportReport, ImportReport
from desktop_app.ui.progress_dialog import close_progress_dialog, open_progress_dialog
from desktop_app.ui.workers import Job, run_job

FORMAT_LABELS = {
    "csv": "Tagged claims as &CSV…",
    "matrix": "Claims &matrix as CSV…",
    "json": "Whole project as &JSON…",
    "w3c": "&W3C Web Annotations…",
}
FILE_FILTERS = {
    "csv": "CSV files (*.csv)",
    "matrix": "CSV files (*.csv)",
    "json": "JSON files (*.json)",
    "w3c": "JSON-LD files (*.jsonld *.json)",
}
IMPORT_FILTER = "Annotations (*.json *.jsonld *.csv);;All files (*)"
MAX_REFUSED_SHOWN = 200


def install_export(window) -> "ExportActions":
    """Attach File → Export / Import annotations to a MainWindow (once), above File → Quit."""
    existing = getattr(window, "export_actions", None)
    if existing is None:
        existing = ExportActions(window.controller, window)
        file_menu = window.menu("File")
        actions = file_menu.actions()
        quit_action = getattr(window, "actionQuit", None)
        before = None
        if quit_action in actions:
            at = actions.index(quit_action)
            before = actions[at - 1] if at > 0 and actions[at - 1].isSeparator() else quit_action
        existing.install(file_menu, before)
        window.export_actions = existing
    return existing


class ExportActions(QObject):
    """The export/import menu actions and the background jobs behind them."""

    finished = Signal(object)  # ExportReport or ImportReport, after the summary was shown
    failed = Signal(str)  # one-line error message
    cancelled = Signal(str)  # "export" or "import"

    def __init__(self, controller, window: QWidget):
        super().__init__(window)
        self.controller = controller
        self.window = window
        self.job: Job | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.export_actions: dict[str, QAction] = {}
        for fmt, label in FORMAT_LABELS.items():
            action = QAction(label, self)
            action.setObjectName(f"export_{fmt}")
            if fmt == "csv":
                action.setShortcut("Ctrl+Shift+E")
            action.triggered.connect(lambda _checked=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        self.import_action = QAction("Import a&nnotations…", self)
        self.import_action.setObjectName("import_annotations")
        self.import_action.setShortcut("Ctrl+Shift+I")
        self.import_action.setStatusTip("Import annotations from a JSON export, W3C Web Annotations or a CSV sheet")
        self.import_action.triggered.connect(lambda _checked=False: self.import_annotations())

    # --- menus -------------------------------------------------------------------------------
    def install(self, file_menu: QMenu, before: QAction | None = None) -> QMenu:
        """Add File → Export ▸ (each format) and File → Import annotations… (before `before`,
        else at the end), set off by a separator; returns the Export submenu."""
        submenu = QMenu("&Export", file_menu)
        submenu.setObjectName("export_menu")
        for action in self.export_actions.values():
            submenu.addAction(action)
        if before is None:
            file_menu.addSeparator()
            file_menu.addMenu(submenu)
            file_menu.addAction(self.import_action)
        else:
            file_menu.insertSeparator(before)
            file_menu.insertMenu(before, submenu)
            file_menu.insertAction(before, self.import_action)
            if not before.isSeparator():
                file_menu.insertSeparator(before)
        return submenu

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done and not self.job.cancelled

    def _set_enabled(self, enabled: bool) -> None:
        for action in [*self.export_actions.values(), self.import_action]:
            action.setEnabled(enabled)
        if self.controller.readonly:
            self.import_action.setEnabled(False)

    # --- dialogs (tests replace these) -------------------------------------------------------
    def ask_save_path(self, fmt: str, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.window, "Export", str(suggested), FILE_FILTERS[fmt])
        return Path(name) if name else None

    def ask_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import annotations", "", IMPORT_FILTER)
        return Path(name) if name else None

    def show_summary(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        if details:
            box.setDetailedText(details)
        box.exec()

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    # --- jobs --------------------------------------------------------------------------------
    def suggested_path(self, fmt: str) -> Path:
        stem = self.controller.path.stem + ("-matrix" if fmt == "matrix" else "-annotations")
        if fmt == "json":
            stem = self.controller.path.stem
        return self.controller.path.with_name(stem + default_suffix(fmt))

    def export(self, fmt: str, path: Path | None = None) -> Job | None:
        """Ask where (unless given) and export the project in `fmt` in the background."""
        if self.busy:
            return None
        path = path or self.ask_save_path(fmt, self.suggested_path(fmt))
        if path is None:
            return None
        project_path = self.controller.path

        def work(ctx) -> ExportReport:
            from desktop_app.core.store import Project

            with Project.open(project_path, readonly=True) as project:
                return export_to_path(project, fmt, path, progress=ctx.progress, should_cancel=ctx.should_cancel)

        return self._start("export", f"Exporting {fmt.upper()}…", work, self._export_done)

    def import_annotations(self, path: Path | None = None, strict: bool = False) -> Job | None:
        """Ask which file (unless given) and import its annotations in the background."""
        if self.busy or self.controller.readonly:
            return None
        path = path or self.ask_open_path()
        if path is None:
            return None
        project_path = self.controller.path

        def work(ctx) -> ImportReport:
            from desktop_app.core.store import Project

            with Project.open(project_path) as project:
                return import_file(project, path, strict=strict, progress=ctx.progress,
                                   should_cancel=ctx.should_cancel)

        return self._start("import", f"Importing {Path(path).name}…", work, self._import_done)

    def _start(self, kind: str, label: str, work, on_done) -> Job:
        dialog = open_progress_dialog(self.window, label, f"{kind}_progress")
        self.progress_dialog = dialog
        self._set_enabled(False)
        self.job = run_job(work, on_done=on_done, on_error=self._failed, on_progress=self._progress,
                           parent=self)
        dialog.canceled.connect(lambda: self.cancel(kind))
        return self.job

    def cancel(self, kind: str = "export") -> None:
        """Stop the running job; an import is rolled back, an export leaves no partial file."""
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self._finish()
            self.cancelled.emit(kind)

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is None:
            return
        if total > 0:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(min(done, total))
        else:
            self.progress_dialog.setLabelText(f"{done:,} records read…")

    def _finish(self) -> None:
        close_progress_dialog(self.progress_dialog)
        self.progress_dialog = None
        self._set_enabled(True)

    def _export_done(self, report: ExportReport) -> None:
        self._finish()
        self.show_summary("Export finished", report.summary())
        self.finished.emit(report)

    def _import_done(self, report: ImportReport) -> None:
        self._finish()
        if report.committed and (report.imported or report.articles_created):
            self.controller.notify(report.changes)
        details = "\n".join(str(r) for r in report.refused[:MAX_REFUSED_SHOWN])
        if len(report.refused) > MAX_REFUSED_SHOWN:
            details += f"\n… and {len(report.refused) - MAX_REFUSED_SHOWN} more"
        text = report.summary() + (".\nSee the details for each refused row." if report.refused else ".")
        self.show_summary("Import finished", text, details)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        message = str(exc) or exc.__class__.__name__
        self.show_error("Crosscheck", message)
        self.failed.emit(message)
