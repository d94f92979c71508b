"""Picking up changes other processes made to the open project (the CLI writing while the app is open).

SQLite's `PRAGMA data_version` changes on a connection whenever *another* connection commits. We
check it when the window regains focus and when the project file or its WAL changes on disk
(QFileSystemWatcher), and broadcast a full `Changes` record on the controller so every view
reloads, without a restart and without holding any lock.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.core.models import Changes

EVERYTHING = Changes(articles=True, annotations=True, claims=True, codebook=True)


class ExternalChanges(QObject):
    """Watches one controller's project for commits made by other processes."""

    reloaded = Signal()

    def __init__(self, controller, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self._version = self._data_version()
        self.watcher = QFileSystemWatcher(self)
        path = Path(controller.path)
        for candidate in (path, Path(str(path) + "-wal")):
            if candidate.exists():
                self.watcher.addPath(str(candidate))
        self.watcher.fileChanged.connect(self._soon)
        self._timer = QTimer(self)  # coalesce bursts of file events into one check
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)

    def _data_version(self) -> int | None:
        try:
            return self.controller.project.data_version()
        except Exception:  # a closed project: nothing to watch
            return None

    def _soon(self, *_args) -> None:
        self._timer.start()

    def _state_changed(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def check(self) -> bool:
        """Reload the views if another process committed since the last check; True if it did."""
        version = self._data_version()
        if version is None or version == self._version:
            return False
        self._version = version
        self.controller.notify(EVERYTHING)
        self.reloaded.emit()
        return True


def install_external_changes(window) -> ExternalChanges:
    watcher = ExternalChanges(window.controller, window)
    window.external_changes = watcher
    return watcher
