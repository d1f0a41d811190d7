"""Under CI every test oracle must be present, so that no differential test skips silently.

Locally a missing tool only skips the tests that need it; in CI (`CI` set) its absence fails
here, loudly. `scripts/test` installs what the machine lacks (Chromium, BusyBox)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TOOLS = {
    "kubectl": "real kubectl 1.32 (selectors, usage errors, JSONPath, YAML)",
    "dash": "the shell differential corpus",
    "bash": "bash-dialect differential cases",
    "busybox": "BusyBox ash and applets (apt-get install busybox)",
    "mawk": "the awk differential cases",
    "chromium": "the timeline screenshot (apt-get install chromium)",
}


@pytest.mark.skipif(not os.environ.get("CI"), reason="only enforced in CI")
@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_oracle_tool_is_installed(tool: str) -> None:
    assert shutil.which(tool), f"{tool} is missing: needed by {TOOLS[tool]}"


@pytest.mark.skipif(not os.environ.get("CI"), reason="only enforced in CI")
def test_real_helm_and_the_reference_corpus_are_present() -> None:
    assert importlib.util.find_spec("helm_python"), "helm-python-sdk (real Helm 4) is missing"
    corpus = ROOT.parent / "shared" / "reference" / "gotemplate-cases.yaml"
    assert corpus.exists(), f"{corpus} is missing: the template corpus tests would skip"
