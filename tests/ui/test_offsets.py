"""Code points <-> UTF-16: the one conversion module, checked against Python's own encoder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.ui.offsets import OffsetMap

chars = st.sampled_from(["a", " ", "é", "\n", "😀", "𝔘", "中", "👍🏽", "\U0010FFFD"])
texts = st.lists(chars, max_size=40).map("".join)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(texts, st.data())
def test_to_qt_counts_utf16_units_before_the_offset(text, data):
    cp = data.draw(st.integers(0, len(text)))
    offsets = OffsetMap(text)
    assert offsets.to_qt(cp) == utf16_len(text[:cp])
    assert offsets.to_core(offsets.to_qt(cp)) == cp


@given(texts)
def test_lengths(text):
    offsets = OffsetMap(text)
    assert offsets.length == len(text)
    assert offsets.length_u16 == utf16_len(text)
    assert offsets.identity == (offsets.length == offsets.length_u16)


def test_position_inside_a_surrogate_pair_rounds_down():
    offsets = OffsetMap("ab😀cd")
    assert offsets.to_qt(3) == 4
    assert offsets.to_core(3) == 2  # between the two halves of 😀
    assert offsets.to_core(4) == 3


def test_out_of_range_offsets_are_clamped():
    offsets = OffsetMap("😀x")
    assert offsets.to_qt(99) == 3
    assert offsets.to_core(-5) == 0
