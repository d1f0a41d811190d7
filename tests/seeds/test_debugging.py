"""Pattern 13 (concept 9, exercise 7): debugging a failed hook with kubectl. Hooks carry no
release label (13.22), so `-l release=...` and `-l app.kubernetes.io/instance=...` find
nothing; names from `helm get hooks`, and the Job controller's `job-name` label, do work."""

from __future__ import annotations

import re

import pytest

from tests.seeds.kit import history, names, new_cluster, ok, start_postgres

CHART = "./schema-init"
JOB = "my-app-my-agent-chart-db-init"
PSQL_ERROR = ('psql: error: could not translate host name "nowhere" to address: '
              "Name or service not known\n")


@pytest.mark.parametrize("helm_version", [4, 3])
def test_debug_a_failed_pre_install_hook(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    failed = c.helm(f"install my-app {CHART} --set postgres.host=nowhere")
    assert failed.exit_code == 1 and failed.stdout == ""
    if helm_version == 4:
        error = (f"failed pre-install: resource Job/default/{JOB} not ready. status: Failed, "
                 "message: Job Failed. failed: 2/1")
        assert failed.stderr == f"Error: INSTALLATION FAILED: {error}\n"
        assert history(c, "my-app") == [("1", "failed", f'Release "my-app" failed: {error}')]
    else:
        assert failed.stderr == ("Error: INSTALLATION FAILED: failed pre-install: 1 error "
                                 f"occurred:\n\t* job {JOB} failed: BackoffLimitExceeded\n\n\n")
        assert history(c, "my-app")[0][:2] == ("1", "failed")
    # The manifest's ConfigMap was never created.
    assert "my-app-my-agent-chart" not in names(c, "configmaps")

    for selector in ("release=my-app", "app.kubernetes.io/instance=my-app"):
        found = c.kubectl(f"get jobs -l {selector}")
        assert (found.exit_code, found.stdout, found.stderr) == (
            0, "", "No resources found in default namespace.\n")

    assert "\n  name: " + JOB + "\n" in ok(c.helm("get hooks my-app")).stdout
    table = ok(c.kubectl("get jobs")).stdout.splitlines()
    assert table[1].split()[:3] == [JOB, "Failed", "0/1"]

    described = ok(c.kubectl(f"describe job {JOB}")).stdout
    assert "Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 2 Failed\n" in described
    assert re.search(r"Warning  BackoffLimitExceeded  \d+s +job-controller  "
                     r"Job has reached the specified backoff limit\n", described)

    logs = c.kubectl(f"logs job/{JOB}")
    assert logs.stdout == PSQL_ERROR
    pods = names(c, f"pods -l job-name={JOB}")
    assert len(pods) == 2
    assert [ok(c.kubectl(f"logs pod/{p}")).stdout for p in pods] == [PSQL_ERROR, PSQL_ERROR]
    events = ok(c.kubectl("get events --sort-by=.metadata.creationTimestamp")).stdout
    assert "BackoffLimitExceeded" in events


@pytest.mark.parametrize("helm_version", [4, 3])
def test_rollback_flag_on_install_purges_the_release_but_keeps_the_hook(helm_version):
    """13.17: --rollback-on-failure / --atomic uninstalls the failed release; the hook Job,
    the only thing left to debug with, stays."""
    c = new_cluster(helm_version)
    start_postgres(c)
    flag, why = (("--rollback-on-failure", "rollback-on-failure") if helm_version == 4
                 else ("--atomic", "atomic"))
    failed = c.helm(f"install my-app {CHART} --set postgres.host=nowhere {flag}")
    assert failed.exit_code == 1
    assert failed.stderr.startswith(
        "Error: INSTALLATION FAILED: release my-app failed, and has been uninstalled due to "
        f"{why} being set: failed pre-install: ")
    assert c.helm("history my-app").stderr == "Error: release: not found\n"
    assert names(c, "jobs") == [JOB]
    assert c.kubectl(f"logs job/{JOB}").stdout == PSQL_ERROR
