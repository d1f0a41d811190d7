"""One cluster per kernel, unless the learner makes more."""

from __future__ import annotations

import os
from typing import Any

_current: Any = None
_chart_root: str | None = None


def get_cluster() -> Any:
    global _current
    if _current is None:
        from minicluster.cluster import Cluster

        _current = Cluster(seed=int(os.environ.get("MINICLUSTER_SEED", "0")))
    return _current


def set_cluster(cluster: Any) -> None:
    global _current
    _current = cluster


def reset(seed: int | None = None, helm_version: int | None = None) -> Any:
    from minicluster.cluster import Cluster

    old = _current
    set_cluster(Cluster(seed=seed if seed is not None else getattr(old, "seed", 0),
                        helm_version=helm_version or getattr(old, "helm_version", None)))
    return _current


def chart_root() -> str:
    """Where `%%chartfile` writes: the lab's chart directory, set by the lab notebook."""
    return _chart_root or os.getcwd()


def set_chart_root(path: str) -> None:
    global _chart_root
    _chart_root = os.path.abspath(path)
