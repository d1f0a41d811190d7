"""The charts the oracle tests render: fixtures, the `helm create` chart, and every chart found
under labs/, solutions/, examples/ and the tour's chart (discovered, so new ones are covered
without editing tests)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "charts" / "fixtures"


def discovered_charts() -> list[Path]:
    found = []
    for top in ("labs", "solutions", "examples", "minicluster/cli/tour_chart"):
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


def helm_render_logged(helm, path, values, **kw):
    """Render with real Helm, capturing what Go's log package writes on fd 2 (coalescing
    warnings). Returns (rendered files or the exception, log lines without timestamps)."""
    return helm_logged(lambda: helm.Chart.load(str(path)).render(values, **kw))


def helm_logged(call):
    """Run `call` (real Helm), capturing Go's log output on fd 2 as timestamp-free lines."""
    import re
    import tempfile

    with tempfile.TemporaryFile(mode="w+") as sink:
        sys_stderr = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            try:
                outcome = call()
            except Exception as exc:  # noqa: BLE001 - Helm refusing is an outcome
                outcome = exc
        finally:
            os.dup2(sys_stderr, 2)
            os.close(sys_stderr)
        sink.seek(0)
        lines = [re.sub(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d ", "", line)
                 for line in sink.read().splitlines()]
    return outcome, lines
