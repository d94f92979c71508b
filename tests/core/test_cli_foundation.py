"""The `crosscheck` command as a user runs it: import, list, show, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def crosscheck(*args, env_extra=None, cwd=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=cwd or REPO, timeout=120,
    )


def test_import_then_list_json_gives_the_five_seeds(tmp_path, seed_paths):
    project = tmp_path / "p.sqlite"
    result = crosscheck("import", "--project", project, *seed_paths)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "2", "3", "4", "5"]
    listed = crosscheck("list", "--project", project, "--json")
    rows = json.loads(listed.stdout)
    assert [set(row) for row in rows] == [{"id", "title", "outlet", "author", "published", "url", "words"}] * 5
    assert rows[2]["title"] == "White House confirms North Korea-Russia ammunition transport by rail"
    assert rows[0]["words"] > 700


def test_show_prints_text_and_marked_ranges(tmp_path, seed_paths):
    project = tmp_path / "p.sqlite"
    crosscheck("import", "--project", project, seed_paths[0])
    result = crosscheck("show", "1", "--project", project)
    assert result.returncode == 0
    assert "Russia wants to increase rail freight activity" in result.stdout
    range_lines = result.stdout.split("# marked ranges", 1)[1].splitlines()[1:]
    kinds = [line.split()[0] for line in range_lines]
    assert "duplicate" in kinds and "boilerplate" in kinds
    assert any("You just read one of our premium" in line for line in range_lines)


@pytest.mark.parametrize(
    "args, status, message",
    [
        (["show", "42"], 1, "no article 42"),
        (["import", "{empty}"], 1, "is empty"),
        (["import", "{missing}"], 1, "no such file"),
        (["import", "{folder}"], 1, "is a folder"),
        (["show", "not-a-number"], 2, "invalid int value"),
        (["frobnicate"], 2, "invalid choice"),
        (["import"], 2, "required"),
    ],
)
def test_errors_are_one_line_with_the_right_status(tmp_path, args, status, message):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "folder").mkdir()
    values = {"empty": tmp_path / "empty.txt", "missing": tmp_path / "missing.txt", "folder": tmp_path / "folder"}
    args = [a.format(**values) for a in args]
    result = crosscheck(*args[:1], "--project", tmp_path / "p.sqlite", *args[1:]) if args[0] != "frobnicate" else crosscheck(*args)
    assert result.returncode == status
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_refused_import_leaves_project_file_unchanged(tmp_path, seed_paths):
    project = tmp_path / "p.sqlite"
    crosscheck("import", "--project", project, *seed_paths)
    before = crosscheck("list", "--project", project, "--json").stdout
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = crosscheck("import", "--project", project, "--strict", tmp_path / "bin.txt", seed_paths[0])
    assert result.returncode == 1 and "binary" in result.stderr
    assert crosscheck("list", "--project", project, "--json").stdout == before


def test_not_a_project_file_is_refused_untouched(tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("hello, I am a text file")
    result = crosscheck("list", "--project", bogus)
    assert result.returncode == 1
    assert "not a Crosscheck project" in result.stderr and "Traceback" not in result.stderr
    assert bogus.read_text() == "hello, I am a text file"


def test_default_project_is_created_with_the_seeds(tmp_path):
    result = crosscheck("list", "--json", env_extra={"CROSSCHECK_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5
    assert (tmp_path / "data" / "default.crosscheck.sqlite").exists()


def test_every_command_has_help():
    from desktop_app.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse offers no public list
    for name in commands:
        result = crosscheck(name, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout, name
