"""`crosscheck reattach`: orphaned annotations are listed and can be placed again by hand."""

from __future__ import annotations

import pytest

from desktop_app.cli import main
from desktop_app.core.annotations import AnnotationDraft
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project

OLD = "Kirby said North Korea sent rockets to Russia. The ambassador denied it flatly.\n"
NEW = "Update: Kirby said North Korea sent rockets to Russia. The envoy rejected the claim.\n"


@pytest.fixture
def orphaned(tmp_path, capsys):
    """A project whose annotation 2 lost its quote ('denied it flatly') when the text was replaced."""
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        project.add_article(ArticleDraft(text=OLD, title="Report"))
        for quote, claim in (("North Korea sent rockets to Russia", "NK sent rockets"), ("denied it flatly", "denial")):
            start = OLD.index(quote)
            project.add_annotation(AnnotationDraft(1, start, start + len(quote), claim=claim, stance="supports"))
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW, encoding="utf-8")
    assert main(["replace-text", "1", str(new_file), "--project", str(path)]) == 0
    capsys.readouterr()
    return path


def test_list_shows_only_the_orphaned_annotations(orphaned, capsys):
    assert main(["reattach", "--list", "--project", str(orphaned)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("2\tarticle 1\t'denied it flatly'")


def test_reattach_places_the_orphan_on_its_new_quote(orphaned, capsys):
    assert main(["reattach", "2", "--quote", "rejected the claim", "--project", str(orphaned)]) == 0
    start = NEW.index("rejected the claim")
    assert capsys.readouterr().out.strip() == f"annotation 2 placed at {start}-{start + 18} of article 1"
    with Project.open(orphaned) as project:
        placed = project.annotation(2)
        assert not placed.orphaned and (placed.start, placed.end) == (start, start + 18)
        assert placed.quote == "rejected the claim" and placed.prefix.endswith("The envoy ")
        assert placed.claim == "denial"
    assert main(["reattach", "--list", "--project", str(orphaned)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("args, message", [
    (["99", "--quote", "envoy"], "no annotation 99"),
    (["2", "--quote", "not in the text"], "quote not found in article 1"),
])
def test_bad_reattach_is_one_line_and_changes_nothing(orphaned, capsys, args, message):
    with Project.open(orphaned) as project:
        before = project.annotation(2)
    assert main(["reattach", *args, "--project", str(orphaned)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    with Project.open(orphaned) as project:
        assert project.annotation(2) == before


@pytest.mark.parametrize("args", [[], ["2"], ["2", "--quote", "x", "--list"]])
def test_usage_errors_exit_2(orphaned, args):
    with pytest.raises(SystemExit) as caught:
        main(["reattach", *args, "--project", str(orphaned)])
    assert caught.value.code == 2
