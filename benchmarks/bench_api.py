"""Benchmark of the miniature apiserver: list-by-selector over 10,000 objects, and the import
time of the package. Prints measurements and their ratio to the aims; never asserts times.

    python benchmarks/bench_api.py
"""

from __future__ import annotations

import subprocess
import sys
import time

from minicluster.api.server import ApiServer
from minicluster.core.clock import VirtualClock
from minicluster.core.rand import SeededRandom

OBJECTS = 10_000
LIST_AIM_MS = 10.0
IMPORT_AIM_MS = 200.0


def populate(api: ApiServer) -> float:
    start = time.perf_counter()
    for i in range(OBJECTS):
        api.create({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": f"cm-{i:05d}",
                                 "labels": {"app": f"app-{i % 100}", "tier": f"t{i % 3}"}},
                    "data": {"index": str(i)}})
    return time.perf_counter() - start


def time_list(api: ApiServer, selector: str, repeat: int = 20) -> tuple[float, int]:
    found = 0
    start = time.perf_counter()
    for _ in range(repeat):
        found = len(api.list("ConfigMap", "default", label_selector=selector))
    return (time.perf_counter() - start) / repeat * 1000, found


def time_import(repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import minicluster"], check=True)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    api = ApiServer(VirtualClock(), SeededRandom(0))
    seconds = populate(api)
    print(f"create {OBJECTS} ConfigMaps: {seconds:.2f} s ({seconds / OBJECTS * 1e6:.0f} us each)")
    for selector in ("app=app-7", "app=app-7,tier=t1", "tier in (t0,t2),app!=app-1", "app"):
        ms, found = time_list(api, selector)
        print(f"list -l {selector!r}: {found} objects, {ms:.2f} ms per list, "
              f"ratio to the {LIST_AIM_MS:g} ms aim: {ms / LIST_AIM_MS:.2f}")
    ms = time_import()
    python_ms = 0.0
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    python_ms = (time.perf_counter() - start) * 1000
    print(f"python -c 'import minicluster': {ms:.0f} ms (bare interpreter {python_ms:.0f} ms), "
          f"ratio to the {IMPORT_AIM_MS:g} ms aim: {ms / IMPORT_AIM_MS:.2f}")


if __name__ == "__main__":
    main()
