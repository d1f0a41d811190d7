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
