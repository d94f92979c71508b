"""The claims panel (table + filters) and the claims view (claims × articles matrix): models pass
qtmodeltester, filters narrow the rows, the matrix counts stances and names speakers, clicks jump."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.annotations import AnnotationDraft
from desktop_app.ui.claims_table import AnnotationFilter, AnnotationTableModel, Criteria
from desktop_app.ui.stance_matrix import ClaimMatrixModel

CLAIM = "North Korea supplied ammunition to Russia by rail"


def tag(project, article_id, quote, claim, stance, speaker="", tags=(), note=""):
    text = project.article(article_id).text
    start = text.index(quote)
    return project.add_annotation(AnnotationDraft(article_id, start, start + len(quote), claim, stance,
                                                  speaker, tuple(tags), note), "tester")


@pytest.fixture
def tagged(seeded_project, seed_ids):
    """The user story: the ammunition claim supported by the NSC (002), denied by North Korea (002)
    and Russia (000), reported neutrally (001); plus a second claim."""
    p, ids = seeded_project, seed_ids
    tag(p, ids[2], "North Korea transported rockets and missiles to Russia by rail", CLAIM, "supports",
        "John Kirby, NSC", ["evidence/imagery"])
    tag(p, ids[2], "North Korean officials contradict US sources and deny any involvement", CLAIM, "denies",
        "North Korean officials", ["denial"])
    tag(p, ids[0], "The Russian ambassador to North Korea denied the claims", CLAIM, "denies",
        "Russian ambassador Aleksandr Matsegora", ["denial"])
    tag(p, ids[1], "it may have been carrying ammunition destined for the Ukrainian front", CLAIM, "neutral",
        "Railway Supply", ["evidence/hearsay"], note="only reported")
    tag(p, ids[4], "Goods pile up", "Trade resumed by rail", "supports", "Reuters")
    return p


def rows(panel):
    return [panel.proxy.index(r, 2).data() for r in range(panel.proxy.rowCount())]


def test_table_model_and_filter_pass_qtmodeltester(qtmodeltester, tagged):
    model = AnnotationTableModel()
    titles = {a.id: a.title for a in tagged.articles()}
    model.set_rows(tagged.annotations(), titles, {s.name: s.colour for s in tagged.stances()})
    qtmodeltester.check(model)
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    proxy.set_criteria(Criteria(stance="denies"))
    qtmodeltester.check(proxy)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2


def test_matrix_model_passes_qtmodeltester(qtmodeltester, tagged):
    model = ClaimMatrixModel()
    model.set_annotations(tagged.annotations(), {a.id: a.title for a in tagged.articles()},
                          {s.name: s.colour for s in tagged.stances()}, [s.name for s in tagged.stances()])
    qtmodeltester.check(model)


def test_panel_filters_by_each_field(qtbot, make_window, tagged, seed_ids):
    window = make_window(tagged.path)
    panel = window.claims.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    assert panel.count.text() == "5 of 5"

    def choose(combo, value):
        combo.setCurrentIndex(combo.findData(value))

    choose(panel.stanceFilter, "denies")
    assert sorted(panel.proxy.index(r, 3).data() for r in range(panel.proxy.rowCount())) == [
        "North Korean officials", "Russian ambassador Aleksandr Matsegora"]
    choose(panel.articleFilter, seed_ids[0])
    assert panel.proxy.rowCount() == 1 and panel.count.text() == "1 of 5"
    choose(panel.articleFilter, "")
    choose(panel.stanceFilter, "")
    choose(panel.tagFilter, "evidence")  # a parent tag matches its children
    assert panel.proxy.rowCount() == 2
    choose(panel.tagFilter, "evidence/hearsay")
    assert [panel.proxy.index(0, 3).data()] == ["Railway Supply"]
    choose(panel.tagFilter, "")
    choose(panel.claimFilter, "Trade resumed by rail")
    assert rows(panel) == ["Trade resumed by rail"]
    choose(panel.claimFilter, "")
    choose(panel.speakerFilter, "John Kirby, NSC")
    assert panel.proxy.rowCount() == 1
    choose(panel.speakerFilter, "")
    qtbot.keyClicks(panel.textFilter, "ONLY REP")  # free text, any case, matches the note
    assert panel.proxy.rowCount() == 1 and panel.proxy.index(0, 6).data() == "only reported"
    panel.textFilter.clear()
    assert panel.proxy.rowCount() == 5


def test_panel_refreshes_after_store_changes_and_sorts(qtbot, make_window, tagged, seed_ids):
    window = make_window(tagged.path)
    panel = window.claims.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    created, changes = tag(window.controller.project, seed_ids[3], "North Korea, Russia", "Rail trade restarted",
                           "supports", "The Moscow Times")
    window.controller.notify(changes)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 6)
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    speakers = [panel.proxy.index(r, 3).data() for r in range(panel.proxy.rowCount())]
    assert speakers == sorted(speakers, key=str.casefold)


def test_double_click_opens_the_article_at_the_span(qtbot, make_window, tagged, seed_ids):
    window = make_window(tagged.path)
    claims = window.claims
    qtbot.waitUntil(lambda: claims.panel.model.rowCount() == 5)
    claims.panel.speakerFilter.setCurrentIndex(claims.panel.speakerFilter.findData("Railway Supply"))
    index = claims.panel.proxy.index(0, 1)
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        claims.panel.annotationActivated.emit(index.data(Qt.ItemDataRole.UserRole + 1))
    assert seed_ids[1] in window.compare.article_ids()
    target = tagged.annotation(claims.selected_id)
    assert target.speaker == "Railway Supply"
    assert (target.start, target.end) in window.compare.pane_for(seed_ids[1]).text.layer_spans("annotationSelected")


def test_claims_view_shows_who_supports_and_who_denies(qtbot, make_window, tagged, seed_ids):
    window = make_window(tagged.path)
    view = window.claims.view
    assert view.model.rowCount() == 0  # built only once it is on screen
    window.claims.view_dock.raise_()  # the "Claims view" tab
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    model = view.model
    assert model.data(model.index(0, 0)) == CLAIM  # the most annotated claim first
    assert model.headerData(1, Qt.Orientation.Horizontal) == "All articles"
    assert model.data(model.index(0, 1)) == (
        "supports 1: John Kirby, NSC; denies 2: Russian ambassador Aleksandr Matsegora, North Korean officials; "
        "neutral 1: Railway Supply")
    columns = {model.column_article(c): c for c in range(2, model.columnCount())}
    assert model.data(model.index(0, columns[seed_ids[2]])) == (
        "supports 1: John Kirby, NSC; denies 1: North Korean officials")
    assert model.data(model.index(0, columns[seed_ids[0]])) == "denies 1: Russian ambassador Aleksandr Matsegora"
    assert model.data(model.index(0, columns[seed_ids[4]])) == ""
    assert model.cell(0, columns[seed_ids[2]]).stances == {"supports": 1, "denies": 1}


def test_clicking_a_matrix_cell_filters_the_panel_and_jumps(qtbot, make_window, tagged, seed_ids):
    window = make_window(tagged.path)
    claims = window.claims
    claims.view_dock.raise_()
    qtbot.waitUntil(lambda: claims.view.model.rowCount() == 2)
    model = claims.view.model
    column = next(c for c in range(2, model.columnCount()) if model.column_article(c) == seed_ids[0])
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        claims.view.table.clicked.emit(model.index(0, column))
    assert claims.panel.proxy.rowCount() == 1
    assert claims.panel.proxy.index(0, 3).data() == "Russian ambassador Aleksandr Matsegora"
    assert tagged.annotation(claims.selected_id).article_id == seed_ids[0]


def test_claims_view_follows_changes_while_shown(qtbot, make_window, tagged, seed_ids):
    window = make_window(tagged.path)
    claims = window.claims
    claims.view_dock.raise_()
    qtbot.waitUntil(lambda: claims.view.model.rowCount() == 2)
    created, changes = tag(window.controller.project, seed_ids[3], "North Korea, Russia", CLAIM, "questions",
                           "The Moscow Times")
    window.controller.notify(changes)
    model = claims.view.model
    qtbot.waitUntil(lambda: "questions 1: The Moscow Times" in model.data(model.index(0, 1)))
    claims.panel_dock.raise_()  # hidden again: further changes wait until it is shown
    window.controller.notify(window.controller.project.delete_annotation(created.id)[1])
    qtbot.waitUntil(lambda: claims.panel.model.rowCount() == 5)
    assert "questions" in model.data(model.index(0, 1))
    claims.view_dock.raise_()
    qtbot.waitUntil(lambda: "questions" not in model.data(model.index(0, 1)))
