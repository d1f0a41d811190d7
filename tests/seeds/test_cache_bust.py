"""Pattern 5: post-upgrade FLUSHALL with redis-cli."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.seeds.kit import EXAMPLES, history, names, new_cluster, ok


def start_redis(c) -> str:
    c.apply(Path(EXAMPLES, "cache-bust", "redis.yaml").read_text())
    ok(c.kubectl("rollout status deployment/redis-cache --timeout=60s"))
    return names(c, "pods -l app=redis-cache")[0]


def dbsize(c, pod: str) -> str:
    return ok(c.kubectl(f"exec {pod} -- redis-cli DBSIZE")).stdout


@pytest.mark.parametrize("helm_version", [4, 3])
def test_flush_on_upgrade_only(helm_version):
    c = new_cluster(helm_version)
    pod = start_redis(c)
    assert ok(c.kubectl(f"exec {pod} -- redis-cli SET user:1 cached")).stdout == "OK\n"
    ok(c.helm("install cb ./cache-bust"))
    assert dbsize(c, pod) == "1\n"  # post-upgrade does not run on install
    ok(c.helm("upgrade cb ./cache-bust"))
    assert dbsize(c, pod) == "0\n"
    assert names(c, "jobs") == []


@pytest.mark.parametrize("helm_version", [4, 3])
def test_tutorial_script_hides_a_failed_flush(helm_version):
    """The script ends with `echo "Cache cleared"`: a wrong host still exits 0."""
    c = new_cluster(helm_version)
    pod = start_redis(c)
    ok(c.helm("install cb ./cache-bust"))
    ok(c.kubectl(f"exec {pod} -- redis-cli SET user:1 cached"))
    ok(c.helm("upgrade cb ./cache-bust --set redis.host=redis-typo"))
    assert dbsize(c, pod) == "1\n"
    assert history(c, "cb")[-1] == ("2", "deployed", "Upgrade complete")
