"""Shared passages between two texts: seeds, reordering, edits, skips, linear mode."""

from pathlib import Path

import pytest

from desktop_app.core.align import AlignOptions, Alignment, Edit, Passage, align
from desktop_app.core.repeats import find_repeats

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NSC = "North Korea delivered infantry rockets and missiles into Russia for use by the Wagner group"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def words(n: int, start: int = 0, tag: str = "w") -> str:
    return " ".join(f"{tag}{i}" for i in range(start, start + n))


def test_nsc_quote_is_one_passage_with_edit_marked():
    a, b = seed("000"), seed("002")
    result = align(a, b, a_skip=find_repeats(a))
    quote = [p for p in result.passages if NSC in a[p.a_start:p.a_end]]
    assert len(quote) == 1
    p = quote[0]
    assert a[p.a_start:p.a_end].endswith("towards the end of last year")
    assert b[p.b_start:p.b_end].endswith("toward the end of last year")
    assert [(e.kind, a[e.a_start:e.a_end], b[e.b_start:e.b_end]) for e in p.edits] == [
        ("replace", "towards", "toward")
    ]
    assert 0.9 < p.similarity < 1.0


def test_duplicate_copy_maps_once_when_skipped():
    a, b = seed("000"), seed("002")
    skip = find_repeats(a)
    result = align(a, b, a_skip=skip)
    for p in result.passages:
        assert not any(s < p.a_end and p.a_start < e for s, e in skip)
    assert sum(NSC in a[p.a_start:p.a_end] for p in result.passages) == 1


@pytest.mark.parametrize("x,y", [("000", "001"), ("003", "004")])
def test_unrelated_seeds_share_no_passage(x, y):
    a, b = seed(x), seed(y)
    assert align(a, b, a_skip=find_repeats(a), b_skip=find_repeats(b)).passages == ()


def test_reordered_passages_are_all_found():
    p1, p2, p3 = words(20, 0, "x"), words(25, 0, "y"), words(30, 0, "z")
    a = f"{p1}. Filler one here. {p2}. More filler. {p3}."
    b = f"{p3}. Other text entirely. {p1}. {words(15, 0, 'f')}. {p2}."
    result = align(a, b)
    found = sorted(a[p.a_start:p.a_end] for p in result.passages)
    assert found == sorted([p1, p2, p3])
    for p in result.passages:
        assert a[p.a_start:p.a_end] == b[p.b_start:p.b_end]
        assert p.similarity == 1.0 and p.edits == ()


def test_edits_inside_passage():
    a = "the quick brown fox jumps over the lazy dog near the river bank today at noon"
    b = "the quick brown fox leaps over the lazy dog near the river bank today at noon"
    (p,) = align(a, b).passages
    assert [(e.kind, a[e.a_start:e.a_end], b[e.b_start:e.b_end]) for e in p.edits] == [
        ("replace", "jumps", "leaps")
    ]


def test_insertion_and_deletion_offsets():
    base = words(30)
    b = base.replace("w10 ", "w10 extra ")
    (p,) = align(base, b).passages
    (edit,) = p.edits
    assert edit.kind == "insert" and edit.a_start == edit.a_end
    assert b[edit.b_start:edit.b_end] == "extra"
    mirrored = align(b, base).passages[0].edits[0]
    assert mirrored.kind == "delete" and mirrored.b_start == mirrored.b_end


def test_min_words_drops_short_passages():
    a = "alpha beta gamma delta epsilon zeta eta. " + words(40, 0, "a")
    b = words(40, 0, "b") + " alpha beta gamma delta epsilon zeta eta."
    assert align(a, b).passages == ()
    assert len(align(a, b, AlignOptions(min_words=7, ngram=4)).passages) == 1


def test_stop_phrases_do_not_make_passages():
    stock = "and then there were those who said that it was the one of them and that was all"
    a = f"{stock}. {words(20, 0, 'a')}"
    b = f"{words(20, 0, 'b')} {stock}."
    assert align(a, b).passages == ()


def test_common_ngrams_are_not_seeds():
    shared = "talks between the two countries resumed after the long summer break ended"
    a, b = f"{words(10, 0, 'a')} {shared}", f"{shared} {words(10, 0, 'b')}"
    assert len(align(a, b).passages) == 1
    grams = tuple(shared.split())
    common = frozenset(zip(*(grams[k:] for k in range(4))))
    assert align(a, b, AlignOptions(common_ngrams=common)).passages == ()


def test_skip_ranges_and_include_skipped():
    shared = words(30, 0, "s")
    a = f"{words(10, 0, 'a')} {shared}"
    b = f"{shared} {words(10, 0, 'b')}"
    start = a.index(shared)
    skip = [(start, start + len(shared))]
    assert align(a, b, a_skip=skip).passages == ()
    assert len(align(a, b, AlignOptions(include_skipped=True), a_skip=skip).passages) == 1
    part = [(start, start + len(words(10, 0, "s")))]
    (p,) = align(a, b, a_skip=part).passages
    assert p.a_start >= part[0][1]


def test_empty_and_whitespace():
    for a, b in [("", ""), ("", words(20)), ("  \n ", words(20)), (words(20), "\t")]:
        result = align(a, b)
        assert isinstance(result, Alignment)
        assert result.passages == ()
        assert result.a_length == len(a) and result.b_length == len(b)


def test_alignment_helpers_and_types():
    text = words(50)
    result = align(text, text)
    (p,) = result.passages
    assert isinstance(p, Passage)
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(text), 0, len(text))
    assert result.shared_chars_a == result.shared_chars_b == len(text)
    assert result.shared_fraction_a == 1.0
    with pytest.raises(Exception):
        p.a_start = 3  # frozen
    assert Edit("insert", 1, 1, 2, 5).mirrored() == Edit("delete", 2, 5, 1, 1)


def test_diff_mode_marks_changes_in_order():
    a = " ".join([words(20, 0, "p"), "old words here", words(20, 0, "q")])
    b = " ".join([words(20, 0, "p"), "new text", words(20, 0, "q")])
    result = align(a, b, AlignOptions(mode="diff"))
    assert len(result.passages) == 1
    (edit,) = result.passages[0].edits
    assert edit.kind == "replace"
    assert a[edit.a_start:edit.a_end] == "old words here"
    assert b[edit.b_start:edit.b_end] == "new text"


def test_diff_mode_splits_at_large_changes():
    a = " ".join([words(20, 0, "p"), words(40, 0, "gone"), words(20, 0, "q")])
    b = " ".join([words(20, 0, "p"), words(20, 0, "q")])
    assert len(align(a, b, AlignOptions(mode="diff")).passages) == 2


def test_bad_options_raise():
    with pytest.raises(ValueError):
        AlignOptions(min_words=0)
    with pytest.raises(ValueError):
        AlignOptions(mode="nope")  # type: ignore[arg-type]


def test_long_linear_edit_is_diffed_between_anchors():
    """A long text against an edited version: one passage, every edit marked, both modes."""
    import random

    rng = random.Random(4)
    vocab = [f"v{i}" for i in range(5000)]
    words_a = [rng.choice(vocab) for _ in range(20000)]
    words_b = list(words_a)
    for k in range(100, 20000, 200):
        words_b[k] = "changed"
    a, b = " ".join(words_a), " ".join(words_b)
    for mode in ("passages", "diff"):
        (p,) = align(a, b, AlignOptions(mode=mode)).passages
        assert len(p.edits) == 100
        assert all(e.kind == "replace" and b[e.b_start:e.b_end] == "changed" for e in p.edits)
