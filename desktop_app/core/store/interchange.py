"""Store queries for bulk import and export (JSON, W3C, spreadsheet CSV).

A mixin of `Project`. The annotation API (store/annotations.py) handles one edit at a time and
recomputes quotes from the text; a lossless import instead restores thousands of rows exactly as
exported (ids, quotes of orphaned annotations, timestamps) in one transaction, which needs these
set-based lookups and an `executemany` insert. Callers wrap a whole import in `project.atomic()`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class AnnotationRecord:
    """One annotation row ready for insertion: every reference already resolved to an id."""

    id: int | None
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    claim_id: int
    stance_id: int
    speaker: str
    note: str
    annotator: str
    created_at: str
    updated_at: str
    orphaned: bool
    tag_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StanceRow:
    id: int
    name: str
    colour: str
    key: str
    position: int
    description: str


@dataclass(frozen=True)
class TagRow:
    id: int
    name: str
    parent_id: int | None
    colour: str


@dataclass(frozen=True)
class ClaimRow:
    id: int
    text: str
    created_at: str


class InterchangeRepo:
    """Bulk lookups and inserts used by desktop_app.core.interchange."""

    # --- reading -----------------------------------------------------------------------------
    def article_ids_by_hash(self) -> dict[str, int]:
        return {digest: aid for aid, digest in self.db.execute("SELECT id, text_hash FROM articles")}

    def article_ids_by_url(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for aid, url in self.db.execute("SELECT id, url FROM articles WHERE url != '' ORDER BY id"):
            found.setdefault(url, []).append(aid)
        return found

    def article_ids_by_title(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for aid, title in self.db.execute("SELECT id, title FROM articles ORDER BY id"):
            found.setdefault(title.strip().casefold(), []).append(aid)
        return found

    def codebook_stances(self) -> list[StanceRow]:
        rows = self.db.execute(
            "SELECT id, name, colour, key, position, description FROM stances ORDER BY position, id"
        ).fetchall()
        return [StanceRow(*row) for row in rows]

    def codebook_tags(self) -> list[TagRow]:
        rows = self.db.execute("SELECT id, name, parent_id, colour FROM tags ORDER BY id").fetchall()
        return [TagRow(*row) for row in rows]

    def claim_rows(self) -> list[ClaimRow]:
        rows = self.db.execute("SELECT id, text, created_at FROM claims ORDER BY id").fetchall()
        return [ClaimRow(*row) for row in rows]

    def annotation_id_set(self) -> set[int]:
        return {row[0] for row in self.db.execute("SELECT id FROM annotations")}

    def annotation_identity_keys(self) -> Counter:
        """How many annotations share each (article_id, start, end, claim_id, stance_id, speaker)."""
        return Counter(self.db.execute(
            'SELECT article_id, start, "end", claim_id, stance_id, speaker FROM annotations'
        ).fetchall())

    def annotation_tag_names(self) -> Iterator[tuple[int, str]]:
        """(annotation_id, tag name) pairs ordered by annotation then tag name."""
        yield from self.db.execute(
            "SELECT at.annotation_id, t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id"
            " ORDER BY at.annotation_id, t.name"
        )

    # --- writing (inside the caller's transaction) -------------------------------------------
    def insert_codebook_stance(self, name: str, colour: str, key: str, position: int,
                               description: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO stances (name, colour, key, position, description) VALUES (?, ?, ?, ?, ?)",
            [name, colour or "#808080", key, position, description],
        )
        return cursor.lastrowid

    def update_codebook_stance(self, stance_id: int, colour: str, key: str, position: int,
                               description: str) -> None:
        self.db.execute(
            "UPDATE stances SET colour = ?, key = ?, position = ?, description = ? WHERE id = ?",
            [colour or "#808080", key, position, description, stance_id],
        )

    def delete_unused_stance(self, stance_id: int) -> bool:
        """Drop a stance no annotation uses; False (and nothing done) if one does."""
        used = self.db.execute("SELECT 1 FROM annotations WHERE stance_id = ? LIMIT 1", [stance_id]).fetchone()
        if used:
            return False
        self.db.execute("DELETE FROM stances WHERE id = ?", [stance_id])
        return True

    def set_tag_parent(self, tag_id: int, parent_id: int | None) -> None:
        self.db.execute("UPDATE tags SET parent_id = ? WHERE id = ?", [parent_id, tag_id])

    def insert_codebook_tag(self, name: str, parent_id: int | None, colour: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO tags (name, parent_id, colour) VALUES (?, ?, ?)", [name, parent_id, colour]
        )
        return cursor.lastrowid

    def insert_claim_row(self, text: str, created_at: str, claim_id: int | None = None) -> int:
        cursor = self.db.execute(
            "INSERT INTO claims (id, text, created_at) VALUES (?, ?, ?)", [claim_id, text, created_at]
        )
        return cursor.lastrowid

    def bulk_insert_annotations(self, records: Iterable[AnnotationRecord]) -> int:
        """Insert annotations and their tag links with executemany; returns how many were inserted.

        Rows that keep their exported id go first so a row without one never takes an id a later
        row asks for.
        """
        records = list(records)
        records.sort(key=lambda r: r.id is None)
        conn = self.db.conn
        insert = (
            'INSERT INTO annotations (id, article_id, start, "end", quote, prefix, suffix, claim_id,'
            " stance_id, speaker, note, annotator, created_at, updated_at, orphaned)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        with_id = [r for r in records if r.id is not None]
        conn.executemany(insert, [_values(r) for r in with_id])
        links = [(r.id, tag_id) for r in with_id for tag_id in r.tag_ids]
        for record in records[len(with_id):]:
            cursor = conn.execute(insert, _values(record))
            links.extend((cursor.lastrowid, tag_id) for tag_id in record.tag_ids)
        conn.executemany("INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", links)
        return len(records)


def _values(r: AnnotationRecord) -> tuple:
    return (r.id, r.article_id, r.start, r.end, r.quote, r.prefix, r.suffix, r.claim_id, r.stance_id,
            r.speaker, r.note, r.annotator, r.created_at, r.updated_at, int(r.orphaned))
