"""File → Restore backup…: pick one of the project's backups and restore it, undoably.

The list comes from `<project>.backups/` (newest first). Restoring goes through
`desktop_app.core.store.backups.restore_backup`: the backup is validated and only read, and the
current state is saved as a 'before-restore' backup first, so a restore can itself be undone by
restoring that one. The open window then reloads everything. Dialogs go through `ask_backup`,
`confirm` and `show_message`, which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes
from desktop_app.core.store import CURRENT_VERSION
from desktop_app.core.store.backups import BackupInfo, list_backups, restore_backup

EVERYTHING = Changes(articles=True, annotations=True, claims=True, codebook=True)


class RestoreAction:
    """The File menu entry and what it does."""

    def __init__(self, window: QWidget):
        self.window = window
        self.controller = window.controller
        self.action = QAction("&Restore backup…", window)
        self.action.setObjectName("actionRestoreBackup")
        self.action.setToolTip("Replace the project with one of its backups (the current state is kept as a backup)")
        self.action.triggered.connect(lambda: self.restore())

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.controller.path)

    def ask_backup(self, backups: list[BackupInfo]) -> Path | None:
        labels = [f"{b.taken_at.astimezone():%Y-%m-%d %H:%M} · {b.kind} · {b.path.name}" for b in backups]
        choice, ok = QInputDialog.getItem(self.window, "Restore backup", "Restore the project from:", labels, 0, False)
        return backups[labels.index(choice)].path if ok and choice in labels else None

    def confirm(self, source: Path) -> bool:
        answer = QMessageBox.question(
            self.window, "Restore backup",
            f"Replace the project with {source.name}?\nThe current state is saved as a backup first.")
        return answer == QMessageBox.StandardButton.Yes

    def show_message(self, title: str, text: str, error: bool = False) -> None:
        (QMessageBox.warning if error else QMessageBox.information)(self.window, title, text)

    def restore(self, source: Path | None = None) -> Path | None:
        """Restore `source` (asked for when None); returns the restored backup's path or None."""
        if source is None:
            backups = self.backups()
            if not backups:
                self.show_message("Restore backup", f"{self.controller.path.name} has no backups yet.")
                return None
            source = self.ask_backup(backups)
            if source is None or not self.confirm(source):
                return None
        try:
            saved = restore_backup(Path(source), self.controller.path, CURRENT_VERSION)
        except UserError as exc:
            self.show_message("Restore backup", str(exc), error=True)
            return None
        self.controller.notify(EVERYTHING)
        kept = f"\nThe previous state was saved as {saved.name}." if saved else ""
        self.show_message("Restore backup", f"Restored from {Path(source).name}.{kept}")
        return Path(source)


def install_restore(window) -> RestoreAction:
    """Put File → Restore backup… in the group above Quit (before the separator over Quit)."""
    restore = RestoreAction(window)
    file_menu = window.menu("File")
    quit_action = getattr(window, "actionQuit", None)
    actions = file_menu.actions()
    if quit_action in actions:
        at = actions.index(quit_action)
        before = actions[at - 1] if at > 0 and actions[at - 1].isSeparator() else quit_action
        file_menu.insertAction(before, restore.action)
    else:
        file_menu.addAction(restore.action)
    window.actionRestoreBackup = restore.action
    window.restore_backup = restore
    return restore
