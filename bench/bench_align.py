"""Benchmark of the shared-passage engine, with baselines measured in the same run.

    python bench/bench_align.py [--fnc1 DIR] [--pairs N] [--skip-overview]

1. Accuracy (PAN text-alignment measures) on generated pairs with known alignments — chunks of a
   real article copied in shuffled order, verbatim or with 5 % / 15 % word edits, mixed with
   unrelated paragraphs — for Crosscheck's `align`, diff-match-patch's character diff at its
   defaults, and a word-level diff-match-patch diff.
2. Speed: the 10 seed pairs in-process and as one `crosscheck align seeds/*.txt` process; a 1 MB
   article against a reordered, 3 %-edited copy (time and coverage).
3. Corpus overview of FNC-1 at 250, 500, 1000 and all 2,587 articles: time and peak memory, each
   in a fresh process.

FNC-1 (../shared/data/fnc1 by default) feeds parts 1, 2 (1 MB pair) and 3; without it, part 1
uses the seeds and part 3 is skipped with a message. Targets are from issue 3.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

from align_baselines import dmp_char, dmp_word  # noqa: E402
from align_pan import _edit_words, generate, load_fnc1, pan_scores  # noqa: E402

from desktop_app.core.align import AlignOptions, align  # noqa: E402
from desktop_app.core.repeats import find_repeats  # noqa: E402


def _spans(alignment):
    return [((p.a_start, p.a_end), (p.b_start, p.b_end)) for p in alignment.passages]


def bench_accuracy(articles: list[str], count: int) -> None:
    print(f"\n== Accuracy: PAN measures on {count} generated reordered pairs per edit rate ==")
    print(f"{'edits':>6} {'method':<22} {'prec':>6} {'rec':>6} {'gran':>6} {'plagdet':>8} {'ms/pair':>8}")
    targets = {0.0: 0.95, 0.05: 0.90, 0.15: 0.80}
    for rate in (0.0, 0.05, 0.15):
        pairs = generate(articles, count, rate)
        methods = [
            ("crosscheck align", lambda a, b: _spans(align(a, b))),
            ("dmp word diff", dmp_word),
            ("dmp char diff (1 s)", dmp_char),
        ]
        for name, method in methods:
            results = []
            started = time.perf_counter()
            for a, b, truth in pairs:
                results.append((truth, method(a, b)))
            ms = 1000 * (time.perf_counter() - started) / len(pairs)
            s = pan_scores(results)
            mark = ""
            if name == "crosscheck align":
                mark = f"  target >= {targets[rate]:.2f} {'MET' if s['plagdet'] >= targets[rate] else 'NOT MET'}"
            print(f"{rate:>6.0%} {name:<22} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                  f"{s['granularity']:>6.3f} {s['plagdet']:>8.3f} {ms:>8.1f}{mark}")


def _skip_ranges(text: str):
    try:
        from desktop_app.core.boilerplate import find_ranges
    except ImportError:
        return find_repeats(text)
    return [(r.start, r.end) for r in find_ranges(text)]


def bench_seeds() -> None:
    print("\n== Seeds: all 10 pairs ==")
    files = sorted((REPO / "seeds").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    skips = [_skip_ranges(t) for t in texts]
    pairs = list(itertools.combinations(range(len(texts)), 2))
    times = []
    for _ in range(7):
        started = time.perf_counter()
        for i, j in pairs:
            align(texts[i], texts[j], a_skip=skips[i], b_skip=skips[j])
        times.append(time.perf_counter() - started)
    best = min(times)
    print(f"in-process, {len(pairs)} pairs: best {1000 * best:.1f} ms, median "
          f"{1000 * statistics.median(times):.1f} ms (target < 100 ms: {'MET' if best < 0.1 else 'NOT MET'})")
    dmp_started = time.perf_counter()
    for i, j in pairs[:3]:
        dmp_char(texts[i], texts[j])
    per = (time.perf_counter() - dmp_started) / 3
    print(f"baseline dmp char diff: {1000 * per:.0f} ms a pair -> ~{per * len(pairs):.1f} s for 10 pairs")
    cmd = [sys.executable, "-m", "desktop_app", "align", *map(str, files)]
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        runs.append(time.perf_counter() - started)
        if proc.returncode:
            print("crosscheck align failed:", proc.stderr.strip()[:300])
            return
    print(f"one `crosscheck align seeds/*.txt` process: best {min(runs):.2f} s "
          f"(target < 1.5 s: {'MET' if min(runs) < 1.5 else 'NOT MET'})")


def make_big_pair(articles: list[str], size: int = 1_000_000, rate: float = 0.03, seed: int = 7):
    """A ~1 MB text of distinct articles and a reordered copy with `rate` word edits."""
    rng = random.Random(seed)
    seen, parts, total = set(), [], 0
    pool = list(articles)
    rng.shuffle(pool)
    for text in pool:
        key = hashlib.sha1(text[:300].encode()).hexdigest()
        if key in seen or len(text) < 500:
            continue
        seen.add(key)
        parts.append(text.strip())
        total += len(text)
        if total >= size:
            break
    a = "\n\n".join(parts)[:size]
    paragraphs = [p for p in a.split("\n") if p.strip()]
    vocab = a.split()[:20000]
    edited = []
    for p in paragraphs:
        words = p.split()
        edited.append(" ".join(_edit_words(words, rate, rng, vocab)))
    rng.shuffle(edited)
    return a, "\n\n".join(edited)


def bench_big(articles: list[str]) -> None:
    print("\n== 1 MB article vs a reordered, 3 %-edited copy ==")
    a, b = make_big_pair(articles)
    started = time.perf_counter()
    result = align(a, b)
    elapsed = time.perf_counter() - started
    coverage = result.shared_chars_b / len(b)
    print(f"A {len(a):,} chars, B {len(b):,} chars: {elapsed:.2f} s, {len(result.passages):,} passages, "
          f"covering {coverage:.1%} of the copy, {result.shared_fraction_a:.1%} of A "
          f"(targets < 2 s, >= 90 %: {'MET' if elapsed < 2 and coverage >= 0.9 else 'NOT MET'})")
    started = time.perf_counter()
    words = dmp_word(a, b)
    wt = time.perf_counter() - started
    covered = sum(e - s for _, (s, e) in words)
    print(f"baseline dmp word diff: {wt:.2f} s, covering {covered / len(b):.1%} of the copy")
    rng = random.Random(11)
    words = a.split()
    b_linear = " ".join(_edit_words(words, 0.03, rng, words[:20000]))
    for mode in ("passages", "diff"):
        started = time.perf_counter()
        result = align(a, b_linear, AlignOptions(mode=mode))
        elapsed = time.perf_counter() - started
        edits = sum(len(p.edits) for p in result.passages)
        print(f"same 1 MB vs an in-order 3 %-edited version, mode={mode}: {elapsed:.2f} s, "
              f"{len(result.passages)} passages, {edits:,} edits marked, covering "
              f"{result.shared_chars_b / len(b_linear):.1%}")


def _overview_child(fnc1: Path, count: int) -> None:
    """Run in a fresh process: one uncached overview of the first `count` articles."""
    from desktop_app.core.corpus import CorpusDoc, overview

    rows = load_fnc1(fnc1)[:count]
    docs = [CorpusDoc(i, hashlib.sha256(t.encode()).hexdigest(), t, tuple(find_repeats(t)))
            for i, t in rows]
    started = time.perf_counter()
    result = overview(docs)
    elapsed = time.perf_counter() - started
    print(json.dumps({"n": count, "seconds": elapsed, "candidates": result.candidates,
                      "pairs": len(result.pairs), "peak_rss_mb": result.peak_rss_mb,
                      "chars": sum(len(t) for _, t in rows)}))


def bench_overview(fnc1: Path) -> None:
    print("\n== FNC-1 corpus overview (fresh process each, no cache; repeats found beforehand) ==")
    print(f"{'articles':>8} {'MB':>5} {'candidates':>10} {'pairs':>7} {'seconds':>8} {'s/1k art':>8} {'peak MB':>8}")
    for count in (250, 500, 1000, 2587):
        proc = subprocess.run(
            [sys.executable, __file__, "--fnc1", str(fnc1), "--_overview", str(count)],
            capture_output=True, text=True, cwd=REPO,
        )
        if proc.returncode:
            print(f"{count}: failed: {proc.stderr.strip()[-300:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{r['n']:>8} {r['chars'] / 1e6:>5.1f} {r['candidates']:>10} {r['pairs']:>7} "
              f"{r['seconds']:>8.2f} {1000 * r['seconds'] / r['n']:>8.2f} {r['peak_rss_mb']:>8.0f}")
    print("targets for 2,587 articles: < 10 s (aim 5 s), < 2 GB")
    n_pairs = 2587 * 2586 // 2
    rows = [t for _, t in load_fnc1(fnc1)]
    rng = random.Random(5)
    sample = [tuple(rng.sample(rows, 2)) for _ in range(300)]
    started = time.perf_counter()
    for a, b in sample:
        align(a, b)
    per = (time.perf_counter() - started) / len(sample)
    print(f"baseline, aligning all {n_pairs:,} pairs one by one: {1000 * per:.2f} ms a pair -> "
          f"~{per * n_pairs / 60:.0f} min on one core")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = REPO.parent / "shared" / "data" / "fnc1"
    parser.add_argument("--fnc1", type=Path, default=default if default.exists() else None)
    parser.add_argument("--pairs", type=int, default=25, help="generated pairs per edit rate")
    parser.add_argument("--skip-overview", action="store_true")
    parser.add_argument("--_overview", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._overview:
        _overview_child(args.fnc1, args._overview)
        return 0
    started = time.perf_counter()
    print(f"Crosscheck alignment benchmark; python {sys.version.split()[0]}; "
          f"defaults {AlignOptions()}")
    if args.fnc1 is None or not (args.fnc1 / "train_bodies.csv").exists():
        print("FNC-1 not found (pass --fnc1 DIR): accuracy uses the seeds only; 1 MB pair and "
              "corpus overview skipped")
        articles = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
        articles = [a[: a.find(a[:200], 200)] if a.find(a[:200], 200) > 0 else a for a in articles]
        bench_accuracy(articles, args.pairs)
        bench_seeds()
    else:
        articles = [t for _, t in load_fnc1(args.fnc1)]
        bench_accuracy(articles, args.pairs)
        bench_seeds()
        bench_big(articles)
        if not args.skip_overview:
            bench_overview(args.fnc1)
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
