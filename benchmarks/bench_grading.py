"""Batch grading throughput: grade N copies of a lab's solution with `minicluster grade`'s
engine and print the time per submission and the projection for a class of 200 (aim: under a
minute on 2 cores). Prints ratios; asserts nothing."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from minicluster.grading.batch import grade_all
from minicluster.grading.registry import get_lab
from minicluster.grading.runner import fresh_lab

ROOT = Path(__file__).resolve().parents[1]
AIM_SECONDS_FOR_200 = 60.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lab", default="three-step-sequence")
    parser.add_argument("--count", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "subs"
        for i in range(args.count):
            shutil.copytree(ROOT / "solutions" / args.lab, subs / f"student-{i:03d}")
        lab = fresh_lab(get_lab(args.lab))
        start = time.perf_counter()
        reports = grade_all(lab, str(subs), jobs=args.jobs)
        elapsed = time.perf_counter() - start
    passed = sum(r.passed for r in reports)
    projected = elapsed / args.count * 200
    print(f"lab {args.lab}: {args.count} submissions, {args.jobs} jobs, {passed} passed")
    print(f"  {elapsed:.2f} s in all, {elapsed / args.count * 1000:.0f} ms per submission")
    print(f"  projected for 200: {projected:.1f} s; aim {AIM_SECONDS_FOR_200:.0f} s; "
          f"ratio {projected / AIM_SECONDS_FOR_200:.2f}")


if __name__ == "__main__":
    main()
