"""The chart `helm create` writes (Helm 4.2.x, pkg/chart/v2/util/create.go), as package data.

chart.json holds the files in the order Helm writes them, with `<CHARTNAME>` where Helm puts
the chart's name. It was produced by real Helm (helm_python) and compared with create.go.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import resources

from minicluster.helm.chart.errors import ChartError

PLACEHOLDER = "<CHARTNAME>"
MAX_CHART_NAME_LENGTH = 250
_CHART_NAME = re.compile(r"[a-zA-Z0-9._-]+")


@lru_cache(maxsize=1)
def scaffold_files() -> tuple[tuple[str, str], ...]:
    data = json.loads(resources.files(__name__).joinpath("chart.json").read_text("utf-8"))
    return tuple((path, text) for path, text in data["files"])


def validate_chart_name(name: str) -> None:
    if not name or len(name) > MAX_CHART_NAME_LENGTH:
        raise ChartError(f"chart name must be between 1 and {MAX_CHART_NAME_LENGTH} characters")
    if not _CHART_NAME.fullmatch(name):
        raise ChartError('chart name must match the regular expression "^[a-zA-Z0-9._-]+$"')


def create_chart(name: str, parent_dir: str) -> tuple[str, list[str]]:
    """chartutil.Create: write the scaffold into parent_dir/name.

    Returns (chart directory, the overwrite warnings Helm prints)."""
    validate_chart_name(name)
    path = os.path.abspath(parent_dir)
    if not os.path.exists(path):
        raise ChartError(f"stat {path}: no such file or directory")
    if not os.path.isdir(path):
        raise ChartError(f"no such directory {path}")
    cdir = os.path.join(path, name)
    if os.path.exists(cdir) and not os.path.isdir(cdir):
        raise ChartError(f"file {cdir} already exists and is not a directory")
    warnings = []
    for rel, text in scaffold_files():
        target = os.path.join(cdir, *rel.split("/"))
        if os.path.exists(target):
            warnings.append(f'WARNING: File "{target}" already exists. Overwriting.\n')
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text.replace(PLACEHOLDER, name))
    os.makedirs(os.path.join(cdir, "charts"), exist_ok=True)
    return cdir, warnings
