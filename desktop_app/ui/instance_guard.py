"""The second app window on one project: told plainly, then opened read-only or not at all.

`claim_project` takes the project's instance lock (desktop_app/core/instance_lock.py). When
another window holds it, the user sees who has the project open and chooses "Open read-only"
(browse and export, no writes, so the two windows never race) or "Cancel" (ProjectInUse, which
the command line prints as one line). The question goes through `ask`, which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app.core.instance_lock import InstanceLock, ProjectInUse, in_use_message, read_holder


def second_instance_box(message: str) -> QMessageBox:
    """The question shown to a second instance (built separately so tests can inspect it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Project already open", message)
    box.setObjectName("secondInstanceBox")
    box.setInformativeText(
        "Open it read-only to browse and export without changing it, or cancel and switch to the"
        " window that has it open. (The command line can still read and write it either way.)")
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    read_only.setObjectName("openReadOnly")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def ask_second_instance(message: str) -> bool:
    """True if the user chose to open the project read-only."""
    box = second_instance_box(message)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and clicked.objectName() == "openReadOnly"


def claim_project(project_path: Path, ask: Callable[[str], bool] = ask_second_instance) -> tuple[InstanceLock | None, bool]:
    """(lock, readonly): the lock when this is the first window; (None, True) for a read-only
    second window; raises ProjectInUse when the user cancels."""
    lock = InstanceLock(project_path)
    if lock.acquire():
        return lock, False
    message = in_use_message(Path(project_path), read_holder(lock.path))
    if ask(message):
        return None, True
    raise ProjectInUse(message)
