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


def test_configmap_and_secret_volumes_have_the_atomic_writer_layout(sandbox_cluster):
    cluster = sandbox_cluster
    cluster.apply("""
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {init.sql: "CREATE TABLE t;", other: "x"}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
stringData: {password: hunter2}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: "busybox:1.36"
    command: [sh, -c, "ls -a /cfg; readlink /cfg/sql; cat /cfg/sql/init.sql; echo; readlink /sec/password; ls -l /sec/..data/password"]
    volumeMounts: [{name: cfg, mountPath: /cfg}, {name: sec, mountPath: /sec}]
  volumes:
  - {name: cfg, configMap: {name: cfg, items: [{key: init.sql, path: sql/init.sql}, {key: other, path: other}]}}
  - {name: sec, secret: {secretName: sec, defaultMode: 0400}}
""")
    cluster.run_until_idle()
    lines = [x.text for x in cluster.controllers.kubelet.logs("default", "p")]
    stamp = lines[2]
    assert stamp.startswith("..20") and stamp.endswith(".000000000")
    assert lines == [
        ".", "..", stamp, "..data", "other", "sql",
        "..data/sql",
        "CREATE TABLE t;",
        "..data/password",
        lines[-1],
    ]
    # defaultMode reaches the files behind the links
    assert lines[-1].startswith("-r--------    1 root     root             7 ")
    assert lines[-1].endswith(" /sec/..data/password")
