"""`Project`: one open project file, the only door to its data.

Each concern's queries live in their own mixin module of this package (articles, cache, ...);
this class owns the connection and its lifetime. Use it as a context manager.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.store.annotations import AnnotationRepo
from desktop_app.core.store.articles import ArticleRepo
from desktop_app.core.store.cache import CacheRepo
from desktop_app.core.store.codebook import CodebookRepo
from desktop_app.core.store.connection import backup_to, open_database
from desktop_app.core.store.interchange import InterchangeRepo
from desktop_app.core.store.revisions import RevisionRepo


class Project(ArticleRepo, CacheRepo, InterchangeRepo, AnnotationRepo, CodebookRepo, RevisionRepo):
    """An open project: `Project.open(path)` creates the file if it is missing."""

    def __init__(self, db, path: Path, readonly: bool = False):
        self.db = db
        self.path = Path(path)
        self.readonly = readonly

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, readonly: bool = False) -> "Project":
        path = Path(path)
        return cls(open_database(path, create=create, readonly=readonly), path, readonly)

    def atomic(self):
        """One transaction for a group of changes (nested calls become savepoints)."""
        return self.db.atomic()

    def backup(self, target: Path) -> Path:
        """A consistent copy of the project, taken through SQLite's backup API."""
        return backup_to(self.db.conn, Path(target))

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file (PRAGMA data_version), so the
        app can notice the CLI's writes and reload."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
