"""Article revisions: replacing an article's text, keeping the old one, moving its annotations.

A mixin of `Project`. The old text goes into `article_revisions` (schema v2) and the article row,
its ranges and every annotation's placement change in one transaction, so a crash or an error
leaves either the old state or the new one, never a text whose annotations point elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes, Range
from desktop_app.core.store.articles import text_hash
from desktop_app.core.store.connection import timestamp
from desktop_app.core.text_stats import count_words


@dataclass(frozen=True)
class ArticleRevision:
    """An earlier text of an article, with how its annotations fared when it was replaced."""

    id: int
    article_id: int
    number: int
    text: str
    text_hash: str
    source_path: str
    url: str
    replaced_at: str
    placed: int
    orphaned: int


@dataclass(frozen=True)
class AnnotationMove:
    """Where one annotation goes on the new text: (start, end), or None to keep it as orphaned."""

    annotation_id: int
    span: tuple[int, int] | None


class RevisionRepo:
    """Replacing article texts and reading their earlier revisions."""

    def article_revisions(self, article_id: int) -> list[ArticleRevision]:
        rows = self.db.execute(
            "SELECT id, article_id, number, text, text_hash, source_path, url, replaced_at, placed, orphaned"
            " FROM article_revisions WHERE article_id = ? ORDER BY number",
            [article_id],
        ).fetchall()
        return [ArticleRevision(*row) for row in rows]

    def article_for_source(self, url: str = "", source_path: str = "") -> int | None:
        """The article imported from this URL or file (the newest, if several), else None."""
        for column, value in (("url", url), ("source_path", source_path)):
            if value:
                row = self.db.execute(
                    f"SELECT id FROM articles WHERE {column} = ? ORDER BY id DESC LIMIT 1", [value]
                ).fetchone()
                if row:
                    return row[0]
        return None

    def replace_article_text(
        self,
        article_id: int,
        new_text: str,
        moves: Sequence[AnnotationMove],
        ranges: Iterable[Range] = (),
        *,
        source_path: str | None = None,
        url: str | None = None,
    ) -> Changes:
        """Swap in `new_text`, keep the old text as a revision, and apply every annotation move."""
        if not new_text.strip():
            raise UserError("the new text is empty; the article was not changed")
        digest = text_hash(new_text)
        with self.db.atomic():
            row = self.db.execute(
                "SELECT text, text_hash, source_path, url FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if row is None:
                raise UserError(f"no article {article_id} in the project (see `crosscheck list`)")
            old_text, old_hash, old_source, old_url = row
            clash = self.db.execute(
                "SELECT id FROM articles WHERE text_hash = ? AND id != ?", [digest, article_id]
            ).fetchone()
            if clash:
                raise UserError(f"article {clash[0]} already has exactly this text; article {article_id} was not changed")
            number = self.db.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM article_revisions WHERE article_id = ?", [article_id]
            ).fetchone()[0]
            placed = sum(1 for move in moves if move.span is not None)
            self.db.execute(
                "INSERT INTO article_revisions (article_id, number, text, text_hash, source_path, url,"
                " replaced_at, placed, orphaned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, number, old_text, old_hash, old_source, old_url, timestamp(), placed,
                 len(moves) - placed],
            )
            self.db.execute(
                "UPDATE articles SET text = ?, text_hash = ?, words = ?, source_path = ?, url = ? WHERE id = ?",
                [new_text, digest, count_words(new_text),
                 old_source if source_path is None else source_path,
                 old_url if url is None else url, article_id],
            )
            self.set_ranges(article_id, ranges)
            for move in moves:
                if move.span is None:
                    self.set_orphaned(move.annotation_id, True)
                else:
                    self.set_orphaned(move.annotation_id, False, *move.span)
        return Changes(articles=True, annotations=True, article_ids=frozenset({article_id}))
