"""Scroll lock: when one pane scrolls, its neighbours follow so partner passages stay in line.

As in Meld, the synchronisation point is interpolated: a pane's scroll position defines an anchor
(the line at the same fraction of the viewport as the scroll bar is of its range, so the tops and
bottoms of the texts meet too), the anchor maps to the partner text piecewise-linearly through the
passages' tops and bottoms (between passages it slides proportionally), and the partner scrolls so
that the mapped point sits at the same height. Reordered passages that would make the map run
backwards are left out of it. Changes spread pane by pane to the left and right.
"""

from __future__ import annotations

import bisect
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject


class ScrollLock(QObject):
    """Keeps the panes of a CompareView scrolled in line while `enabled`."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.enabled = True
        self._busy = False
        self._maps: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
        view.panesChanged.connect(self._hook)
        view.alignmentShown.connect(self._invalidate)

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if self.enabled and self.view.panes():
            self.follow(0)

    @contextmanager
    def suspended(self):
        """Scroll panes programmatically without the others following."""
        was, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = was

    def _hook(self) -> None:
        self._maps.clear()
        for index, pane in enumerate(self.view.panes()):
            text = pane.text
            text.verticalScrollBar().valueChanged.connect(lambda _v, i=index: self.follow(i))
            text.document().documentLayout().documentSizeChanged.connect(lambda *_: self._invalidate())
            text.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._invalidate()
        return False

    def _invalidate(self) -> None:
        self._maps.clear()

    def follow(self, source: int) -> None:
        """Bring every other pane in line with pane `source`."""
        if not self.enabled or self._busy or self.view.comparison is None:
            return
        panes = self.view.panes()
        if len(self.view.comparison.article_ids) != len(panes):
            return
        with self.suspended():
            for dst in range(source + 1, len(panes)):
                self._sync(dst - 1, dst)
            for dst in range(source - 1, -1, -1):
                self._sync(dst + 1, dst)

    def partner_scroll(self, src: int, dst: int) -> int:
        """The scroll value pane `dst` should have to match pane `src` now."""
        panes = self.view.panes()
        s_text, d_text = panes[src].text, panes[dst].text
        s_bar, d_bar = s_text.verticalScrollBar(), d_text.verticalScrollBar()
        fraction = s_bar.value() / s_bar.maximum() if s_bar.maximum() > 0 else 0.0
        anchor = s_bar.value() + fraction * s_text.viewport().height()
        xs, ys = self._map(src, dst)
        k = bisect.bisect_right(xs, anchor)
        if k <= 0:
            target = ys[0]
        elif k >= len(xs):
            target = ys[-1]
        else:
            x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
            target = y0 if x1 <= x0 else y0 + (anchor - x0) / (x1 - x0) * (y1 - y0)
        value = target - fraction * d_text.viewport().height()
        return int(round(min(max(value, 0), d_bar.maximum())))

    def _sync(self, src: int, dst: int) -> None:
        bar = self.view.panes()[dst].text.verticalScrollBar()
        bar.setValue(self.partner_scroll(src, dst))

    def _map(self, src: int, dst: int) -> tuple[list[float], list[float]]:
        """Breakpoints (source doc y -> partner doc y) through the passages' tops and bottoms."""
        cached = self._maps.get((src, dst))
        if cached is not None:
            return cached
        panes = self.view.panes()
        s_text, d_text = panes[src].text, panes[dst].text
        xs, ys = [0.0], [0.0]
        last_dst_end = -1
        for p in sorted(self.view.comparison.alignment(src, dst).passages, key=lambda p: p.a_start):
            if p.b_start < last_dst_end:
                continue  # reordered: keep the map monotonic
            last_dst_end = p.b_end
            points = (
                (s_text.doc_y(p.a_start), d_text.doc_y(p.b_start)),
                (s_text.doc_y(max(p.a_start, p.a_end - 1), True), d_text.doc_y(max(p.b_start, p.b_end - 1), True)),
            )
            for x, y in points:
                if x >= xs[-1] and y >= ys[-1]:
                    xs.append(x)
                    ys.append(y)
        # the ends of the scrollable ranges (what the scroll bars count), so the bottoms meet
        end_x = s_text.verticalScrollBar().maximum() + s_text.viewport().height()
        end_y = d_text.verticalScrollBar().maximum() + d_text.viewport().height()
        if end_x >= xs[-1] and end_y >= ys[-1]:
            xs.append(end_x)
            ys.append(end_y)
        self._maps[(src, dst)] = (xs, ys)
        return xs, ys
