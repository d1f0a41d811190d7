import pytest

from minicluster.cluster import Cluster
from minicluster.runtime.scripted import ScriptedRuntime


class _LateRuntime:
    """Cluster builds its own clock; the scripted runtime needs that clock, so it is bound
    right after the cluster exists."""

    target = None

    def __getattr__(self, name):
        return getattr(self.target, name)


def make_cluster(tmp_path=None) -> Cluster:
    late = _LateRuntime()
    cluster = Cluster(seed=0, runtime=late, cwd=str(tmp_path) if tmp_path else None)
    late.target = ScriptedRuntime(cluster.clock)
    return cluster


@pytest.fixture
def cluster(tmp_path):
    return make_cluster(tmp_path)


JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
spec:
  backoffLimit: {backoff}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c, "{script}"]
"""


def job_yaml(name: str, script: str, backoff: int = 6) -> str:
    return JOB.format(name=name, script=script, backoff=backoff)


def pod_names(cluster, job: str) -> list[str]:
    pods = cluster.api.list("Pod", namespace="default", label_selector=f"job-name={job}")
    return [p["metadata"]["name"] for p in pods]
