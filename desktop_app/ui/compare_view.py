"""The comparison: 2-4 article panes side by side, link maps between them, shared passages.

`CompareView.open(articles, options)` lays out one `ArticlePane` per article with a `LinkMap`
between neighbours, then aligns every pair on a worker thread (`ui.comparison`); a result whose
inputs changed meanwhile (another comparison, new options) is dropped. When the passages arrive
each pane gets its "passages" and "edits" layers (one colour per passage in both panes, edited
words darker), its header share line and its overview strip; then `alignmentShown` is emitted.

Navigation (`ui.navigation`) and the scroll lock (`ui.scroll_sync`) attach to this view.
`panes()` returns the `ArticlePane`s in order; `pane_for(article_id)` finds one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolTip, QWidget

from desktop_app.core.align import AlignOptions
from desktop_app.core.models import Article
from desktop_app.ui.comparison import Comparison, PaneInput, compute_comparison
from desktop_app.ui.palette import edit_colour, passage_colour, passage_fill
from desktop_app.ui.text_pane import ArticlePane
from desktop_app.ui.navigation import PassageNavigator
from desktop_app.ui.scroll_sync import ScrollLock
from desktop_app.ui.workers import LatestOnly

MAX_PANES = 4


def passage_format(colour: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(passage_fill(colour))
    return fmt


def edit_format(colour: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(edit_colour(colour))
    fmt.setForeground(Qt.GlobalColor.white)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    return fmt


def _short(title: str, limit: int = 38) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


class CompareView(QWidget):
    """Panes and link maps of the current comparison; aligns in the background."""

    alignmentShown = Signal()
    alignmentStarted = Signal()
    alignmentFailed = Signal(str)
    panesChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setAccessibleName("Comparison")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._panes: list[ArticlePane] = []
        self._linkmaps: list = []
        self.comparison: Comparison | None = None
        self.options = AlignOptions()
        self._jobs = LatestOnly(self)
        self._placeholder = QLabel(
            "Select two to four articles in the library, then choose Compare (Ctrl+Return).\n"
            "Shared passages get one colour in both articles; edited words are marked darker.", self)
        self._placeholder.setObjectName("comparePlaceholder")
        self._placeholder.setAccessibleName("No comparison open")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._layout.addWidget(self._placeholder)
        self.scroll_lock = ScrollLock(self)
        self.navigator = PassageNavigator(self)

    # -- public -------------------------------------------------------------------------------
    def panes(self) -> list[ArticlePane]:
        return list(self._panes)

    def linkmaps(self) -> list:
        return list(self._linkmaps)

    def article_ids(self) -> list[int]:
        return [p.article_id for p in self._panes]

    def pane_for(self, article_id: int) -> ArticlePane | None:
        for pane in self._panes:
            if pane.article_id == article_id:
                return pane
        return None

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def open(self, articles: list[Article], options: AlignOptions | None = None) -> None:
        """Show these articles side by side and start aligning them."""
        from desktop_app.ui.linkmap import LinkMap

        if options is not None:
            self.options = options
        self._clear()
        self._placeholder.hide()
        for index, article in enumerate(articles[:MAX_PANES]):
            if index:
                linkmap = LinkMap(self, index - 1)
                self._linkmaps.append(linkmap)
                self._layout.addWidget(linkmap)
            pane = ArticlePane(article, self)
            pane.text.viewport().installEventFilter(self)
            pane.text.positionClicked.connect(lambda cp, i=index: self._passage_clicked(i, cp))
            self._panes.append(pane)
            self._layout.addWidget(pane, 1)
        for linkmap in self._linkmaps:
            linkmap.attach()
        self._fresh = True
        self.panesChanged.emit()
        self.recompute()

    def set_options(self, options: AlignOptions) -> None:
        """New alignment options: recompute in the background (the old result is dropped)."""
        self.options = options
        if self._panes:
            self.recompute()

    def recompute(self) -> None:
        inputs = [PaneInput(p.article.id, p.article.text, p.article.skip_ranges()) for p in self._panes]
        options = self.options
        for pane in self._panes:
            pane.share.setText("Finding shared passages…")
        self.alignmentStarted.emit()
        self._jobs.start(lambda ctx: compute_comparison(inputs, options, ctx.should_cancel),
                         self._show, self._failed)

    def close_comparison(self) -> None:
        self._jobs.invalidate()
        self._clear()
        self._placeholder.show()
        self.panesChanged.emit()

    def line_up(self, link, move: str | None = None) -> None:
        """Scroll one side of a passage so both sides start at the same height.

        By default the side that is off screen moves (the right one if both are visible)."""
        panes = self._panes
        left, right = panes[link.left].text, panes[link.right].text
        p = link.passage
        if move is None:
            lvis = left.visible_span()
            move = "left" if not (p.a_end > lvis[0] and p.a_start <= lvis[1]) else "right"
        lo = left.viewport().mapTo(self, QPoint(0, 0)).y()
        ro = right.viewport().mapTo(self, QPoint(0, 0)).y()
        with self.scroll_lock.suspended():
            if move == "right":
                right.scroll_to_view_y(p.b_start, left.view_y(p.a_start) + lo - ro)
            else:
                left.scroll_to_view_y(p.a_start, right.view_y(p.b_start) + ro - lo)
        for linkmap in self._linkmaps:
            linkmap.update()

    def _passage_clicked(self, pane_index: int, cp: int) -> None:
        """Clicking inside a passage brings its partner into line beside it (and flashes it)."""
        links = self.links_at(pane_index, cp)
        if not links:
            return
        link = links[0]
        if link.left == pane_index:
            self.line_up(link, move="right")
            self._panes[link.right].text.flash_span(link.passage.b_start, link.passage.b_end)
        else:
            self.line_up(link, move="left")
            self._panes[link.left].text.flash_span(link.passage.a_start, link.passage.a_end)

    def links_at(self, pane_index: int, cp: int) -> list:
        """The links whose passage covers code point `cp` of pane `pane_index`."""
        if self.comparison is None:
            return []
        found = []
        for link in self.comparison.all_links():
            p = link.passage
            if link.left == pane_index and p.a_start <= cp < p.a_end:
                found.append(link)
            elif link.right == pane_index and p.b_start <= cp < p.b_end:
                found.append(link)
        return found

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            for index, pane in enumerate(self._panes):
                if watched is pane.text.viewport():
                    from desktop_app.ui.linkmap import describe_passage

                    cp = pane.text.offsets.to_core(pane.text.cursorForPosition(event.pos()).position())
                    links = self.links_at(index, cp)
                    if links:
                        text = "\n\n".join(
                            describe_passage(l.passage, self._panes[l.left].article.text) for l in links)
                        QToolTip.showText(event.globalPos(), text, watched)
                        return True
                    QToolTip.hideText()
                    return True
        return super().eventFilter(watched, event)

    # -- internals ----------------------------------------------------------------------------
    def _clear(self) -> None:
        self._jobs.invalidate()
        self.comparison = None
        for widget in self._panes + self._linkmaps:
            self._layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._panes, self._linkmaps = [], []

    def _failed(self, exc) -> None:
        for pane in self._panes:
            pane.share.setText(f"Could not align: {exc}")
        self.alignmentFailed.emit(str(exc))

    def _show(self, comparison: Comparison) -> None:
        if comparison.article_ids != tuple(self.article_ids()):
            return  # the panes changed since this job started
        self.comparison = comparison
        fills: list[list] = [[] for _ in self._panes]
        edits: list[list] = [[] for _ in self._panes]
        marks: list[list] = [[] for _ in self._panes]
        for link in comparison.all_links():
            p, left, right = link.passage, link.left, link.right
            fills[left].append((p.a_start, p.a_end, passage_format(link.colour)))
            fills[right].append((p.b_start, p.b_end, passage_format(link.colour)))
            marks[left].append((p.a_start, p.a_end, passage_colour(link.colour)))
            marks[right].append((p.b_start, p.b_end, passage_colour(link.colour)))
            for e in p.edits:
                if e.a_end > e.a_start:
                    edits[left].append((e.a_start, e.a_end, edit_format(link.colour)))
                if e.b_end > e.b_start:
                    edits[right].append((e.b_start, e.b_end, edit_format(link.colour)))
        for index, pane in enumerate(self._panes):
            pane.set_span_layer("passages", fills[index])
            pane.set_span_layer("edits", edits[index])
            pane.strip.set_marks(marks[index], [(r.start, r.end) for r in pane.article.ranges])
            pane.share.setText(self._share_text(comparison, index))
        for linkmap in self._linkmaps:
            linkmap.set_links(comparison.links(linkmap.left))
        self.alignmentShown.emit()
        if getattr(self, "_fresh", False):
            self._fresh = False
            self._show_first_passage()

    def _show_first_passage(self) -> None:
        """A new comparison opens on its first shared passage, lined up, unless already in view."""
        links = self.comparison.all_links() if self.comparison else []
        if not links:
            return
        first = links[0]
        left, right = self._panes[first.left].text, self._panes[first.right].text
        height = left.viewport().height()
        if left.view_y(first.passage.a_end) < height * 0.8 and right.view_y(first.passage.b_end) < height * 0.8:
            return
        with self.scroll_lock.suspended():
            left.scroll_to_span(first.passage.a_start, first.passage.a_end)
        self.line_up(first, move="right")

    def _share_text(self, comparison: Comparison, index: int) -> str:
        pane = self._panes[index]
        fraction = comparison.shared_fraction(index, len(pane.article.text))
        others = comparison.sharing_panes(index)
        if not others:
            return "No passage of this article appears in the others."
        names = ", ".join(f"#{self._panes[o].article_id} {_short(self._panes[o].article.title, 28)}"
                          for o in others)
        percent = fraction * 100
        shown = f"{percent:.0f}" if percent >= 1 else "<1"
        return f"{shown} % of this article appears in {names}"
