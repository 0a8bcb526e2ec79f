"""`make bench`: every benchmark at its full size, one after the other (each writes bench/results/<name>.json)."""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = [
    ["bench.cases", "--people", "100000"],
    ["bench.council"],
    ["bench.search", "--documents", "100000"],
    ["bench.search", "--documents", "100000", "--postgres"],
]


def main() -> int:
    failed = 0
    for module, *args in BENCHMARKS:
        print(f"== {module} {' '.join(args)}", flush=True)
        # Each benchmark configures Django for its own database, so each runs in its own process.
        failed |= subprocess.call([sys.executable, "-m", module, *args])
    return failed


if __name__ == "__main__":
    sys.exit(main())
