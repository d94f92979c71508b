"""Schema migrations: every past version's fixture upgrades with every row intact; failures roll back."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.errors import ProjectError
from desktop_app.core.store import CURRENT_VERSION, Project
from desktop_app.core.store import connection
from desktop_app.core.store.backups import list_backups
from desktop_app.core.store.schema import MIGRATIONS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture_versions() -> list[int]:
    return sorted(int(m.group(1)) for p in FIXTURES.glob("project_v*.sqlite") if (m := re.search(r"v(\d+)", p.name)))


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every ordinary table (FTS shadow tables excluded), sorted."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'")
        ]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        conn.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_fixture_exists_for_every_past_schema_version():
    assert fixture_versions() == list(range(1, CURRENT_VERSION))


@pytest.mark.parametrize("version", fixture_versions())
def test_past_version_upgrades_with_every_row_intact(tmp_path, version):
    project_file = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"project_v{version}.sqlite", project_file)
    before = table_rows(project_file)
    assert all(before[name] for name in before if name != "sqlite_sequence"), "fixture must have rows in every table"

    with Project.open(project_file) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # full-text search still finds the old articles
        assert project.search_articles("Tumen") == [1]
    after = table_rows(project_file)
    for name, rows in before.items():
        assert after[name] == rows, f"rows of {name} changed by the upgrade"
    assert "article_revisions" in after

    backups = [b for b in list_backups(project_file) if b.kind == "before-v"]
    assert len(backups) == 1
    assert table_rows(backups[0].path) == before
    assert sqlite3.connect(backups[0].path).execute("PRAGMA user_version").fetchone()[0] == version


def test_upgraded_fixture_works_from_the_cli(tmp_path):
    project_file = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "project_v1.sqlite", project_file)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "list", "--project", str(project_file), "--json"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Rail freight between Russia and North Korea" in result.stdout


def _failing(db):
    db.execute("CREATE TABLE half_done (x INTEGER)")
    db.execute("INSERT INTO articles (title, text, text_hash, words, imported_at) VALUES ('x', 'x', 'h', 1, 'now')")
    raise RuntimeError("simulated failure halfway")


def test_migration_failing_halfway_rolls_back_and_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    project_file = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "project_v1.sqlite", project_file)
    digest = file_digest(project_file)
    # the real v2 succeeds, then a v3 fails halfway: the whole upgrade must roll back
    monkeypatch.setattr(connection, "MIGRATIONS", [*MIGRATIONS, _failing])
    monkeypatch.setattr(connection, "CURRENT_VERSION", len(MIGRATIONS) + 1)
    with pytest.raises(ProjectError) as excinfo:
        Project.open(project_file)
    message = str(excinfo.value)
    assert "simulated failure halfway" in message and "left as it was" in message and "\n" not in message
    assert file_digest(project_file) == digest
    conn = sqlite3.connect(project_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables and "article_revisions" not in tables
    conn.close()
    # and the file opens normally with the real migrations afterwards
    monkeypatch.undo()
    with Project.open(project_file) as project:
        assert project.article_count() == 2


def test_project_from_a_newer_version_is_refused_untouched(tmp_path):
    project_file = tmp_path / "new.sqlite"
    Project.open(project_file).close()
    conn = sqlite3.connect(project_file)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    digest = file_digest(project_file)
    with pytest.raises(ProjectError, match="newer Crosscheck"):
        Project.open(project_file)
    assert file_digest(project_file) == digest


def test_concurrent_first_opens_migrate_once(tmp_path):
    """Several processes creating the same new project at once: one migrates, none fails."""
    project_file = tmp_path / "fresh.sqlite"
    script = (
        "import sys; from desktop_app.core.store import Project; "
        "p = Project.open(sys.argv[1]); print(p.db.execute('PRAGMA user_version').fetchone()[0]); p.close()"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(project_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 6, [err for _, err in results]
    assert all(out.strip() == str(CURRENT_VERSION) for out, _ in results)
    stances = sqlite3.connect(project_file).execute("SELECT name FROM stances ORDER BY position").fetchall()
    assert [name for (name,) in stances] == ["supports", "denies", "neutral", "questions"]


def test_read_only_open_never_writes(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "project_v1.sqlite", old)
    digest = file_digest(old)
    with pytest.raises(ProjectError, match="cannot be upgraded read-only"):
        Project.open(old, readonly=True)
    assert file_digest(old) == digest and not (tmp_path / "old.sqlite.backups").exists()

    current = tmp_path / "current.sqlite"
    Project.open(current).close()
    before = table_rows(current)
    with Project.open(current, readonly=True) as project:
        assert project.article_count() == 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            project.db.execute("INSERT INTO claims (text, created_at) VALUES ('x', 'now')")
    assert table_rows(current) == before


def test_project_locked_by_another_program_is_reported_as_in_use_not_corrupt(tmp_path, monkeypatch):
    """A lock held past the busy timeout is a one-line "in use", and the file is not deleted."""
    project_file = tmp_path / "held.sqlite"
    project_file.touch()
    holder = sqlite3.connect(str(project_file), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    try:
        with pytest.raises(ProjectError) as caught:
            Project.open(project_file)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(caught.value)
    assert "in use" in message and "corrupt" not in message
    assert "\n" not in message
    assert project_file.exists()


def test_deleted_annotation_ids_are_never_handed_out_again(tmp_path):
    """Schema 3: ids are AUTOINCREMENT, in new projects and in upgraded ones alike."""
    from desktop_app.core.annotations import AnnotationDraft

    upgraded = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "project_v2.sqlite", upgraded)
    for path in (upgraded, tmp_path / "new.sqlite"):
        with Project.open(path) as project:
            if project.article_count() == 0:
                from desktop_app.core.models import ArticleDraft

                project.add_article(ArticleDraft(text="Trains cross the Tumen bridge daily.\n", title="T"))
            text = project.article(1).text
            first, _ = project.add_annotation(AnnotationDraft(1, 0, 6, claim="c", stance="supports"))
            project.delete_annotation(first.id)
            second, _ = project.add_annotation(AnnotationDraft(1, 0, 6, claim="c", stance="supports"))
            assert second.id == first.id + 1, path.name
            assert second.quote == text[0:6]
            tags = project.db.execute("SELECT annotation_id, tag_id FROM annotation_tags ORDER BY 1, 2").fetchall()
            if path is upgraded:  # the rebuild kept every tag link (dropping the old table did not cascade)
                assert tags == [(1, 1), (1, 2), (3, 2)]


@pytest.mark.parametrize("fixture", [None, *fixture_versions()])
def test_article_lookups_by_url_and_file_use_an_index(tmp_path, fixture):
    """Schema 4: every import asks for the article of a URL or file; that must not scan the table."""
    project_file = tmp_path / "p.sqlite"
    if fixture is not None:
        shutil.copy(FIXTURES / f"project_v{fixture}.sqlite", project_file)
    with Project.open(project_file) as project:
        for column in ("url", "source_path"):
            plan = " ".join(str(row[-1]) for row in project.db.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM articles WHERE {column} = ? ORDER BY id DESC LIMIT 1", ["x"]))
            assert f"USING INDEX articles_{column}" in plan or f"USING COVERING INDEX articles_{column}" in plan, plan
