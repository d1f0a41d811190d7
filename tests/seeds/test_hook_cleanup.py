"""Pattern 11 (exercise 5): hook-succeeded removes the Job; without a policy Helm applies
before-hook-creation, so a fixed name is replaced, a per-revision name piles up (13.3)."""

from __future__ import annotations

import pytest

from tests.seeds.kit import names, new_cluster, ok

AUDIT = "my-app-my-agent-chart-audit"


def uid(c, job: str) -> str:
    return ok(c.kubectl(f"get job {job} -o jsonpath={{.metadata.uid}}")).stdout


@pytest.mark.parametrize("helm_version", [4, 3])
def test_cleanup_and_default_policy(helm_version):
    c = new_cluster(helm_version)
    start = c.now()
    ok(c.helm("install my-app ./hook-cleanup"))
    assert c.now() - start >= 5  # Helm waited for the post-install Job's `sleep 5`
    c.advance("10s")
    # cleanup-test is gone; the no-policy hooks are still there.
    assert names(c, "jobs") == [AUDIT, f"{AUDIT}-r1"]
    first = uid(c, AUDIT)

    ok(c.helm("upgrade my-app ./hook-cleanup"))
    assert names(c, "jobs") == [AUDIT, f"{AUDIT}-r1", f"{AUDIT}-r2"]
    assert uid(c, AUDIT) != first  # deleted and recreated: the default before-hook-creation
    assert ok(c.kubectl(f"logs job/{AUDIT}")).stdout == "audit for revision 2\n"

    ok(c.helm("uninstall my-app"))
    # "Forever" is true only after uninstall, which never deletes hooks.
    assert names(c, "jobs") == [AUDIT, f"{AUDIT}-r1", f"{AUDIT}-r2"]
