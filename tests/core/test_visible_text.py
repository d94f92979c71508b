"""Labels show bidi controls and zero-width characters instead of obeying them."""

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.visible_text import INVISIBLE, has_invisible, visible_controls


def test_trojan_source_label_is_shown_in_stored_order_with_markers():
    label = "user\u202e \u2066// admin\u2069\u2066 end\u200b"
    shown = visible_controls(label)
    assert shown == "user⟦RLO⟧ ⟦LRI⟧// admin⟦PDI⟧⟦LRI⟧ end⟦ZWSP⟧"
    assert not has_invisible(shown) and has_invisible(label)


def test_plain_text_is_unchanged():
    assert visible_controls("Kirby: «North Korea» 🚂 — naïve") == "Kirby: «North Korea» 🚂 — naïve"
    assert visible_controls("") == ""


@given(st.text(alphabet=st.sampled_from([*INVISIBLE, "a", "b", " ", "é", "🚂"]), max_size=60))
def test_every_invisible_character_becomes_visible_and_the_rest_stays_in_order(text):
    shown = visible_controls(text)
    assert not has_invisible(shown)
    stripped = "".join(ch for ch in text if ch not in INVISIBLE)
    assert [ch for ch in shown if ch in "abé 🚂"] == [ch for ch in stripped]
