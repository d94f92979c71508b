"""The link map between two adjacent panes: a filled Bézier band from each passage to its partner.

A band whose partner is off screen ends in a short stub pointing up or down towards it. Hovering a
band shows the passage's words and similarity; clicking it scrolls the partner into line (the
off-screen side moves to meet the visible one). `band_paths()` and `link_at(point)` are the
geometry and hit-testing, usable without painting (tests, accessibility).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.ui.palette import band_colour, passage_colour

LINKMAP_WIDTH = 64
STUB = 0.42  # a stub reaches this fraction of the width


def describe_passage(passage, left_text: str = "", right_text: str = "") -> str:
    """Tooltip text of a passage: words on both sides, similarity, the start of its text."""
    lines = [f"Shared passage: {passage.a_words} words here, {passage.b_words} there, "
             f"{passage.similarity * 100:.0f} % similar"]
    if passage.edits:
        lines.append(f"{len(passage.edits)} edit{'s' if len(passage.edits) != 1 else ''} inside")
    if left_text:
        snippet = " ".join(left_text[passage.a_start:passage.a_end].split())
        lines.append(f"“{snippet[:140]}{'…' if len(snippet) > 140 else ''}”")
    return "\n".join(lines)


class LinkMap(QWidget):
    """Bands joining the passages of pane `left` and pane `left + 1` of a CompareView."""

    linkClicked = Signal(object)

    def __init__(self, view, left: int):
        super().__init__(view)
        self.view = view
        self.left = left
        self._links: list = []
        self._hovered = None
        self.setObjectName("linkMap")
        self.setAccessibleName(f"Links between article panes {left + 1} and {left + 2}")
        self.setFixedWidth(LINKMAP_WIDTH)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    # -- wiring -------------------------------------------------------------------------------
    def attach(self) -> None:
        """Repaint whenever either pane scrolls or re-lays out."""
        for text in self._texts():
            text.verticalScrollBar().valueChanged.connect(self.update)
            text.document().documentLayout().documentSizeChanged.connect(lambda *_: self.update())

    def set_links(self, links: list) -> None:
        self._links = list(links)
        self._hovered = None
        self.update()

    def links(self) -> list:
        return list(self._links)

    def _texts(self):
        panes = self.view.panes()
        return panes[self.left].text, panes[self.left + 1].text

    def _offset(self, text) -> float:
        """y of the text viewport's top in this widget's coordinates."""
        return float(text.viewport().mapTo(self.view, QPoint(0, 0)).y() - self.mapTo(self.view, QPoint(0, 0)).y())

    # -- geometry -----------------------------------------------------------------------------
    def band_paths(self) -> list[tuple[object, QPainterPath]]:
        """(link, filled path) for every band with at least one visible end."""
        left_text, right_text = self._texts()
        lo, ro = self._offset(left_text), self._offset(right_text)
        lvis, rvis = left_text.visible_span(), right_text.visible_span()
        width = float(self.width())
        result = []
        for link in self._links:
            p = link.passage
            left_on = p.a_end > lvis[0] and p.a_start <= lvis[1]
            right_on = p.b_end > rvis[0] and p.b_start <= rvis[1]
            if not (left_on or right_on):
                continue
            if left_on:
                l0 = left_text.view_y(p.a_start) + lo
                l1 = left_text.view_y(max(p.a_start, p.a_end - 1), bottom=True) + lo
            if right_on:
                r0 = right_text.view_y(p.b_start) + ro
                r1 = right_text.view_y(max(p.b_start, p.b_end - 1), bottom=True) + ro
            if left_on and right_on:
                path = self._band(0.0, l0, l1, width, r0, r1)
            elif left_on:
                path = self._stub(0.0, l0, l1, width * STUB, above=p.b_end <= rvis[0])
            else:
                path = self._stub(width, r0, r1, width * (1 - STUB), above=p.a_end <= lvis[0])
            result.append((link, path))
        return result

    @classmethod
    def _stub(cls, x0: float, y0: float, y1: float, x1: float, above: bool) -> QPainterPath:
        """A short band from a visible passage that narrows and bends towards its off-screen
        partner, ending in a small arrow head pointing up or down."""
        thick = max(4.0, min(y1 - y0, 30.0) * 0.4)
        if above:
            t0 = y0 - 12
            t1 = t0 + thick
            tip, head = t0 - 7, t0 + 1
        else:
            t1 = y1 + 12
            t0 = t1 - thick
            tip, head = t1 + 7, t1 - 1
        if x1 > x0:
            path = cls._band(x0, y0, y1, x1, t0, t1)
            xs = (x1 - 9, x1, x1 - 4.5)
        else:
            path = cls._band(x1, t0, t1, x0, y0, y1)
            xs = (x1, x1 + 9, x1 + 4.5)
        arrow = QPainterPath(QPointF(xs[0], head))
        arrow.lineTo(QPointF(xs[1], head))
        arrow.lineTo(QPointF(xs[2], tip))
        arrow.closeSubpath()
        return path.united(arrow)

    @staticmethod
    def _band(x0: float, a0: float, a1: float, x1: float, b0: float, b1: float) -> QPainterPath:
        mid = (x0 + x1) / 2
        path = QPainterPath(QPointF(x0, a0))
        path.cubicTo(QPointF(mid, a0), QPointF(mid, b0), QPointF(x1, b0))
        path.lineTo(QPointF(x1, b1))
        path.cubicTo(QPointF(mid, b1), QPointF(mid, a1), QPointF(x0, a1))
        path.closeSubpath()
        return path

    def link_at(self, point: QPointF):
        """The link whose band contains `point` (the topmost if several), or None."""
        for link, path in reversed(self.band_paths()):
            if path.contains(QPointF(point)):
                return link
        return None

    # -- painting and input -------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fafafa"))
        if self.view.panes():
            for link, path in self.band_paths():
                hovered = link == self._hovered
                painter.setPen(QPen(passage_colour(link.colour).darker(200 if hovered else 140), 2.0 if hovered else 1.0))
                painter.setBrush(band_colour(link.colour, 190 if hovered else 110))
                painter.drawPath(path)
        painter.setPen(QColor("#dcdcdc"))
        painter.drawLine(0, 0, 0, self.height())
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            link = self.link_at(event.position() if hasattr(event, "position") else QPointF(event.pos()))
            if link is not None:
                text = self.view.panes()[self.left].article.text
                QToolTip.showText(event.globalPos(), describe_passage(link.passage, text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event) -> None:
        hovered = self.link_at(event.position())
        if hovered != self._hovered:
            self._hovered = hovered
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            link = self.link_at(event.position())
            if link is not None:
                self.linkClicked.emit(link)
                self.view.line_up(link)
                return
        super().mousePressEvent(event)
