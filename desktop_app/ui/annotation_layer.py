"""Annotations drawn in an article pane: stance-coloured underlines over the passage fill.

Each pane gets an `AnnotationLayer` that paints its article's annotations on the pane's
"annotations" layer. Annotations never use a background (that is the shared-passage fill): a
span covered by one annotation is underlined in its stance's colour; where spans overlap the
underline turns wavy, in the colour of the innermost (shortest) annotation, and the hover
tooltip lists every annotation there, so overlaps stay readable. The selected annotation also
gets a light wash of its stance colour and bold text.

The layer answers "which annotations are at this offset" (hover, click) and "which is next /
previous after this offset" (keyboard navigation). Offsets are code points throughout.
"""

from __future__ import annotations

import bisect
import html

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QToolTip

from desktop_app.core.annotations import Annotation

LAYER = "annotations"
SELECTED_LAYER = "annotationSelected"
FALLBACK_COLOUR = "#808080"


def segments(annotations: list[Annotation]) -> list[tuple[int, int, Annotation, int]]:
    """Split overlapping spans into pieces: (start, end, innermost annotation, how many cover it).

    Adjacent pieces with the same innermost annotation and depth are merged.
    """
    events = []
    for index, a in enumerate(annotations):
        if a.end > a.start:
            events.append((a.start, 1, index))
            events.append((a.end, 0, index))
    events.sort()
    active: dict[int, Annotation] = {}
    pieces: list[tuple[int, int, Annotation, int]] = []
    previous = None
    i = 0
    while i < len(events):
        position = events[i][0]
        if active and previous is not None and position > previous:
            inner = min(active.values(), key=lambda a: (a.end - a.start, -a.start, a.id))
            depth = len(active)
            if pieces and pieces[-1][1] == previous and pieces[-1][2] is inner and pieces[-1][3] == depth:
                pieces[-1] = (pieces[-1][0], position, inner, depth)
            else:
                pieces.append((previous, position, inner, depth))
        while i < len(events) and events[i][0] == position:
            _, kind, index = events[i]
            if kind:
                active[index] = annotations[index]
            else:
                active.pop(index, None)
            i += 1
        previous = position
    return pieces


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
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._last_click: tuple[int, int] | None = None
        self.text.viewport().installEventFilter(self)
        self.text.positionClicked.connect(self._clicked)

    @property
    def article_id(self) -> int:
        return self.pane.article_id

    # -- content ------------------------------------------------------------------------------
    def set_annotations(self, annotations: list[Annotation], colours: dict[str, str]) -> None:
        """Replace what is drawn (annotations of this pane's article, ordered by start)."""
        self.annotations = sorted(annotations, key=lambda a: (a.start, a.end, a.id))
        self._starts = [a.start for a in self.annotations]
        if colours != self.colours:
            self._formats.clear()
        self.colours = dict(colours)
        if self.selected_id is not None and not any(a.id == self.selected_id for a in self.annotations):
            self.selected_id = None
        self.redraw()

    def colour_of(self, annotation: Annotation) -> str:
        return self.colours.get(annotation.stance, FALLBACK_COLOUR)

    def _format(self, colour: str, overlapped: bool) -> QTextCharFormat:
        fmt = self._formats.get((colour, overlapped))
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if overlapped
                                  else QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(colour))
            self._formats[(colour, overlapped)] = fmt
        return fmt

    def redraw(self) -> None:
        live = [a for a in self.annotations if not a.orphaned]
        spans = [(s, e, self._format(self.colour_of(a), depth > 1)) for s, e, a, depth in segments(live)]
        self.text.set_span_layer(LAYER, spans)
        self._draw_selection()

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
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(self.colour_of(chosen)))
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
        live = [a for a in self.annotations if not a.orphaned]
        if forward:
            return next((a for a in live if a.start > position), None)
        return next((a for a in reversed(live) if a.start < position), None)

    def tooltip_html(self, position: int) -> str:
        rows = []
        for a in self.at(position):
            colour = self.colour_of(a)
            who = html.escape(a.speaker) if a.speaker else "<i>unattributed</i>"
            tags = f"<br><small>{html.escape(', '.join(a.tags))}</small>" if a.tags else ""
            rows.append(f"<p><b>{html.escape(a.claim)}</b><br>"
                        f"<span style='color:{colour}'>■ {html.escape(a.stance)}</span> · {who}{tags}</p>")
        return "".join(rows)

    # -- events -------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
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
