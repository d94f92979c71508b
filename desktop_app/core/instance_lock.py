"""One app window per project: an advisory lock file beside the project, not an SQLite lock.

The GUI takes `<project>.lock` (an OS advisory lock, flock on POSIX, msvcrt on Windows) while it has
a project open, and writes its pid, host and start time into it. A second GUI instance finds the
lock taken and tells the user plainly who holds it, then opens the project read-only or not at
all. The command line never takes this lock, so `crosscheck list/export/annotate/import` keep
working on a project the app has open (SQLite's own locking keeps their writes safe).

The OS releases the lock when the holding process dies, even by SIGKILL, so a crash never leaves
a stale lock behind; the file itself stays and is harmless.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from desktop_app.core.errors import ProjectError

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class ProjectInUse(ProjectError):
    """Another app window has this project open."""


@dataclass(frozen=True)
class LockHolder:
    """Who has the project open, as written into the lock file by the holder."""

    pid: int
    host: str
    since: str

    def describe(self) -> str:
        where = "this computer" if self.host == socket.gethostname() else self.host
        return f"process {self.pid} on {where}, since {self.since}"


def lock_path(project_path: Path) -> Path:
    project_path = Path(project_path)
    return project_path.with_name(project_path.name + ".lock")


class InstanceLock:
    """The GUI's claim on one project. `acquire()` never blocks; `release()` is idempotent."""

    def __init__(self, project_path: Path):
        self.project_path = Path(project_path)
        self.path = lock_path(self.project_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if free and record who we are; False if another instance holds it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            return False
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode("utf-8"), 0)
        self._fd = fd
        return True

    def holder(self) -> LockHolder | None:
        """Who holds the lock now (None if nobody, or if the record cannot be read)."""
        if self._fd is not None:
            return read_holder(self.path)
        probe = InstanceLock(self.project_path)
        if probe.acquire():
            probe.release()
            return None
        return read_holder(self.path)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "InstanceLock":
        acquire_or_raise(self)
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def in_use_message(project_path: Path, holder: LockHolder | None) -> str:
    who = holder.describe() if holder else "another Crosscheck window"
    return f"{project_path} is already open in another Crosscheck window ({who})"


def acquire_or_raise(lock: InstanceLock) -> InstanceLock:
    """Take the lock or raise ProjectInUse with one line saying who has the project open."""
    if not lock.acquire():
        raise ProjectInUse(in_use_message(lock.project_path, read_holder(lock.path)))
    return lock
