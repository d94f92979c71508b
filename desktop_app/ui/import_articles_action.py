"""File → Import articles… (or files dropped on the window): add text, Markdown, HTML, CSV or
JSONL files to the open project.

The same import as `crosscheck import` (core/articles.py): the files are read and checked in a
background job (its own `Project` connection), the good articles go in one transaction, and a
summary lists what was imported, what was already there and what was refused and why. Cancel
rolls the whole import back. Dialogs go through `ask_paths`, `show_summary` and `show_error`,
which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app.core.articles import (
    COLLECTION_SUFFIXES,
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    ImportReport,
    import_paths,
)
from desktop_app.core.models import Changes
from desktop_app.ui.progress_dialog import close_progress_dialog, open_progress_dialog
from desktop_app.ui.workers import Job, run_job

ARTICLE_SUFFIXES = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | set(COLLECTION_SUFFIXES))  # what `import` reads
FILE_FILTER = f"Articles ({' '.join('*' + suffix for suffix in ARTICLE_SUFFIXES)});;All files (*)"
MAX_REFUSED_SHOWN = 200


def summarise(report: ImportReport) -> tuple[str, str]:
    """The summary line and the per-file details of an import, as the message box shows them."""
    parts = [f"Imported {len(report.imported)} article{'s' if len(report.imported) != 1 else ''}"]
    if report.existing:
        parts.append(f"{len(report.existing)} already in the project")
    if report.replaced:
        parts.append(f"{len(report.replaced)} replaced by a newer version")
    if report.refused:
        parts.append(f"{len(report.refused)} refused")
    lines = [reason for _, reason in report.refused[:MAX_REFUSED_SHOWN]]
    if len(report.refused) > MAX_REFUSED_SHOWN:
        lines.append(f"… and {len(report.refused) - MAX_REFUSED_SHOWN} more")
    lines += [f"already present as article {article_id}: {source}" for article_id, source in report.existing]
    return "; ".join(parts) + ".", "\n".join(lines)


class ImportArticlesAction(QObject):
    """The menu action, its background job and the progress dialog with Cancel."""

    finished = Signal(object)  # ImportReport
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.job: Job | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.action = QAction("&Import articles…", window)
        self.action.setObjectName("actionImportArticles")
        self.action.setShortcut("Ctrl+O")
        self.action.setToolTip("Add articles from text, Markdown, HTML, CSV or JSONL files")
        self.action.setStatusTip(self.action.toolTip())
        self.action.setEnabled(not self.controller.readonly)
        self.action.triggered.connect(lambda _checked=False: self.import_files())

    # --- files dropped on the window ---------------------------------------------------------
    @staticmethod
    def dropped_paths(event) -> list[Path]:
        """The local files a drag carries (empty for text, web links or anything else)."""
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        urls = mime.urls()
        return [Path(url.toLocalFile()) for url in urls] if all(url.isLocalFile() for url in urls) else []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and watched is self.window:
            if self.dropped_paths(event) and not self.controller.readonly and not self.busy:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and watched is self.window:
            paths = self.dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                self.import_files(paths)
                return True
        return super().eventFilter(watched, event)

    # --- dialogs (tests replace these) -------------------------------------------------------
    def ask_paths(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.window, "Import articles", "", FILE_FILTER)
        return [Path(name) for name in names]

    def show_summary(self, text: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Import articles", text, parent=self.window)
        if details:
            box.setDetailedText(details)
        box.exec()

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self.window, "Import articles", text)

    # --- the job -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done and not self.job.cancelled

    def import_files(self, paths: list[Path] | None = None) -> Job | None:
        """Ask for files (unless given) and import them in the background."""
        if self.busy or self.controller.readonly:
            return None
        paths = list(paths) if paths is not None else self.ask_paths()
        if not paths:
            return None
        project_path = self.controller.path

        def work(ctx) -> ImportReport:
            from desktop_app.core.store import Project

            with Project.open(project_path) as project:
                return import_paths(project, paths, progress=ctx.progress, should_cancel=ctx.should_cancel)

        label = f"Importing {len(paths)} file{'s' if len(paths) != 1 else ''}…"
        dialog = open_progress_dialog(self.window, label, "import_articles_progress")
        self.progress_dialog = dialog
        self.action.setEnabled(False)
        self.job = run_job(work, on_done=self._done, on_error=self._failed, on_progress=self._progress, parent=self)
        dialog.canceled.connect(self.cancel)
        return self.job

    def cancel(self) -> None:
        """Stop the import; its transaction is rolled back, so nothing of it is stored."""
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self._finish()
            self.cancelled.emit()

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None and total > 0:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(min(done, total))

    def _finish(self) -> None:
        close_progress_dialog(self.progress_dialog)
        self.progress_dialog = None
        self.action.setEnabled(not self.controller.readonly)

    def _done(self, report: ImportReport) -> None:
        self._finish()
        if report.imported or report.replaced:
            self.controller.notify(Changes(articles=True, annotations=bool(report.replaced)))
        text, details = summarise(report)
        self.show_summary(text, details)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        message = str(exc) or exc.__class__.__name__
        self.show_error(message)
        self.failed.emit(message)


def install_import_articles(window) -> ImportArticlesAction:
    """Put File → Import articles… at the top of the File menu, above Compare."""
    existing = getattr(window, "import_articles", None)
    if existing is not None:
        return existing
    importer = ImportArticlesAction(window)
    file_menu = window.menu("File")
    actions = file_menu.actions()
    if actions:
        file_menu.insertAction(actions[0], importer.action)
        file_menu.insertSeparator(actions[0])
    else:
        file_menu.addAction(importer.action)
    window.setAcceptDrops(True)
    window.installEventFilter(importer)
    window.actionImportArticles = importer.action
    window.import_articles = importer
    return importer
