"""The claim editor: a non-modal panel for tagging a selected span or editing an annotation.

Object names (tests and accessibility): `claimEditor` (the panel), `claimField` (editable combo,
completes from the project's claims so one claim is shared across articles), `stanceField`
(the codebook's stances; keys 1-4 pick one while it has focus, Alt+1..4 from any field),
`speakerField`, `tagsField` (comma-separated, completes the tag being typed; "a/b" nests),
`noteField`, `claimSave`, `claimCancel`, `claimDelete`.

Enter in any field saves, Esc cancels. The editor only collects values: it emits `saveRequested`
with an `EditorValues` and the claims controller turns that into an undoable store change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotations import Annotation, Stance, parse_tags


@dataclass(frozen=True)
class EditorValues:
    """What the user typed: the target (a new span or an annotation id) and the fields."""

    article_id: int
    start: int
    end: int
    annotation_id: int | None
    claim: str
    stance: str
    speaker: str
    tags: tuple[str, ...]
    note: str


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class TagCompleter(QCompleter):
    """Completes the last comma-separated tag in a line edit, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt API)
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802 (Qt API)
        widget = self.widget()
        head = widget.text().rsplit(",", 1)[0] if widget is not None and "," in widget.text() else ""
        value = index.data()
        return f"{head}, {value}" if head else value


class ClaimEditor(QWidget):
    """Fields for one annotation; emits saveRequested / cancelled / deleteRequested."""

    saveRequested = Signal(object)  # EditorValues
    cancelled = Signal()
    deleteRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("claimEditor")
        self.setAccessibleName("Claim editor")
        self._target: tuple[int, int, int] | None = None
        self._annotation_id: int | None = None
        self._stances: list[Stance] = []

        self.heading = QLabel("Select text in an article and press Ctrl+T to tag a claim.", self)
        self.heading.setObjectName("claimHeading")
        self.heading.setWordWrap(True)
        self.quote = QLabel("", self)
        self.quote.setObjectName("claimQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setStyleSheet("color: #444; font-style: italic;")

        self.claimField = QComboBox(self)
        self.claimField.setObjectName("claimField")
        self.claimField.setAccessibleName("Claim")
        self.claimField.setEditable(True)
        self.claimField.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.claimField.lineEdit().setAccessibleName("Claim text")
        self.claimField.lineEdit().setPlaceholderText("the claim, e.g. North Korea supplied ammunition…")
        self._claims = QStringListModel(self)
        self.claimField.setModel(self._claims)
        claim_completer = QCompleter(self._claims, self)
        claim_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        claim_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.claimField.setCompleter(claim_completer)

        self.stanceField = QComboBox(self)
        self.stanceField.setObjectName("stanceField")
        self.stanceField.setAccessibleName("Stance")
        self.stanceField.installEventFilter(self)

        self.speakerField = QLineEdit(self)
        self.speakerField.setObjectName("speakerField")
        self.speakerField.setAccessibleName("Speaker")
        self.speakerField.setPlaceholderText("who the article attributes it to, e.g. John Kirby, NSC")
        self._speakers = QStringListModel(self)
        speaker_completer = QCompleter(self._speakers, self)
        speaker_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        speaker_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speakerField.setCompleter(speaker_completer)

        self.tagsField = QLineEdit(self)
        self.tagsField.setObjectName("tagsField")
        self.tagsField.setAccessibleName("Tags")
        self.tagsField.setPlaceholderText("comma-separated; a/b nests b under a")
        self._tags = QStringListModel(self)
        tag_completer = TagCompleter(self._tags, self)
        tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tagsField.setCompleter(tag_completer)

        self.noteField = QLineEdit(self)
        self.noteField.setObjectName("noteField")
        self.noteField.setAccessibleName("Note")

        self.claimSave = QPushButton("Save", self)
        self.claimSave.setObjectName("claimSave")
        self.claimSave.setAccessibleName("Save annotation")
        self.claimSave.setDefault(True)
        self.claimSave.setToolTip("Save (Enter)")
        self.claimCancel = QPushButton("Cancel", self)
        self.claimCancel.setObjectName("claimCancel")
        self.claimCancel.setAccessibleName("Cancel editing")
        self.claimCancel.setToolTip("Cancel (Esc)")
        self.claimDelete = QPushButton("Delete", self)
        self.claimDelete.setObjectName("claimDelete")
        self.claimDelete.setAccessibleName("Delete annotation")
        self.claimDelete.setToolTip("Delete this annotation")

        form = QFormLayout()
        form.addRow("&Claim", self.claimField)
        form.addRow("&Stance", self.stanceField)
        form.addRow("S&peaker", self.speakerField)
        form.addRow("&Tags", self.tagsField)
        form.addRow("&Note", self.noteField)
        buttons = QHBoxLayout()
        buttons.addWidget(self.claimDelete)
        buttons.addStretch(1)
        buttons.addWidget(self.claimCancel)
        buttons.addWidget(self.claimSave)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.claimSave.clicked.connect(self.save)
        self.claimCancel.clicked.connect(self.cancel)
        self.claimDelete.clicked.connect(self._delete)
        self.claimField.lineEdit().returnPressed.connect(self._enter_in_claim)
        for field in (self.speakerField, self.tagsField, self.noteField):
            field.returnPressed.connect(self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for field in (self.claimField.lineEdit(), self.speakerField, self.tagsField, self.noteField):
            field.installEventFilter(self)  # Alt+1..9 picks a stance while typing
        self._set_enabled(False)

    # -- content ------------------------------------------------------------------------------
    def set_choices(self, stances: list[Stance], claims: list[str], speakers: list[str], tags: list[str]) -> None:
        """The codebook and what the project already uses, for the combos and completers."""
        current = self.stanceField.currentText()
        claim_text = self.claimField.currentText()
        self._stances = list(stances)
        self.stanceField.clear()
        for stance in self._stances:
            label = f"{stance.key}  {stance.name}" if stance.key else stance.name
            self.stanceField.addItem(swatch(stance.colour), label, stance.name)
        index = self.stanceField.findData(current.split()[-1] if current else "")
        self.stanceField.setCurrentIndex(max(index, 0))
        self._claims.setStringList(claims)
        self.claimField.setCurrentIndex(-1)
        self.claimField.setEditText(claim_text)
        self._speakers.setStringList(speakers)
        self._tags.setStringList(tags)

    def start_new(self, article_id: int, start: int, end: int, quote: str, title: str = "") -> None:
        """Prepare to tag [start, end) of an article; keeps the last stance and speaker blank."""
        self._target = (article_id, start, end)
        self._annotation_id = None
        self.heading.setText(f"New annotation in {title or f'article {article_id}'}")
        self.quote.setText(f"“{_ellipsis(quote, 240)}”")
        self.claimField.setEditText("")
        self.speakerField.clear()
        self.tagsField.clear()
        self.noteField.clear()
        self.claimDelete.setVisible(False)
        self._set_enabled(True)
        self.claimField.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def load(self, annotation: Annotation, title: str = "") -> None:
        """Show an annotation for editing."""
        self._target = (annotation.article_id, annotation.start, annotation.end)
        self._annotation_id = annotation.id
        self.heading.setText(f"Annotation {annotation.id} in {title or f'article {annotation.article_id}'}"
                             f" · {annotation.annotator}, {annotation.updated_at}")
        self.quote.setText(f"“{_ellipsis(annotation.quote, 240)}”")
        self.claimField.setEditText(annotation.claim)
        index = self.stanceField.findData(annotation.stance)
        if index >= 0:
            self.stanceField.setCurrentIndex(index)
        self.speakerField.setText(annotation.speaker)
        self.tagsField.setText(", ".join(annotation.tags))
        self.noteField.setText(annotation.note)
        self.claimDelete.setVisible(True)
        self._set_enabled(True)

    def clear(self) -> None:
        self._target = None
        self._annotation_id = None
        self.heading.setText("Select text in an article and press Ctrl+T to tag a claim.")
        self.quote.clear()
        self.claimField.setEditText("")
        for field in (self.speakerField, self.tagsField, self.noteField):
            field.clear()
        self._set_enabled(False)

    @property
    def annotation_id(self) -> int | None:
        return self._annotation_id

    @property
    def active(self) -> bool:
        return self._target is not None

    def values(self) -> EditorValues | None:
        if self._target is None:
            return None
        article_id, start, end = self._target
        return EditorValues(article_id, start, end, self._annotation_id, self.claimField.currentText().strip(),
                            self.stanceField.currentData() or "", self.speakerField.text().strip(),
                            parse_tags(self.tagsField.text()), self.noteField.text())

    # -- keys and actions ---------------------------------------------------------------------
    def pick_stance_key(self, key: str) -> bool:
        for index, stance in enumerate(self._stances):
            if stance.key == key:
                self.stanceField.setCurrentIndex(index)
                return True
        return False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and event.modifiers() == Qt.KeyboardModifier.AltModifier \
                and Qt.Key.Key_1.value <= event.key() <= Qt.Key.Key_9.value:
            if self.pick_stance_key(chr(event.key())):
                return True
        if watched is self.stanceField and event.type() == QEvent.Type.KeyPress:
            if event.text() and self.pick_stance_key(event.text()):
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.save()
                return True
        return super().eventFilter(watched, event)

    def _enter_in_claim(self) -> None:
        popup = self.claimField.completer().popup() if self.claimField.completer() else None
        if popup is not None and popup.isVisible():
            return
        self.save()

    def save(self) -> None:
        values = self.values()
        if values is None:
            return
        if not values.claim:
            self.heading.setText("Type the claim this passage expresses, then press Enter.")
            self.claimField.setFocus()
            return
        self.saveRequested.emit(values)

    def cancel(self) -> None:
        self.clear()
        self.cancelled.emit()

    def _delete(self) -> None:
        if self._annotation_id is not None:
            self.deleteRequested.emit(self._annotation_id)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.claimField, self.stanceField, self.speakerField, self.tagsField, self.noteField,
                       self.claimSave, self.claimCancel, self.claimDelete):
            widget.setEnabled(enabled)
        if not enabled:
            self.claimDelete.setVisible(False)


def _ellipsis(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
