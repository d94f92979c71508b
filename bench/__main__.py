"""`python -m bench [NAME ...]`: run every bench/bench_*.py script (or the named ones) in turn.

Each script is run as its own process, so one benchmark's memory or caches do not colour the next.
Extra arguments after `--` are passed to every script (e.g. `-- --fnc1 /path/to/fnc1`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(name in s.stem for name in argv)]
    failures = 0
    for script in scripts:
        print(f"\n===== {script.name} =====", flush=True)
        result = subprocess.run([sys.executable, str(script), *extra])
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
