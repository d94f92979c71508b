"""Rotating backups of a project file, and restoring one safely.

Backups are whole-database copies taken through SQLite's online backup API (consistent even while
another process writes), kept beside the project in `<name>.backups/`:

- automatically when a project is opened for writing and the newest backup is older than a day
  (`<stem>-auto-<stamp>.sqlite`),
- always before a schema migration (`<stem>-before-v<N>-<stamp>.sqlite`),
- before a restore replaces the project (`<stem>-before-restore-<stamp>.sqlite`),
- by hand with `crosscheck backup` (`<stem>-manual-<stamp>.sqlite`).

The automatic kinds are rotated: the newest KEEP_BACKUPS (10) are kept, older ones deleted.
Manual backups are never deleted. A restore validates the backup first (SQLite header, opens,
`PRAGMA integrity_check`, a Crosscheck schema this version can read), reads it read-only so it is
never overwritten, and backs up the current project before replacing it.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop_app.core.errors import ProjectError

try:  # POSIX; elsewhere two simultaneous automatic backups are merely redundant
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

KEEP_BACKUPS = 10
AUTO_BACKUP_AGE = timedelta(days=1)
ROTATED_KINDS = ("auto", "before-v", "before-restore")
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file of a project."""

    path: Path
    kind: str
    taken_at: datetime


def backups_dir(project_path: Path) -> Path:
    """Backups of a project live beside it, in '<name>.backups/'."""
    project_path = Path(project_path)
    return project_path.with_name(project_path.name + ".backups")


def _stamp(now: datetime | None = None) -> str:
    """A file-name-safe UTC time with microseconds, so backups sort and never collide."""
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S%fZ")


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the whole database to `target` through SQLite's online backup API (atomic rename)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    os.replace(tmp, target)
    return target


def _kind_of(project_stem: str, name: str) -> str | None:
    prefix = project_stem + "-"
    if not (name.startswith(prefix) and name.endswith(".sqlite")):
        return None
    rest = name[len(prefix):-len(".sqlite")]
    for kind in ("auto", "manual", "before-restore", "before-v"):
        if rest.startswith(kind):
            return kind
    return None


def list_backups(project_path: Path) -> list[BackupInfo]:
    """The project's backups, newest first (by file modification time)."""
    project_path = Path(project_path)
    folder = backups_dir(project_path)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        kind = _kind_of(project_path.stem, entry.name)
        if kind is None or not entry.is_file():
            continue
        taken = datetime.fromtimestamp(entry.stat().st_mtime, timezone.utc)
        found.append(BackupInfo(entry, kind, taken))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def latest_backup(project_path: Path) -> Path | None:
    backups = list_backups(project_path)
    return backups[0].path if backups else None


def rotate(project_path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete automatic backups beyond the newest `keep`; manual backups are kept. Returns deleted."""
    automatic = [b for b in list_backups(project_path) if b.kind in ROTATED_KINDS]
    deleted = []
    for old in automatic[keep:]:
        try:
            old.path.unlink()
            deleted.append(old.path)
        except OSError:
            pass
    return deleted


@contextmanager
def _backup_lock(project_path: Path):
    """Yield True if this process may take an automatic backup now (others skip, not wait)."""
    folder = backups_dir(project_path)
    folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield True
        return
    with open(folder / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def take_backup(conn: sqlite3.Connection, project_path: Path, kind: str) -> Path:
    """A new backup of `kind` ('auto', 'manual', 'before-v2', 'before-restore'), then rotation."""
    project_path = Path(project_path)
    target = backups_dir(project_path) / f"{project_path.stem}-{kind}-{_stamp()}.sqlite"
    backup_to(conn, target)
    rotate(project_path)
    return target


def backup_if_due(conn: sqlite3.Connection, project_path: Path, now: datetime | None = None) -> Path | None:
    """Take an automatic backup when the newest one is older than a day (or none exists)."""
    now = now or datetime.now(timezone.utc)
    newest = list_backups(project_path)
    if newest and now - newest[0].taken_at < AUTO_BACKUP_AGE:
        return None
    with _backup_lock(project_path) as mine:
        if not mine:
            return None
        newest = list_backups(project_path)
        if newest and now - newest[0].taken_at < AUTO_BACKUP_AGE:
            return None
        return take_backup(conn, project_path, "auto")


def validate_backup(path: Path, current_version: int) -> int:
    """Check that `path` is a readable, intact Crosscheck project; return its schema version."""
    path = Path(path)
    if not path.is_file():
        raise ProjectError(f"backup {path} does not exist or is not a file")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise ProjectError(f"backup {path} is not an SQLite database; nothing was restored")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"backup {path} cannot be opened ({exc}); nothing was restored") from None
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"backup {path} is corrupt ({exc}); nothing was restored") from None
    finally:
        conn.close()
    if check != [("ok",)]:
        raise ProjectError(f"backup {path} fails its integrity check ({check[0][0]}); nothing was restored")
    if version < 1 or "articles" not in tables:
        raise ProjectError(f"backup {path} is not a Crosscheck project; nothing was restored")
    if version > current_version:
        raise ProjectError(
            f"backup {path} was written by a newer Crosscheck (schema {version}); nothing was restored"
        )
    return version


def restore_backup(source: Path, project_path: Path, current_version: int) -> Path | None:
    """Replace the project's content with the backup at `source`, after validating it.

    The backup is only read. The current project, if it can still be read, is first backed up as
    'before-restore' (returned) so a restore can be undone. When the project is healthy the copy goes
    through the backup API into it, so other processes with it open see the change safely; a
    corrupt project file is moved aside (`<stem>-unreadable-<stamp>.sqlite`, never deleted) and
    replaced by the copy with an atomic rename.
    """
    source, project_path = Path(source), Path(project_path)
    if project_path.exists() and source.resolve() == project_path.resolve():
        raise ProjectError(f"{source} is the project itself; choose a backup file")
    validate_backup(source, current_version)
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        saved = _save_current(project_path)
        if saved is not None:
            dest = sqlite3.connect(str(project_path), timeout=30.0)
            try:
                src.backup(dest)
            finally:
                dest.close()
            return saved
        if project_path.exists():
            aside = backups_dir(project_path) / f"{project_path.stem}-unreadable-{_stamp()}.sqlite"
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(project_path, aside)
        staged = project_path.with_name(project_path.name + ".restoring")
        backup_to(src, staged)
        for suffix in ("-wal", "-shm"):
            Path(str(project_path) + suffix).unlink(missing_ok=True)
        os.replace(staged, project_path)
        return None
    finally:
        src.close()


def _save_current(project_path: Path) -> Path | None:
    """Back up the current project before a restore; None when it is missing or unreadable."""
    if not project_path.exists():
        return None
    try:
        conn = sqlite3.connect(project_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30.0)
        try:
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return None
            return take_backup(conn, project_path, "before-restore")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def backup_project(project_path: Path, output: Path | None = None) -> Path:
    """A manual backup of the project (read-only open): to `output`, or into its backups folder."""
    project_path = Path(project_path)
    if not project_path.is_file():
        raise ProjectError(f"project {project_path} does not exist")
    if output is not None and Path(output).exists() and Path(output).resolve() == project_path.resolve():
        raise ProjectError(f"{output} is the project itself; choose another file")
    try:
        conn = sqlite3.connect(project_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30.0)
        try:
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise ProjectError(f"{project_path} is damaged ({check}); not backed up")
            if output is None:
                return take_backup(conn, project_path, "manual")
            return backup_to(conn, Path(output))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{project_path} cannot be backed up ({exc})") from None
