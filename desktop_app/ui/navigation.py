"""Next/previous shared passage: scroll to it, line its partner up, flash both for a moment.

The stops are the passages of every pair of panes (neighbours first), each pair in the order of its
left pane. `PassageNavigator.next()` / `previous()` return the index they moved to (or
None at the ends) and emit `moved(index, total)` for the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class PassageNavigator(QObject):
    """Walks through the passages of a CompareView's current comparison."""

    moved = Signal(int, int)

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.index = -1
        view.alignmentShown.connect(self._reset)
        view.panesChanged.connect(self._reset)

    def _reset(self) -> None:
        self.index = -1

    def stops(self) -> list:
        comparison = self.view.comparison
        return comparison.all_links() if comparison is not None else []

    def next(self) -> int | None:
        return self._go(self.index + 1)

    def previous(self) -> int | None:
        stops = self.stops()
        return self._go((self.index if self.index >= 0 else len(stops)) - 1)

    def go_to(self, index: int) -> int | None:
        return self._go(index)

    def _go(self, index: int) -> int | None:
        stops = self.stops()
        if not 0 <= index < len(stops):
            return None
        self.index = index
        link = stops[index]
        panes = self.view.panes()
        left, right = panes[link.left], panes[link.right]
        p = link.passage
        with self.view.scroll_lock.suspended():
            left.text.scroll_to_span(p.a_start, p.a_end)
        self.view.line_up(link)
        left.text.flash_span(p.a_start, p.a_end)
        right.text.flash_span(p.b_start, p.b_end)
        self.moved.emit(index, len(stops))
        return index
