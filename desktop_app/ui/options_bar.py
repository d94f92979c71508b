"""The alignment options on the toolbar: minimum passage length, include boilerplate, mode.

Changing one emits `optionsChanged(AlignOptions)` after a short pause (typing 12 in the spin box
is one change, not two); the comparison then recomputes in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from desktop_app.core.align import AlignOptions

MODES = (("Shared passages", "passages"), ("Linear diff (versions)", "diff"))


class OptionsBar(QWidget):
    """Spin box, check box and combo box bound to an AlignOptions."""

    optionsChanged = Signal(object)

    def __init__(self, options: AlignOptions | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("alignOptions")
        self.setAccessibleName("Alignment options")
        options = options or AlignOptions()
        self.min_words = QSpinBox(self)
        self.min_words.setObjectName("minWords")
        self.min_words.setAccessibleName("Minimum passage length in words")
        self.min_words.setToolTip("Shorter shared stretches are not passages")
        self.min_words.setRange(2, 200)
        self.min_words.setValue(options.min_words)
        self.min_words.setSuffix(" words")
        self.include_boilerplate = QCheckBox("Include boilerplate", self)
        self.include_boilerplate.setObjectName("includeBoilerplate")
        self.include_boilerplate.setAccessibleName("Include boilerplate and duplicates in passages")
        self.include_boilerplate.setChecked(options.include_skipped)
        self.mode = QComboBox(self)
        self.mode.setObjectName("alignMode")
        self.mode.setAccessibleName("Comparison mode")
        for label, value in MODES:
            self.mode.addItem(label, value)
        self.mode.setCurrentIndex(0 if options.mode == "passages" else 1)
        label = QLabel("Min.", self)
        label.setBuddy(self.min_words)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(label)
        layout.addWidget(self.min_words)
        layout.addWidget(self.include_boilerplate)
        layout.addWidget(self.mode)
        self._pause = QTimer(self, singleShot=True, interval=350)
        self._pause.timeout.connect(lambda: self.optionsChanged.emit(self.options()))
        self.min_words.valueChanged.connect(lambda _v: self._pause.start())
        self.include_boilerplate.toggled.connect(lambda _v: self._pause.start())
        self.mode.currentIndexChanged.connect(lambda _v: self._pause.start())

    def options(self) -> AlignOptions:
        return AlignOptions(min_words=self.min_words.value(), mode=self.mode.currentData(),
                            include_skipped=self.include_boilerplate.isChecked())

    def set_options(self, options: AlignOptions) -> None:
        """Show these options without emitting a change."""
        for widget in (self.min_words, self.include_boilerplate, self.mode):
            widget.blockSignals(True)
        self.min_words.setValue(options.min_words)
        self.include_boilerplate.setChecked(options.include_skipped)
        self.mode.setCurrentIndex(0 if options.mode == "passages" else 1)
        for widget in (self.min_words, self.include_boilerplate, self.mode):
            widget.blockSignals(False)
