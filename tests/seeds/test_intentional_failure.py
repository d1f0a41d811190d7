"""Pattern 8 (exercise 4): a pre-upgrade `exit 1`. No automatic rollback (13.1); with
--rollback-on-failure (H4) / --atomic (H3) a rollback revision is created."""

from __future__ import annotations

import pytest

from tests.seeds.kit import history, names, new_cluster, ok

CHART = "./intentional-failure"
JOB = "my-app-my-agent-chart-debug-fail"
FAIL = f"{CHART} --set debugFail.enabled=true --set message=new"


def hook_error(helm_version: int) -> str:
    if helm_version == 4:
        return (f"pre-upgrade hooks failed: resource Job/default/{JOB} not ready. "
                "status: Failed, message: Job Failed. failed: 2/1")
    return ("pre-upgrade hooks failed: 1 error occurred:\n"
            f"\t* job {JOB} failed: BackoffLimitExceeded\n\n")


@pytest.mark.parametrize("helm_version", [4, 3])
def test_failure_without_and_with_rollback_flag(helm_version):
    c = new_cluster(helm_version)
    ok(c.helm(f"install my-app {CHART}"))
    failed = c.helm(f"upgrade my-app {FAIL}")
    error = hook_error(helm_version)
    assert failed.exit_code == 1
    assert failed.stderr.endswith(f"Error: UPGRADE FAILED: {error}\n")
    # Not "Error: release failed: pre-upgrade hook failed", and nothing rolled back.
    assert [r[:2] for r in history(c, "my-app")] == [("1", "deployed"), ("2", "failed")]
    status = ok(c.helm("status my-app")).stdout
    assert "STATUS: failed\nREVISION: 2\n" in status
    assert ok(c.kubectl("get cm my-app-my-agent-chart -o jsonpath={.data.message}")).stdout == (
        "hello")
    assert names(c, "jobs") == [JOB]
    assert ok(c.kubectl("get jobs")).stdout.splitlines()[1].split()[:3] == [JOB, "Failed", "0/1"]
    logs = c.kubectl(f"logs job/{JOB}")
    assert logs.stdout == "This hook intentionally fails\n"
    assert logs.stderr.startswith(f"Found 2 pods, using pod/{JOB}-")

    flag = "--rollback-on-failure" if helm_version == 4 else "--atomic"
    rolled = c.helm(f"upgrade my-app {FAIL} {flag}")
    assert rolled.exit_code == 1
    why = "rollback-on-failure" if helm_version == 4 else "atomic"
    assert rolled.stderr.endswith(
        f"Error: UPGRADE FAILED: release my-app failed, and has been rolled back due to {why} "
        f"being set: {error}\n")
    assert [r[:2] for r in history(c, "my-app")] == [
        ("1", "superseded"), ("2", "failed"), ("3", "failed"), ("4", "deployed")]
    assert history(c, "my-app")[3][2] == "Rollback to 1"
    # The rollback ran revision 1's post-rollback hook, rendered with revision 1's values.
    rendered = ok(c.kubectl(["get", "cm", "my-app-rolled-back", "-o",
                             "jsonpath={.data.renderedAtRevision} {.data.message}"])).stdout
    assert rendered == "1 hello"
    # The failed hook Job is not cleaned up by the rollback.
    assert names(c, "jobs") == [JOB]

    ok(c.helm(f"upgrade my-app {CHART}"))
    assert history(c, "my-app")[-1] == ("5", "deployed", "Upgrade complete")


def test_helm4_still_accepts_atomic():
    c = new_cluster(4)
    ok(c.helm(f"install my-app {CHART}"))
    rolled = c.helm(f"upgrade my-app {FAIL} --atomic")
    assert rolled.exit_code == 1
    assert "has been rolled back due to rollback-on-failure being set" in rolled.stderr
    assert history(c, "my-app")[-1] == ("3", "deployed", "Rollback to 1")
