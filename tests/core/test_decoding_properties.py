"""Property tests: decoding and newline normalisation never lose or invent text."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from desktop_app.core.decoding import decode_bytes, normalise_newlines

# Text without NUL/control characters (those mark a file as binary) and without lone surrogates.
printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", "\t", " ", "😀", "é"]),
    min_size=1,
)
newline = st.sampled_from(["\n", "\r\n", "\r"])


@given(st.lists(printable, min_size=1, max_size=8), newline)
def test_utf8_with_any_newline_style_decodes_to_lf_text(lines, nl):
    text = "\n".join(lines)
    data = text.replace("\n", nl).encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded == normalise_newlines(text)
    assert "\r" not in decoded


@given(st.text())
def test_normalising_is_idempotent_and_keeps_every_other_character(text):
    once = normalise_newlines(text)
    assert normalise_newlines(once) == once
    assert "\r" not in once
    assert once.replace("\n", "") == text.replace("\r\n", "").replace("\r", "").replace("\n", "")


WESTERN_WORDS = ["président", "Zürich", "naïve", "garçon", "Noël", "à", "São", "Ærø", "año", "Öl",
                 "fête", "crème", "the", "train", "crossed", "border", "on", "Friday", "1,000", "«quoted»"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(WESTERN_WORDS), min_size=3, max_size=40), st.sampled_from(["latin-1", "cp1252"]))
def test_western_text_in_a_legacy_encoding_keeps_its_accents(words, encoding):
    text = " ".join(words)
    if all(ord(c) < 0x80 for c in text):
        return
    assert decode_bytes(text.encode(encoding)) == text


@given(st.binary(min_size=1, max_size=2000))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    from desktop_app.core.errors import ImportRefused

    try:
        decoded = decode_bytes(data)
    except ImportRefused as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(decoded, str) and "\r" not in decoded
