"""Differential tests against real Helm 4 (helm_python, the Go SDK through a C ABI).

Without helm_python these tests skip locally, and fail when CI is set: an oracle suite that
silently does nothing in CI would prove nothing.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def helm():
    # Imported here, not when this conftest loads: an initial conftest loads before pytest's
    # faulthandler is enabled, and a faulthandler installed over the Go runtime's SIGSEGV
    # handler turns Go's deliberate faults (nil dereferences that templates recover as
    # panics) into "Fatal Python error: Segmentation fault" -- xdist workers died in
    # tests/templates/sprig_oracle_support.py and were restarted, paying every session
    # fixture again. Loaded later, Go's handler sits on top and forwards only foreign faults.
    try:
        import helm_python
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI"):
            pytest.fail("helm_python (helm-python-sdk) is required in CI for the oracle tests")
        pytest.skip("helm_python is not installed")
    return helm_python


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/oracle/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.oracle)
