"""Normalisation and word tokens keep exact offsets into the original text."""

from desktop_app.core.text import count_words, normalize, normalize_word, tokenize


def test_tokens_carry_original_offsets():
    text = "Korea’s “delivery”\r\nof 🚀 rockets — towards"
    tokens = tokenize(text)
    assert tokens.words == ("koreas", "delivery", "of", "rockets", "towards")
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends):
        assert normalize_word(text[start:end]) == word


def test_astral_characters_do_not_shift_offsets():
    text = "😀😀 alpha 𝔘 beta"
    tokens = tokenize(text)
    spans = [text[s:e] for s, e in zip(tokens.starts, tokens.ends)]
    assert spans[0] == "alpha" and spans[-1] == "beta"
    assert tokens.starts[0] == 3  # two emoji are two code points, not four UTF-16 units


def test_apostrophe_variants_are_one_word():
    assert tokenize("don't").words == tokenize("don’t").words == ("dont",)


def test_normalize_maps_back_to_original():
    text = "Hello,  “World” —\r\nÄß!"
    norm = normalize(text)
    assert norm.text == "hello world äss"
    assert len(norm.offsets) == len(norm.text)
    start = norm.text.index("world")
    s, e = norm.original_span(start, start + 5, len(text))
    assert text[s:e] == "World"
    s, e = norm.original_span(norm.text.index("ss"), len(norm.text), len(text))
    assert text[s:e] == "ß"


def test_normalize_can_keep_punctuation():
    assert normalize("A–b “c”", keep_punctuation=True).text == 'a-b "c"'


def test_count_words():
    assert count_words("") == 0
    assert count_words("  \n\t ") == 0
    assert count_words("North Korea's rockets, 600,000 euros.") == 6


def test_empty_text():
    tokens = tokenize("")
    assert len(tokens) == 0
    assert normalize("").text == ""
