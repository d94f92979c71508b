"""The library: a well-behaved item model, sorting, full-text search, Compare from a selection."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.library import COLUMNS, LibraryModel


def test_library_model_passes_qtmodeltester(qtmodeltester, seeded_project):
    model = LibraryModel(seeded_project.articles())
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.columnCount() == len(COLUMNS)


def test_library_model_survives_reset_under_modeltester(qtmodeltester, seeded_project):
    model = LibraryModel([])
    qtmodeltester.check(model)
    model.set_rows(seeded_project.articles())
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_library_lists_every_article_with_its_metadata(seeds_window, seeded_project):
    library = seeds_window.library
    titles = {library.proxy.index(r, 0).data() for r in range(library.proxy.rowCount())}
    assert titles == {a.title for a in seeded_project.articles()}
    outlets = {library.proxy.index(r, 1).data() for r in range(library.proxy.rowCount())}
    assert "Reuters" in outlets and "The Moscow Times" in outlets


def test_sorting_by_words_is_numeric(seeds_window, seeded_project):
    library = seeds_window.library
    library.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    words = [int(library.proxy.index(r, 4).data()) for r in range(library.proxy.rowCount())]
    assert words == sorted((a.words for a in seeded_project.articles()), reverse=True)


def test_full_text_search_filters_rows(qtbot, seeds_window, seeded_project):
    library = seeds_window.library
    library.search.setText("Wagner")
    expected = set(seeded_project.search_articles("Wagner"))
    assert 0 < len(expected) < 5
    qtbot.waitUntil(lambda: library.proxy.rowCount() == len(expected))
    shown = {library.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(library.proxy.rowCount())}
    assert shown == expected
    library.search.clear()
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 5)


def test_compare_action_opens_the_selected_articles(qtbot, seeds_window, seed_ids):
    window = seeds_window
    window.library.select_ids([seed_ids[0], seed_ids[2]])
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        window.findChild(type(window.actionCompare), "actionCompare").trigger()
    assert [p.article_id for p in window.panes()] == [seed_ids[0], seed_ids[2]]


def test_compare_with_one_article_selected_explains_instead(seeds_window, seed_ids):
    window = seeds_window
    window.library.select_ids([seed_ids[1]])
    window.actionCompare.trigger()
    assert window.panes() == []
    assert "2 to 4" in window.library.hint.text()
