"""The project file's schema as numbered migrations.

`PRAGMA user_version` holds the schema version. Each migration runs inside one transaction together
with the version bump, so a migration that fails halfway leaves the file as it was; connection.py
takes a backup through SQLite's backup API before migrating an existing file. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from desktop_app.core.paths import default_codebook


def _v1_initial(db: Database) -> None:
    """Articles, ranges, codebook, claims, annotations, the alignment cache and full-text search."""
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            source_path TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL UNIQUE,
            words INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE ranges (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('boilerplate', 'duplicate')),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            CHECK (0 <= start AND start <= "end")
        )"""
    )
    db.execute("CREATE INDEX ranges_article ON ranges(article_id)")
    db.execute(
        """
        CREATE TABLE stances (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            colour TEXT NOT NULL DEFAULT '#808080',
            key TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            description TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            parent_id INTEGER REFERENCES tags(id) ON DELETE SET NULL,
            colour TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE RESTRICT,
            stance_id INTEGER NOT NULL REFERENCES stances(id) ON DELETE RESTRICT,
            speaker TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0,
            CHECK (0 <= start AND start <= "end")
        )"""
    )
    db.execute("CREATE INDEX annotations_article ON annotations(article_id)")
    db.execute("CREATE INDEX annotations_claim ON annotations(claim_id)")
    db.execute(
        """
        CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE RESTRICT,
            PRIMARY KEY (annotation_id, tag_id)
        )"""
    )
    db.execute("CREATE INDEX annotation_tags_tag ON annotation_tags(tag_id)")
    db.execute(
        """
        CREATE TABLE cache (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")
    for position, stance in enumerate(default_codebook()["stances"]):
        db["stances"].insert(
            {
                "name": stance["name"],
                "colour": stance["colour"],
                "key": stance["key"],
                "position": position,
                "description": stance.get("description", ""),
            }
        )


def _v2_article_revisions(db: Database) -> None:
    """Earlier texts of articles whose text was replaced (re-import of a changed version, or
    "Replace text..."), so re-anchoring never loses the text an annotation was made on."""
    db.execute(
        """
        CREATE TABLE article_revisions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            source_path TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            replaced_at TEXT NOT NULL,
            placed INTEGER NOT NULL DEFAULT 0,
            orphaned INTEGER NOT NULL DEFAULT 0,
            UNIQUE (article_id, number)
        )"""
    )


def _v3_annotation_ids_never_reused(db: Database) -> None:
    """Annotation ids become AUTOINCREMENT, so a deleted annotation's id is never handed to a new
    one: exports, notes and another process's undo can refer to an id without it changing meaning.

    SQLite cannot alter a primary key, so the table is rebuilt (the documented 12-step way: new
    table, copy, drop, rename). migrate() runs this with foreign-key enforcement off, so dropping
    the old table cannot cascade into annotation_tags, and checks every reference before commit.
    """
    db.execute(
        """
        CREATE TABLE annotations_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE RESTRICT,
            stance_id INTEGER NOT NULL REFERENCES stances(id) ON DELETE RESTRICT,
            speaker TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0,
            CHECK (0 <= start AND start <= "end")
        )"""
    )
    columns = ('id, article_id, start, "end", quote, prefix, suffix, claim_id, stance_id, speaker, note,'
               " annotator, created_at, updated_at, orphaned")
    db.execute(f"INSERT INTO annotations_v3 ({columns}) SELECT {columns} FROM annotations")
    db.execute("DROP TABLE annotations")
    db.execute("ALTER TABLE annotations_v3 RENAME TO annotations")
    db.execute("CREATE INDEX annotations_article ON annotations(article_id)")
    db.execute("CREATE INDEX annotations_claim ON annotations(claim_id)")


def _v4_article_source_indexes(db: Database) -> None:
    """Indexes for finding the article imported from a URL or file: every imported article is
    looked up this way (a changed version replaces its text), and without them importing the
    2,587 FNC-1 bodies scanned the whole table per row (2.5 s -> 7.5 s)."""
    db.execute("CREATE INDEX articles_url ON articles(url)")
    db.execute("CREATE INDEX articles_source_path ON articles(source_path)")


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_initial,
    _v2_article_revisions,
    _v3_annotation_ids_never_reused,
    _v4_article_source_indexes,
]
CURRENT_VERSION = len(MIGRATIONS)
