"""Annotations drawn in an article pane: stance-coloured bars under the text, over the passage fill.

Each pane gets an `AnnotationLayer`. Annotations never use a background (that is the
shared-passage fill): an `AnnotationOverlay` on the text's viewport paints a 3-pixel bar in the
stance's colour under every line of each annotation. Overlapping annotations get separate lanes
(interval partitioning: a span that starts inside another is drawn a bar lower), so each stays
visible; the hover tooltip lists every annotation under the mouse. Only annotations on screen are
painted, so an article with 10,000 annotations scrolls like one with ten. The selected annotation
also gets a light wash of its stance colour and bold text (the pane's "annotationSelected" layer).

The layer answers "which annotations are at this offset" (hover, click) and "which is next /
previous after this offset" (keyboard navigation). Offsets are code points throughout.
"""

from __future__ import annotations

import bisect
import heapq
import html

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.core.annotations import Annotation
from desktop_app.core.visible_text import visible_controls

SELECTED_LAYER = "annotationSelected"
FALLBACK_COLOUR = "#808080"
BAR_HEIGHT = 3
LANE_STEP = 4
MAX_LANES = 3  # deeper overlaps share the last lane (the tooltip lists them all)


def assign_lanes(annotations: list[Annotation]) -> dict[int, int]:
    """Lane of each annotation id (0 = just under the text): overlapping spans never share a lane.

    Greedy interval partitioning over spans sorted by start, which uses as few lanes as the
    deepest overlap needs."""
    lanes: dict[int, int] = {}
    busy: list[tuple[int, int]] = []  # (end, lane) of spans still open
    free: list[int] = []
    used = 0
    for a in sorted(annotations, key=lambda a: (a.start, -a.end, a.id)):
        while busy and busy[0][0] <= a.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, used = used, used + 1
        lanes[a.id] = lane
        heapq.heappush(busy, (a.end, lane))
    return lanes


class AnnotationOverlay(QWidget):
    """Paints the annotation bars over the text viewport; transparent to the mouse."""

    def __init__(self, layer: "AnnotationLayer"):
        super().__init__(layer.text.viewport())
        self.layer = layer
        self.setObjectName("annotationOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setGeometry(layer.text.viewport().rect())
        self.show()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        for annotation, lane, rects in self.layer.visible_bars():
            painter.setBrush(QColor(self.layer.colour_of(annotation)))
            for rect in rects:
                painter.drawRect(rect)
        painter.end()


def _shown(text: str) -> str:
    """User text for a rich-text tooltip: escaped, with bidi and zero-width characters visible."""
    return html.escape(visible_controls(text))


class AnnotationLayer(QObject):
    """Keeps one pane's annotation drawing, hover, click and navigation in step with the store."""

    annotationClicked = Signal(int)  # annotation id

    def __init__(self, pane, parent=None):
        super().__init__(parent)
        self.pane = pane
        self.text = pane.text
        self.annotations: list[Annotation] = []
        self._starts: list[int] = []
        self.colours: dict[str, str] = {}
        self.selected_id: int | None = None
        self.lanes: dict[int, int] = {}
        self._live: list[Annotation] = []
        self._live_starts: list[int] = []
        self._longest = 0
        self._rect_cache: dict[tuple, list[QRectF]] = {}  # (id, start, end, lane) -> bar rects, document px
        self._rect_key: tuple = ()
        self._last_click: tuple[int, int] | None = None
        self.overlay = AnnotationOverlay(self)
        self.text.viewport().installEventFilter(self)
        self.text.positionClicked.connect(self._clicked)
        # scrolling moves the viewport's children with its pixels: put the overlay back each time
        self.text.verticalScrollBar().valueChanged.connect(self._realign_overlay)
        self.text.horizontalScrollBar().valueChanged.connect(self._realign_overlay)

    @property
    def article_id(self) -> int:
        return self.pane.article_id

    # -- content ------------------------------------------------------------------------------
    def set_annotations(self, annotations: list[Annotation], colours: dict[str, str]) -> None:
        """Replace what is drawn (annotations of this pane's article, ordered by start)."""
        self.annotations = sorted(annotations, key=lambda a: (a.start, a.end, a.id))
        self._starts = [a.start for a in self.annotations]
        self._live = [a for a in self.annotations if not a.orphaned]
        self._live_starts = [a.start for a in self._live]
        self._longest = max((a.end - a.start for a in self._live), default=0)
        self.lanes = assign_lanes(self._live)
        self.colours = dict(colours)
        if self.selected_id is not None and not any(a.id == self.selected_id for a in self.annotations):
            self.selected_id = None
        self.redraw()

    def colour_of(self, annotation: Annotation) -> str:
        return self.colours.get(annotation.stance, FALLBACK_COLOUR)

    def _realign_overlay(self, *_args) -> None:
        self.overlay.setGeometry(self.text.viewport().rect())
        self.overlay.update()

    def redraw(self) -> None:
        self.overlay.update()
        self._draw_selection()

    def drawn_spans(self) -> list[tuple[int, int]]:
        """The spans that get a bar (every annotation still anchored), in order."""
        return [(a.start, a.end) for a in self._live]

    def visible_bars(self) -> list[tuple[Annotation, int, list[QRectF]]]:
        """(annotation, lane, bar rectangles in viewport pixels) for annotations on screen."""
        if not self._live:
            return []
        first, last = self.visible_range()
        low = bisect.bisect_left(self._live_starts, first - self._longest)
        high = bisect.bisect_right(self._live_starts, last)
        return [(a, self.lanes.get(a.id, 0), self.bar_rects(a))
                for a in self._live[low:high] if a.end >= first]

    def visible_range(self) -> tuple[int, int]:
        """Code points of the first and last characters of the blocks on screen.

        Walks blocks from the last answer instead of hit-testing: on a long text that Qt is still
        laying out, `cursorForPosition` can answer positions far from the screen."""
        text = self.text
        doc = text.document()
        layout = doc.documentLayout()
        top = text.verticalScrollBar().value()
        bottom = top + text.viewport().height()
        block = doc.findBlockByNumber(min(getattr(self, "_first_block", 0), doc.blockCount() - 1))
        while block.isValid() and layout.blockBoundingRect(block).bottom() < top:
            block = block.next()
        while block.previous().isValid() and layout.blockBoundingRect(block.previous()).bottom() >= top:
            block = block.previous()
        if not block.isValid():
            block = doc.lastBlock()
        self._first_block = block.blockNumber()
        last = block
        while last.next().isValid() and layout.blockBoundingRect(last.next()).top() <= bottom:
            last = last.next()
        offsets = text.offsets
        return offsets.to_core(block.position()), offsets.to_core(last.position() + last.length())

    def bar_rects(self, annotation: Annotation) -> list[QRectF]:
        """One rectangle under each line the annotation covers, in its lane (viewport pixels).

        Rectangles are cached in document pixels until the text is laid out again (another width
        or zoom), so scrolling and repaints only translate them."""
        text = self.text
        key = (text.viewport().width(), text.font().pointSizeF(), text.document().pageSize().width())
        if key != self._rect_key:
            self._rect_cache = {}
            self._rect_key = key
        cache_key = (annotation.id, annotation.start, annotation.end, self.lanes.get(annotation.id, 0))
        rects = self._rect_cache.get(cache_key)
        if rects is None:
            rects = self._document_rects(annotation)
            if rects:  # a block not laid out yet gives none: try again on the next paint
                if len(self._rect_cache) > 50_000:
                    self._rect_cache.clear()
                self._rect_cache[cache_key] = rects
        dx = -text.horizontalScrollBar().value()
        dy = -text.verticalScrollBar().value()
        return [rect.translated(dx, dy) for rect in rects]

    def _document_rects(self, annotation: Annotation) -> list[QRectF]:
        text = self.text
        doc = text.document()
        layout_of = doc.documentLayout()
        qs, qe = text.offsets.span_to_qt(annotation.start, annotation.end)
        lane = min(self.lanes.get(annotation.id, 0), MAX_LANES - 1)
        rects = []
        block = doc.findBlock(qs)
        while block.isValid() and block.position() < qe:
            top_left = layout_of.blockBoundingRect(block).topLeft()
            layout = block.layout()
            base = block.position()
            first = layout.lineForTextPosition(max(0, qs - base))
            index = first.lineNumber() if first.isValid() else 0
            while index < layout.lineCount():
                line = layout.lineAt(index)
                index += 1
                line_start = base + line.textStart()
                if line_start >= qe:
                    break
                s, e = max(qs, line_start), min(qe, line_start + line.textLength())
                if s >= e:
                    continue
                x1 = line.cursorToX(s - base)
                x2 = line.cursorToX(e - base)
                x1 = x1[0] if isinstance(x1, tuple) else x1
                x2 = x2[0] if isinstance(x2, tuple) else x2
                y = top_left.y() + line.y() + line.ascent() + line.descent() + 1 + lane * LANE_STEP
                rects.append(QRectF(top_left.x() + x1, y, max(1.0, x2 - x1), BAR_HEIGHT))
            block = block.next()
        return rects

    def _draw_selection(self) -> None:
        chosen = self.annotation(self.selected_id) if self.selected_id is not None else None
        if chosen is None or chosen.orphaned:
            self.text.clear_layer(SELECTED_LAYER)
            return
        fmt = QTextCharFormat()
        wash = QColor(self.colour_of(chosen))
        wash.setAlpha(60)
        fmt.setBackground(wash)
        fmt.setFontWeight(QFont.Weight.Bold)
        self.text.set_span_layer(SELECTED_LAYER, [(chosen.start, chosen.end, fmt)])

    def select(self, annotation_id: int | None) -> None:
        self.selected_id = annotation_id
        self._draw_selection()

    # -- queries ------------------------------------------------------------------------------
    def annotation(self, annotation_id: int) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def at(self, position: int) -> list[Annotation]:
        """Annotations covering code point `position`, innermost first."""
        upto = bisect.bisect_right(self._starts, position)
        found = [a for a in self.annotations[:upto] if a.start <= position < a.end and not a.orphaned]
        return sorted(found, key=lambda a: (a.end - a.start, a.id))

    def next_after(self, position: int, forward: bool = True) -> Annotation | None:
        """The first annotation starting after `position` (or the last one before it)."""
        live = self._live
        if forward:
            return next((a for a in live if a.start > position), None)
        return next((a for a in reversed(live) if a.start < position), None)

    def tooltip_html(self, position: int) -> str:
        rows = []
        for a in self.at(position):
            colour = self.colour_of(a)
            who = _shown(a.speaker) if a.speaker else "<i>unattributed</i>"
            tags = f"<br><small>{_shown(', '.join(a.tags))}</small>" if a.tags else ""
            rows.append(f"<p><b>{_shown(a.claim)}</b><br>"
                        f"<span style='color:{colour}'>■ {_shown(a.stance)}</span> · {who}{tags}</p>")
        return "".join(rows)

    # -- events -------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and watched is self.text.viewport():
            self.overlay.setGeometry(self.text.viewport().rect())
        if event.type() == QEvent.Type.ToolTip and watched is self.text.viewport():
            cursor = self.text.cursorForPosition(event.pos())
            position = self.text.offsets.to_core(cursor.position())
            tip = self.tooltip_html(position)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.text.viewport())
                return True
        return super().eventFilter(watched, event)

    def _clicked(self, position: int) -> None:
        here = self.at(position)
        if not here:
            self._last_click = None
            return
        # clicking again on the same spot steps through the overlapping annotations there
        index = 0
        if self._last_click and self._last_click[0] == position:
            ids = [a.id for a in here]
            if self._last_click[1] in ids:
                index = (ids.index(self._last_click[1]) + 1) % len(ids)
        chosen = here[index]
        self._last_click = (position, chosen.id)
        self.select(chosen.id)
        self.annotationClicked.emit(chosen.id)
