"""The window as a whole: background recompute, dropped stale results, extension points, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.models import Changes
from tests.ui.conftest import add_texts, open_and_wait
from tests.ui.synthetic import shared_pair


def test_result_of_a_replaced_comparison_is_dropped(qtbot, seeds_window, seeded_project, seed_ids):
    a, b, _ = shared_pair(passages=4, seed=11)
    first = add_texts(seeded_project, a, b)
    shown = []
    seeds_window.compare.alignmentShown.connect(lambda: shown.append(tuple(seeds_window.compare.article_ids())))
    seeds_window.open_comparison(first)
    with qtbot.waitSignal(seeds_window.compare.alignmentShown, timeout=20_000):
        seeds_window.open_comparison([seed_ids[0], seed_ids[2]])
    qtbot.wait(50)
    assert seeds_window.compare.comparison.article_ids == (seed_ids[0], seed_ids[2])
    assert shown == [(seed_ids[0], seed_ids[2])]  # the first job's result never reached the view


def test_changing_options_recomputes_in_the_background(qtbot, seeds_window, seeded_project):
    a, b, common = shared_pair(passages=3, seed=2, shared=(9, 10))
    ids = add_texts(seeded_project, a, b)
    left, _right = open_and_wait(qtbot, seeds_window, ids)
    assert len(left.text.layer("passages")) == 3
    with qtbot.waitSignal(seeds_window.compare.alignmentShown, timeout=20_000):
        seeds_window.options_bar.min_words.setValue(30)  # longer than every shared paragraph
    assert seeds_window.compare.comparison.options.min_words == 30
    assert left.text.layer("passages") == []
    assert "No passage" in left.share.text()


def test_including_boilerplate_changes_the_options_sent(qtbot, seeds_window, seed_ids):
    open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    with qtbot.waitSignal(seeds_window.compare.alignmentShown, timeout=20_000):
        seeds_window.options_bar.include_boilerplate.setChecked(True)
    assert seeds_window.compare.comparison.options.include_skipped is True
    with qtbot.waitSignal(seeds_window.compare.alignmentShown, timeout=20_000):
        seeds_window.options_bar.mode.setCurrentIndex(1)
    assert seeds_window.compare.comparison.options.mode == "diff"


def test_extra_layer_does_not_disturb_the_passage_fill(qtbot, seeds_window, seed_ids):
    left, _right = open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    before = left.text.layer_spans("passages")
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor("red"))
    left.set_span_layer("claims", [(10, 30, fmt)])
    assert left.text.layer_spans("claims") == [(10, 30)]
    assert left.text.layer_spans("passages") == before
    names = left.text.layer_names()
    assert names.index("passages") < names.index("claims")
    assert len(left.text.extraSelections()) == sum(len(left.text.layer(n)) for n in names)
    left.clear_layer("claims")
    assert "claims" not in left.text.layer_names()


def test_window_extension_points(qtbot, seeds_window, seed_ids):
    window = seeds_window
    for name in ("File", "Edit", "View", "Claims", "Help"):
        assert window.menu(name).title().replace("&", "") == name
    panel = QWidget()
    panel.setObjectName("claimEditor")
    panel.setAccessibleName("Claim editor")
    dock = window.add_dock(panel, Qt.DockWidgetArea.RightDockWidgetArea)
    assert dock.widget() is panel
    received = []
    window.controller.changed.connect(received.append)
    window.controller.notify(Changes(annotations=True, article_ids=frozenset({seed_ids[0]})))
    assert received and received[0].annotations


def test_show_article_span_opens_and_scrolls(qtbot, seeds_window, seeded_project, seed_ids):
    window = seeds_window
    open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])
    article = seeded_project.article(seed_ids[0])
    start = article.text.index("Russian ambassador to North Korea denied")
    window.show_article_span(seed_ids[0], start, start + 20)
    pane = window.compare.pane_for(seed_ids[0])
    assert 0 <= pane.text.view_y(start) < pane.text.viewport().height()
    assert pane.text.layer_spans("flash") == [(start, start + 20)]
    # an article not shown yet is opened beside the others
    window.show_article_span(seed_ids[4], 0, 5)
    assert seed_ids[4] in window.compare.article_ids()


def test_every_control_has_an_accessible_name(qtbot, seeds_window, seed_ids):
    open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[1], seed_ids[2]])
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView, QTextEdit

    controls = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView, QTextEdit)
    unnamed = [w for w in seeds_window.findChildren(QWidget)
               if isinstance(w, controls) and w.isVisible() and not w.accessibleName()
               and w.objectName() not in ("qt_toolbar_ext_button", "qt_spinbox_lineedit")
               and not w.objectName().startswith("qt_")]
    assert unnamed == [], [(type(w).__name__, w.objectName(), w.text() if hasattr(w, "text") else "") for w in unnamed]
    assert len(seeds_window.compare.linkmaps()) == 2


def test_zoom_changes_the_text_size(qtbot, seeds_window, seed_ids):
    left, _right = open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    size = left.text.font().pointSizeF()
    seeds_window.actionZoomIn.trigger()
    assert left.text.font().pointSizeF() > size
    seeds_window.actionZoomReset.trigger()
    assert left.text.font().pointSizeF() == size


def test_window_remembers_its_last_comparison_and_options(qtbot, make_window, seeded_project, seed_ids):
    window = make_window(seeded_project.path)
    open_and_wait(qtbot, window, [seed_ids[0], seed_ids[2]])
    window.options_bar.set_options(window.options_bar.options().with_(min_words=12))
    window.actionScrollLock.setChecked(False)
    window.close()
    again = make_window(seeded_project.path)
    assert again.last_comparison == [seed_ids[0], seed_ids[2]]
    assert again.options_bar.options().min_words == 12
    assert not again.actionScrollLock.isChecked()


def test_placeholder_explains_what_to_do(seeds_window):
    label = seeds_window.findChild(QLabel, "comparePlaceholder")
    assert label.isVisible() and "Compare" in label.text()


def test_zoom_carries_over_to_the_next_comparison(qtbot, seeds_window, seed_ids):
    left, _right = open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    size = left.text.font().pointSizeF()
    seeds_window.actionZoomIn.trigger()
    seeds_window.actionZoomIn.trigger()
    bigger = left.text.font().pointSizeF()
    assert bigger > size
    panes = open_and_wait(qtbot, seeds_window, [seed_ids[1], seed_ids[3]])
    assert all(p.text.font().pointSizeF() == bigger for p in panes)


def test_hovering_a_passage_describes_it(qtbot, seeds_window, seed_ids):
    from desktop_app.ui.linkmap import describe_passage

    left, _right = open_and_wait(qtbot, seeds_window, [seed_ids[0], seed_ids[2]])
    link = seeds_window.compare.comparison.all_links()[0]
    text = describe_passage(link.passage, left.article.text)
    assert f"{link.passage.a_words} words here" in text and "% similar" in text and "1 edit inside" in text
    assert "North Korea delivered infantry rockets" in text
    assert seeds_window.compare.links_at(0, link.passage.a_start + 3) == [link]
    assert seeds_window.compare.links_at(0, link.passage.a_end + 3) == []


def test_empty_project_and_unknown_ids_are_explained(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "empty.sqlite")
    assert window.library.model.rowCount() == 0
    window.open_comparison([7, 8])
    assert window.panes() == []
    assert "No article with id 7, 8" in window.statusBar().currentMessage()
