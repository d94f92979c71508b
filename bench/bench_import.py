"""Import of the 2,587 FNC-1 bodies (target: 30 s or less on the 2-core machine).

Baseline, measured in the same run: the least any importer must do — read the CSVs with the csv
module and insert the raw rows with one executemany into a bare SQLite table. The gap is what
decoding checks, boilerplate/duplicate marking, titles, hashing and full-text indexing cost.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
from pathlib import Path

from common import fnc1_argument, fnc1_files, peak_rss_mb, timed, verdict

from desktop_app.core.articles import import_paths
from desktop_app.core.store import Project

TARGET_SECONDS = 30.0


def baseline(files: list[Path], folder: Path) -> int:
    csv.field_size_limit(sys.maxsize)
    conn = sqlite3.connect(folder / "baseline.sqlite")
    conn.execute("CREATE TABLE bodies (id TEXT, body TEXT)")
    rows = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [(r["Body ID"], r["articleBody"]) for r in csv.DictReader(handle)]
    conn.executemany("INSERT INTO bodies VALUES (?, ?)", rows)
    conn.commit()
    conn.close()
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    fnc1_argument(parser)
    args = parser.parse_args()
    files = fnc1_files(args.fnc1)
    if not files:
        return 0
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with timed(times, "baseline"):
            rows = baseline(files, folder)
        with timed(times, "crosscheck"):
            with Project.open(folder / "fnc1.sqlite") as project:
                report = import_paths(project, files)
                stored = project.article_count()
                marked = project.db.execute("SELECT count(DISTINCT article_id) FROM ranges").fetchone()[0]
    print(f"rows read: {rows}; articles stored: {stored} (already present: {len(report.existing)}; "
          f"refused: {len(report.refused)}); articles with marked ranges: {marked}")
    print(f"baseline (csv + executemany of raw rows): {times['baseline']:6.2f} s")
    print(f"crosscheck import (checks, ranges, titles, FTS): {times['crosscheck']:6.2f} s "
          f"(target <= {TARGET_SECONDS:.0f} s: {verdict(times['crosscheck'], TARGET_SECONDS)})")
    print(f"peak memory: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
