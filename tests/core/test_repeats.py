"""Repeated blocks inside one text: the later copies come out as ranges."""

from pathlib import Path

from desktop_app.core.repeats import find_repeats

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seed_000_second_copy_is_covered_by_few_ranges():
    (path,) = SEEDS.glob("000_*.txt")
    text = path.read_text(encoding="utf-8")
    ranges = find_repeats(text)
    assert 1 <= len(ranges) <= 3
    second = text.index("Whatever the cargo type\n".replace("\n", ","), 100)
    body = text.index("Russia wants to increase", second)
    # the article body's second copy is one range, to the end of the text
    (copy,) = [r for r in ranges if r[0] <= body < r[1]]
    assert copy[1] >= len(text.rstrip()) - 1
    # nothing of the first copy is marked
    assert min(s for s, _ in ranges) >= second


def test_other_seeds_have_no_repeats():
    for path in sorted(SEEDS.glob("00[1-4]_*.txt")):
        assert find_repeats(path.read_text(encoding="utf-8")) == []


def test_repeated_paragraph_in_the_middle():
    para = "The ambassador said trains would run more often between Khasan and Tumangang stations."
    text = f"Intro words come first here. {para}\n\nUnrelated middle section of the story. {para}\nEnd."
    (range_,) = find_repeats(text)
    assert text[range_[0]:range_[1]] == para[: len(para) - 1] or text[range_[0]:range_[1]].startswith(
        "The ambassador"
    )
    assert range_[0] == text.rindex(para)


def test_short_repeats_and_empty_text():
    assert find_repeats("") == []
    assert find_repeats("   \n ") == []
    assert find_repeats("rail freight rail freight rail freight") == []
    assert find_repeats("one two three four. one two three four.", min_words=8) == []


def test_three_copies_give_two_ranges():
    block = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    text = "\n\nother words here now\n\n".join([block] * 3)
    ranges = find_repeats(text)
    covered = sum(e - s for s, e in ranges)
    assert covered >= 2 * len(block) - 2
    assert all(s >= len(block) for s, _ in ranges)
