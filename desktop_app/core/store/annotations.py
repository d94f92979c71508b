"""Annotation rows: create, edit, delete, read and stream the tagged spans of articles.

A mixin of `Project` (self.db is the sqlite-utils Database). Each write validates first, then runs
in one transaction that also creates the claim and tags it needs, so a refused edit leaves the
project untouched. Claims and tags are looked up through CodebookRepo (store/codebook.py), which
is mixed into the same class.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.core.annotations import (
    Annotation,
    AnnotationDraft,
    default_annotator,
    make_selector,
    normalise_claim,
    normalise_tag,
)
from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes
from desktop_app.core.store.connection import timestamp

TAG_JOIN = "\x1f"  # unit separator: cannot occur in a tag name typed by a user

_SELECT = (
    'SELECT a.id, a.article_id, a.start, a."end", a.quote, a.prefix, a.suffix, a.claim_id, c.text,'
    " a.stance_id, s.name, a.speaker,"
    " (SELECT group_concat(t.name, char(31)) FROM annotation_tags at JOIN tags t ON t.id = at.tag_id"
    "  WHERE at.annotation_id = a.id),"
    " a.note, a.annotator, a.created_at, a.updated_at, a.orphaned"
    " FROM annotations a JOIN claims c ON c.id = a.claim_id JOIN stances s ON s.id = a.stance_id"
)
_ORDER = ' ORDER BY a.article_id, a.start, a.id'


def _row_to_annotation(row) -> Annotation:
    tags = tuple(sorted(row[12].split(TAG_JOIN))) if row[12] else ()
    return Annotation(*row[:12], tags, row[13], row[14], row[15], row[16], bool(row[17]))


class AnnotationRepo:
    """Storing and reading annotations."""

    # --- reading -----------------------------------------------------------------------------
    def annotation(self, annotation_id: int) -> Annotation | None:
        row = self.db.execute(_SELECT + " WHERE a.id = ?", [annotation_id]).fetchone()
        return _row_to_annotation(row) if row else None

    def annotations(self, article_id: int | None = None) -> list[Annotation]:
        """Annotations of one article (or all), ordered by article, start, id."""
        if article_id is None:
            rows = self.db.execute(_SELECT + _ORDER).fetchall()
        else:
            rows = self.db.execute(_SELECT + " WHERE a.article_id = ?" + _ORDER, [article_id]).fetchall()
        return [_row_to_annotation(row) for row in rows]

    def iter_annotations(self, batch: int = 1000) -> Iterator[Annotation]:
        """Every annotation in the order of `annotations()`, read `batch` rows at a time."""
        cursor = self.db.conn.execute(_SELECT + _ORDER)
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            for row in rows:
                yield _row_to_annotation(row)

    def annotation_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM annotations").fetchone()[0]

    def speakers(self) -> list[str]:
        """Every speaker named in an annotation, for completion, in alphabetical order."""
        rows = self.db.execute(
            "SELECT DISTINCT speaker FROM annotations WHERE speaker != '' ORDER BY speaker COLLATE NOCASE"
        ).fetchall()
        return [row[0] for row in rows]

    # --- validation --------------------------------------------------------------------------
    def _article_text(self, article_id: int) -> str:
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise UserError(f"no article {article_id} in the project (see `crosscheck list`)")
        return row[0]

    @staticmethod
    def _check_span(text: str, start: int, end: int) -> None:
        if not (0 <= start < end <= len(text)):
            raise UserError(
                f"span {start}-{end} is not inside the article (0-{len(text)}, start before end)"
            )

    @staticmethod
    def _check_claim(claim: str) -> str:
        claim = normalise_claim(claim)
        if not claim:
            raise UserError("the claim is empty; type the claim this passage expresses")
        return claim

    # --- writing -----------------------------------------------------------------------------
    def add_annotation(self, draft: AnnotationDraft, annotator: str | None = None, *,
                       annotation_id: int | None = None, created_at: str | None = None,
                       updated_at: str | None = None) -> tuple[Annotation, Changes]:
        """Store a new annotation, creating its claim and tags on the fly, in one transaction.

        `annotation_id` and the timestamps let undo and lossless imports restore an exact row.
        """
        text = self._article_text(draft.article_id)
        self._check_span(text, draft.start, draft.end)
        claim = self._check_claim(draft.claim)
        stance_id = self.stance_id_for(draft.stance)
        if annotation_id is not None and self.annotation(annotation_id) is not None:
            raise UserError(f"annotation {annotation_id} already exists")
        selector = make_selector(text, draft.start, draft.end)
        created_at = created_at or timestamp()
        updated_at = updated_at or created_at
        with self.db.atomic():
            claim_id, new_claim = self._claim_id_for(claim)
            tag_ids, new_tags = self._tag_ids_for(draft.tags)
            cursor = self.db.execute(
                'INSERT INTO annotations (id, article_id, start, "end", quote, prefix, suffix, claim_id,'
                " stance_id, speaker, note, annotator, created_at, updated_at, orphaned)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [annotation_id, draft.article_id, selector.start, selector.end, selector.quote,
                 selector.prefix, selector.suffix, claim_id, stance_id, draft.speaker.strip(),
                 draft.note, annotator if annotator is not None else default_annotator(),
                 created_at, updated_at],
            )
            new_id = cursor.lastrowid
            self._link_tags(new_id, tag_ids)
        changes = Changes(annotations=True, claims=new_claim, codebook=new_tags,
                          article_ids=frozenset({draft.article_id}))
        return self.annotation(new_id), changes

    def restore_annotation(self, annotation: Annotation) -> tuple[Annotation, Changes]:
        """Put back a deleted annotation exactly as it was (id, quote, orphaned flag, times),
        even when its span no longer fits the text; used by undo."""
        if self.annotation(annotation.id) is not None:
            raise UserError(f"annotation {annotation.id} already exists")
        self._article_text(annotation.article_id)
        claim = self._check_claim(annotation.claim)
        stance_id = self.stance_id_for(annotation.stance)
        with self.db.atomic():
            claim_id, new_claim = self._claim_id_for(claim)
            tag_ids, new_tags = self._tag_ids_for(annotation.tags)
            self.db.execute(
                'INSERT INTO annotations (id, article_id, start, "end", quote, prefix, suffix, claim_id,'
                " stance_id, speaker, note, annotator, created_at, updated_at, orphaned)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [annotation.id, annotation.article_id, annotation.start, annotation.end, annotation.quote,
                 annotation.prefix, annotation.suffix, claim_id, stance_id, annotation.speaker,
                 annotation.note, annotation.annotator, annotation.created_at, annotation.updated_at,
                 int(annotation.orphaned)],
            )
            self._link_tags(annotation.id, tag_ids)
        changes = Changes(annotations=True, claims=new_claim, codebook=new_tags,
                          article_ids=frozenset({annotation.article_id}))
        return self.annotation(annotation.id), changes

    def _existing(self, annotation_id: int) -> Annotation:
        current = self.annotation(annotation_id)
        if current is None:
            raise UserError(f"no annotation {annotation_id} in the project")
        return current

    def update_annotation(self, annotation_id: int, *, claim: str | None = None,
                          stance: str | None = None, speaker: str | None = None,
                          tags: tuple[str, ...] | None = None, note: str | None = None,
                          start: int | None = None, end: int | None = None) -> tuple[Annotation, Changes]:
        """Change some fields of an annotation (None = keep); a new span re-takes its quote."""
        current = self._existing(annotation_id)
        fields: dict[str, object] = {}
        if claim is not None and self._check_claim(claim) != current.claim:
            fields["claim"] = self._check_claim(claim)
        if stance is not None:
            stance_id = self.stance_id_for(stance)
            if stance_id != current.stance_id:
                fields["stance_id"] = stance_id
        if speaker is not None and speaker.strip() != current.speaker:
            fields["speaker"] = speaker.strip()
        if note is not None and note != current.note:
            fields["note"] = note
        new_tags = None
        if tags is not None:
            wanted = tuple(sorted({normalise_tag(t) for t in tags if normalise_tag(t)}))
            if wanted != current.tags:
                new_tags = wanted
        new_start = current.start if start is None else start
        new_end = current.end if end is None else end
        if (new_start, new_end) != (current.start, current.end):
            text = self._article_text(current.article_id)
            self._check_span(text, new_start, new_end)
            selector = make_selector(text, new_start, new_end)
            fields.update(start=selector.start, end=selector.end, quote=selector.quote,
                          prefix=selector.prefix, suffix=selector.suffix, orphaned=0)
        if not fields and new_tags is None:
            return current, Changes()
        new_claim = created_tags = False
        with self.db.atomic():
            if "claim" in fields:
                fields["claim_id"], new_claim = self._claim_id_for(fields.pop("claim"))
            if new_tags is not None:
                tag_ids, created_tags = self._tag_ids_for(new_tags)
                self.db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
                self._link_tags(annotation_id, tag_ids)
            fields["updated_at"] = timestamp()
            assignments = ", ".join(f'"{name}" = ?' for name in fields)
            self.db.execute(f"UPDATE annotations SET {assignments} WHERE id = ?",
                            [*fields.values(), annotation_id])
        changes = Changes(annotations=True, claims=new_claim, codebook=created_tags,
                          article_ids=frozenset({current.article_id}))
        return self.annotation(annotation_id), changes

    def delete_annotation(self, annotation_id: int) -> tuple[Annotation, Changes]:
        """Remove an annotation (its tag links go with it); returns the deleted row for undo."""
        current = self._existing(annotation_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return current, Changes(annotations=True, article_ids=frozenset({current.article_id}))

    def set_orphaned(self, annotation_id: int, orphaned: bool, start: int | None = None,
                     end: int | None = None) -> tuple[Annotation, Changes]:
        """Mark an annotation as lost (orphaned) or placed again at start/end (re-anchoring).

        Placing takes the quote and context from the current text; an orphan keeps the quote it
        had, so the user can still read what was annotated."""
        current = self._existing(annotation_id)
        fields: dict[str, object] = {"orphaned": int(orphaned)}
        if start is not None or end is not None:
            text = self._article_text(current.article_id)
            new_start = current.start if start is None else start
            new_end = current.end if end is None else end
            if orphaned:
                fields.update(start=new_start, end=new_end)
            else:
                self._check_span(text, new_start, new_end)
                selector = make_selector(text, new_start, new_end)
                fields.update(start=selector.start, end=selector.end, quote=selector.quote,
                              prefix=selector.prefix, suffix=selector.suffix)
        with self.db.atomic():
            assignments = ", ".join(f'"{name}" = ?' for name in fields)
            self.db.execute(f"UPDATE annotations SET {assignments} WHERE id = ?",
                            [*fields.values(), annotation_id])
        return self.annotation(annotation_id), Changes(
            annotations=True, article_ids=frozenset({current.article_id}))

    def _link_tags(self, annotation_id: int, tag_ids: list[int]) -> None:
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
            [(annotation_id, tag_id) for tag_id in tag_ids],
        )
