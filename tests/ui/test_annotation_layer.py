"""Lane assignment for overlapping annotations: overlapping spans never share a lane, and no more
lanes are used than the deepest overlap needs (a property test over random spans)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.annotations import Annotation
from desktop_app.ui.annotation_layer import assign_lanes


def annotation(n: int, start: int, end: int) -> Annotation:
    return Annotation(n, 1, start, end, "q", "", "", 1, "c", 1, "supports", "", (), "", "", "", "")


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(spans)
def test_overlapping_spans_never_share_a_lane_and_lanes_are_minimal(pairs):
    annotations = [annotation(n, s, e) for n, (s, e) in enumerate(pairs)]
    lanes = assign_lanes(annotations)
    assert set(lanes) == {a.id for a in annotations}
    for a in annotations:
        for b in annotations:
            if a.id < b.id and a.start < b.end and b.start < a.end:
                assert lanes[a.id] != lanes[b.id]
    depth = max((sum(1 for a in annotations if a.start <= x < a.end) for x in range(80)), default=0)
    assert (max(lanes.values()) + 1 if lanes else 0) == depth


def test_nested_span_goes_one_lane_down_and_a_later_span_reuses_lane_zero():
    outer, inner, later = annotation(1, 0, 50), annotation(2, 10, 20), annotation(3, 60, 70)
    assert assign_lanes([later, inner, outer]) == {1: 0, 2: 1, 3: 0}
