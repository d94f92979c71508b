"""The claims matrix as CSV: one row per claim, one column per annotated article.

Each cell says how that article treats that claim, in the same words as the claims view's matrix:
stance counts in codebook order with the speakers of each, e.g.
``supports 2: John Kirby, NSC; denies 1: unattributed``. An empty cell means the article does not
carry the claim. The first columns are ``claim_id``, ``claim``, ``annotations`` (the claim's
total) and ``all_articles`` (the cell over every article); article columns are headed
``<article_id>: <title>``. Claims come most-annotated first. Same file conventions as the annotation CSV: UTF-8 with BOM,
``newline=''``, free-text cells neutralised against formula injection.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from desktop_app.core.export_csv import Progress, ShouldCancel, neutralise_cell
from desktop_app.core.interchange_types import ExportCancelled

MATRIX_FIXED_COLUMNS = ("claim_id", "claim", "annotations", "all_articles")
ALL_ARTICLES = 0  # the article id under which every article's annotations are summed
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class MatrixCell:
    """One claim in one article: stance -> count, and stance -> speakers in first-seen order."""

    counts: tuple[tuple[str, int], ...]
    speakers: tuple[tuple[str, tuple[str, ...]], ...]

    def label(self) -> str:
        who = dict(self.speakers)
        return "; ".join(f"{stance} {count}: {', '.join(who.get(stance, ()))}" for stance, count in self.counts)


@dataclass(frozen=True)
class ClaimsMatrix:
    """Claims (id, text, total) × article ids, with a cell per (claim, article) that has one."""

    claims: tuple[tuple[int, str, int], ...]
    article_ids: tuple[int, ...]
    cells: dict[tuple[int, int], MatrixCell]


def build_matrix(annotations: Iterable, stance_order: Iterable[str] = (),
                 should_cancel: ShouldCancel | None = None) -> ClaimsMatrix:
    """Fold annotations (streamed) into the claims × articles matrix."""
    order = {name: i for i, name in enumerate(stance_order)}
    counts: dict[tuple[int, int], Counter] = defaultdict(Counter)
    speakers: dict[tuple[int, int], dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
    claim_text: dict[int, str] = {}
    totals: Counter = Counter()
    articles: set[int] = set()
    for n, a in enumerate(annotations, 1):
        if should_cancel is not None and n % 5000 == 0 and should_cancel():
            raise ExportCancelled("export cancelled")
        for key in ((a.claim_id, a.article_id), (a.claim_id, ALL_ARTICLES)):
            counts[key][a.stance] += 1
            speakers[key][a.stance][a.speaker or UNATTRIBUTED] = None
        claim_text[a.claim_id] = a.claim
        totals[a.claim_id] += 1
        articles.add(a.article_id)
    cells = {}
    for key, counter in counts.items():
        stances = sorted(counter, key=lambda s: (order.get(s, len(order)), s))
        cells[key] = MatrixCell(
            counts=tuple((s, counter[s]) for s in stances),
            speakers=tuple((s, tuple(speakers[key][s])) for s in stances if speakers[key].get(s)),
        )
    claims = tuple(
        (cid, claim_text[cid], totals[cid])
        for cid in sorted(claim_text, key=lambda c: (-totals[c], claim_text[c].casefold(), c))
    )
    return ClaimsMatrix(claims, tuple(sorted(articles)), cells)


def write_matrix(matrix: ClaimsMatrix, titles: dict[int, str], handle: IO[str]) -> int:
    """Write the matrix as CSV to a handle opened with newline=''; returns the number of claims."""
    writer = csv.writer(handle)
    header = list(MATRIX_FIXED_COLUMNS)
    header += [neutralise_cell(f"{aid}: {titles.get(aid, '')}") for aid in matrix.article_ids]
    writer.writerow(header)
    for claim_id, text, total in matrix.claims:
        row: list = [claim_id, neutralise_cell(text), total]
        for aid in (ALL_ARTICLES, *matrix.article_ids):
            cell = matrix.cells.get((claim_id, aid))
            row.append(neutralise_cell(cell.label()) if cell else "")
        writer.writerow(row)
    return len(matrix.claims)


def export_matrix(project, handle: IO[str], *, progress: Progress | None = None,
                  should_cancel: ShouldCancel | None = None) -> int:
    """The project's claims matrix as CSV; returns the number of claims (rows)."""
    stance_order = [s.name for s in sorted(project.stances(), key=lambda s: (s.position, s.id))]
    matrix = build_matrix(project.iter_annotations(), stance_order, should_cancel)
    titles = {a.id: a.title for a in project.articles()}
    count = write_matrix(matrix, titles, handle)
    if progress is not None:
        progress(count, count)
    return count
