"""Undoable claim edits: QUndoCommands over the store, each step saved in one transaction.

Every change the user makes to annotations or the codebook is pushed on one `QUndoStack` as a
command whose `redo()`/`undo()` run inside `project.atomic()` and broadcast their `Changes` through
the `ProjectController`. There is no unsaved state: the project file always holds the state the
stack shows, so closing and reopening gives the same annotations.

Undo restores exact rows (ids, timestamps, annotator) by deleting and re-inserting snapshots
(`Project.restore_annotation`), so an undone edit leaves no trace in the file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from desktop_app.core.annotations import Annotation, AnnotationDraft
from desktop_app.core.models import Changes
from desktop_app.core.text import one_line_preview



class StoreCommand(QUndoCommand):
    """Base: runs a step in one transaction and broadcasts what it changed."""

    def __init__(self, controller, text: str):
        super().__init__(text)
        self.controller = controller
        self._skip_redo = False

    @property
    def project(self):
        return self.controller.project

    def _run(self, step: Callable[[], Changes]) -> None:
        with self.project.atomic():
            changes = step()
        self.controller.notify(changes)

    def run_first(self) -> None:
        """Run the step now (raising UserError if refused); the stack's first redo then skips."""
        self._run(self.do)
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_step)

    def do(self) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_step(self) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def _restore(self, snapshots: list[Annotation]) -> Changes:
        """Put annotations back exactly as in `snapshots` (replacing their current rows)."""
        changes = Changes()
        for snapshot in snapshots:
            if self.project.annotation(snapshot.id) is not None:
                changes |= self.project.delete_annotation(snapshot.id)[1]
            changes |= self.project.restore_annotation(snapshot)[1]
        return changes


class AddAnnotation(StoreCommand):
    """Tag a span. The first redo creates the row; later redos restore that exact row."""

    def __init__(self, controller, draft: AnnotationDraft, annotator: str | None = None):
        super().__init__(controller, f"Tag “{one_line_preview(draft.claim, 40)}”")
        self.draft = draft
        self.annotator = annotator
        self.created: Annotation | None = None

    def do(self) -> Changes:
        if self.created is None:
            self.created, changes = self.project.add_annotation(self.draft, self.annotator)
            return changes
        return self.project.restore_annotation(self.created)[1]

    def undo_step(self) -> Changes:
        return self.project.delete_annotation(self.created.id)[1]


class EditAnnotation(StoreCommand):
    """Change fields of an annotation (claim, stance, speaker, tags, note, span)."""

    def __init__(self, controller, annotation_id: int, **fields):
        super().__init__(controller, "Edit annotation")
        self.annotation_id = annotation_id
        self.fields = fields
        self.before: Annotation | None = None
        self.after: Annotation | None = None

    def do(self) -> Changes:
        if self.after is None:
            self.before = self.project.annotation(self.annotation_id)
            self.after, changes = self.project.update_annotation(self.annotation_id, **self.fields)
            return changes
        return self._restore([self.after])

    def undo_step(self) -> Changes:
        return self._restore([self.before])


class DeleteAnnotation(StoreCommand):
    def __init__(self, controller, annotation_id: int):
        super().__init__(controller, "Delete annotation")
        self.annotation_id = annotation_id
        self.deleted: Annotation | None = None

    def do(self) -> Changes:
        self.deleted, changes = self.project.delete_annotation(self.annotation_id)
        return changes

    def undo_step(self) -> Changes:
        return self.project.restore_annotation(self.deleted)[1]


class CodebookChange(StoreCommand):
    """A codebook operation undone by snapshots: the stances and the annotations it touched.

    `operation(project)` performs the change and returns Changes. Before it runs, the command
    records every stance and the annotations `affected(project)` names; undo puts back deleted
    stances (same id, colour, key, position), restores renamed/recoloured ones, removes stances
    the operation added, and restores the affected annotations exactly (their claims and tags by
    name, recreating those that went).
    """

    def __init__(self, controller, text: str, operation: Callable, affected: Callable | None = None,
                 revert: Callable | None = None):
        super().__init__(controller, text)
        self.operation = operation
        self.affected = affected or (lambda project: [])
        self.revert = revert
        self.stances_before = []
        self.annotations_before: list[Annotation] = []

    def do(self) -> Changes:
        project = self.project
        self.stances_before = project.stances()
        self.annotations_before = [a for a in (project.annotation(i) for i in self.affected(project)) if a]
        result = self.operation(project)
        return result[-1] if isinstance(result, tuple) else result

    def undo_step(self) -> Changes:
        project = self.project
        changes = Changes(codebook=True, annotations=True, claims=True)
        if self.revert is not None:
            self.revert(project)
        before = {s.id: s for s in self.stances_before}
        now = {s.id: s for s in project.stances()}
        for stance in self.stances_before:
            current = now.get(stance.id)
            if current is None:
                project.add_stance(stance.name, stance.colour, stance.key, stance.description,
                                   stance_id=stance.id, position=stance.position)
            elif current != stance:
                project.set_stance_key(stance.id, "")
        for stance in self.stances_before:
            current = project.stance(stance.id)
            if current.name != stance.name:
                project.rename_stance(stance.id, stance.name)
            if current.colour != stance.colour:
                project.set_stance_colour(stance.id, stance.colour)
            if current.key != stance.key:
                project.set_stance_key(stance.id, stance.key)
        for stance_id in set(now) - set(before):
            if not project.stance_usage(stance_id):
                project.delete_stance(stance_id)
        changes |= self._restore(self.annotations_before)
        return changes


def push(stack: QUndoStack, command: StoreCommand) -> StoreCommand:
    """Run `command` and, if the store accepted it, put it on the stack (a refused change raises
    UserError and leaves both the project and the stack as they were)."""
    command.run_first()
    stack.push(command)
    return command


def undo_actions(stack: QUndoStack, parent):
    """actionUndo (Ctrl+Z) and actionRedo (Ctrl+Shift+Z, also Ctrl+Y) for `stack`."""
    undo = stack.createUndoAction(parent, "&Undo")
    undo.setObjectName("actionUndo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = stack.createRedoAction(parent, "&Redo")
    redo.setObjectName("actionRedo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    return undo, redo
