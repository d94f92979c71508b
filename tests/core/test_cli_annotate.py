"""`crosscheck annotate` as a script uses it: prints the id, places repeated quotes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.articles import import_paths
from desktop_app.core.store import Project

REPO = Path(__file__).resolve().parents[2]
CLAIM = "North Korea supplied ammunition to Russia by rail"


@pytest.fixture
def project_file(tmp_path, seed_paths):
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        import_paths(project, seed_paths)
    return path


def annotate(project_file, *args):
    return main(["annotate", "--project", str(project_file), *map(str, args)])


def test_annotate_prints_the_new_id_and_stores_everything(project_file, capsys):
    status = annotate(project_file, "--article", 3, "--quote", "North Korea transported rockets and missiles",
                      "--claim", CLAIM, "--stance", "supports", "--speaker", "John Kirby, NSC",
                      "--tag", "evidence/imagery", "--tag", "us", "--note", "briefing", "--annotator", "ann")
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.strip() == "1" and err == ""
    with Project.open(project_file) as project:
        a = project.annotation(1)
        text = project.article(3).text
    assert text[a.start:a.end] == "North Korea transported rockets and missiles"
    assert (a.claim, a.stance, a.speaker, a.tags, a.note, a.annotator) == (
        CLAIM, "supports", "John Kirby, NSC", ("evidence/imagery", "us"), "briefing", "ann")


def test_repeated_quote_is_placed_by_prefix_and_suffix(project_file, capsys):
    with Project.open(project_file) as project:
        text = project.article(1).text
    quote = "a claim which the countries deny"
    first = text.index(quote)
    second = text.index(quote, first + 1)
    assert annotate(project_file, "--article", 1, "--quote", quote, "--claim", CLAIM, "--stance", "denies",
                    "--prefix", text[second - 20:second]) == 0
    assert annotate(project_file, "--article", 1, "--quote", quote, "--claim", CLAIM, "--stance", "denies") == 0
    out, err = capsys.readouterr()
    assert out.split() == ["1", "2"]
    assert "warning: the quote occurs 2 times" in err and f"first one at {first}" in err
    with Project.open(project_file) as project:
        assert project.annotation(2).start == first
        # both copies share the 20 characters before them, so the prefix alone cannot pick
        picked = project.annotation(1).start
    assert picked in (first, second)


def test_suffix_picks_the_later_occurrence(project_file, capsys):
    with Project.open(project_file) as project:
        text = project.article(3).text
    quote = "North Korea"
    later = text.index("North Korea loaded those railcars")
    assert annotate(project_file, "--article", 3, "--quote", quote, "--suffix", " loaded those",
                    "--claim", CLAIM, "--stance", "neutral") == 0
    out, err = capsys.readouterr()
    assert err == ""
    with Project.open(project_file) as project:
        assert project.annotation(int(out)).start == later


@pytest.mark.parametrize(
    "args, message",
    [
        (["--article", 3, "--quote", "not in the text at all", "--claim", CLAIM, "--stance", "supports"],
         "quote not found in article 3"),
        (["--article", 3, "--quote", "North Korea", "--claim", CLAIM, "--stance", "agree"],
         "valid stances: supports, denies, neutral, questions"),
        (["--article", 42, "--quote", "x", "--claim", CLAIM, "--stance", "supports"], "no article 42"),
        (["--article", 3, "--quote", "North Korea", "--claim", "  ", "--stance", "supports"], "claim is empty"),
    ],
)
def test_errors_are_one_line_exit_1_and_write_nothing(project_file, capsys, args, message):
    assert annotate(project_file, *args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    with Project.open(project_file) as project:
        assert project.annotation_count() == 0 and project.claims() == []


def test_the_installed_command_runs_as_a_subprocess(project_file):
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "annotate", "--project", str(project_file), "--article", "2",
         "--quote", "impossible to determine what the train was carrying", "--claim", CLAIM,
         "--stance", "neutral"],
        capture_output=True, text=True, cwd=REPO, timeout=120, env={**os.environ},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_an_empty_quote_is_refused_with_one_line(project_file, capsys):
    assert annotate(project_file, "--article", 3, "--quote", "   ", "--claim", CLAIM, "--stance", "supports") == 1
    err = capsys.readouterr().err
    assert "the quote is empty" in err and err.count("\n") == 1
    with Project.open(project_file) as project:
        assert project.annotation_count() == 0
