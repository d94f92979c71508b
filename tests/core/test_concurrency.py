"""Concurrency: many `crosscheck annotate` processes at once on one project all succeed, and the
command line keeps reading and writing a project the app has open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from desktop_app.core.instance_lock import InstanceLock
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project
from tests.core.crash_harness import ARTICLE_TEXT

WRITERS = 16


def crosscheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", *args]


def test_sixteen_concurrent_annotate_processes_all_succeed(tmp_path):
    project_file = tmp_path / "busy.sqlite"
    with Project.open(project_file) as project:
        project.add_article(ArticleDraft(text=ARTICLE_TEXT, title="t"))
    env = dict(os.environ, CROSSCHECK_ANNOTATOR="writer")
    procs = [
        subprocess.Popen(
            crosscheck("annotate", "--project", str(project_file), "--article", "1", "--quote", "denied the claim",
                       "--claim", f"concurrent claim {i}", "--stance", "denies", "--tag", f"writer/{i}"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for i in range(WRITERS)
    ]
    results = [proc.communicate(timeout=300) for proc in procs]
    errors = [err for _, err in results if err.strip()]
    assert [proc.returncode for proc in procs] == [0] * WRITERS, errors
    assert not any("locked" in err for err in errors)
    ids = sorted(int(out.split()[0]) for out, _ in results)
    assert len(set(ids)) == WRITERS
    with Project.open(project_file) as project:
        stored = project.annotations(1)
    assert sorted(a.id for a in stored) == ids
    assert sorted(a.claim for a in stored) == sorted(f"concurrent claim {i}" for i in range(WRITERS))
    conn = sqlite3.connect(project_file)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_cli_list_export_annotate_import_on_a_project_the_app_has_open(tmp_path):
    """The app holds its instance lock and an open connection that has read the project."""
    project_file = tmp_path / "open.sqlite"
    app = Project.open(project_file)
    app.add_article(ArticleDraft(text=ARTICLE_TEXT, title="Open in the app"))
    lock = InstanceLock(project_file)
    assert lock.acquire()
    try:
        app.articles()  # the window has read the library
        listed = subprocess.run(crosscheck("list", "--project", str(project_file)), capture_output=True, text=True, timeout=120)
        assert listed.returncode == 0 and "Open in the app" in listed.stdout, listed.stderr
        added = subprocess.run(
            crosscheck("annotate", "--project", str(project_file), "--article", "1", "--quote", "horses, flour and oil",
                       "--claim", "The trains carried food", "--stance", "supports"),
            capture_output=True, text=True, timeout=120,
        )
        assert added.returncode == 0, added.stderr
        new_file = tmp_path / "second.txt"
        new_file.write_text("A second article, imported from the command line while the app is open.\n", encoding="utf-8")
        imported = subprocess.run(crosscheck("import", "--project", str(project_file), str(new_file)),
                                  capture_output=True, text=True, timeout=120)
        assert imported.returncode == 0, imported.stderr
        exported = tmp_path / "out.csv"
        export = subprocess.run(crosscheck("export", "--project", str(project_file), "--format", "csv", "-o", str(exported)),
                                capture_output=True, text=True, timeout=120)
        assert export.returncode == 0, export.stderr
        assert "The trains carried food" in exported.read_text(encoding="utf-8-sig")
        # the app's own connection sees the command line's writes without reopening
        assert app.article_count() == 2
        assert [a.claim for a in app.annotations(1)] == ["The trains carried food"]
        # and can still write itself
        app.add_article(ArticleDraft(text="Written by the app after the CLI.", title="app"))
    finally:
        lock.release()
        app.close()
    with Project.open(project_file) as project:
        assert project.article_count() == 3
