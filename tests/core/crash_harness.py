"""SIGKILL a process that writes annotations, and check nothing acknowledged was lost.

The writer (this file run as a script) opens a project and adds annotations in a loop, each with a
new claim and two tags (several rows in one transaction), printing "<id> <marker>" only after the
store call returned, i.e. after COMMIT: that line is the acknowledgement. The harness reads a
random number of acknowledgements, then SIGKILLs the writer wherever it is in its next write.
Afterwards every acknowledged annotation must be present with its claim and tags, the file must
pass PRAGMA integrity_check, and the project must open normally. Used by test_crash_safety.py and
bench/bench_reliability.py.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTICLE_TEXT = (
    "North Korea supplied ammunition to Russia by rail, the White House said. "
    "Russia's ambassador denied the claim. The trains carried horses, flour and oil.\n"
)
QUOTES = ("North Korea supplied ammunition", "denied the claim", "horses, flour and oil")


@dataclass
class CrashReport:
    kills: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    open_failures: list[str] = field(default_factory=list)
    incomplete_rows: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.integrity_failures or self.open_failures or self.incomplete_rows)


def make_project(path: Path) -> int:
    from desktop_app.core.models import ArticleDraft
    from desktop_app.core.store import Project

    with Project.open(path) as project:
        article_id, _ = project.add_article(ArticleDraft(text=ARTICLE_TEXT, title="Crash test article"))
    return article_id


def writer(project_path: str, article_id: int, token: str, early: bool = False) -> None:
    """Add annotations forever, acknowledging each after it is committed.

    With `early` (the harness's own sensitivity check) it acknowledges inside the transaction,
    before COMMIT, the mistake the harness exists to catch."""
    from desktop_app.core.annotations import AnnotationDraft
    from desktop_app.core.store import Project

    project = Project.open(project_path)
    number = 0
    while True:
        quote = QUOTES[number % len(QUOTES)]
        start = ARTICLE_TEXT.index(quote)
        marker = f"{token}-{number}"
        draft = AnnotationDraft(article_id, start, start + len(quote), claim=f"claim {marker}", stance="supports",
                                speaker="harness", tags=("crash", f"batch/{token}"), note=marker)
        if early:
            with project.atomic():
                annotation, _ = project.add_annotation(draft)
                sys.stdout.write(f"{annotation.id} {marker}\n")
                sys.stdout.flush()
                time.sleep(0.05)  # the broken writer lingers before COMMIT, as slow disks do
        else:
            annotation, _ = project.add_annotation(draft)
            sys.stdout.write(f"{annotation.id} {marker}\n")
            sys.stdout.flush()
        number += 1


def _check(project_path: Path, acknowledged: dict[int, str], report: CrashReport, token: str) -> None:
    conn = sqlite3.connect(project_path, timeout=30)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            report.integrity_failures.append(f"{token}: {result[:3]}")
        rows = dict(conn.execute(
            "SELECT a.id, a.note FROM annotations a JOIN claims c ON c.id = a.claim_id"
            " WHERE c.text = 'claim ' || a.note"
        ).fetchall())
        for annotation_id, marker in acknowledged.items():
            if rows.get(annotation_id) != marker:
                report.lost.append(f"{annotation_id} {marker}")
        # a half-written transaction would leave an annotation without its tags
        untagged = conn.execute(
            "SELECT id FROM annotations WHERE (SELECT count(*) FROM annotation_tags t WHERE t.annotation_id = annotations.id) != 2"
        ).fetchall()
        report.incomplete_rows.extend(f"{token}: annotation {row[0]} lacks tags" for row in untagged)
    finally:
        conn.close()
    try:
        from desktop_app.core.store import Project

        with Project.open(project_path) as project:
            project.annotations(1)
            project.articles()
    except Exception as exc:  # the report says what failed; the caller asserts
        report.open_failures.append(f"{token}: {exc}")


def run(project_path: Path, kills: int, seed: int = 0, max_acks: int = 25, early: bool = False) -> CrashReport:
    """Start, let it acknowledge 0..max_acks writes, SIGKILL, verify; `kills` times."""
    rng = random.Random(seed)
    if not project_path.exists():
        make_project(project_path)
    report = CrashReport()
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for round_number in range(kills):
        token = f"r{seed}x{round_number}"
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(project_path), "1", token, *(["early"] if early else [])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(REPO),
        )
        acknowledged: dict[int, str] = {}
        wanted = rng.randint(0, max_acks)
        while len(acknowledged) < wanted:
            line = proc.stdout.readline()
            if not line:
                break
            annotation_id, marker = line.split()
            acknowledged[int(annotation_id)] = marker
        time.sleep(rng.uniform(0, 0.01))  # land the kill at a random point of the next write
        os.kill(proc.pid, signal.SIGKILL)
        # anything it printed before dying was acknowledged too
        for line in proc.stdout.read().splitlines():
            annotation_id, marker = line.split()
            acknowledged[int(annotation_id)] = marker
        proc.wait(timeout=30)
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        if proc.returncode != -signal.SIGKILL:
            report.open_failures.append(f"{token}: writer ended with {proc.returncode}: {err.strip()[-300:]}")
        report.kills += 1
        report.acknowledged += len(acknowledged)
        _check(project_path, acknowledged, report, token)
    return report


def _main() -> None:
    if sys.argv[2:] == ["replace"]:
        replace_writer(sys.argv[1])
    else:
        writer(sys.argv[1], int(sys.argv[2]), sys.argv[3], early=sys.argv[4:] == ["early"])


VERSIONS = (
    ARTICLE_TEXT,
    "Update: " + ARTICLE_TEXT.replace("The trains carried", "Officials said the trains carried"),
)


def replace_writer(project_path: str) -> None:
    """Swap the article between two versions forever (re-anchoring each time), acknowledging each swap."""
    from desktop_app.core.reanchor import replace_text
    from desktop_app.core.store import Project

    project = Project.open(project_path)
    while True:
        current = project.article(1).text
        target = VERSIONS[1] if current == VERSIONS[0] else VERSIONS[0]
        replace_text(project, 1, target)
        sys.stdout.write(f"{len(project.article_revisions(1))}\n")
        sys.stdout.flush()


def run_replace(project_path: Path, kills: int, seed: int = 0, max_acks: int = 10) -> CrashReport:
    """SIGKILL a process replacing an article's text (a multi-row re-anchoring transaction)."""
    from desktop_app.core.annotations import AnnotationDraft
    from desktop_app.core.store import Project

    rng = random.Random(seed)
    make_project(project_path)
    with Project.open(project_path) as project:
        for quote in QUOTES:
            start = ARTICLE_TEXT.index(quote)
            project.add_annotation(AnnotationDraft(1, start, start + len(quote), claim=quote, stance="supports"))
    report = CrashReport()
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for round_number in range(kills):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(project_path), "replace"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(REPO))
        acked = 0
        for _ in range(rng.randint(0, max_acks)):
            line = proc.stdout.readline()
            if not line:
                break
            acked = int(line)
        time.sleep(rng.uniform(0, 0.03))  # land the kill at a random point of the next swap
        os.kill(proc.pid, signal.SIGKILL)
        for line in proc.stdout.read().splitlines():
            acked = int(line)
        proc.wait(timeout=30)
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        if proc.returncode != -signal.SIGKILL:
            report.open_failures.append(f"replace {round_number}: writer ended with {proc.returncode}: {err.strip()[-300:]}")
        report.kills += 1
        report.acknowledged += 1 if acked else 0
        conn = sqlite3.connect(project_path, timeout=30)
        try:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                report.integrity_failures.append(f"replace {round_number}")
            text = conn.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
            revisions = conn.execute("SELECT count(*) FROM article_revisions").fetchone()[0]
            annotations = conn.execute('SELECT quote, start, "end" FROM annotations ORDER BY id').fetchall()
        finally:
            conn.close()
        if revisions < acked:
            report.lost.append(f"replace {round_number}: {acked} swaps acknowledged, {revisions} stored")
        if text not in VERSIONS or len(annotations) != len(QUOTES):
            report.incomplete_rows.append(f"replace {round_number}: text or annotations half-replaced")
        elif any(text[start:end] != quote for quote, start, end in annotations):
            report.incomplete_rows.append(f"replace {round_number}: an annotation points off its quote")
    return report


if __name__ == "__main__":
    _main()
