"""The oracle harness itself: loading it must not load real Helm's Go runtime."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_conftest_does_not_load_helm_python_at_import():
    # An initial conftest is imported before pytest enables faulthandler; if the Go runtime
    # were loaded then, faulthandler would sit over Go's SIGSEGV handler and kill xdist
    # workers in the middle of Helm renders (see the `helm` fixture).
    probe = "import sys, tests.oracle.conftest; print('helm_python' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                         text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
