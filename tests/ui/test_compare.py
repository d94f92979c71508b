"""The comparison: highlights equal the engine's passages, navigation, scroll lock, link map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from desktop_app.core.align import AlignOptions, align
from desktop_app.ui.linkmap import STUB
from tests.ui.conftest import add_texts, open_and_wait
from tests.ui.synthetic import shared_pair


def qt_text(selection) -> str:
    return selection.cursor.selectedText().replace("\u2029", "\n")


def test_seeds_comparison_highlights_equal_engine_passages(qtbot, seeds_window, seeded_project, seed_ids):
    a_id, b_id = seed_ids[0], seed_ids[2]
    left, right = open_and_wait(qtbot, seeds_window, [a_id, b_id])
    a, b = seeded_project.article(a_id), seeded_project.article(b_id)
    engine = align(a.text, b.text, AlignOptions(), a_skip=a.skip_ranges(), b_skip=b.skip_ranges())
    assert engine.passages, "seeds 000 and 002 share the quote"
    assert left.text.layer_spans("passages") == [(p.a_start, p.a_end) for p in engine.passages]
    assert right.text.layer_spans("passages") == [(p.b_start, p.b_end) for p in engine.passages]
    raw = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in left.text.layer("passages")]
    assert raw == [left.text.offsets.span_to_qt(p.a_start, p.a_end) for p in engine.passages]
    # the edited word is marked on both sides
    assert [qt_text(s) for s in left.text.layer("edits")] == ["towards"]
    assert [qt_text(s) for s in right.text.layer("edits")] == ["toward"]
    # both sides of the passage share one fill colour
    assert left.text.layer("passages")[0].format.background() == right.text.layer("passages")[0].format.background()


def test_pane_names_properties_and_headers(qtbot, seeds_window, seed_ids):
    panes = open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    texts = seeds_window.findChildren(type(panes[0].text), "articlePane")
    assert sorted(t.property("articleId") for t in texts) == sorted([seed_ids[0], seed_ids[2]])
    assert all(t.isReadOnly() for t in texts)
    assert "% of this article appears in" in panes[0].share.text()
    assert f"#{seed_ids[2]}" in panes[0].share.text()
    # boilerplate and duplicate ranges are dimmed
    assert len(panes[0].text.layer("dim")) == len(panes[0].article.ranges) > 0


def test_boilerplate_is_dimmed_in_grey(qtbot, seeds_window, seed_ids):
    (pane, _other) = open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    dim = pane.text.layer("dim")[0]
    assert dim.format.foreground().color().lightness() > 100


@pytest.fixture
def synthetic(seeded_project):
    a, b, common = shared_pair(passages=5)
    ids = add_texts(seeded_project, a, b)
    return ids, a, b, common


def test_next_and_previous_visit_each_passage_in_turn(qtbot, seeds_window, synthetic):
    ids, a, b, common = synthetic
    left, right = open_and_wait(qtbot, seeds_window, ids)
    engine = align(a, b)
    assert len(engine.passages) == 5
    visited = []
    for _ in range(5):
        seeds_window.actionNextPassage.trigger()
        index = seeds_window.compare.navigator.index
        visited.append(index)
        p = engine.passages[index]
        assert left.text.layer_spans("flash") == [(p.a_start, p.a_end)]
        assert right.text.layer_spans("flash") == [(p.b_start, p.b_end)]
        top = left.text.view_y(p.a_start)
        assert 0 <= top < left.text.viewport().height()
        # the partner is lined up with it
        assert abs(right.text.view_y(p.b_start) - top) <= 2
    assert visited == [0, 1, 2, 3, 4]
    assert seeds_window.compare.navigator.next() is None  # stays on the last
    back = []
    for _ in range(4):
        seeds_window.actionPrevPassage.trigger()
        back.append(seeds_window.compare.navigator.index)
    assert back == [3, 2, 1, 0]
    qtbot.waitUntil(lambda: not left.text.layer("flash"), timeout=3000)  # the flash is brief


def test_navigation_actions_have_the_agreed_shortcuts(seeds_window):
    window = seeds_window
    assert window.actionNextPassage.shortcut().toString() == "Alt+Down"
    assert window.actionPrevPassage.shortcut().toString() == "Alt+Up"
    assert window.actionCompare.shortcut().toString() == "Ctrl+Return"
    assert window.actionScrollLock.isCheckable() and window.actionScrollLock.isChecked()


def _window_y(text, view_y):
    return text.viewport().mapTo(text.window(), QPoint(0, int(round(view_y)))).y()


def test_scroll_lock_keeps_partner_passages_in_line(qtbot, seeds_window, synthetic):
    ids, a, b, common = synthetic
    left, right = open_and_wait(qtbot, seeds_window, ids)
    engine = align(a, b)
    bar = left.text.verticalScrollBar()
    assert bar.maximum() > 0
    height = left.text.viewport().height()
    checked = 0
    for p in engine.passages:
        top = left.text.doc_y(p.a_start)
        value = int(round(top / (1 + height / bar.maximum())))  # anchor (value + f*h) on the passage top
        if not 0 < value < bar.maximum():
            continue
        bar.setValue(value)
        gap = _window_y(left.text, left.text.view_y(p.a_start)) - _window_y(right.text, right.text.view_y(p.b_start))
        assert abs(gap) <= 3, gap
        checked += 1
    assert checked >= 3
    # the ends of the texts meet too
    bar.setValue(bar.maximum())
    assert right.text.verticalScrollBar().value() == right.text.verticalScrollBar().maximum()
    bar.setValue(0)
    assert right.text.verticalScrollBar().value() == 0


def test_scroll_lock_off_lets_panes_scroll_alone(qtbot, seeds_window, synthetic):
    ids, *_ = synthetic
    left, right = open_and_wait(qtbot, seeds_window, ids)
    seeds_window.actionScrollLock.setChecked(False)
    right.text.verticalScrollBar().setValue(0)
    left.text.verticalScrollBar().setValue(left.text.verticalScrollBar().maximum() // 2)
    assert right.text.verticalScrollBar().value() == 0


def test_link_map_hit_testing_and_click_lines_up_partner(qtbot, seeds_window, synthetic):
    ids, a, b, common = synthetic
    left, right = open_and_wait(qtbot, seeds_window, ids)
    window = seeds_window
    window.compare.navigator.go_to(1)
    linkmap = window.compare.linkmaps()[0]
    bands = dict((link.passage, path) for link, path in linkmap.band_paths())
    target = window.compare.comparison.links(0)[1]
    assert target.passage in bands
    box = bands[target.passage].boundingRect()
    centre = QPointF(linkmap.width() / 2, box.center().y())
    assert linkmap.link_at(centre) == target
    assert linkmap.link_at(QPointF(linkmap.width() / 2, -50)) is None
    # move the partner away (lock off so it stays away), then click the band
    window.actionScrollLock.setChecked(False)
    right.text.verticalScrollBar().setValue(0)
    p = target.passage
    assert abs(right.text.view_y(p.b_start) - left.text.view_y(p.a_start)) > 20
    stub = dict((link.passage, path) for link, path in linkmap.band_paths())[p]
    assert stub.boundingRect().right() <= linkmap.width() * STUB + 1  # partner off screen: a stub
    middle = (left.text.view_y(p.a_start) + left.text.view_y(p.a_end - 1, bottom=True)) / 2
    point = QPointF(3, middle + linkmap._offset(left.text))
    assert linkmap.link_at(point) == target
    qtbot.mouseClick(linkmap, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert abs(_window_y(right.text, right.text.view_y(p.b_start)) - _window_y(left.text, left.text.view_y(p.a_start))) <= 2


def test_emoji_before_and_inside_passages_map_to_the_right_characters(qtbot, seeds_window, seeded_project):
    a, b, common = shared_pair(passages=3, seed=5, prefix_a="Intro 😀😀 🇺🇦 𝔘𝔫𝔦", prefix_b="👍🏽 start")
    shared_with_emoji = common[1][:40] + " 🚂🚃🚃 " + common[1][40:]
    a = a.replace(common[1], shared_with_emoji)
    b = b.replace(common[1], shared_with_emoji)
    ids = add_texts(seeded_project, a, b)
    left, right = open_and_wait(qtbot, seeds_window, ids)
    engine = align(a, b)
    assert len(engine.passages) == 3
    assert left.text.layer_spans("passages") == [(p.a_start, p.a_end) for p in engine.passages]
    assert [qt_text(s) for s in left.text.layer("passages")] == [a[p.a_start:p.a_end] for p in engine.passages]
    assert [qt_text(s) for s in right.text.layer("passages")] == [b[p.b_start:p.b_end] for p in engine.passages]
    assert "🚂" in qt_text(left.text.layer("passages")[1])
    # a selection made in Qt comes back in code points
    cursor = left.text.cursor_for_span(engine.passages[1].a_start, engine.passages[1].a_end)
    left.text.setTextCursor(cursor)
    assert left.selected_span() == (engine.passages[1].a_start, engine.passages[1].a_end)


def test_click_reports_code_point_position(qtbot, seeds_window, seeded_project):
    text = "😀😀😀 emoji first, then words " * 3
    ids = add_texts(seeded_project, text, "unrelated words entirely")
    left, _right = open_and_wait(qtbot, seeds_window, ids)
    left.text.verticalScrollBar().setValue(0)
    target = text.index("then")
    rect = left.text.cursorRect(left.text.cursor_for_span(target, target))
    with qtbot.waitSignal(left.positionClicked) as blocker:
        qtbot.mouseClick(left.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
    assert blocker.args[0] in (target, target + 1)


def test_passages_between_panes_that_are_not_neighbours_are_highlighted(qtbot, seeds_window, seed_ids, seeded_project):
    first, middle, third = seed_ids[0], seed_ids[1], seed_ids[2]  # 000 and 002 share; 001 shares with neither
    panes = open_and_wait(qtbot, seeds_window, [first, middle, third])
    a, b = seeded_project.article(first), seeded_project.article(third)
    engine = align(a.text, b.text, AlignOptions(), a_skip=a.skip_ranges(), b_skip=b.skip_ranges())
    assert panes[0].text.layer_spans("passages") == [(p.a_start, p.a_end) for p in engine.passages]
    assert panes[2].text.layer_spans("passages") == [(p.b_start, p.b_end) for p in engine.passages]
    assert panes[1].text.layer_spans("passages") == []
    seeds_window.actionNextPassage.trigger()
    assert seeds_window.compare.navigator.index == 0
    assert seeds_window.statusBar().currentMessage() == "Passage 1 of 1"
    p = engine.passages[0]
    assert abs(panes[2].text.view_y(p.b_start) - panes[0].text.view_y(p.a_start)) <= 2


def test_clicking_a_passage_lines_up_its_partner(qtbot, seeds_window, synthetic):
    ids, a, b, common = synthetic
    left, right = open_and_wait(qtbot, seeds_window, ids)
    seeds_window.actionScrollLock.setChecked(False)
    p = align(a, b).passages[2]
    left.text.scroll_to_span(p.a_start, p.a_end)
    right.text.verticalScrollBar().setValue(0)
    assert abs(_window_y(right.text, right.text.view_y(p.b_start)) - _window_y(left.text, left.text.view_y(p.a_start))) > 20
    inside = p.a_start + 5
    rect = left.text.cursorRect(left.text.cursor_for_span(inside, inside))
    qtbot.mouseClick(left.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert abs(_window_y(right.text, right.text.view_y(p.b_start)) - _window_y(left.text, left.text.view_y(p.a_start))) <= 2
    assert right.text.layer_spans("flash") == [(p.b_start, p.b_end)]
