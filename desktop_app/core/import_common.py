"""The part every annotation importer shares: resolving names to ids, anchoring, one transaction.

An importer (JSON, W3C, spreadsheet CSV) reads its records and hands each one to an
`ImportSession`, which looks up or creates the claim and tags, checks the stance, anchors the quote
in the article text, skips annotations the project already has, and collects the rows. `run_import`
wraps the whole import in one transaction: good rows are written together at the end, a strict
import with any refused row writes nothing, and a cancel or an error leaves the project unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktop_app.core.errors import UserError
from desktop_app.core.interchange_types import ExportCancelled, ImportReport, RefusedRow
from desktop_app.core.models import Changes
from desktop_app.core.store.connection import timestamp
from desktop_app.core.store.interchange import AnnotationRecord

ShouldCancel = Callable[[], bool]
Progress = Callable[[int, int], None]
FLUSH_EVERY = 5000  # rows inserted per batch, so memory does not grow with the import


class ImportSession:
    """Lookups over the target project plus the rows collected so far (inside the transaction)."""

    def __init__(self, project, *, should_cancel: ShouldCancel | None = None,
                 progress: Progress | None = None) -> None:
        from desktop_app.core.annotations import default_annotator

        self.project = project
        self.should_cancel = should_cancel
        self.progress = progress
        self.stances = {s.name.casefold(): s.id for s in project.codebook_stances()}
        self.tags = {t.name: t.id for t in project.codebook_tags()}
        self.claims: dict[str, int] = {}
        self.claim_ids_taken: set[int] = set()
        for claim in project.claim_rows():
            self.claims[claim.text] = claim.id
            self.claim_ids_taken.add(claim.id)
        self.by_hash = project.article_ids_by_hash()
        self.annotation_ids_taken = project.annotation_id_set()
        self.identity = project.annotation_identity_keys()  # Counter: the project may hold twins
        self.annotator = default_annotator()
        self.now = timestamp()
        self.records: list[AnnotationRecord] = []  # collected rows keeping their id, not yet inserted
        self.without_id: list[AnnotationRecord] = []  # inserted last, so they never take a wanted id
        self.inserted = 0
        self.refused: list[RefusedRow] = []
        self.rows = 0
        self.duplicates = 0
        self.articles_created = 0
        self.touched_articles: set[int] = set()
        self._texts: dict[int, str] = {}

    # --- lookups ---------------------------------------------------------------------------
    def text(self, article_id: int) -> str:
        if article_id not in self._texts:
            article = self.project.article(article_id)
            self._texts[article_id] = article.text if article is not None else ""
        return self._texts[article_id]

    def stance_id(self, name: str) -> int | None:
        return self.stances.get(name.strip().casefold())

    def stance_names(self) -> str:
        return ", ".join(s.name for s in self.project.codebook_stances())

    def claim_id(self, text: str, created_at: str = "", wanted_id: int | None = None) -> int:
        """The id of claim `text` (stripped), created if missing, keeping `wanted_id` if free."""
        text = text.strip()
        if text not in self.claims:
            keep = wanted_id if wanted_id is not None and wanted_id not in self.claim_ids_taken else None
            new_id = self.project.insert_claim_row(text, created_at or self.now, keep)
            self.claims[text] = new_id
            self.claim_ids_taken.add(new_id)
        return self.claims[text]

    def tag_id(self, name: str, colour: str = "") -> int:
        """The id of tag path `name` ("evidence/imagery"), created with its missing ancestors."""
        from desktop_app.core.annotations import normalise_tag, tag_ancestors

        name = normalise_tag(name)
        if name not in self.tags:
            parent = None
            for level in tag_ancestors(name):
                if level not in self.tags:
                    self.tags[level] = self.project.insert_codebook_tag(
                        level, parent, colour if level == name else "")
                parent = self.tags[level]
        return self.tags[name]

    def anchor(self, article_id: int, quote: str, prefix: str = "", suffix: str = "",
               start: int | None = None, end: int | None = None) -> tuple[int, int] | None:
        """Where `quote` is in the article: the given offsets if they still hold, else located."""
        from desktop_app.core.annotations import locate_quote

        text = self.text(article_id)
        if not quote:
            return None
        if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote:
            return start, end
        return locate_quote(text, quote, prefix, suffix, hint=start)

    # --- collecting ------------------------------------------------------------------------
    def tick(self) -> None:
        """Count one input record; report progress and honour Cancel every few hundred."""
        self.rows += 1
        if self.rows % 500 == 0:
            if self.should_cancel is not None and self.should_cancel():
                raise ExportCancelled(f"import cancelled after {self.rows} records; nothing was imported")
            if self.progress is not None:
                self.progress(self.rows, 0)

    def refuse(self, line: int, reason: str, unit: str = "line") -> None:
        self.refused.append(RefusedRow(line, reason, unit))

    def add(self, *, article_id: int, start: int, end: int, claim: str, stance_id: int,
            speaker: str = "", tags: Iterable[str] = (), note: str = "", annotator: str = "",
            created_at: str = "", updated_at: str = "", orphaned: bool = False,
            wanted_id: int | None = None, quote: str | None = None, prefix: str | None = None,
            suffix: str | None = None, claim_created_at: str = "") -> bool:
        """Collect one annotation; False if the project already has it (same span, claim, stance, speaker)."""
        from desktop_app.core.annotations import make_selector, normalise_tag

        claim_id = self.claim_id(claim, claim_created_at)
        speaker = speaker.strip()
        key = (article_id, start, end, claim_id, stance_id, speaker)
        if self.identity[key] > 0:  # each annotation already there absorbs one identical incoming row
            self.identity[key] -= 1
            self.duplicates += 1
            return False
        if quote is None:
            selector = make_selector(self.text(article_id), start, end)
            quote, prefix, suffix = selector.quote, selector.prefix, selector.suffix
        keep = wanted_id if wanted_id is not None and wanted_id not in self.annotation_ids_taken else None
        if keep is not None:
            self.annotation_ids_taken.add(keep)
        names = sorted({normalise_tag(t) for t in tags if normalise_tag(t)})
        (self.records if keep is not None else self.without_id).append(AnnotationRecord(
            id=keep, article_id=article_id, start=start, end=end, quote=quote, prefix=prefix or "",
            suffix=suffix or "", claim_id=claim_id, stance_id=stance_id, speaker=speaker, note=note,
            annotator=annotator or self.annotator, created_at=created_at or self.now,
            updated_at=updated_at or created_at or self.now, orphaned=orphaned,
            tag_ids=tuple(self.tag_id(name) for name in names),
        ))
        self.touched_articles.add(article_id)
        if len(self.records) >= FLUSH_EVERY:
            self.flush()
        return True

    def flush(self, final: bool = False) -> None:
        """Insert the collected rows (inside the import's transaction) and forget them; rows that
        get a new id wait for the final flush, when no later row can ask for that id."""
        self.inserted += self.project.bulk_insert_annotations(self.records)
        self.records = []
        if final:
            self.inserted += self.project.bulk_insert_annotations(self.without_id)
            self.without_id = []


class _Rollback(Exception):
    """Raised inside the transaction to undo a strict import that refused rows."""


def run_import(project, fmt: str, fill: Callable[[ImportSession], None], *, strict: bool = False,
               progress: Progress | None = None, should_cancel: ShouldCancel | None = None) -> ImportReport:
    """Run `fill(session)` and write the collected rows in one transaction (none if strict and refused)."""
    if getattr(project, "readonly", False):
        raise UserError("the project is open read-only; nothing can be imported")
    session: ImportSession | None = None
    committed = True
    try:
        with project.atomic():
            session = ImportSession(project, should_cancel=should_cancel, progress=progress)
            fill(session)
            if strict and session.refused:
                raise _Rollback()
            session.flush(final=True)
    except _Rollback:
        committed = False
    assert session is not None
    imported = session.inserted if committed else 0
    changes = Changes(
        articles=committed and session.articles_created > 0,
        annotations=imported > 0, claims=imported > 0, codebook=committed,
        article_ids=frozenset(session.touched_articles) if committed else frozenset(),
    )
    return ImportReport(
        format=fmt, rows=session.rows, imported=imported, duplicates=session.duplicates,
        refused=tuple(session.refused), articles_created=session.articles_created if committed else 0,
        committed=committed, changes=changes,
    )
