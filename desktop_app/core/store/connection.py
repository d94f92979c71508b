"""Opening a project file safely: checks, settings, migrations and backups.

A project is one SQLite file. Before anything is written we check that the file is a SQLite
database, that it is a Crosscheck project (or empty), that it passes a quick integrity check, and
that its schema is not newer than this program; a file that fails any check is left byte-for-byte
untouched and the user gets one line saying why, naming the latest backup. Settings follow
DESIGN.md: WAL, synchronous=FULL, foreign keys, a busy timeout, write transactions that take the
write lock up front (so concurrent CLI writers wait rather than fail), autocommit outside them.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from desktop_app.core.errors import ProjectError
from desktop_app.core.store.backups import backup_if_due, backup_to, backups_dir, latest_backup, take_backup
from desktop_app.core.store.schema import CURRENT_VERSION, MIGRATIONS

BUSY_TIMEOUT_SECONDS = 30.0
SQLITE_HEADER = b"SQLite format 3\x00"
# Files up to this size get a PRAGMA quick_check on open, so damage is reported at once with the
# latest backup named, not halfway through a command.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024

__all__ = ["backups_dir", "backup_to", "timestamp", "connect", "open_database", "migrate", "corrupt_message"]


class ImmediateConnection(sqlite3.Connection):
    """A connection whose write transactions start with BEGIN IMMEDIATE.

    sqlite-utils opens every transaction with a plain (deferred) BEGIN. Under WAL, a deferred
    transaction that reads and then writes fails at once with "database is locked" when another
    process committed meanwhile (the busy timeout cannot help: its snapshot is stale). Taking the
    write lock at BEGIN makes concurrent writers queue on the busy timeout instead.
    """

    def execute(self, sql, *args):
        if sql.strip().rstrip(";").upper() == "BEGIN":
            sql = "BEGIN IMMEDIATE"
        return super().execute(sql, *args)


def timestamp() -> str:
    """Now, as ISO 8601 in UTC (what every *_at column holds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def corrupt_message(path: Path, detail: str) -> str:
    """One line naming the damaged file and the newest backup to restore from."""
    detail = " ".join(detail.replace("*** in database main ***", "").split())
    latest = latest_backup(path)
    if latest is None:
        hint = "no backup of it exists"
    else:
        hint = f"latest backup: {latest} (restore with: crosscheck restore --project {path} --from {latest})"
    return f"{path} is corrupt or not a project ({detail}); it was left untouched; {hint}"


def _check_header(path: Path) -> None:
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        if latest_backup(path) is not None:
            raise ProjectError(corrupt_message(path, "no SQLite header"))
        raise ProjectError(f"{path} is not a Crosscheck project (not an SQLite database); it was left untouched")


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the raw connection with the busy timeout; read-only opens never create or write.

    Autocommit mode (isolation_level=None): a statement outside `atomic()` commits at once instead
    of opening a hidden transaction that a crash would lose.
    """
    try:
        if readonly:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False,
                                   isolation_level=None)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False,
                                   isolation_level=None, factory=ImmediateConnection)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open project {path}: {exc}") from None
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return conn


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """Return the schema version, refusing files that are not ours, too new, or damaged.

    The version and the table list are read in one read transaction: read apart, another process
    could finish migrating in between and a new project would look like a foreign database.
    """
    try:
        conn.execute("BEGIN DEFERRED")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if path.exists() and 0 < path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
                check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if check != "ok":
                    raise ProjectError(corrupt_message(path, check))
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
            raise ProjectError(busy_message(path)) from None
        raise ProjectError(corrupt_message(path, str(exc))) from None
    if version == 0 and tables:
        raise ProjectError(f"{path} is an SQLite database but not a Crosscheck project; it was left untouched")
    if version > CURRENT_VERSION:
        raise ProjectError(
            f"{path} was written by a newer Crosscheck (schema {version}, this version reads up to "
            f"{CURRENT_VERSION}); please upgrade Crosscheck"
        )
    if version > 0 and "articles" not in tables:
        raise ProjectError(corrupt_message(path, "its articles table is missing"))
    return version


def _enable_wal(db: Database) -> None:
    """Switch to WAL, retrying while other openers hold the file.

    Changing the journal mode needs the file to itself, and SQLite answers "database is locked"
    at once (without the busy handler) when several processes open a new project together, so
    we wait and retry here up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    delay = 0.005
    while True:
        try:
            if db.journal_mode != "wal":
                db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def busy_message(path: Path) -> str:
    """One line for a project another program keeps locked past the busy timeout."""
    return (f"{path} is in use: another program kept it locked for over {BUSY_TIMEOUT_SECONDS:.0f} s; "
            "nothing was changed, try again")


def migrate(db: Database, path: Path, version: int) -> None:
    """Bring the schema up to date in ONE transaction, after a backup of an existing project.

    The write lock is taken first and the version re-read under it, so two processes opening a
    new or old project at once do not both migrate. Any failure rolls every step back: the file
    keeps its old schema and data, and the user is told which backup was taken.
    """
    if version >= CURRENT_VERSION:
        return
    backup = None
    if version > 0:
        backup = take_backup(db.conn, path, f"before-v{CURRENT_VERSION}")
    # Table rebuilds (migration 3) must not cascade: enforcement is off while migrating (it can only
    # change outside a transaction) and every reference is checked before the commit instead.
    db.conn.execute("PRAGMA foreign_keys = OFF")
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        version = db.conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version + 1, CURRENT_VERSION + 1):
            MIGRATIONS[number - 1](db)
            db.conn.execute(f"PRAGMA user_version = {number}")
        broken = db.conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise ProjectError(f"a reference from table {broken[0]} row {broken[1]} to {broken[2]} is broken")
        db.conn.execute("COMMIT")
    except BaseException as exc:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        if isinstance(exc, Exception):
            kept = f"; backup taken before it: {backup}" if backup else ""
            raise ProjectError(
                f"upgrading {path} to schema {CURRENT_VERSION} failed ({exc}); the project was left as it"
                f" was{kept}"
            ) from exc
        raise
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")


def open_database(path: Path, *, create: bool = True, readonly: bool = False) -> Database:
    """Open (and if needed create and migrate) the project at `path` as a sqlite-utils Database.

    A writable open of an existing project also takes the daily automatic backup (backups.py).
    """
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
        db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            migrate(db, path, version)
            _enable_wal(db)
            db.execute("PRAGMA synchronous = FULL")
            if existed and version > 0:
                backup_if_due(conn, path)
        return db
    except ProjectError:
        conn.close()
        _remove_if_still_empty(path, existed)
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        _remove_if_still_empty(path, existed)
        if isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
            raise ProjectError(busy_message(path)) from None
        raise ProjectError(corrupt_message(path, str(exc))) from None


def _remove_if_still_empty(path: Path, existed: bool) -> None:
    """Undo our own creation of a new file, but never delete what another opener has written."""
    try:
        if not existed and path.exists() and path.stat().st_size == 0:
            path.unlink()
    except OSError:
        pass
