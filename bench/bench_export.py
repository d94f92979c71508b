"""Export and import of 100,000 annotations (targets: CSV export ≤ 3 s, JSON import ≤ 10 s; memory flat).

A synthetic project: the five seed articles carrying N annotations (random spans, 2,000 claims,
50 speakers, 30 tags, notes that start with '=' or '-' now and then), inserted in bulk. Measured:
  - CSV export of every annotation, beside a baseline from the same run: a plain csv.writer dump of
    the same rows already in memory (no reading, no neutralising), and the bare cost of streaming
    the annotations out of the store;
  - JSON export, W3C export, the claims matrix;
  - JSON import of that export into a new project, beside a baseline: one executemany of the same
    rows into a bare SQLite table;
  - peak Python memory (tracemalloc) of CSV and JSON export at N/10 and N annotations: flat means
    the peak does not grow with N; and of JSON import, which holds the file's bytes but decodes our
    export one line at a time.
Usage: python bench/bench_export.py [--annotations N]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import verdict

from desktop_app.core.articles import import_paths
from desktop_app.core.export_csv import annotation_rows
from desktop_app.core.interchange import export_to_path, import_file
from desktop_app.core.paths import seed_files
from desktop_app.core.store import Project
from desktop_app.core.store.interchange import AnnotationRecord

CSV_TARGET = 3.0
JSON_IMPORT_TARGET = 10.0


def build_project(path: Path, count: int, seed: int = 7) -> Project:
    """A project with the seeds and `count` random annotations, inserted in one transaction."""
    rng = random.Random(seed)
    project = Project.open(path)
    import_paths(project, seed_files())
    texts = {aid: project.article(aid).text for aid in project.article_ids()}
    stances = [s.id for s in project.codebook_stances()]
    with project.atomic():
        claims = [project.insert_claim_row(f"Claim {n}: rail freight {rng.random():.6f}", "2026-01-01T00:00:00Z")
                  for n in range(2000)]
        tags = [project.insert_codebook_tag(f"topic/{n}", None, "") for n in range(30)]
        records = []
        for n in range(count):
            aid = rng.choice(list(texts))
            text = texts[aid]
            start = rng.randrange(0, len(text) - 200)
            end = start + rng.randrange(10, 200)
            note = rng.choice(["", "", "checked against the NSC briefing", "=SUM(A1:A3)", "-1 source only"])
            records.append(AnnotationRecord(
                id=None, article_id=aid, start=start, end=end, quote=text[start:end],
                prefix=text[max(0, start - 32):start], suffix=text[end:end + 32],
                claim_id=rng.choice(claims), stance_id=rng.choice(stances),
                speaker=f"Speaker {rng.randrange(50)}", note=note, annotator="bench",
                created_at="2026-01-01T00:00:00Z", updated_at="2026-01-01T00:00:00Z", orphaned=False,
                tag_ids=tuple(rng.sample(tags, rng.randrange(3))),
            ))
        project.bulk_insert_annotations(records)
    return project


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def baseline_csv(project: Project) -> tuple[float, float]:
    """(seconds to stream the annotations out, seconds for csv.writer over the same rows in memory)."""
    articles = {a.id: a for a in project.articles()}
    stream_s, rows = timed(lambda: list(annotation_rows(project.iter_annotations(), articles)))
    out = io.StringIO()
    write_s, _ = timed(lambda: csv.writer(out).writerows(rows))
    return stream_s, write_s


def baseline_insert(path: Path, json_path: Path) -> float:
    data = json.loads(json_path.read_text(encoding="utf-8"))
    rows = [(a["article"], a["selector"]["start"], a["selector"]["end"], a["selector"]["quote"], a["claim"],
             a["stance"], a["speaker"], a["note"]) for a in data["annotations"]]
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE a (article, start, \"end\", quote, claim, stance, speaker, note)")
    seconds, _ = timed(lambda: (conn.executemany("INSERT INTO a VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows), conn.commit()))
    conn.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--annotations", type=int, default=100_000)
    args, _others = parser.parse_known_args()  # `python -m bench -- --fnc1 X` passes other scripts' options too
    n = args.annotations
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_s, project = timed(lambda: build_project(folder / "big.sqlite", n))
        small = build_project(folder / "small.sqlite", n // 10)
        print(f"built a project with {project.annotation_count():,} annotations in {build_s:.1f} s")

        stream_s, write_s = baseline_csv(project)
        csv_s, report = timed(lambda: export_to_path(project, "csv", folder / "out.csv"))
        print(f"CSV export ({report.rows:,} rows):    {csv_s:6.2f} s   target ≤ {CSV_TARGET:.0f} s: "
              f"{verdict(csv_s, CSV_TARGET)}")
        print(f"  baseline: stream annotations out of the store {stream_s:.2f} s; "
              f"plain csv.writer of the same rows in memory {write_s:.2f} s")
        for fmt, name in (("json", "out.json"), ("w3c", "out.jsonld"), ("matrix", "matrix.csv")):
            seconds, rep = timed(lambda: export_to_path(project, fmt, folder / name))
            size = (folder / name).stat().st_size / 1e6
            print(f"{fmt.upper():6} export ({rep.rows:,}):      {seconds:6.2f} s   ({size:.1f} MB)")

        target = Project.open(folder / "imported.sqlite")
        import_s, rep = timed(lambda: import_file(target, folder / "out.json"))
        print(f"JSON import ({rep.imported:,} annotations): {import_s:6.2f} s   target ≤ "
              f"{JSON_IMPORT_TARGET:.0f} s: {verdict(import_s, JSON_IMPORT_TARGET)}")
        print(f"  baseline: one executemany of the same rows into a bare table "
              f"{baseline_insert(folder / 'bare.sqlite', folder / 'out.json'):.2f} s")
        seeds_only = Project.open(folder / "w3c.sqlite")
        import_paths(seeds_only, seed_files())
        w3c_s, rep = timed(lambda: import_file(seeds_only, folder / "out.jsonld"))
        print(f"W3C import into a seeds-only project: {w3c_s:6.2f} s ({rep.imported:,} of {rep.rows:,} "
              f"imported, {rep.duplicates:,} duplicates, {len(rep.refused)} refused)")
        seeds_only.close()

        for fmt in ("csv", "json"):
            low = peak_mb(lambda: export_to_path(small, fmt, folder / f"small.{fmt}"))
            high = peak_mb(lambda: export_to_path(project, fmt, folder / f"big.{fmt}"))
            print(f"peak Python memory, {fmt.upper()} export: {n // 10:,} annotations {low:.1f} MB, "
                  f"{n:,} annotations {high:.1f} MB ({'flat' if high < 2 * low + 1 else 'GROWS'})")
        low = peak_mb(lambda: import_file(Project.open(folder / "m1.sqlite"), folder / "small.json"))
        high = peak_mb(lambda: import_file(Project.open(folder / "m2.sqlite"), folder / "big.json"))
        print(f"peak Python memory, JSON import: {n // 10:,} annotations {low:.1f} MB, {n:,} annotations "
              f"{high:.1f} MB (the file's bytes are held, {(folder / 'big.json').stat().st_size / 1e6:.0f} MB; "
              f"lines are decoded one at a time and rows inserted 5,000 at a time)")
        project.close()
        small.close()
        target.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
