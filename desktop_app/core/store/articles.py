"""Article rows: insert (deduplicated by text hash), list, read, search, ranges.

A mixin of `Project`; `self.db` is the project's sqlite-utils Database.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from desktop_app.core.models import (
    AlignmentInput,
    Article,
    ArticleDraft,
    ArticleSummary,
    Range,
)
from desktop_app.core.store.connection import timestamp
from desktop_app.core.text_stats import count_words

_SUMMARY_COLUMNS = "id, title, outlet, author, published, url, words"


def text_hash(text: str) -> str:
    """The identity of an article's text: SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fts_query(query: str) -> str:
    """Turn free text into a safe FTS5 query: every word must appear, as a prefix."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{word}"*' for word in words)


class ArticleRepo:
    """Storing and reading articles."""

    def article_id_for_hash(self, digest: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE text_hash = ?", [digest]).fetchone()
        return row[0] if row else None

    def add_article(self, draft: ArticleDraft) -> tuple[int, bool]:
        """Insert one article; returns (id, created). An identical text is not stored twice."""
        digest = text_hash(draft.text)
        existing = self.article_id_for_hash(digest)
        if existing is not None:
            return existing, False
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO articles (title, outlet, author, published, url, source_path, text,"
                " text_hash, words, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    draft.title,
                    draft.outlet,
                    draft.author,
                    draft.published,
                    draft.url,
                    draft.source_path,
                    draft.text,
                    digest,
                    count_words(draft.text),
                    timestamp(),
                ],
            )
            article_id = cursor.lastrowid
            self.set_ranges(article_id, draft.ranges)
        return article_id, True

    def set_ranges(self, article_id: int, ranges: Iterable[Range]) -> None:
        """Replace the boilerplate/duplicate ranges marked on an article."""
        with self.db.atomic():
            self.db.execute("DELETE FROM ranges WHERE article_id = ?", [article_id])
            self.db.conn.executemany(
                'INSERT INTO ranges (article_id, kind, start, "end", label) VALUES (?, ?, ?, ?, ?)',
                [(article_id, r.kind, r.start, r.end, r.label) for r in ranges],
            )

    def ranges(self, article_id: int) -> tuple[Range, ...]:
        rows = self.db.execute(
            'SELECT kind, start, "end", label FROM ranges WHERE article_id = ? ORDER BY start, "end"',
            [article_id],
        ).fetchall()
        return tuple(Range(kind, start, end, label) for kind, start, end, label in rows)

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def articles(self) -> list[ArticleSummary]:
        """Every article's library row, with its number of annotations."""
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS},"
            " (SELECT count(*) FROM annotations WHERE annotations.article_id = articles.id)"
            " FROM articles ORDER BY id"
        ).fetchall()
        return [ArticleSummary(*row) for row in rows]

    def article(self, article_id: int) -> Article | None:
        row = self.db.execute(
            "SELECT id, title, outlet, author, published, url, source_path, text, text_hash, words,"
            " imported_at FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        return Article(*row, ranges=self.ranges(article_id))

    def search_articles(self, query: str) -> list[int]:
        """Ids of articles whose title or text contains every word of `query` (FTS5, best first)."""
        match = _fts_query(query)
        if not match:
            return self.article_ids()
        rows = self.db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank", [match]
        ).fetchall()
        return [row[0] for row in rows]

    def alignment_inputs(self, ids: Iterable[int] | None = None) -> list[AlignmentInput]:
        """Texts and skip ranges of the given (default: all) articles, for the passage engine."""
        wanted = None if ids is None else set(ids)
        skips: dict[int, list[tuple[int, int]]] = {}
        for article_id, start, end in self.db.execute('SELECT article_id, start, "end" FROM ranges ORDER BY start'):
            skips.setdefault(article_id, []).append((start, end))
        result = []
        for article_id, digest, text in self.db.execute("SELECT id, text_hash, text FROM articles ORDER BY id"):
            if wanted is None or article_id in wanted:
                result.append(AlignmentInput(article_id, digest, text, tuple(skips.get(article_id, ()))))
        return result
