"""The progress dialog every long File-menu job shows: window-modal, with Cancel, shown only when
the job takes over 300 ms, and never closing or resetting itself (the job's end closes it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def open_progress_dialog(parent: QWidget, label: str, object_name: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle("Crosscheck")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def close_progress_dialog(dialog: QProgressDialog | None) -> None:
    """Close and dispose of the dialog (its Cancel no longer reaches the finished job)."""
    if dialog is None:
        return
    dialog.canceled.disconnect()
    dialog.close()
    dialog.deleteLater()
