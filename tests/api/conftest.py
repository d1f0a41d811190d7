from __future__ import annotations

import pytest

from minicluster.api.server import ApiServer
from minicluster.core.clock import VirtualClock
from minicluster.core.rand import SeededRandom


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def api(clock: VirtualClock) -> ApiServer:
    return ApiServer(clock=clock, rand=SeededRandom(7).stream("api"))


def job(name: str = "hello", restart: str | None = "Never", **spec: object) -> dict:
    pod_spec: dict = {"containers": [{"name": "main", "image": "busybox:1.36",
                                      "command": ["sh", "-c", "echo hi"]}]}
    if restart is not None:
        pod_spec["restartPolicy"] = restart
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
            "spec": {"template": {"spec": pod_spec}, **spec}}


def configmap(name: str, labels: dict | None = None, **data: str) -> dict:
    meta: dict = {"name": name}
    if labels is not None:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": dict(data)}


def pod(name: str, **extra: object) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, **extra},
            "spec": {"containers": [{"name": "main", "image": "busybox"}]}}
