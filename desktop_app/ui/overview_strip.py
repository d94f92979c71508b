"""A slim strip beside a pane showing where its shared passages lie; click it to jump there.

Marks are placed by character position (the text is laid out evenly enough, and this needs no
layout of off-screen text); the translucent box shows the part of the text on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

STRIP_WIDTH = 14


class OverviewStrip(QWidget):
    """Passage marks along the whole text of one pane."""

    jumpRequested = Signal(int)  # code point

    def __init__(self, text_widget, parent=None):
        super().__init__(parent)
        self.setObjectName("overviewStrip")
        self.setAccessibleName("Passage overview: click to jump")
        self.setToolTip("Where the shared passages lie — click to jump")
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._text = text_widget
        self._marks: list[tuple[int, int, QColor]] = []
        self._dims: list[tuple[int, int]] = []
        text_widget.verticalScrollBar().valueChanged.connect(self.update)
        text_widget.verticalScrollBar().rangeChanged.connect(lambda *_: self.update())

    def set_marks(self, marks: list[tuple[int, int, QColor]], dims: list[tuple[int, int]] = ()) -> None:
        """Passage spans (code points) with their colours, and dimmed spans."""
        self._marks = list(marks)
        self._dims = list(dims)
        self.update()

    def marks(self) -> list[tuple[int, int, QColor]]:
        return list(self._marks)

    def _length(self) -> int:
        return max(1, self._text.offsets.length)

    def _y(self, cp: int) -> float:
        return cp / self._length() * self.height()

    def position_at(self, y: float) -> int:
        """The code point a click at height y jumps to."""
        fraction = min(max(y / max(1, self.height()), 0.0), 1.0)
        return int(fraction * self._length())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f4f4f4"))
        for start, end in self._dims:
            painter.fillRect(QRectF(3, self._y(start), self.width() - 6, max(1.0, self._y(end) - self._y(start))),
                             QColor("#dddddd"))
        for start, end, colour in self._marks:
            painter.fillRect(QRectF(2, self._y(start), self.width() - 4, max(2.0, self._y(end) - self._y(start))),
                             colour)
        bar = self._text.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        if total > 0 and bar.maximum() > 0:
            top = bar.value() / total * self.height()
            height = bar.pageStep() / total * self.height()
            painter.setPen(QColor(60, 60, 60, 160))
            painter.setBrush(QColor(60, 60, 60, 30))
            painter.drawRect(QRectF(0.5, top, self.width() - 1.0, max(4.0, height)))
        painter.end()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.jumpRequested.emit(self.position_at(event.position().y()))
