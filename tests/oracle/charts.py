"""The charts the oracle tests render: fixtures, the `helm create` chart, and every chart found
under labs/ and solutions/ (discovered, so new labs are covered without editing tests)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "charts" / "fixtures"


def discovered_charts() -> list[Path]:
    found = []
    for top in ("labs", "solutions"):
        base = REPO / top
        if not base.is_dir():
            continue
        for root, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d not in ("charts", ".git", "__pycache__"))
            if "Chart.yaml" in files:
                found.append(Path(root))
    return sorted(found)


def fixture_charts() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "Chart.yaml").exists())
