"""Helpers shared by the benchmarks: where the FNC-1 corpus is, timing, peak memory, reporting."""

from __future__ import annotations

import argparse
import resource
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FNC1 = REPO.parent / "shared" / "data" / "fnc1"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def fnc1_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fnc1", type=Path, default=DEFAULT_FNC1, help="folder with the FNC-1 CSV files")


def fnc1_files(folder: Path) -> list[Path]:
    """The two FNC-1 body files, or [] (with a message) when the corpus is not there."""
    files = [folder / "train_bodies.csv", folder / "competition_test_bodies.csv"]
    if not all(f.exists() for f in files):
        print(f"FNC-1 corpus not found in {folder}; skipping the corpus-scale figures (pass --fnc1 PATH)")
        return []
    return files


@contextmanager
def timed(results: dict, name: str):
    start = time.perf_counter()
    yield
    results[name] = time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "meets target" if ok else "MISSES target"
