"""Pattern 9: a failed post-upgrade hook is a failed upgrade, not "deployed with a warning"."""

from __future__ import annotations

import pytest

from tests.seeds.kit import history, names, new_cluster, ok, status_block, without_time
from tests.seeds.test_cache_bust import start_redis

JOB = "cb-cache-bust"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_failed_post_upgrade_hook(helm_version):
    c = new_cluster(helm_version)
    start_redis(c)
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
    assert history(c, "cb") == [("1", "deployed", "Install complete"),
                                ("2", "failed", 'Upgrade "cb" failed: ' + error.rstrip("\n")
                                 if helm_version == 4 else history(c, "cb")[1][2])]
    assert without_time(ok(c.helm("status cb")).stdout).startswith(
        status_block("cb", "failed", 2, 'Upgrade "cb" failed: ' + error, 4).split("TEST")[0]
        if helm_version == 4 else "NAME: cb\nLAST DEPLOYED: <T>\nNAMESPACE: default\n"
        "STATUS: failed\nREVISION: 2\n")
    # hook-succeeded only: the failed Job stays, with the script's error.
    assert names(c, "jobs") == [JOB]
    logs = c.kubectl(f"logs job/{JOB}")
    assert logs.stdout == ("Could not connect to Redis at redis-typo:6379: "
                           "Name or service not known\n")
