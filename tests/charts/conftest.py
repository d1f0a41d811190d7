"""Helpers for the chart tests: a throwaway working directory and `helm ...` run against it."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from minicluster.core.result import CommandResult
from minicluster.helm.main import run_helm

FIXTURES = Path(__file__).parent / "fixtures"


class _Cluster:
    """Only what the offline commands (template, lint, show, create) use."""

    helm_version = 4
    clock = None
    rand = None

    def __init__(self, cwd: Path) -> None:
        self.cwd = str(cwd)


@pytest.fixture
def helm(tmp_path):
    return _runner(_Cluster(tmp_path), tmp_path)


@pytest.fixture
def helm3(tmp_path):
    cluster = _Cluster(tmp_path)
    cluster.helm_version = 3
    return _runner(cluster, tmp_path)


def _runner(cluster: _Cluster, tmp_path: Path):
    def run(command: str) -> CommandResult:
        return run_helm(cluster, shlex.split(command))

    run.cwd = tmp_path  # type: ignore[attr-defined]
    return run


def write_chart(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root
