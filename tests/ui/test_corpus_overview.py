"""The corpus overview: a matrix for the seeds, top pairs, a click opens the pair, cancel works."""

from __future__ import annotations

from desktop_app.ui.corpus_overview import CorpusOverviewDialog, PairIdsRole


def test_seeds_matrix_and_click_opens_the_pair(qtbot, seeds_window, seed_ids):
    window = seeds_window
    window.show_corpus_overview()
    dialog = window.findChild(CorpusOverviewDialog, "corpusOverview")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert (dialog.matrix.rowCount(), dialog.matrix.columnCount()) == (5, 5)
    row, column = seed_ids.index(seed_ids[0]), seed_ids.index(seed_ids[2])
    cell = dialog.matrix.item(row, column)
    assert cell.data(PairIdsRole) == [seed_ids[0], seed_ids[2]]
    assert "%" in cell.text()
    assert dialog.matrix.item(row, row).data(PairIdsRole) is None  # the diagonal opens nothing
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        dialog.matrix.cellClicked.emit(row, column)
    assert window.compare.article_ids() == [seed_ids[0], seed_ids[2]]
    # the top-pairs list holds the same pair
    model = dialog.pairs_model
    pairs = [model.index(r, 0).data(PairIdsRole) for r in range(model.rowCount())]
    assert sorted([seed_ids[0], seed_ids[2]]) in [sorted(p) for p in pairs]
    dialog.close()


def test_cancel_stops_the_overview_without_a_result(qtbot, seeds_window):
    dialog = CorpusOverviewDialog(seeds_window.controller)
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.cancel()
    assert dialog.status.text() == "Cancelled."
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    qtbot.wait(20)
    assert dialog.result is None


def test_pairs_model_passes_qtmodeltester(qtmodeltester, seeds_window):
    from desktop_app.core.corpus import PairSummary
    from desktop_app.ui.corpus_overview import PairsModel

    model = PairsModel()
    model.set_pairs([PairSummary(1, 3, 120, 119, 1, 4615, 3060)], {1: "A", 3: "B"})
    qtmodeltester.check(model)


def test_top_pairs_list_starts_with_the_pair_sharing_most(qtbot, seeds_window, seeded_project):
    from tests.ui.conftest import add_texts
    from tests.ui.synthetic import shared_pair

    a, b, _ = shared_pair(passages=6, seed=31)
    big = add_texts(seeded_project, a, b)
    dialog = CorpusOverviewDialog(seeds_window.controller)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_overview, timeout=30_000):
        dialog.start()
    view = dialog.pairs.model()
    assert sorted(view.index(0, 0).data(PairIdsRole)) == sorted(big)
    with qtbot.waitSignal(dialog.pairChosen) as chosen:
        dialog.pairs.clicked.emit(view.index(0, 2))
    assert sorted(chosen.args[0]) == sorted(big)
