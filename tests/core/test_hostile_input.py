"""Hostile and malformed input: each gives a clean import or a one-line error, never a traceback,
and a refused input leaves the project's content exactly as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.cli import main
from desktop_app.core.articles import ImportOptions, import_paths
from desktop_app.core.store import Project

EVIL_HTML = """<!doctype html><html><head><title>Evil page</title>
<style>body{color:red} .STYLETEXT{}</style>
<script>alert('SCRIPTTEXT'); fetch('http://evil.example/x')</script></head>
<body onload="alert('ONLOADTEXT')"><article><h1>Evil page</h1>
<p onclick="alert('ONCLICKTEXT')">This is the first paragraph of a perfectly ordinary news article about
rail freight between two countries and their trade across the river bridge.</p>
<img src="http://evil.example/track.png" onerror="alert('ONERRORTEXT')">
<iframe src="http://evil.example/frame">IFRAMETEXT</iframe>
<p>Second paragraph with more ordinary words about the trains, wagons and cargo that crossed the
bridge last week, according to the railway operator.</p>
<script>var x = 'SCRIPT2TEXT';</script><noscript>NOSCRIPTTEXT</noscript></article></body></html>
"""
HOSTILE_MARKERS = ("SCRIPTTEXT", "SCRIPT2TEXT", "STYLETEXT", "ONLOADTEXT", "ONCLICKTEXT", "ONERRORTEXT",
                   "alert(", "evil.example", "<script", "IFRAMETEXT")


def content_digest(path: Path) -> str:
    """A hash of every row in the project (not the file bytes, which WAL checkpoints may move)."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()
    finally:
        conn.close()


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "p.sqlite"
    seed = tmp_path / "seed.txt"
    seed.write_text("An article already in the project before the hostile input arrives.\n", encoding="utf-8")
    with Project.open(path) as project:
        import_paths(project, [seed])
    return path


def run_import(project_file: Path, target: Path, capsys, *extra: str) -> tuple[int, str]:
    status = main(["import", "--project", str(project_file), *extra, str(target)])
    return status, capsys.readouterr().err


def assert_refused_cleanly(project_file, target, capsys, expected: str, *extra: str) -> None:
    before = content_digest(project_file)
    status, err = run_import(project_file, target, capsys, *extra)
    assert status == 1
    reasons = [line for line in err.splitlines() if line.startswith("crosscheck: refused:")]
    assert len(reasons) == 1 and expected in reasons[0], err
    assert "Traceback" not in err
    assert content_digest(project_file) == before


def stored_text(project_file: Path, article_id: int) -> str:
    with Project.open(project_file) as project:
        return project.article(article_id).text


def test_binary_file_is_refused(project_file, tmp_path, capsys):
    target = tmp_path / "program.txt"
    target.write_bytes(Path(sys.executable).read_bytes()[:4096])
    assert_refused_cleanly(project_file, target, capsys, "binary")


def test_nul_bytes_are_refused(project_file, tmp_path, capsys):
    target = tmp_path / "nul.txt"
    target.write_bytes(b"A sentence with a NUL\x00 byte in the middle of ordinary words.\n")
    assert_refused_cleanly(project_file, target, capsys, "binary")


def test_latin1_decodes_right(project_file, tmp_path, capsys):
    text = "Café au lait à la française, über élève naïve, señor.\n"
    target = tmp_path / "latin1.txt"
    target.write_bytes(text.encode("latin-1"))
    status, _ = run_import(project_file, target, capsys)
    assert status == 0
    assert stored_text(project_file, 2) == text


def test_windows_1252_decodes_right(project_file, tmp_path, capsys):
    text = "The \u201cdétente\u201d was a success \u2013 they said \u2026 at 5\u20ac a ticket.\n"
    target = tmp_path / "cp1252.txt"
    target.write_bytes(text.encode("cp1252"))
    status, _ = run_import(project_file, target, capsys)
    assert status == 0
    assert stored_text(project_file, 2) == text


def test_invalid_utf8_never_crashes(project_file, tmp_path, capsys):
    target = tmp_path / "broken.txt"
    target.write_bytes(b"Valid start \xc3\x28 invalid pair, \xe2\x82 truncated, \xf0\x28\x8c\x28 and more words.\n")
    before = content_digest(project_file)
    status, err = run_import(project_file, target, capsys)
    assert "Traceback" not in err
    if status == 0:
        assert "Valid start" in stored_text(project_file, 2)
    else:
        assert status == 1 and content_digest(project_file) == before


def test_empty_file_is_refused(project_file, tmp_path, capsys):
    target = tmp_path / "empty.txt"
    target.write_bytes(b"")
    assert_refused_cleanly(project_file, target, capsys, "is empty")


def test_whitespace_only_file_is_refused(project_file, tmp_path, capsys):
    target = tmp_path / "blank.md"
    target.write_bytes(b" \n\t\r\n   \n")
    assert_refused_cleanly(project_file, target, capsys, "is empty")


def test_file_over_the_size_cap_is_refused(project_file, tmp_path, capsys):
    target = tmp_path / "big.txt"
    target.write_bytes(b"word " * (300 * 1024))  # 1.5 MB, over a 1 MB cap
    assert_refused_cleanly(project_file, target, capsys, "import limit", "--max-size", "1")


def test_directory_is_refused(project_file, tmp_path, capsys):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_refused_cleanly(project_file, folder, capsys, "is a folder")


def test_fifo_is_refused_without_blocking(project_file, tmp_path):
    """A named pipe would block a read forever; run in a process so a regression fails, not hangs."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    before = content_digest(project_file)
    result = subprocess.run([sys.executable, "-m", "desktop_app", "import", "--project", str(project_file),
                             str(fifo)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    assert content_digest(project_file) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root reading the file "
                           "(test_unreadable_file_simulated covers the same path)")
def test_unreadable_file_is_refused(project_file, tmp_path, capsys):
    target = tmp_path / "secret.txt"
    target.write_text("You cannot read this.\n", encoding="utf-8")
    target.chmod(0)
    try:
        assert_refused_cleanly(project_file, target, capsys, "cannot read")
    finally:
        target.chmod(0o644)


def test_unreadable_file_simulated(project_file, tmp_path, capsys, monkeypatch):
    """As root chmod 000 still reads, so make the read itself fail the way it does for a user."""
    target = tmp_path / "secret.txt"
    target.write_text("You cannot read this.\n", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def denied(self):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert_refused_cleanly(project_file, target, capsys, "Permission denied")


def test_one_megabyte_single_line_file_imports_cleanly(project_file, tmp_path, capsys):
    line = " ".join(f"word{i % 7919}" for i in range(140_000))
    target = tmp_path / "oneline.txt"
    target.write_text(line, encoding="utf-8")
    assert target.stat().st_size >= 1024 * 1024
    status, err = run_import(project_file, target, capsys)
    assert status == 0 and "Traceback" not in err
    assert stored_text(project_file, 2) == line


def test_hostile_html_stores_no_script_style_or_handler_text(project_file, tmp_path, capsys):
    target = tmp_path / "evil.html"
    target.write_text(EVIL_HTML, encoding="utf-8")
    status, err = run_import(project_file, target, capsys)
    assert status == 0, err
    with Project.open(project_file) as project:
        article = project.article(2)
    stored = " ".join([article.text, article.title, article.author, article.outlet, article.url])
    assert "first paragraph of a perfectly ordinary news article" in article.text
    for marker in HOSTILE_MARKERS:
        assert marker not in stored, marker


TROJAN = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200b\u200c\u200d\u2060\ufeff"


def test_bidi_and_zero_width_characters_are_kept_and_offsets_stay_right(project_file, tmp_path, capsys):
    text = f"Access level: user{TROJAN} admin \u202e\u2066 // check later\u2069 \u2066end.\nThe claim follows here.\n"
    target = tmp_path / "trojan.txt"
    target.write_text(text, encoding="utf-8")
    status, err = run_import(project_file, target, capsys)
    assert status == 0, err
    stored = stored_text(project_file, 2)
    assert stored == text  # nothing stripped or reordered: every stored offset indexes this string
    start = stored.index("The claim follows here.")
    assert start == text.index("The claim follows here.")


def test_cli_import_of_hostile_input_never_prints_a_traceback(project_file, tmp_path):
    """The same in a real process: exit status 1 and one refusal line, nothing else."""
    target = tmp_path / "nul.txt"
    target.write_bytes(b"\x00\x01\x02" * 100)
    result = subprocess.run([sys.executable, "-m", "desktop_app", "import", "--project", str(project_file),
                             str(target)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(line.startswith("crosscheck:") for line in result.stderr.splitlines())


SUFFIXES = [".txt", ".md", ".html", ".csv", ".jsonl", ""]
TEMPLATES = [
    b"", b"<html><body><p>%s</p></body></html>", b"title,text\nA,%s\n", b'{"text": "%s"}\n',
    b"\xef\xbb\xbf%s", b"%s\x00",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.one_of(st.binary(max_size=3000), st.text(max_size=800).map(lambda t: t.encode("utf-8", "surrogatepass"))),
    suffix=st.sampled_from(SUFFIXES),
    template=st.sampled_from(TEMPLATES),
)
def test_generated_bytes_import_cleanly_or_are_refused_leaving_the_project_unchanged(
    project_file, tmp_path_factory, payload, suffix, template
):
    data = template.replace(b"%s", payload) if template else payload
    target = tmp_path_factory.mktemp("gen") / f"input{suffix}"
    target.write_bytes(data)
    before = content_digest(project_file)
    with Project.open(project_file) as project:
        count = project.article_count()
        report = import_paths(project, [target], ImportOptions())
        assert len(report.imported) + len(report.existing) + len(report.refused) >= 1
        for _path, reason in report.refused:
            assert "\n" not in reason and str(target) in reason
        if not report.imported:
            assert project.article_count() == count
        for article_id, _source in report.imported:
            assert project.article(article_id).text.strip()
    if not report.imported:
        assert content_digest(project_file) == before


# --- annotations: empty quotes, spans past the end, Trojan Source in tags and notes ---------------

def _annotated_project(tmp_path):
    from desktop_app.core.models import ArticleDraft

    path = tmp_path / "a.sqlite"
    text = f"Plain start. Access{TROJAN}level\u202e admin \u2069 end. The claim is here.\n"
    with Project.open(path) as project:
        project.add_article(ArticleDraft(text=text, title="trojan"))
    return path, text


def test_zero_character_quote_is_a_one_line_error_and_changes_nothing(tmp_path, capsys):
    path, _ = _annotated_project(tmp_path)
    before = content_digest(path)
    status = main(["annotate", "--project", str(path), "--article", "1", "--quote", "", "--claim", "c", "--stance", "supports"])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert content_digest(path) == before


def test_span_past_the_end_or_empty_is_refused_by_the_store(tmp_path):
    from desktop_app.core.annotations import AnnotationDraft
    from desktop_app.core.errors import UserError

    path, text = _annotated_project(tmp_path)
    before = content_digest(path)
    with Project.open(path) as project:
        for start, end in ((0, len(text) + 1), (len(text), len(text) + 5), (5, 5), (-1, 3), (7, 2)):
            with pytest.raises(UserError) as excinfo:
                project.add_annotation(AnnotationDraft(1, start, end, claim="c", stance="supports"))
            assert "\n" not in str(excinfo.value)
    assert content_digest(path) == before


def test_bidi_and_zero_width_in_quote_tags_and_notes_keep_offsets(tmp_path):
    from desktop_app.core.annotations import AnnotationDraft

    path, text = _annotated_project(tmp_path)
    quote = f"Access{TROJAN}level\u202e admin"
    start = text.index(quote)
    tag_name = "evil\u202etag\u200b"
    note = "note \u2066with\u2069 isolates\u200d"
    with Project.open(path) as project:
        annotation, _ = project.add_annotation(AnnotationDraft(
            1, start, start + len(quote), claim="claim\u202e reversed", stance="supports", tags=(tag_name,), note=note))
        stored = project.annotation(annotation.id)
        assert (stored.start, stored.end) == (start, start + len(quote))
        assert stored.quote == quote == project.article(1).text[stored.start:stored.end]
        assert stored.note == note and tag_name in stored.tags
        later = text.index("The claim is here.")
        other, _ = project.add_annotation(AnnotationDraft(1, later, later + len("The claim is here."), claim="c2", stance="denies"))
        assert project.annotation(other.id).quote == "The claim is here."
