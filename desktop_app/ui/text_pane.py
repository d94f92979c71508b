"""One article in a comparison: header, read-only text with highlight layers, overview strip.

`ArticleText` (objectName `articlePane`, Qt property `articleId`) is the text widget: a read-only,
word-wrapped `QTextEdit` in a readable serif with 1.45 line spacing (pixel scrolling, which the
scroll lock and link map need). Highlights are *layers* of `QTextEdit.ExtraSelection`, painted in
order, so a new layer never disturbs the passage fill:

    pane.set_layer("claims", selections)              # Qt selections (UTF-16 cursors)
    pane.set_span_layer("claims", [(start, end, fmt)])  # code points + QTextCharFormat
    pane.clear_layer("claims")
    pane.selected_span() -> (start, end) | None        # code points
    pane.positionClicked(int)                          # code point under a click
    pane.scroll_to_span(start, end)                    # code points

Built-in layers, bottom to top: "dim" (boilerplate/duplicates), "passages", "edits", then any
layer added by other features, then "flash" (always last). `ArticlePane` wraps the text with its
header (title, outlet, date, share) and an `OverviewStrip`; it forwards the layer API above.
All offsets in this API are code points; conversion is done by `self.offsets` (ui/offsets.py).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Property, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from desktop_app.core.models import Article
from desktop_app.ui.offsets import OffsetMap
from desktop_app.ui.palette import DIM_BACKGROUND, DIM_TEXT, FLASH

BASE_LAYERS = ("dim", "passages", "edits")
TOP_LAYER = "flash"
READING_FONTS = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"]
LINE_HEIGHT_PERCENT = 145
WINDOW_THRESHOLD = 40_000  # UTF-16 units; shorter texts hand Qt every selection
WINDOW_MARGIN = 40_000
WARM_STEP = 4_000  # characters laid out at a time while idle ...
WARM_SLICE_SECONDS = 0.008  # ... for at most this long per turn of the event loop


def reading_font(point_size: float = 11.0) -> QFont:
    font = QFont()
    font.setFamilies(READING_FONTS)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with … instead of widening the pane."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(10)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        elided = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
        painter.end()


class ArticleText(QTextEdit):
    """The read-only text of one article, with layered highlights in code-point offsets."""

    positionClicked = Signal(int)
    zoomChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articlePane")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFont(reading_font())
        self.document().setDocumentMargin(16)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._article_id = -1
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.offsets = OffsetMap("")
        self.zoom_steps = 0
        self._merged: list = []
        self._window: tuple[int, int] | None = None
        self._warm_position = 0
        self._warm_timer = QTimer(self, interval=0)
        self._warm_timer.timeout.connect(self._warm_layout)
        self.document().documentLayout().installEventFilter(self)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- the article --------------------------------------------------------------------------
    def _get_article_id(self) -> int:
        return self._article_id

    def _set_article_id(self, value: int) -> None:
        self._article_id = int(value)

    articleId = Property(int, _get_article_id, _set_article_id)

    def set_text(self, text: str) -> None:
        self.offsets = OffsetMap(text)
        self._layers.clear()
        self.setExtraSelections([])
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(6)
        cursor.mergeBlockFormat(block)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._warm_position = 0
        if len(text) > WINDOW_THRESHOLD:
            self._warm_timer.start()

    # -- layers -------------------------------------------------------------------------------
    def cursor_for_span(self, start: int, end: int) -> QTextCursor:
        """A Qt cursor selecting code points [start, end)."""
        qs, qe = self.offsets.span_to_qt(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        extra = QTextEdit.ExtraSelection()
        extra.cursor = self.cursor_for_span(start, end)
        extra.format = fmt
        return extra

    def set_layer(self, name: str, selections: list) -> None:
        self._layers[name] = list(selections)
        self._apply_layers()

    def set_span_layer(self, name: str, spans) -> None:
        """A layer from (start, end, QTextCharFormat) triples in code points."""
        # Inside an edit block QTextCursor.setPosition skips laying out the block to find its x
        # (0.5 ms a cursor on a 1 MB text); nothing is edited, so the block ends empty.
        # The document's signals are blocked so that ending the empty block tells no one that
        # the text or the cursors changed.
        document = self.document()
        was_blocked = document.blockSignals(True)
        guard = QTextCursor(document)
        guard.beginEditBlock()
        try:
            selections = [self.selection(s, e, f) for s, e, f in spans]
        finally:
            guard.endEditBlock()
            document.blockSignals(was_blocked)
        self.set_layer(name, selections)

    def clear_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._apply_layers()

    def layer(self, name: str) -> list:
        return list(self._layers.get(name, ()))

    def layer_spans(self, name: str) -> list[tuple[int, int]]:
        """The code-point spans of a layer (for tests and tools)."""
        return [self.offsets.span_to_core(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in self._layers.get(name, ())]

    def layer_names(self) -> list[str]:
        return self._ordered_names()

    def _ordered_names(self) -> list[str]:
        names = [n for n in BASE_LAYERS if n in self._layers]
        names += [n for n in self._layers if n not in BASE_LAYERS and n != TOP_LAYER]
        if TOP_LAYER in self._layers:
            names.append(TOP_LAYER)
        return names

    def _apply_layers(self) -> None:
        merged = []
        for name in self._ordered_names():
            merged.extend(self._layers[name])
        self._merged = merged
        self._window = None
        self._apply_window()

    def _apply_window(self) -> None:
        """Hand Qt the selections near the screen only, on long texts.

        QTextEdit measures every extra selection it is given, which lays out the text up to it:
        on a 1 MB article that is 150 ms on the GUI thread. Selections far off screen are kept
        here and handed over when scrolling brings them near."""
        merged = getattr(self, "_merged", [])
        if self.offsets.length_u16 <= WINDOW_THRESHOLD:
            self.setExtraSelections(merged)
            return
        top = self.cursorForPosition(QPoint(0, 0)).position()
        viewport = self.viewport()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        margin = max(WINDOW_MARGIN, 3 * (bottom - top))
        lo, hi = top - margin, bottom + margin
        self._window = (top - margin // 2, bottom + margin // 2)
        self.setExtraSelections([s for s in merged
                                 if s.cursor.selectionEnd() >= lo and s.cursor.selectionStart() <= hi])

    def _scrolled(self, _value: int) -> None:
        if self._window is None:
            return
        viewport = self.viewport()
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        if top < self._window[0] or bottom > self._window[1]:
            self._apply_window()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Hold back Qt's own lazy layout while ours runs: Qt doubles its step up to 200,000
        characters per timer tick, which froze the window for 60-120 ms at a time on a 1 MB
        article; our warm-up lays out the same text in 8 ms slices instead."""
        if event.type() == QEvent.Type.Timer and self._warm_timer.isActive() \
                and watched is self.document().documentLayout():
            return True
        return super().eventFilter(watched, event)

    def _warm_layout(self) -> None:
        """Lay a long text out a slice per idle moment, so later jumps and the scroll lock
        (which need the height of far-away lines) never wait for a whole-text layout."""
        document = self.document()
        layout = document.documentLayout()
        started = time.perf_counter()
        while time.perf_counter() - started < WARM_SLICE_SECONDS:
            if self._warm_position >= document.characterCount():
                self._warm_timer.stop()
                return
            self._warm_position += WARM_STEP
            layout.blockBoundingRect(document.findBlock(min(self._warm_position, document.characterCount() - 1)))

    # -- selection, clicks, geometry ------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.span_to_core(cursor.selectionStart(), cursor.selectionEnd())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            qt_pos = self.cursorForPosition(event.position().toPoint()).position()
            self.positionClicked.emit(self.offsets.to_core(qt_pos))

    def doc_y(self, cp: int, bottom: bool = False) -> float:
        """Document y (pixels from the top of the text) of code point `cp`'s line."""
        pos = self.offsets.to_qt(cp)
        doc = self.document()
        block = doc.findBlock(pos)
        if not block.isValid():
            block = doc.lastBlock()
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(min(pos - block.position(), max(0, block.length() - 1)))
        if not line.isValid():
            return rect.bottom() if bottom else rect.top()
        y = rect.top() + line.y()
        return y + line.height() if bottom else y

    def view_y(self, cp: int, bottom: bool = False) -> float:
        """Viewport y of code point `cp`'s line (negative or past the height when off screen)."""
        return self.doc_y(cp, bottom) - self.verticalScrollBar().value()

    def visible_span(self) -> tuple[int, int]:
        """Code points of the first and last characters on screen (cached per scroll position:
        hit-testing a long text costs milliseconds and every link map asks at each paint)."""
        viewport = self.viewport()
        key = (self.verticalScrollBar().value(), viewport.width(), viewport.height(),
               self.verticalScrollBar().maximum(), self.offsets.length)
        if getattr(self, "_visible_key", None) != key:
            top = self.cursorForPosition(QPoint(0, 0)).position()
            bottom = self.cursorForPosition(QPoint(viewport.width() - 1, viewport.height() - 1)).position()
            self._visible = (self.offsets.to_core(top), self.offsets.to_core(bottom))
            self._visible_key = key
        return self._visible

    def scroll_to_view_y(self, cp: int, view_y: float) -> None:
        """Scroll so that code point `cp`'s line sits at viewport y `view_y`."""
        bar = self.verticalScrollBar()
        bar.setValue(int(round(self.doc_y(cp) - view_y)))

    def scroll_to_span(self, start: int, end: int) -> None:
        """Bring a span into view, a third of the way down."""
        self.scroll_to_view_y(start, self.viewport().height() / 3)

    # -- zoom ---------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        if steps > 0:
            self.zoomIn(steps)
        elif steps < 0:
            self.zoomOut(-steps)
        self.zoom_steps += steps
        self.zoomChanged.emit(self.zoom_steps)

    def flash_span(self, start: int, end: int, duration_ms: int = 450) -> None:
        """Briefly mark a span (navigation target) on top of everything."""
        fmt = QTextCharFormat()
        colour = QColor(FLASH)
        colour.setAlpha(200)
        fmt.setBackground(colour)
        self.set_span_layer(TOP_LAYER, [(start, end, fmt)])
        QTimer.singleShot(duration_ms, self, lambda: self.clear_layer(TOP_LAYER))  # cancelled if the pane goes


def dim_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(DIM_TEXT)
    fmt.setBackground(DIM_BACKGROUND)
    return fmt


class ArticlePane(QWidget):
    """Header + `ArticleText` + overview strip for one article of the comparison."""

    def __init__(self, article: Article, parent=None):
        from desktop_app.ui.overview_strip import OverviewStrip

        super().__init__(parent)
        self.setObjectName("articlePaneBox")
        self.article = article
        self.setAccessibleName(f"Article {article.id}: {article.title}")

        self.title = ElidedLabel("", self)
        self.title.setObjectName("paneTitle")
        self.title.setText(article.title or f"Article {article.id}")
        self.title.setAccessibleName("Article title")
        self.meta = ElidedLabel("", self)
        self.meta.setObjectName("paneMeta")
        self.meta.setAccessibleName("Article source")
        self.share = ElidedLabel("Finding shared passages…", self)
        self.share.setObjectName("paneShare")
        self.share.setAccessibleName("Shared text")
        bits = [b for b in (f"#{article.id}", article.outlet, article.published, article.author) if b]
        self.meta.setText("  ·  ".join(bits))

        self.text = ArticleText(self)
        self.text.articleId = article.id
        self.text.setAccessibleName(f"Text of article {article.id}")
        self.text.set_text(article.text)
        self.strip = OverviewStrip(self.text, self)
        self.strip.jumpRequested.connect(lambda cp: self.text.scroll_to_view_y(cp, self.text.viewport().height() / 2))

        header = QVBoxLayout()
        header.setContentsMargins(10, 8, 10, 6)
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.meta)
        header.addWidget(self.share)
        header_box = QFrame(self)
        header_box.setObjectName("paneHeader")
        header_box.setLayout(header)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.text, 1)
        body.addWidget(self.strip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header_box)
        layout.addLayout(body, 1)
        self._header_box = header_box
        self.text.set_span_layer("dim", [(r.start, r.end, dim_format()) for r in article.ranges])

    @property
    def article_id(self) -> int:
        return self.article.id

    def header_height(self) -> int:
        return self._header_box.sizeHint().height()

    # the layer API of the text, forwarded for convenience
    def set_layer(self, name, selections) -> None:
        self.text.set_layer(name, selections)

    def set_span_layer(self, name, spans) -> None:
        self.text.set_span_layer(name, spans)

    def clear_layer(self, name) -> None:
        self.text.clear_layer(name)

    def selected_span(self):
        return self.text.selected_span()

    @property
    def positionClicked(self):  # noqa: N802 (mirrors the text's signal)
        return self.text.positionClicked

    def scroll_to_span(self, start: int, end: int) -> None:
        self.text.scroll_to_span(start, end)
