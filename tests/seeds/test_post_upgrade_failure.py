"""Pattern 9: a failed post-upgrade hook is a failed upgrade, not "deployed with a warning"."""

from __future__ import annotations

import pytest

from tests.seeds.kit import history, names, new_cluster, ok, without_time
from tests.seeds.test_cache_bust import dbsize, start_redis

JOB = "cb-cache-bust"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_failed_post_upgrade_hook(helm_version):
    c = new_cluster(helm_version)
    pod = start_redis(c)
    ok(c.helm("install cb ./cache-bust"))
    failed = c.helm("upgrade cb ./cache-bust --set strict=true --set redis.host=redis-typo")
    assert failed.exit_code == 1 and failed.stdout == ""
    if helm_version == 4:
        error = (f"post-upgrade hooks failed: resource Job/default/{JOB} not ready. "
                 "status: Failed, message: Job Failed. failed: 1/1")
        assert failed.stderr == (f'level=WARN msg="upgrade failed" name=cb error="{error}"\n'
                                 f"Error: UPGRADE FAILED: {error}\n")
    else:
        error = ("post-upgrade hooks failed: 1 error occurred:\n"
                 f"\t* job {JOB} failed: BackoffLimitExceeded\n\n")
        assert failed.stderr == f"Error: UPGRADE FAILED: {error}\n"
    assert "WARNING" not in failed.stdout + failed.stderr
    # The new manifest is live, yet revision 1 stays deployed (not superseded).
    assert ok(c.kubectl("get cm cb-settings -o jsonpath={.data.cacheHost}")).stdout == "redis-typo"
    rows = history(c, "cb")
    assert rows[0] == ("1", "deployed", "Install complete")
    assert rows[1] == ("2", "failed", 'Upgrade "cb" failed: ' + error.rstrip("\n"))
    status = without_time(ok(c.helm("status cb")).stdout)
    assert status.startswith("NAME: cb\nLAST DEPLOYED: <T>\nNAMESPACE: default\n"
                             "STATUS: failed\nREVISION: 2\n")
    if helm_version == 4:  # H3 prints DESCRIPTION only with --show-desc
        assert f'DESCRIPTION: Upgrade "cb" failed: {error}\n' in status
    # hook-succeeded only: the failed Job stays, with the script's error.
    assert names(c, "jobs") == [JOB]
    logs = c.kubectl(f"logs job/{JOB}")
    assert logs.stdout == ("Could not connect to Redis at redis-typo:6379: "
                           "Name or service not known\n")

    # Rolling back runs rollback hooks only: no flush, and the failed Job is left alone.
    ok(c.kubectl(f"exec {pod} -- redis-cli SET user:1 cached"))
    assert ok(c.helm("rollback cb 1")).stdout == "Rollback was a success! Happy Helming!\n"
    assert dbsize(c, pod) == "1\n"
    assert [r[:2] for r in history(c, "cb")] == [("1", "superseded"), ("2", "failed"),
                                                 ("3", "deployed")]
    assert ok(c.kubectl("get cm cb-settings -o jsonpath={.data.cacheHost}")).stdout == (
        "redis-cache")
    assert names(c, "jobs") == [JOB]
