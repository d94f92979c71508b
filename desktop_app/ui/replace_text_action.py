"""Edit → Replace text…: give the selected article a new version of its text from a file.

Calls `desktop_app.core.reanchor.replace_text_from_file` through the project controller, so the
views refresh from the `Changes` it returns. Annotations move to the new text; those that cannot
be placed are kept as orphaned (the claims panel marks them) and the summary lists them. The old
text is kept as a revision. Dialogs go through `ask_path` and `show_message`, which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.core.errors import UserError
from desktop_app.core.reanchor import replace_text_from_file


class ReplaceTextAction:
    """The Edit menu entry and what it does."""

    def __init__(self, window: QWidget):
        self.window = window
        self.controller = window.controller
        self.action = QAction("Replace &text…", window)
        self.action.setObjectName("actionReplaceText")
        self.action.setToolTip("Replace the selected article's text with a newer version from a file;"
                               " its annotations move to the new text")
        self.action.triggered.connect(lambda: self.replace())

    def ask_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Replace text with…", "",
                                              "Articles (*.txt *.md *.html *.htm);;All files (*)")
        return Path(name) if name else None

    def show_message(self, title: str, text: str, error: bool = False) -> None:
        (QMessageBox.warning if error else QMessageBox.information)(self.window, title, text)

    def selected_article(self) -> int | None:
        ids = self.window.library.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def replace(self, article_id: int | None = None, path: Path | None = None):
        """Replace article `article_id`'s text (default: the one selected) with `path`'s."""
        if self.controller.readonly:
            self.show_message("Replace text", "This project is open read-only.", error=True)
            return None
        article_id = article_id if article_id is not None else self.selected_article()
        if article_id is None:
            self.show_message("Replace text", "Select one article in the library first.", error=True)
            return None
        path = path if path is not None else self.ask_path()
        if path is None:
            return None
        try:
            report, _changes = self.controller.apply(replace_text_from_file, self.controller.project, article_id, path)
        except UserError as exc:
            self.show_message("Replace text", str(exc), error=True)
            return None
        self.show_message("Replace text", report.summary())
        return report


def install_replace_text(window) -> ReplaceTextAction:
    action = ReplaceTextAction(window)
    window.menu("Edit").addAction(action.action)
    window.actionReplaceText = action.action
    window.replace_text = action
    return action
