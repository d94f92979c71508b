"""Re-anchoring on pure texts: exact, fuzzy, orphaned, repeated copies, and no wrong placements."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.boilerplate import find_ranges
from desktop_app.core.reanchor import Anchor, reanchor
from tests.core.reanchor_edits import edit_text, random_spans, surviving_positions, true_span

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))

OLD = (
    "North Korea supplied ammunition to Russia by rail, the White House said on Thursday.\n"
    "Spokesman John Kirby showed satellite images of the trains at the border station.\n"
    "Russia's ambassador denied the claim and called it a fabrication.\n"
)


def anchor_for(text: str, quote: str, annotation_id: int = 1, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return Anchor(annotation_id, start, end, quote, text[max(0, start - 32):start], text[end:end + 32])


def test_unchanged_text_keeps_every_span():
    anchors = [anchor_for(OLD, "John Kirby", 1), anchor_for(OLD, "called it a fabrication", 2)]
    placements = reanchor(OLD, OLD, anchors)
    assert [(p.method, p.start, p.end) for p in placements] == [("exact", a.start, a.end) for a in anchors]


def test_insertion_before_the_quote_shifts_it():
    new = "BREAKING NEWS. " + OLD
    (placement,) = reanchor(OLD, new, [anchor_for(OLD, "satellite images of the trains")])
    assert placement.method == "exact"
    assert new[placement.start:placement.end] == "satellite images of the trains"


def test_reworded_quote_is_placed_by_fuzzy_match_on_the_reworded_words():
    quote = "Spokesman John Kirby showed satellite images of the trains at the border station."
    new = OLD.replace("showed satellite images of the trains", "showed satellite pictures of the trains")
    (placement,) = reanchor(OLD, new, [anchor_for(OLD, quote)])
    assert placement.method == "fuzzy"
    assert new[placement.start:placement.end] == quote.replace("images", "pictures")


def test_deleted_quote_is_orphaned_not_dropped_or_misplaced():
    quote = "Russia's ambassador denied the claim and called it a fabrication."
    new = OLD.replace(quote + "\n", "")
    (placement,) = reanchor(OLD, new, [anchor_for(OLD, quote, 7)])
    assert placement.annotation_id == 7 and placement.method == "orphaned" and not placement.placed


def test_moved_paragraph_keeps_its_annotation():
    lines = OLD.splitlines(keepends=True)
    new = lines[2] + lines[0] + lines[1]
    (placement,) = reanchor(OLD, new, [anchor_for(OLD, "denied the claim")])
    assert placement.method == "exact" and new[placement.start:placement.end] == "denied the claim"
    assert placement.start == new.index("denied the claim")


def test_a_quote_whose_own_copy_was_edited_is_not_moved_onto_its_twin():
    """A repeated sentence: the annotated (second) copy is reworded, the first stays. The
    annotation must follow its reworded copy or be orphaned, never jump to the twin."""
    block = "The train carried coal and timber to the port.\n"
    old = "Intro line one.\n" + block + "A middle paragraph about other things entirely.\n" + block + "The end.\n"
    new = old[: old.rindex(block)] + "The train carried grain and timber to the port.\n" + "The end.\n"
    anchor = anchor_for(old, "The train carried coal and timber to the port.", occurrence=1)
    (placement,) = reanchor(old, new, [anchor])
    twin = new.index(block)
    assert not (placement.placed and placement.start == twin)
    if placement.placed:
        assert placement.start == new.rindex("The train carried grain")


def test_repeated_copies_each_keep_their_own_annotation():
    block = "Officials said the service would run weekly.\n"
    old = "Header.\n" + block + "Different words here about rail.\n" + block + "Footer.\n"
    new = "New lead paragraph.\n" + old
    first = anchor_for(old, block.strip(), 1, occurrence=0)
    second = anchor_for(old, block.strip(), 2, occurrence=1)
    p1, p2 = reanchor(old, new, [first, second])
    assert (p1.start, p2.start) == (new.index(block), new.rindex(block))


def test_empty_quote_is_orphaned():
    (placement,) = reanchor(OLD, OLD + "more", [Anchor(1, 5, 5, "", "", "")])
    assert placement.method == "orphaned"


def test_emoji_and_astral_characters_keep_code_point_offsets():
    old = "Rockets 🚀🚀 crossed the border 🚂 at night, officials said.\n"
    new = "Update 🔔: " + old
    (placement,) = reanchor(old, new, [anchor_for(old, "crossed the border 🚂")])
    assert new[placement.start:placement.end] == "crossed the border 🚂"


def _no_wrong_placements(seed_index: int, rng_seed: int, edits: int) -> tuple[int, int]:
    text = SEEDS[seed_index].read_text(encoding="utf-8")
    rng = random.Random(rng_seed)
    skip = tuple((r.start, r.end) for r in find_ranges(text))
    spans = random_spans(text, rng, 25, skip)
    anchors = [Anchor(i, s, e, text[s:e], text[max(0, s - 32):s], text[e:e + 32]) for i, (s, e) in enumerate(spans)]
    edited = edit_text(text, rng, edits)
    right = surviving = 0
    for anchor, placement in zip(anchors, reanchor(text, edited.text, anchors)):
        truth = true_span(edited, anchor.start, anchor.end)
        if truth is not None:
            surviving += 1
            if placement.placed:
                assert (placement.start, placement.end) == truth, (anchor.quote, truth, placement)
                right += 1
        elif placement.placed:
            # an edited quote may move to its edited words, never to text it did not come from
            assert surviving_positions(edited, anchor.start, anchor.end) & set(range(placement.start, placement.end))
    return right, surviving


# Seed 0 is a page whose whole article appears twice; paragraphs moved between identical copies
# cannot be told apart from the texts alone, so bench_reliability.py reports it separately.
@settings(max_examples=15, deadline=None)
@given(seed_index=st.integers(1, len(SEEDS) - 1), rng_seed=st.integers(0, 10_000), edits=st.integers(1, 15))
def test_random_edits_never_place_an_annotation_on_the_wrong_span(seed_index, rng_seed, edits):
    right, surviving = _no_wrong_placements(seed_index, rng_seed, edits)
    assert right >= surviving * 0.9
