"""The codebook dialog: manage stances (name, colour, key) and tags (name/parent path, colour).

Add, rename, recolour, re-key, merge and delete, each one undoable step on the claims undo stack.
Deleting something in use asks first and never silently removes annotations: a stance in use can
only be merged into another one; a tag in use is detached from its annotations (they stay) after
the user confirms. Questions go through `ask_text`, `ask_colour`, `ask_choice` and `confirm`,
which tests replace.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import UserError
from desktop_app.ui.claim_editor import swatch
from desktop_app.ui.undo import CodebookChange, push


class CodebookDialog(QDialog):
    def __init__(self, controller, stack, parent=None):
        super().__init__(parent)
        self.setObjectName("codebookDialog")
        self.setWindowTitle("Codebook")
        self.controller = controller
        self.stack = stack
        self.stanceList = QListWidget(self)
        self.stanceList.setObjectName("stanceList")
        self.tagList = QListWidget(self)
        self.tagList.setObjectName("tagList")
        self.message = QLabel("", self)
        self.message.setObjectName("codebookMessage")
        self.message.setWordWrap(True)

        tabs = QTabWidget(self)
        tabs.addTab(self._page(self.stanceList, [
            ("stanceAdd", "Add…", self.add_stance), ("stanceRename", "Rename…", self.rename_stance),
            ("stanceColour", "Colour…", self.recolour_stance), ("stanceKey", "Key…", self.rekey_stance),
            ("stanceMerge", "Merge into…", self.merge_stance), ("stanceDelete", "Delete", self.delete_stance)]),
            "Stances")
        tabs.addTab(self._page(self.tagList, [
            ("tagAdd", "Add…", self.add_tag), ("tagRename", "Rename…", self.rename_tag),
            ("tagMerge", "Merge into…", self.merge_tag), ("tagDelete", "Delete", self.delete_tag)]), "Tags")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        controller.changed.connect(lambda changes: self.reload() if changes.codebook or changes.annotations else None)
        self.resize(460, 380)

    def _page(self, listing: QListWidget, buttons) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        row.addWidget(listing, 1)
        column = QVBoxLayout()
        for name, label, slot in buttons:
            button = QPushButton(label, page)
            button.setObjectName(name)
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column)
        return page

    @property
    def project(self):
        return self.controller.project

    def reload(self) -> None:
        for listing, items in ((self.stanceList, self.project.stances()), (self.tagList, self.project.tags())):
            current = listing.currentItem().data(Qt.ItemDataRole.UserRole) if listing.currentItem() else None
            listing.clear()
            for entry in items:
                if listing is self.stanceList:
                    used = self.project.stance_usage(entry.id)
                    label = f"{entry.key or '-'}  {entry.name}  ({used} used)"
                    item = QListWidgetItem(swatch(entry.colour), label)
                else:
                    used = self.project.tag_usage(entry.id)
                    item = QListWidgetItem(f"{entry.name}  ({used} used)")
                    if entry.colour:
                        item.setIcon(swatch(entry.colour))
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                listing.addItem(item)
                if entry.id == current:
                    listing.setCurrentItem(item)

    # -- questions (replaced in tests) ---------------------------------------------------------
    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def ask_colour(self, initial: str) -> str | None:
        colour = QColorDialog.getColor(QColor(initial), self, "Stance colour")
        return colour.name() if colour.isValid() else None

    def ask_choice(self, title: str, label: str, choices: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self, title, label, choices, 0, False)
        return value if ok else None

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    # -- helpers ------------------------------------------------------------------------------
    def _current(self, listing: QListWidget) -> int | None:
        item = listing.currentItem()
        if item is None:
            self.message.setText("Choose an entry in the list first.")
            return None
        return int(item.data(Qt.ItemDataRole.UserRole))

    def _push(self, text: str, operation, affected=None, revert=None) -> bool:
        try:
            push(self.stack, CodebookChange(self.controller, text, operation, affected, revert))
        except (UserError, sqlite3.Error) as exc:  # refused, or a read-only / locked project
            self.message.setText(str(exc))
            return False
        self.message.setText(f"{text} (Ctrl+Z undoes it).")
        self.reload()
        return True

    # -- stances ------------------------------------------------------------------------------
    def add_stance(self) -> bool:
        name = self.ask_text("New stance", "Name:")
        if not name:
            return False
        colour = self.ask_colour("#808080") or "#808080"
        return self._push(f"Add stance {name}", lambda p: p.add_stance(name, colour))

    def rename_stance(self) -> bool:
        stance_id = self._current(self.stanceList)
        if stance_id is None:
            return False
        old = self.project.stance(stance_id)
        name = self.ask_text("Rename stance", "Name:", old.name)
        if not name:
            return False
        return self._push(f"Rename stance {old.name}", lambda p: p.rename_stance(stance_id, name))

    def recolour_stance(self) -> bool:
        stance_id = self._current(self.stanceList)
        if stance_id is None:
            return False
        colour = self.ask_colour(self.project.stance(stance_id).colour)
        if not colour:
            return False
        return self._push("Change stance colour", lambda p: p.set_stance_colour(stance_id, colour))

    def rekey_stance(self) -> bool:
        stance_id = self._current(self.stanceList)
        if stance_id is None:
            return False
        key = self.ask_text("Stance key", "One key (1-9) that picks this stance in the editor:",
                            self.project.stance(stance_id).key)
        if key is None:
            return False
        return self._push("Change stance key", lambda p: p.set_stance_key(stance_id, key))

    def merge_stance(self) -> bool:
        stance_id = self._current(self.stanceList)
        if stance_id is None:
            return False
        source = self.project.stance(stance_id)
        others = [s for s in self.project.stances() if s.id != stance_id]
        choice = self.ask_choice("Merge stance", f"Merge {source.name} into:", [s.name for s in others])
        if not choice:
            return False
        target = next(s for s in others if s.name == choice)
        return self._push(f"Merge stance {source.name} into {target.name}",
                          lambda p: p.merge_stances(stance_id, target.id),
                          affected=lambda p: p.annotation_ids_with_stance(stance_id))

    def delete_stance(self) -> bool:
        stance_id = self._current(self.stanceList)
        if stance_id is None:
            return False
        stance = self.project.stance(stance_id)
        used = self.project.stance_usage(stance_id)
        if used:
            self.message.setText(f"{stance.name} is used by {used} annotation(s); merge it into another "
                                 "stance instead (nothing was deleted).")
            return False
        if not self.confirm("Delete stance", f"Delete the unused stance {stance.name}?"):
            return False
        return self._push(f"Delete stance {stance.name}", lambda p: p.delete_stance(stance_id))

    # -- tags ---------------------------------------------------------------------------------
    def add_tag(self) -> bool:
        name = self.ask_text("New tag", "Name (a/b nests b under a):")
        if not name:
            return False
        before = {t.id for t in self.project.tags()}

        def revert(p):
            for tag in sorted((t for t in p.tags() if t.id not in before), key=lambda t: -len(t.name)):
                p.delete_tag(tag.id, force=True)

        return self._push(f"Add tag {name}", lambda p: p.add_tag(name), revert=revert)

    def rename_tag(self) -> bool:
        tag_id = self._current(self.tagList)
        if tag_id is None:
            return False
        old = self.project.tag(tag_id)
        name = self.ask_text("Rename tag", "Name (a/b nests b under a):", old.name)
        if not name:
            return False
        return self._push(f"Rename tag {old.name}", lambda p: p.rename_tag(tag_id, name),
                          revert=lambda p: p.rename_tag(tag_id, old.name))

    def _tag_annotations(self, name: str):
        def affected(p):
            return [a.id for a in p.annotations() if any(t == name or t.startswith(name + "/") for t in a.tags)]
        return affected

    def merge_tag(self) -> bool:
        tag_id = self._current(self.tagList)
        if tag_id is None:
            return False
        source = self.project.tag(tag_id)
        others = [t for t in self.project.tags() if t.id != tag_id]
        choice = self.ask_choice("Merge tag", f"Merge {source.name} into:", [t.name for t in others])
        if not choice:
            return False
        target = next(t for t in others if t.name == choice)
        return self._push(f"Merge tag {source.name} into {target.name}", lambda p: p.merge_tags(tag_id, target.id),
                          affected=self._tag_annotations(source.name))

    def delete_tag(self) -> bool:
        tag_id = self._current(self.tagList)
        if tag_id is None:
            return False
        tag = self.project.tag(tag_id)
        used = self.project.tag_usage(tag_id)
        question = (f"{tag.name} is used by {used} annotation(s). Remove the tag from them? "
                    "The annotations themselves stay." if used else f"Delete the tag {tag.name}?")
        if not self.confirm("Delete tag", question):
            return False
        return self._push(f"Delete tag {tag.name}", lambda p: p.delete_tag(tag_id, force=True),
                          affected=self._tag_annotations(tag.name))
