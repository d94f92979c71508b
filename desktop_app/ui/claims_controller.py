"""Claim tagging in the main window: actions, docks, pane layers and the undo stack, wired together.

`install_claims(window)` attaches a `ClaimsController` to a `MainWindow` through its extension
points (`controller.changed`, `add_dock`, `menu(name)`, `panes()`, `compare.panesChanged`,
`show_article_span`). It adds:

- actionTagClaim (Ctrl+T, Claims menu and the pane context menu): tag the selected text;
- the claim editor dock (`claimEditor`), the claims panel (`claimsPanel`) and the claims view
  (`claimsView`) docks;
- actionUndo / actionRedo (Ctrl+Z / Ctrl+Shift+Z, Edit menu) over one QUndoStack of store steps;
- actionDeleteAnnotation (Delete, in the panes and the claims table), actionNextAnnotation (F8),
  actionPrevAnnotation (Shift+F8), actionCodebook (Claims → Codebook…);
- an `AnnotationLayer` on every pane, redrawn when the store reports annotation changes.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from desktop_app.core.annotations import AnnotationDraft, default_annotator
from desktop_app.core.errors import UserError
from desktop_app.ui.annotation_layer import AnnotationLayer
from desktop_app.ui.claim_editor import ClaimEditor, EditorValues
from desktop_app.ui.claims_table import ClaimsPanel
from desktop_app.ui.claims_view import ClaimsView
from desktop_app.ui.undo import AddAnnotation, DeleteAnnotation, EditAnnotation, push, undo_actions


class ClaimsController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.stack = QUndoStack(self)
        self.layers: dict[int, AnnotationLayer] = {}
        self.selected_id: int | None = None
        self.annotator = self.saved_annotator()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self._by_article: dict[int, list] = {}  # every annotation, by article: the panels' data
        self._stale_articles: set[int] | None = None  # None = reload everything
        self._view_stale = True
        self._view_shown = False  # follows the dock's visibilityChanged (a tab behind another is "visible")

        self.editor = ClaimEditor(window)
        self.editor_dock = window.add_dock(self.editor, Qt.DockWidgetArea.RightDockWidgetArea, "Claim editor")
        self.editor_dock.setObjectName("claimEditorDock")
        self.panel = ClaimsPanel(window)
        self.panel_dock = window.add_dock(self.panel, Qt.DockWidgetArea.BottomDockWidgetArea, "Claims")
        self.panel_dock.setObjectName("claimsPanelDock")
        self.view = ClaimsView(window)
        self.view_dock = window.add_dock(self.view, Qt.DockWidgetArea.BottomDockWidgetArea, "Claims view")
        self.view_dock.setObjectName("claimsViewDock")
        window.tabifyDockWidget(self.panel_dock, self.view_dock)
        self.panel_dock.raise_()

        self._build_actions()
        self.editor.saveRequested.connect(self.save)
        self.editor.deleteRequested.connect(lambda annotation_id: self.delete(annotation_id))
        self.editor.cancelled.connect(self._editor_cancelled)
        self.panel.annotationActivated.connect(self.go_to_annotation)
        self.panel.table.addAction(self.actionDeleteAnnotation)
        self.panel.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.view.cellChosen.connect(self.show_cell)
        self.view_dock.visibilityChanged.connect(self._view_visibility)
        self.controller.changed.connect(self.on_changed)
        window.compare.panesChanged.connect(self.attach_layers)
        if self.controller.readonly:
            for action in (self.actionTagClaim, self.actionReattach, self.actionDeleteAnnotation, self.actionCodebook):
                action.setEnabled(False)
            self.actionTagClaim.setToolTip("This project is open read-only")
        self.refresh_choices()
        self.refresh_panels()
        self._stale_articles = set()
        self._just_read: dict[int, list] = {}  # annotations re-read for a pane, reused by the panel
        self.attach_layers()

    @property
    def project(self):
        return self.controller.project

    # -- construction -------------------------------------------------------------------------
    def _action(self, name: str, text: str, shortcut, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcuts([QKeySequence(s) for s in (shortcut if isinstance(shortcut, list) else [shortcut])])
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        window = self.window
        self.actionTagClaim = self._action("actionTagClaim", "&Tag claim…", "Ctrl+T", self.tag_selection,
                                           "Tag the selected text with a claim, speaker and stance (Ctrl+T)")
        self.actionDeleteAnnotation = QAction("&Delete annotation", window)
        self.actionDeleteAnnotation.setObjectName("actionDeleteAnnotation")
        self.actionDeleteAnnotation.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.actionDeleteAnnotation.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.actionDeleteAnnotation.triggered.connect(lambda: self.delete(self.selected_id))
        self.actionReattach = self._action("actionReattachAnnotation", "&Re-attach to selection", "Ctrl+Shift+T",
                                           self.reattach_selected,
                                           "Move the selected annotation (an orphaned one, say) onto the selected text")
        self.actionNextAnnotation = self._action("actionNextAnnotation", "&Next annotation", "F8",
                                                 lambda: self.step_annotation(True), "Next annotation (F8)")
        self.actionPrevAnnotation = self._action("actionPrevAnnotation", "&Previous annotation", "Shift+F8",
                                                 lambda: self.step_annotation(False), "Previous annotation (Shift+F8)")
        self.actionCodebook = self._action("actionCodebook", "&Codebook…", "Ctrl+Shift+K", self.open_codebook,
                                           "Manage stances and tags")
        self.actionAnnotatorName = self._action("actionAnnotatorName", "&Annotator name…", None,
                                                self.change_annotator, "Who is recorded as the annotator")
        self.actionUndo, self.actionRedo = undo_actions(self.stack, window)
        window.addAction(self.actionUndo)
        window.addAction(self.actionRedo)
        edit = window.menu("Edit")
        edit.addAction(self.actionUndo)
        edit.addAction(self.actionRedo)
        claims = window.menu("Claims")
        for action in (self.actionTagClaim, self.actionReattach, self.actionDeleteAnnotation, self.actionNextAnnotation,
                       self.actionPrevAnnotation):
            claims.addAction(action)
        claims.addSeparator()
        claims.addAction(self.actionCodebook)
        claims.addAction(self.actionAnnotatorName)
        claims.addSeparator()
        for dock in (self.editor_dock, self.panel_dock, self.view_dock):
            claims.addAction(dock.toggleViewAction())

    # -- panes --------------------------------------------------------------------------------
    def attach_layers(self) -> None:
        """Give every pane of the (new) comparison its annotation layer."""
        self.layers = {}
        for pane in self.window.panes():
            layer = AnnotationLayer(pane, pane)
            layer.annotationClicked.connect(self.select)
            self.layers[pane.article_id] = layer
            text = pane.text
            text.addAction(self.actionDeleteAnnotation)
            text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            text.customContextMenuRequested.connect(lambda pos, t=text: self._context_menu(t, pos))
            layer.set_annotations(self.project.annotations(pane.article_id), self.colours())

    def context_menu(self, text, pos):
        """The pane's context menu: copy/select all, then Tag claim (and Delete over an annotation)."""
        menu = text.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(self.actionTagClaim)
        here = self.layers.get(text.articleId)
        under = here.at(text.offsets.to_core(text.cursorForPosition(pos).position())) if here else []
        if under:
            self.select(under[0].id)
            menu.addAction(self.actionDeleteAnnotation)
        return menu

    def _context_menu(self, text, pos) -> None:
        menu = self.context_menu(text, pos)
        menu.exec(text.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- the annotator name (a setting; default: CROSSCHECK_ANNOTATOR or the OS user) ------------
    @staticmethod
    def saved_annotator() -> str:
        from desktop_app.ui.settings import app_settings

        value = app_settings().value("claims/annotator", "")
        return str(value).strip() or default_annotator()

    def ask_annotator(self, current: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(self.window, "Annotator name",
                                         "Name recorded on the annotations you make:", text=current)
        return value if ok else None

    def change_annotator(self) -> None:
        from desktop_app.ui.settings import app_settings

        value = self.ask_annotator(self.annotator)
        if value is None:
            return
        settings = app_settings()
        settings.setValue("claims/annotator", value.strip())
        settings.sync()
        self.annotator = self.saved_annotator()
        self.window.statusBar().showMessage(f"Annotations are now recorded as made by {self.annotator}.")

    def colours(self) -> dict[str, str]:
        return {s.name: s.colour for s in self.project.stances()}

    def _focused_pane(self):
        panes = self.window.panes()
        for pane in panes:
            if pane.text.hasFocus() and pane.selected_span():
                return pane
        return next((pane for pane in panes if pane.selected_span()), None)

    # -- tagging and editing --------------------------------------------------------------------
    def tag_selection(self) -> bool:
        """Open the editor on the selected text of the focused pane (or any pane with a selection)."""
        pane = self._focused_pane()
        if pane is None:
            if self.selected_id is not None and self.project.annotation(self.selected_id) is not None:
                self.editor_dock.show()  # no new text chosen: edit the selected annotation
                self.editor_dock.raise_()
                self.select(self.selected_id)
                self.editor.claimField.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            self.window.statusBar().showMessage("Select some text in an article first, then press Ctrl+T.")
            return False
        start, end = pane.selected_span()
        quote = pane.article.text[start:end]
        if not quote.strip():
            self.window.statusBar().showMessage("The selection is only white space; select the words to tag.")
            return False
        self.select(None)
        self.editor_dock.show()
        self.editor_dock.raise_()
        self.editor.start_new(pane.article_id, start, end, quote, pane.article.title)
        return True

    def reattach_selected(self) -> bool:
        """Move the selected annotation onto the text selected in a pane of its article (undoable).

        This is how an orphaned annotation (its quote lost when the text changed) is placed again
        by hand: select it in the claims panel, select its new words in the article, Ctrl+Shift+T.
        """
        status = self.window.statusBar().showMessage
        annotation = self.project.annotation(self.selected_id) if self.selected_id is not None else None
        if annotation is None:
            status("Select an annotation first (orphaned ones are marked ⚠ in the Claims panel).")
            return False
        pane = next((p for p in self.window.panes() if p.article_id == annotation.article_id and p.selected_span()),
                    None)
        if pane is None:
            status(f"Select its new text in article {annotation.article_id}, then press Ctrl+Shift+T.")
            return False
        start, end = pane.selected_span()
        if not pane.article.text[start:end].strip():
            status("The selection is only white space; select the words to attach it to.")
            return False
        try:
            push(self.stack, EditAnnotation(self.controller, annotation.id, start=start, end=end))
        except (UserError, sqlite3.Error) as exc:
            status(f"Could not re-attach: {exc}")
            return False
        status("Annotation re-attached to the selection (Ctrl+Z to undo).")
        self.select(annotation.id)
        return True

    def save(self, values: EditorValues) -> None:
        try:
            if values.annotation_id is None:
                draft = AnnotationDraft(values.article_id, values.start, values.end, values.claim, values.stance,
                                        values.speaker, values.tags, values.note)
                command = push(self.stack, AddAnnotation(self.controller, draft, self.annotator))
                saved = command.created
            else:
                command = push(self.stack, EditAnnotation(
                    self.controller, values.annotation_id, claim=values.claim, stance=values.stance,
                    speaker=values.speaker, tags=values.tags, note=values.note))
                saved = command.after
        except (UserError, sqlite3.Error) as exc:  # refused, or a read-only / locked project
            self.editor.heading.setText(str(exc))
            self.window.statusBar().showMessage(str(exc))
            return
        self.window.statusBar().showMessage(f"Saved: {saved.claim} ({saved.stance})")
        self.select(saved.id)
        pane = self.window.compare.pane_for(saved.article_id)
        if pane is not None:
            cursor = pane.text.textCursor()
            cursor.clearSelection()  # the annotation's own drawing takes over from the selection
            pane.text.setTextCursor(cursor)
            pane.text.setFocus()

    def delete(self, annotation_id: int | None) -> None:
        if annotation_id is None:
            self.window.statusBar().showMessage("Click an annotation first to delete it.")
            return
        try:
            push(self.stack, DeleteAnnotation(self.controller, annotation_id))
        except (UserError, sqlite3.Error) as exc:  # refused, or a read-only / locked project
            self.window.statusBar().showMessage(str(exc))
            return
        self.selected_id = None
        self.editor.clear()
        self.window.statusBar().showMessage("Annotation deleted (Ctrl+Z to undo).")

    def _editor_cancelled(self) -> None:
        self.select(None)
        pane = self._focused_pane() or next(iter(self.window.panes()), None)
        if pane is not None:
            pane.text.setFocus()

    def select(self, annotation_id: int | None) -> None:
        """Make one annotation the current one: highlighted in its pane, loaded in the editor."""
        self.selected_id = annotation_id
        annotation = self.project.annotation(annotation_id) if annotation_id is not None else None
        for article_id, layer in self.layers.items():
            layer.select(annotation_id if annotation and annotation.article_id == article_id else None)
        if annotation is not None:
            article = self.project.article(annotation.article_id)
            self.editor.load(annotation, article.title if article else "")
            self.panel.select_annotation(annotation.id)

    def go_to_annotation(self, annotation_id: int) -> None:
        """Open the article at the annotation's span and select it (claims panel double-click)."""
        annotation = self.project.annotation(annotation_id)
        if annotation is None:
            return
        self.window.show_article_span(annotation.article_id, annotation.start, annotation.end)
        self.select(annotation.id)

    def step_annotation(self, forward: bool) -> None:
        """Select the next/previous annotation in the focused pane."""
        panes = self.window.panes()
        pane = next((p for p in panes if p.text.hasFocus()), None)
        if pane is None and self.selected_id is not None:
            current = self.project.annotation(self.selected_id)
            pane = self.window.compare.pane_for(current.article_id) if current else None
        pane = pane or (panes[0] if panes else None)
        layer = self.layers.get(pane.article_id) if pane is not None else None
        if layer is None:
            return
        current = layer.annotation(self.selected_id) if self.selected_id is not None else None
        position = current.start if current else pane.text.offsets.to_core(pane.text.textCursor().position())
        target = layer.next_after(position if current or not forward else position - 1, forward)
        if target is None:
            self.window.statusBar().showMessage("No more annotations in that direction.")
            return
        self.window.show_article_span(target.article_id, target.start, target.end)
        self.select(target.id)

    def show_cell(self, claim_id: int, article_id: int) -> None:
        claim = self.project.claim(claim_id)
        self.panel.show_only(claim.text, article_id or None)
        self.panel_dock.show()
        self.panel_dock.raise_()
        first = next((a for a in self.project.annotations(article_id or None)
                      if a.claim_id == claim_id and not a.orphaned), None)
        if first is not None:
            self.go_to_annotation(first.id)

    def _table_row_changed(self, current, _previous) -> None:
        annotation_id = current.data(Qt.ItemDataRole.UserRole + 1) if current.isValid() else None
        if annotation_id is not None and annotation_id != self.selected_id:
            annotation = self.project.annotation(int(annotation_id))
            if annotation is not None:
                self.selected_id = annotation.id
                article = self.project.article(annotation.article_id)
                self.editor.load(annotation, article.title if article else "")
                for article_id, layer in self.layers.items():
                    layer.select(annotation.id if article_id == annotation.article_id else None)

    def open_codebook(self) -> None:
        from desktop_app.ui.codebook_dialog import CodebookDialog

        dialog = getattr(self, "_codebook", None)
        if dialog is None:
            dialog = CodebookDialog(self.controller, self.stack, self.window)
            self._codebook = dialog
        dialog.reload()
        dialog.show()
        dialog.raise_()

    # -- refresh ------------------------------------------------------------------------------
    def on_changed(self, changes) -> None:
        if not (changes.annotations or changes.codebook or changes.claims or changes.articles):
            return
        colours = self.colours()
        # a claim created by one edit only touches that article; renames and merges of claims or of
        # the codebook come without article ids and redraw everything
        everything = changes.codebook or changes.articles or not changes.article_ids
        for article_id in (list(self._just_read) if everything else changes.article_ids):
            self._just_read.pop(article_id, None)  # read before this change: out of date now
        for article_id, layer in self.layers.items():
            if everything or article_id in changes.article_ids:
                self._just_read[article_id] = self.project.annotations(article_id)
                layer.set_annotations(self._just_read[article_id], colours)
        if self.selected_id is not None and self.project.annotation(self.selected_id) is None:
            self.selected_id = None
            self.editor.clear()
        self.refresh_choices()
        if everything or changes.articles or self._stale_articles is None:
            self._stale_articles = None
        else:
            self._stale_articles |= set(changes.article_ids)
        self._refresh_timer.start()

    def refresh_choices(self) -> None:
        project = self.project
        self.editor.set_choices(project.stances(), [c.text for c in project.claims()], project.speakers(),
                                [t.name for t in project.tags()])

    def _refresh_pending(self) -> None:
        self.refresh_panels(self._stale_articles)

    def refresh_panels(self, articles: set[int] | None = None) -> None:
        """Reload the claims panel (and the claims view if it is showing).

        Runs once after a burst of changes (a zero-delay timer). With `articles`, only those
        articles' annotations are read again; the rest (and their prepared filter text) is reused,
        so a save in a project with 100,000 annotations does not re-read them all.
        """
        project = self.project
        try:
            if articles is None:
                self._by_article = {}
                for annotation in project.iter_annotations():
                    self._by_article.setdefault(annotation.article_id, []).append(annotation)
            else:
                for article_id in articles:
                    fresh = self._just_read.get(article_id)
                    if fresh is None:
                        fresh = project.annotations(article_id)
                    if fresh:
                        self._by_article[article_id] = fresh
                    else:
                        self._by_article.pop(article_id, None)
            titles = {a.id: a.title for a in project.articles()}
            stances = project.stances()
            tags = [t.name for t in project.tags()]
        except sqlite3.ProgrammingError:  # the window closed its project before this queued refresh
            return
        self._stale_articles = set()
        self._just_read = {}
        self._titles, self._stances = titles, stances
        annotations = self.all_annotations()
        colours = {s.name: s.colour for s in stances}
        if articles is None:
            self.panel.set_data(annotations, titles, colours, [s.name for s in stances], tags)
        else:  # only these articles changed: move just their rows
            fresh = {article_id: self._by_article.get(article_id, []) for article_id in articles}
            self.panel.update_articles(fresh, annotations, titles, colours, [s.name for s in stances], tags)
        self._view_stale = True
        if self._view_shown:
            self._refresh_view()

    def all_annotations(self) -> list:
        return [a for article_id in sorted(self._by_article) for a in self._by_article[article_id]]

    def _view_visibility(self, visible: bool) -> None:
        self._view_shown = visible
        if visible:
            self._refresh_view()

    def _refresh_view(self) -> None:
        """The claims × articles matrix, rebuilt only when it is on screen and out of date."""
        if not self._view_stale or not hasattr(self, "_stances"):
            return
        stances = self._stances
        self.view.set_annotations(self.all_annotations(), self._titles, {s.name: s.colour for s in stances},
                                  [s.name for s in stances])
        self._view_stale = False


def install_claims(window) -> ClaimsController:
    """Attach claim tagging to a main window (once)."""
    existing = getattr(window, "claims", None)
    if existing is None:
        existing = ClaimsController(window)
        window.claims = existing
        _restore_dock_layout(window)
    return existing


def _restore_dock_layout(window) -> None:
    """Put the claims docks where the user left them (the window restored its state before they
    existed)."""
    from PySide6.QtCore import QByteArray

    from desktop_app.ui.settings import app_settings

    state = app_settings().value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
