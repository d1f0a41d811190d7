"""Fixtures: a fast cluster (ScriptedRuntime) and a chart writer."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from minicluster.cluster import Cluster
from tests.releases.helpers import make_cluster


@pytest.fixture(params=[4, 3], ids=["helm4", "helm3"])
def helm_version(request: Any) -> int:
    return request.param


@pytest.fixture
def cluster(helm_version: int, tmp_path: Path) -> Cluster:
    return make_cluster(helm_version, cwd=str(tmp_path))


ChartWriter = Callable[..., str]


@pytest.fixture
def write_chart(tmp_path: Path) -> ChartWriter:
    """write_chart("app", {"templates/job.yaml": "..."}) -> the chart's directory."""

    def write(name: str, files: dict[str, str], version: str = "0.1.0",
              app_version: str = "1.0.0", values: str = "") -> str:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        (root / "Chart.yaml").write_text(
            f"apiVersion: v2\nname: {name.split('/')[-1]}\nversion: {version}\n"
            f"appVersion: \"{app_version}\"\n")
        (root / "values.yaml").write_text(values)
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"))
        return str(root)

    return write
