"""minicluster: an offline teaching kit for Helm hooks.

    from minicluster import Cluster
    cluster = Cluster(seed=0)
    cluster.helm("install my-app ./chart")
    cluster.kubectl("get jobs")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .cluster import Cluster as Cluster


def __getattr__(name: str) -> Any:
    # Lazy, so that `import minicluster` stays fast and a notebook only pays for what it uses.
    if name == "Cluster":
        from .cluster import Cluster

        return Cluster
    raise AttributeError(name)


def load_ipython_extension(ipython: Any) -> None:
    from .notebook.magics import load_ipython_extension as load

    load(ipython)
