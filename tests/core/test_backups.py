"""Backups and recovery: automatic rotating backups, `crosscheck backup` / `restore`, corrupt files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.errors import ProjectError
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import CURRENT_VERSION, Project
from desktop_app.core.store.backups import KEEP_BACKUPS, backups_dir, list_backups, restore_backup


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_project(path: Path, texts=("First article text about rail freight.",)) -> Path:
    with Project.open(path) as project:
        for text in texts:
            project.add_article(ArticleDraft(text=text, title=text[:20]))
    return path


def article_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def age(path: Path, days: float) -> None:
    old = time.time() - days * 86400
    os.utime(path, (old, old))


def corrupt(path: Path) -> None:
    """Overwrite a page in the middle of the file with garbage (the header stays valid)."""
    with Project.open(path) as project:  # checkpoint so the pages are in the main file
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    assert size >= 4 * 4096
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)


def test_first_reopen_takes_an_automatic_backup_and_not_again_the_same_day(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite")
    assert list_backups(project_file) == []  # a brand-new project has nothing to back up yet
    Project.open(project_file).close()
    backups = list_backups(project_file)
    assert [b.kind for b in backups] == ["auto"]
    assert article_count(backups[0].path) == 1
    Project.open(project_file).close()
    assert len(list_backups(project_file)) == 1


def test_backup_older_than_a_day_triggers_a_new_one(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite")
    Project.open(project_file).close()
    (first,) = list_backups(project_file)
    age(first.path, 1.5)
    Project.open(project_file).close()
    assert len(list_backups(project_file)) == 2


def test_rotation_keeps_the_newest_automatic_backups_and_every_manual_one(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite")
    assert main(["backup", "--project", str(project_file)]) == 0
    for _ in range(KEEP_BACKUPS + 3):
        for info in list_backups(project_file):
            age(info.path, 1.1)  # every backup is now over a day old: the next open takes one
        Project.open(project_file).close()
    kinds = [b.kind for b in list_backups(project_file)]
    assert kinds.count("auto") == KEEP_BACKUPS
    assert kinds.count("manual") == 1


def test_backup_command_writes_a_consistent_copy_to_the_given_file(tmp_path, capsys):
    project_file = make_project(tmp_path / "p.sqlite", ("one text here.", "another text there."))
    target = tmp_path / "copy.sqlite"
    assert main(["backup", "--project", str(project_file), "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert article_count(target) == 2
    assert sqlite3.connect(target).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_round_trip_keeps_the_replaced_state_as_a_backup(tmp_path, capsys):
    project_file = make_project(tmp_path / "p.sqlite")
    backup = tmp_path / "b.sqlite"
    assert main(["backup", "--project", str(project_file), "-o", str(backup)]) == 0
    backup_digest = digest(backup)
    with Project.open(project_file) as project:
        project.add_article(ArticleDraft(text="Written after the backup.", title="later"))
    assert main(["restore", "--project", str(project_file), "--from", str(backup)]) == 0
    assert article_count(project_file) == 1
    assert digest(backup) == backup_digest, "restore must never write to the backup"
    saved = [b for b in list_backups(project_file) if b.kind == "before-restore"]
    assert len(saved) == 1 and article_count(saved[0].path) == 2
    with Project.open(project_file) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_is_seen_by_a_connection_that_has_the_project_open(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite")
    backup = tmp_path / "b.sqlite"
    main(["backup", "--project", str(project_file), "-o", str(backup)])
    with Project.open(project_file) as gui:
        gui.add_article(ArticleDraft(text="Only in the open window.", title="x"))
        assert gui.article_count() == 2
        restore_backup(backup, project_file, CURRENT_VERSION)
        assert gui.article_count() == 1


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["empty", "text", "truncated"],
)
def test_restore_refuses_an_invalid_backup_and_changes_nothing(tmp_path, capsys, content):
    project_file = make_project(tmp_path / "p.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    before = digest(project_file), digest(bad)
    assert main(["restore", "--project", str(project_file), "--from", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was restored" in err and "Traceback" not in err
    assert (digest(project_file), digest(bad)) == before


def test_restore_refuses_a_backup_that_fails_its_integrity_check(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite", [f"article number {i} " * 400 for i in range(8)])
    damaged = tmp_path / "damaged.sqlite"
    main(["backup", "--project", str(project_file), "-o", str(damaged)])
    corrupt(damaged)
    before = digest(project_file)
    with pytest.raises(ProjectError, match="nothing was restored"):
        restore_backup(damaged, project_file, CURRENT_VERSION)
    assert digest(project_file) == before


def test_restore_refuses_the_project_itself(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite")
    with pytest.raises(ProjectError, match="project itself"):
        restore_backup(project_file, project_file, CURRENT_VERSION)


def test_corrupt_project_names_file_and_latest_backup_in_one_line_and_is_left_untouched(tmp_path):
    project_file = make_project(tmp_path / "p.sqlite", [f"article number {i} " * 400 for i in range(8)])
    Project.open(project_file).close()  # takes the automatic backup
    (latest,) = list_backups(project_file)
    corrupt(project_file)
    before, backup_before = digest(project_file), digest(latest.path)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "list", "--project", str(project_file)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert str(project_file) in result.stderr and str(latest.path) in result.stderr
    assert digest(project_file) == before and digest(latest.path) == backup_before
    assert list_backups(project_file) == [latest]


def test_restoring_over_a_corrupt_project_moves_it_aside_instead_of_deleting_it(tmp_path, capsys):
    project_file = make_project(tmp_path / "p.sqlite", [f"article number {i} " * 400 for i in range(8)])
    assert main(["backup", "--project", str(project_file)]) == 0
    corrupt(project_file)
    damaged_digest = digest(project_file)
    assert main(["restore", "--project", str(project_file), "--from", "latest"]) == 0
    assert article_count(project_file) == 8
    kept = [p for p in backups_dir(project_file).iterdir() if "-unreadable-" in p.name]
    assert len(kept) == 1 and digest(kept[0]) == damaged_digest


def test_restore_latest_without_backups_is_a_one_line_error(tmp_path, capsys):
    project_file = make_project(tmp_path / "p.sqlite")
    assert main(["restore", "--project", str(project_file), "--from", "latest"]) == 1
    assert "has no backups" in capsys.readouterr().err
