"""Long articles: highlights handed to Qt near the screen only, helper-process alignment, the strip."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop_app.core.align import AlignOptions, align
from desktop_app.ui.comparison import PaneInput, compute_comparison
from desktop_app.ui.text_pane import WINDOW_THRESHOLD
from tests.ui.conftest import add_texts, open_and_wait
from tests.ui.synthetic import big_pair, shared_pair


def test_far_highlights_reach_qt_when_scrolled_near(qtbot, seeds_window, seeded_project):
    a, b = big_pair(WINDOW_THRESHOLD + 100_000, seed=9)
    ids = add_texts(seeded_project, a, b)
    left, _right = open_and_wait(qtbot, seeds_window, ids)
    engine = align(a, b)
    assert left.text.layer_spans("passages") == [(p.a_start, p.a_end) for p in engine.passages]
    last = engine.passages[-1]
    handed = lambda: {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in left.text.extraSelections()}  # noqa: E731
    far = left.text.offsets.span_to_qt(last.a_start, last.a_end)
    left.text.verticalScrollBar().setValue(0)
    assert far not in handed()  # far below: kept back
    assert len(left.text.extraSelections()) < len(engine.passages)
    left.text.scroll_to_span(last.a_start, last.a_end)
    assert far in handed()


def test_helper_process_alignment_equals_in_process():
    a, b, _ = shared_pair(passages=3, seed=21)
    inputs = [PaneInput(1, a), PaneInput(2, b, ((0, 10),))]
    options = AlignOptions(min_words=6)
    here = compute_comparison(inputs, options, in_process=True)
    there = compute_comparison(inputs, options, in_process=False)
    assert there.pairs == here.pairs
    assert len(here.pairs[(0, 1)].passages) == 3


def test_overview_strip_click_jumps_to_that_part_of_the_text(qtbot, seeds_window, seeded_project):
    a, b, _ = shared_pair(passages=5, seed=3)
    ids = add_texts(seeded_project, a, b)
    left, _right = open_and_wait(qtbot, seeds_window, ids)
    seeds_window.actionScrollLock.setChecked(False)
    left.text.verticalScrollBar().setValue(0)
    strip = left.strip
    assert len(strip.marks()) == 5
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, int(strip.height() * 0.8)))
    target = strip.position_at(int(strip.height() * 0.8))
    top, bottom = left.text.visible_span()
    assert top <= target <= bottom
    assert left.text.verticalScrollBar().value() > 0


HELPER_SCRIPT = """
import os, sys
from desktop_app.ui import comparison
executor = comparison._helper()
pid = executor.submit(os.getpid).result()
print(pid, flush=True)
os._exit(0)  # the app dies without shutting its helper down
"""


def test_helper_process_does_not_outlive_a_killed_app(qtbot):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    out = subprocess.run([sys.executable, "-c", HELPER_SCRIPT], capture_output=True, text=True, timeout=60,
                         cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    pid = int(out.stdout.split()[0])

    def alive() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    qtbot.waitUntil(lambda: not alive(), timeout=15_000)


def test_long_text_warm_up_holds_back_qt_lazy_layout_then_scrolls_to_the_very_end(qtbot, seeds_window, seeded_project):
    """While our 8 ms layout slices run, Qt's own (200,000-character) lazy layout steps are held
    back; once they finish the whole text is laid out and the scroll range reaches its last line."""
    from PySide6.QtCore import QTimerEvent

    a, b = big_pair(400_000, seed=11)
    ids = add_texts(seeded_project, a, b)
    panes = open_and_wait(qtbot, seeds_window, ids)
    text = panes[0].text
    layout = text.document().documentLayout()
    text.set_text(a)  # the warm-up starts again from the top
    assert text._warm_timer.isActive()
    assert text.eventFilter(layout, QTimerEvent(12345)) is True  # Qt's layout timer ticks are held back
    qtbot.waitUntil(lambda: not text._warm_timer.isActive(), timeout=20_000)
    assert text.eventFilter(layout, QTimerEvent(12345)) is False  # afterwards Qt gets them again
    bar = text.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and abs(layout.documentSize().height()
                                                     - (bar.maximum() + text.viewport().height())) < 60)
    bar.setValue(bar.maximum())
    bottom = text.cursorForPosition(QPoint(10, text.viewport().height() - 5)).position()
    assert bottom > text.document().characterCount() - 2000
