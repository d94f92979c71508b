"""The open project as seen by the UI, and the one signal that tells views what changed.

`ProjectController.project` is the open `desktop_app.core.store.Project`. Every store write from
the UI goes through `controller.apply(operation, *args)`: it runs the operation (which returns a
`desktop_app.core.models.Changes`) and broadcasts it on `changed(object)`. Views connect to
`changed` and refresh only what the record says they show (Anki's OpChanges pattern): the library
reloads on `changes.articles or changes.annotations`, the claims views on `claims`/`codebook`.

    changes = controller.apply(project_op, arg1, arg2)   # e.g. an annotation store method
    controller.notify(Changes(annotations=True, article_ids=frozenset({3})))  # after undo/redo

Worker threads must not use `controller.project` for writes; give them `controller.path` and let
them open their own `Project`, then `notify` the result on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.core.models import Changes


class ProjectController(QObject):
    """Holds the open Project and broadcasts the `Changes` of every write."""

    changed = Signal(object)

    def __init__(self, project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project

    @property
    def path(self) -> Path:
        return self.project.path

    @property
    def readonly(self) -> bool:
        return bool(getattr(self.project, "readonly", False))

    def apply(self, operation: Callable[..., Any], *args, **kwargs) -> Any:
        """Run a store operation on the project and broadcast the Changes it returns.

        `operation` is called as `operation(*args, **kwargs)` (pass a bound Project method) or, if
        it is a plain function taking the project first, wrap it in a lambda. If it returns a
        `Changes` (or a tuple whose last item is one), that record is emitted on `changed`.
        """
        result = operation(*args, **kwargs)
        changes = result
        if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
            changes = result[-1]
        if isinstance(changes, Changes):
            self.changed.emit(changes)
        return result

    def notify(self, changes: Changes) -> None:
        """Broadcast changes made elsewhere (undo, a worker, another dialog)."""
        self.changed.emit(changes)

    def close(self) -> None:
        self.project.close()
