"""Incremental claims-panel updates: after any mix of added, edited, moved and deleted annotations
in a few articles, the rows, their order and the filtered view equal a full reload, and the
models keep Qt's rules (qtmodeltester watches every signal)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop_app.core.annotations import Annotation
from desktop_app.ui.claims_table import AnnotationFilter, AnnotationTableModel, Criteria

TITLES = {1: "One", 2: "Two", 3: "Three"}
COLOURS = {"supports": "#00aa00", "denies": "#aa0000", "neutral": "#777777"}
CLAIMS = ["rockets", "ammunition", "horses"]


def make(aid: int, article: int, start: int, claim: str, stance: str, speaker: str = "") -> Annotation:
    return Annotation(aid, article, start, start + 5, f"quote {aid}", "", "", CLAIMS.index(claim) + 1, claim,
                      1, stance, speaker, (), "", "t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")


annotation = st.builds(
    lambda article, start, claim, stance, speaker: (article, start, claim, stance, speaker),
    st.sampled_from([1, 2, 3]), st.integers(0, 40), st.sampled_from(CLAIMS), st.sampled_from(sorted(COLOURS)),
    st.sampled_from(["", "Kirby", "Matsegora"]),
)


def shown(proxy: AnnotationFilter) -> list[int]:
    model = proxy.sourceModel()
    return [model.rows[proxy.mapToSource(proxy.index(r, 0)).row()].id for r in range(proxy.rowCount())]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.lists(annotation, min_size=0, max_size=25),
    edits=st.lists(st.tuples(st.sampled_from(["add", "edit", "move", "delete"]), annotation, st.integers(0, 30)),
                   max_size=8),
    sort=st.sampled_from([(0, Qt.SortOrder.AscendingOrder), (2, Qt.SortOrder.DescendingOrder),
                          (4, Qt.SortOrder.AscendingOrder), (3, Qt.SortOrder.DescendingOrder)]),
    criteria=st.sampled_from([Criteria(), Criteria(stance="denies"), Criteria(claim="rockets"),
                              Criteria(text="kirby"), Criteria(article=2)]),
)
def test_incremental_update_equals_a_full_reload(qtmodeltester, before, edits, sort, criteria):
    rows = [make(n + 1, *fields) for n, fields in enumerate(before)]
    model = AnnotationTableModel()
    model.set_rows(rows, TITLES, COLOURS)
    model.sort(*sort)
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    proxy.set_criteria(criteria)
    qtmodeltester.check(proxy, force_py=True)

    current = {a.id: a for a in rows}
    next_id = len(rows) + 1
    for kind, fields, pick in edits:
        ids = sorted(current)
        if kind == "add" or not ids:
            current[next_id] = make(next_id, *fields)
            next_id += 1
        elif kind == "edit":  # same article and place, other claim/stance/speaker
            old = current[ids[pick % len(ids)]]
            current[old.id] = replace(old, claim=fields[2], stance=fields[3], speaker=fields[4])
        elif kind == "move":  # another place in its article
            old = current[ids[pick % len(ids)]]
            current[old.id] = replace(old, start=fields[1], end=fields[1] + 5)
        else:
            del current[ids[pick % len(ids)]]
    touched = {a.article_id for a in rows} | {a.article_id for a in current.values()}
    fresh = {article: sorted((a for a in current.values() if a.article_id == article), key=lambda a: (a.start, a.id))
             for article in touched}
    assert model.replace_articles(fresh)

    expected = AnnotationTableModel()
    expected.set_rows(sorted(current.values(), key=lambda a: (a.article_id, a.start, a.id)), TITLES, COLOURS)
    expected.sort(*sort)
    expected_proxy = AnnotationFilter()
    expected_proxy.setSourceModel(expected)
    expected_proxy.set_criteria(criteria)
    key = model._sort_key(sort[0])
    assert [key(a) for a in model.rows] == [key(a) for a in expected.rows]
    assert sorted(a.id for a in model.rows) == sorted(current)
    assert model.haystacks == [model._haystack(a) for a in model.rows]
    assert sorted(shown(proxy)) == sorted(shown(expected_proxy))


def test_a_save_in_the_panel_moves_one_row_without_a_reset(qtbot, make_window, seeded_project, seed_ids):
    """The window path: a new annotation arrives as one inserted row, not a model reset."""
    from desktop_app.core.annotations import AnnotationDraft

    for start in range(0, 200, 10):
        seeded_project.add_annotation(AnnotationDraft(seed_ids[0], start, start + 5, claim="c", stance="supports"))
    window = make_window(seeded_project.path)
    panel = window.claims.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 20)
    resets, inserted = [], []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    window.claims.stack.clear()
    from desktop_app.ui.undo import AddAnnotation, push

    push(window.claims.stack, AddAnnotation(window.controller, AnnotationDraft(seed_ids[0], 12, 14, claim="d",
                                                                               stance="denies")))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 21)
    assert resets == [] and len(inserted) == 1
    assert panel.count.text() == "21 of 21"
    assert [a.start for a in panel.model.rows][:4] == [0, 10, 12, 20]
