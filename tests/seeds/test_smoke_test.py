"""Pattern 10: `helm test` with the tutorial's curl smoke test against the agent API; v2
without its migration serves 500 and the test fails."""

from __future__ import annotations

import pytest

from tests.seeds.kit import new_cluster, ok, start_postgres, without_time

CHART = "./smoke-test"


def suite_block(revision: int, description: str, phase: str, helm_version: int) -> str:
    described = f"DESCRIPTION: {description}\n" if helm_version == 4 else ""
    return (f"NAME: my-app\nLAST DEPLOYED: <T>\nNAMESPACE: default\nSTATUS: deployed\n"
            f"REVISION: {revision}\n{described}TEST SUITE:     smoke-test\n"
            f"Last Started:   <S>\nLast Completed: <C>\nPhase:          {phase}\n")


def masked(text: str) -> str:
    lines = without_time(text).splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("Last Started:"):
            line = "Last Started:   <S>\n"
        elif line.startswith("Last Completed:"):
            line = "Last Completed: <C>\n"
        out.append(line)
    return "".join(out)


@pytest.mark.parametrize("helm_version", [4, 3])
def test_smoke_test_passes_then_fails_without_migration(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    installed = ok(c.helm(f"install my-app {CHART} --wait"))
    # A test hook that never ran: not even "TEST SUITE: None" is printed.
    assert "TEST SUITE" not in installed.stdout

    passed = ok(c.helm("test my-app"))
    assert masked(passed.stdout) == suite_block(1, "Install complete", "Succeeded", helm_version)
    logs = ok(c.kubectl("logs job/smoke-test")).stdout
    assert '{"status": "ok", "version": "v1"}\n' in logs and logs.endswith("All tests passed\n")

    ok(c.helm(f"upgrade my-app {CHART} --set image.tag=v2 --set migrations.enabled=false"))
    c.advance("30s")
    failed = c.helm("test my-app")
    assert failed.exit_code == 1
    # The release status is untouched by a failed test.
    assert masked(failed.stdout) == suite_block(2, "Upgrade complete", "Failed", helm_version)
    if helm_version == 4:
        assert failed.stderr == ("Error: resource Job/default/smoke-test not ready. status: "
                                 "Failed, message: Job Failed. failed: 2/1\n")
    else:
        assert failed.stderr == ("Error: 1 error occurred:\n\t* job smoke-test failed: "
                                 "BackoffLimitExceeded\n\n\n")
    assert c.kubectl("logs job/smoke-test").stdout.endswith(
        "curl: (22) The requested URL returned error: 500\n")

    # Re-enabling the migration (pre-upgrade) fixes v2; the old test Job is replaced.
    ok(c.helm(f"upgrade my-app {CHART} --set image.tag=v2"))
    c.advance("30s")
    again = ok(c.helm("test my-app"))
    assert masked(again.stdout) == suite_block(3, "Upgrade complete", "Succeeded", helm_version)
    assert '"version": "v2"' in ok(c.kubectl("logs job/smoke-test")).stdout

    # --logs reads a pod named after each test hook; this hook is a Job.
    with_logs = c.helm("test my-app --logs")
    assert with_logs.exit_code == 1
    what = "pod" if helm_version == 4 else "pod logs for"
    assert with_logs.stderr == f'Error: unable to get {what} smoke-test: pods "smoke-test" not found\n'

