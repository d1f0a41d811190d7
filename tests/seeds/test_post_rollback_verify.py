"""The tutorial's post-rollback health check: `for i in {1..10}` is one attempt in /bin/sh
(no brace expansion); a failed post-rollback hook leaves the new revision pending-rollback
(13.15), and the hook that runs is the target revision's (13.18)."""

from __future__ import annotations

import pytest

from tests.seeds.kit import history, new_cluster, ok, start_postgres

CHART = "./smoke-test"
JOB = "my-app-verify-rollback"


@pytest.mark.parametrize(("attempts", "tries"), [(None, 1), ("$(seq 1 10)", 10)])
@pytest.mark.parametrize("helm_version", [4, 3])
def test_verify_rollback(helm_version, attempts, tries):
    c = new_cluster(helm_version)
    start_postgres(c)
    extra = [] if attempts is None else ["--set", f"verifyRollback.attempts={attempts}"]
    ok(c.helm(["install", "my-app", CHART, "--wait", *extra]))
    # Revision 2 runs v2 without its migration: /health answers 500.
    ok(c.helm(["upgrade", "my-app", CHART, "--set", "image.tag=v2",
               "--set", "migrations.enabled=false", *extra]))
    c.advance("30s")
    assert ok(c.helm("rollback my-app 1")).stdout == "Rollback was a success! Happy Helming!\n"
    assert ok(c.kubectl(f"logs job/{JOB}")).stdout.endswith(
        "Rollback successful - service healthy\n")

    start = c.now()
    failed = c.helm("rollback my-app 2")
    assert failed.exit_code == 1 and failed.stdout == ""
    if helm_version == 4:
        assert failed.stderr == (f"Error: resource Job/default/{JOB} not ready. status: Failed, "
                                 "message: Job Failed. failed: 2/1\n")
    else:
        assert failed.stderr == (f"Error: 1 error occurred:\n\t* job {JOB} failed: "
                                 "BackoffLimitExceeded\n\n\n")
    # Each of the two pods tried `tries` times, 5 s apart.
    assert c.now() - start >= 2 * 5 * tries
    logs = c.kubectl(f"logs job/{JOB}").stdout
    # Every attempt fails, by refusal while the pods change over, then by HTTP 500.
    assert logs.count("\ncurl: (") == tries
    assert logs.endswith("Rollback failed - service not responding\n")
    assert history(c, "my-app")[2:] == [("3", "deployed", "Rollback to 1"),
                                        ("4", "pending-rollback", "Rollback to 2")]
    # pending-rollback blocks the next upgrade.
    blocked = c.helm(f"upgrade my-app {CHART}")
    assert blocked.exit_code == 1
    assert blocked.stderr.endswith("Error: UPGRADE FAILED: another operation "
                                   "(install/upgrade/rollback) is in progress\n")
