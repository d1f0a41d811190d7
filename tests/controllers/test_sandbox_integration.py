"""The controllers driving the real sandboxed runtime (not the scripted test double)."""

from __future__ import annotations

import pytest

from minicluster.cluster import Cluster

from .conftest import events_of, job_yaml, pods_of


@pytest.fixture
def sandbox_cluster() -> Cluster:
    return Cluster(seed=0, runtime="sandbox")


def test_a_job_runs_its_script_in_the_sandbox(sandbox_cluster):
    cluster = sandbox_cluster
    cluster.apply(job_yaml("hello", "for i in 1 2; do echo line $i; sleep 1; done"))
    cluster.run_until_idle()
    (pod,) = pods_of(cluster, "hello")
    lines = cluster.controllers.kubelet.logs("default", pod["metadata"]["name"])
    assert [x.text for x in lines] == ["line 1", "line 2"]
    assert lines[1].time - lines[0].time == pytest.approx(1)
    job = cluster.api.get("Job", "hello")
    assert [c["type"] for c in job["status"]["conditions"]] == ["SuccessCriteriaMet", "Complete"]


def test_a_missing_executable_is_a_start_error(sandbox_cluster):
    cluster = sandbox_cluster
    cluster.apply("""
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers: [{name: main, image: "busybox:1.36", command: [no-such-binary]}]
""")
    cluster.run_until_idle()
    status = cluster.api.get("Pod", "p")["status"]
    term = status["containerStatuses"][0]["state"]["terminated"]
    assert (term["reason"], term["exitCode"]) == ("StartError", 128)
    assert term["startedAt"] == "1970-01-01T00:00:00Z" and "no-such-binary" in term["message"]
    assert status["phase"] == "Failed"
    reasons = [r for _, r, _, _ in events_of(cluster, "p")]
    assert reasons[-2:] == ["Created", "Failed"] and "Started" not in reasons
    failed = events_of(cluster, "p")[-1]
    assert failed[:2] == ("Warning", "Failed") and failed[2] == "Error: " + term["message"]
