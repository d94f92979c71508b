"""Opening a project file safely: checks, settings, migrations and backups.

A project is one SQLite file. Before anything is written we check that the file is a SQLite
database, that it is a Crosscheck project (or empty), and that its schema is not newer than this
program; a file that fails any check is left byte-for-byte untouched and the user gets one line
saying why. Settings follow DESIGN.md: WAL, foreign keys, a busy timeout, one writer connection.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from desktop_app.core.errors import ProjectError
from desktop_app.core.store.schema import CURRENT_VERSION, MIGRATIONS

BUSY_TIMEOUT_SECONDS = 30.0
SQLITE_HEADER = b"SQLite format 3\x00"


def backups_dir(project_path: Path) -> Path:
    """Backups of a project live beside it, in '<name>.backups/'."""
    return project_path.with_name(project_path.name + ".backups")


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the whole database to `target` through SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    tmp.replace(target)
    return target


def timestamp() -> str:
    """Now, as ISO 8601 in UTC (what every *_at column holds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _check_header(path: Path) -> None:
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise ProjectError(f"{path} is not a Crosscheck project (not an SQLite database); it was left untouched")


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the raw connection with the busy timeout; read-only opens never create or write."""
    try:
        if readonly:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open project {path}: {exc}") from None
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return conn


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """Return the schema version, refusing files that are not ours or are too new."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path} is corrupt or not a project ({exc}); it was left untouched") from None
    if version == 0 and tables:
        raise ProjectError(f"{path} is an SQLite database but not a Crosscheck project; it was left untouched")
    if version > CURRENT_VERSION:
        raise ProjectError(
            f"{path} was written by a newer Crosscheck (schema {version}, this version reads up to "
            f"{CURRENT_VERSION}); please upgrade Crosscheck"
        )
    if version > 0 and "articles" not in tables:
        raise ProjectError(f"{path} is damaged: its articles table is missing; it was left untouched")
    return version


def migrate(db: Database, path: Path, version: int) -> None:
    """Run each pending migration in its own transaction, after a backup of an existing project."""
    if version >= CURRENT_VERSION:
        return
    if version > 0:
        stamp = timestamp().replace(":", "")
        backup_to(db.conn, backups_dir(path) / f"{path.stem}-before-v{CURRENT_VERSION}-{stamp}.sqlite")
    for number in range(version + 1, CURRENT_VERSION + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")


def open_database(path: Path, *, create: bool = True, readonly: bool = False) -> Database:
    """Open (and if needed create and migrate) the project at `path` as a sqlite-utils Database."""
    path = Path(path)
    existed = path.exists()
    if not existed:
        if not create or readonly:
            raise ProjectError(f"project {path} does not exist")
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
    else:
        _check_header(path)
    conn = connect(path, readonly=readonly)
    try:
        version = _inspect(conn, path)
        if readonly and version < CURRENT_VERSION:
            raise ProjectError(f"{path} needs upgrading and cannot be upgraded read-only")
        db = Database(conn)
        if not readonly:
            db.execute("PRAGMA foreign_keys = ON")
            if db.journal_mode != "wal":
                db.enable_wal()
            migrate(db, path, version)
        else:
            db.execute("PRAGMA foreign_keys = ON")
        return db
    except ProjectError:
        conn.close()
        if not existed and path.exists():
            path.unlink()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"{path} is corrupt or not a project ({exc}); it was left untouched") from None
