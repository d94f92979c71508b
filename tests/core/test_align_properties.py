"""Property tests of alignment invariants (hypothesis): offsets, overlaps, symmetry, odd text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.align import AlignOptions, align
from desktop_app.core.text import tokenize

VOCAB = ["north", "Korea", "rail", "🚀", "cargo", "Wagner", "ünïcode", "x", "said", "the", "of",
         "rockets", "𝔘𝔫𝔦", "don’t", "600,000", "train", "émigré", "day"]
SEPARATORS = [" ", "  ", "\n", "\r\n", ", ", ". ", " — ", " “", "” ", "\t", " 😀 "]

word_lists = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=60)


@st.composite
def texts(draw, words=None):
    words = draw(word_lists) if words is None else words
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps))


@st.composite
def related_pair(draw):
    """b reuses chunks of a's words (maybe edited, reordered) amid other words."""
    wa = draw(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=80))
    wb: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        if wa and draw(st.booleans()):
            i = draw(st.integers(0, len(wa) - 1))
            j = draw(st.integers(i, min(len(wa), i + 30)))
            chunk = list(wa[i:j])
            if chunk and draw(st.booleans()):
                chunk[draw(st.integers(0, len(chunk) - 1))] = draw(st.sampled_from(VOCAB))
            wb.extend(chunk)
        else:
            wb.extend(draw(st.lists(st.sampled_from(VOCAB), max_size=10)))
    return draw(texts(wa)), draw(texts(wb))


options_st = st.builds(
    AlignOptions,
    min_words=st.integers(1, 10),
    ngram=st.integers(1, 5),
    mode=st.sampled_from(["passages", "diff"]),
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_side(text, spans):
    tokens = tokenize(text)
    starts, ends = set(tokens.starts), set(tokens.ends)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        assert s in starts and e in ends


@FAST
@given(related_pair(), options_st)
def test_offsets_in_bounds_on_word_boundaries_and_no_overlap(pair, options):
    a, b = pair
    result = align(a, b, options)
    assert (result.a_length, result.b_length) == (len(a), len(b))
    _check_side(a, [(p.a_start, p.a_end) for p in result.passages])
    _check_side(b, [(p.b_start, p.b_end) for p in result.passages])
    for side in ("a", "b"):
        spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in result.passages)
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2
    for p in result.passages:
        assert p.a_words >= 1 and p.b_words >= 1
        assert 0 < p.similarity <= 1
        for e in p.edits:
            assert p.a_start <= e.a_start <= e.a_end <= p.a_end
            assert p.b_start <= e.b_start <= e.b_end <= p.b_end
            if e.kind == "insert":
                assert e.a_start == e.a_end and e.b_start < e.b_end
            elif e.kind == "delete":
                assert e.b_start == e.b_end and e.a_start < e.a_end
        # the first and last words of both sides are the same (normalised) word
        wa, wb = tokenize(a[p.a_start:p.a_end]).words, tokenize(b[p.b_start:p.b_end]).words
        assert wa[0] == wb[0] and wa[-1] == wb[-1]
        if not p.edits:
            assert wa == wb


@FAST
@given(related_pair(), options_st)
def test_align_b_a_mirrors_align_a_b(pair, options):
    a, b = pair
    assert align(b, a, options) == align(a, b, options).mirrored()


@FAST
@given(related_pair(), st.data())
def test_skipped_ranges_never_in_passages(pair, data):
    a, b = pair
    s = data.draw(st.integers(0, len(a)))
    e = data.draw(st.integers(s, len(a)))
    result = align(a, b, AlignOptions(min_words=2), a_skip=[(s, e)])
    for p in result.passages:
        assert not (s < e and p.a_start < e and s < p.a_end)
    assert align(b, a, AlignOptions(min_words=2), b_skip=[(s, e)]) == result.mirrored()


@FAST
@given(st.text(alphabet=" \t\r\n\u00a0\u2003", max_size=30), texts(), options_st)
def test_whitespace_or_empty_gives_no_passages(blank, other, options):
    assert align(blank, other, options).passages == ()
    assert align(other, blank, options).passages == ()
    assert align(blank, blank, options).passages == ()


CONTENT = ["korea", "rail", "cargo", "Wagner", "ünïcode", "rockets", "𝔘𝔫𝔦", "train", "émigré"]


@FAST
@given(st.lists(st.sampled_from(CONTENT), min_size=1, max_size=40))
def test_crlf_and_astral_prefix_keep_offsets(words):
    body = " ".join(words)
    a = "🚀" + body.replace(" ", "\r\n😀 ") + "\r\n"
    b = "😀 prefix\r\n" + body
    result = align(a, b, AlignOptions(min_words=1, ngram=1, max_occurrences=100))
    assert sum(p.a_words for p in result.passages) == len(words)
    for p in result.passages:
        assert a[p.a_start:p.a_end].replace("\r\n😀 ", " ") == b[p.b_start:p.b_end]
    assert result.shared_chars_b == len(body)
