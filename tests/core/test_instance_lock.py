"""The GUI's one-window-per-project lock: plain refusal message, released on crash, CLI unaffected."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from desktop_app.cli import main
from desktop_app.core.instance_lock import InstanceLock, ProjectInUse, acquire_or_raise
from desktop_app.core.models import ArticleDraft
from desktop_app.core.store import Project

HOLDER = """
import sys
from desktop_app.core.instance_lock import InstanceLock
lock = InstanceLock(sys.argv[1])
assert lock.acquire()
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder_process(tmp_path):
    """Another process (a stand-in for a running app window) holding the project's lock."""
    project_file = tmp_path / "p.sqlite"
    with Project.open(project_file) as project:
        project.add_article(ArticleDraft(text="A text to read while locked.", title="Locked title"))
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(project_file)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    yield project_file, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def test_second_instance_is_refused_with_a_plain_message_naming_the_holder(holder_process):
    project_file, proc = holder_process
    lock = InstanceLock(project_file)
    assert not lock.acquire()
    with pytest.raises(ProjectInUse) as excinfo:
        acquire_or_raise(lock)
    message = str(excinfo.value)
    assert "already open in another Crosscheck window" in message
    assert f"process {proc.pid}" in message and "\n" not in message
    assert lock.holder().pid == proc.pid


def test_lock_is_released_when_the_holder_is_killed(holder_process):
    project_file, proc = holder_process
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    lock = InstanceLock(project_file)
    assert lock.acquire()
    assert lock.holder().pid == os.getpid()
    lock.release()
    assert InstanceLock(project_file).holder() is None


def test_lock_is_per_project(holder_process, tmp_path):
    _, _ = holder_process
    with InstanceLock(tmp_path / "other.sqlite") as other:
        assert other.held


def test_command_line_reads_and_writes_a_project_whose_window_is_open(holder_process, tmp_path, capsys):
    project_file, _ = holder_process
    assert main(["list", "--project", str(project_file)]) == 0
    assert "Locked title" in capsys.readouterr().out
    article = tmp_path / "new.txt"
    article.write_text("A second article imported while the app has the project open.\n", encoding="utf-8")
    assert main(["import", "--project", str(project_file), str(article)]) == 0
    with Project.open(project_file) as project:
        assert project.article_count() == 2


def test_release_lets_the_next_instance_in(tmp_path):
    first = InstanceLock(tmp_path / "p.sqlite")
    assert first.acquire()
    second = InstanceLock(tmp_path / "p.sqlite")
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
