from __future__ import annotations

import pytest

from minicluster.api.defaults import image_pull_policy

from .conftest import job, pod


def test_job_defaults_and_generated_selector(api) -> None:
    created = api.create(job())
    spec, uid = created["spec"], created["metadata"]["uid"]
    assert {k: spec[k] for k in ("backoffLimit", "completions", "parallelism", "completionMode",
                                 "suspend", "manualSelector", "podReplacementPolicy")} == {
        "backoffLimit": 6, "completions": 1, "parallelism": 1, "completionMode": "NonIndexed",
        "suspend": False, "manualSelector": False, "podReplacementPolicy": "TerminatingOrFailed"}
    assert spec["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}
    labels = {"batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "hello",
              "controller-uid": uid, "job-name": "hello"}
    assert spec["template"]["metadata"]["labels"] == labels
    assert created["metadata"]["labels"] == labels
    pod_spec = spec["template"]["spec"]
    assert {k: pod_spec[k] for k in ("dnsPolicy", "schedulerName", "securityContext",
                                     "terminationGracePeriodSeconds")} == {
        "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler",
        "securityContext": {}, "terminationGracePeriodSeconds": 30}
    container = pod_spec["containers"][0]
    assert container["terminationMessagePath"] == "/dev/termination-log"
    assert container["terminationMessagePolicy"] == "File"
    assert container["imagePullPolicy"] == "IfNotPresent" and container["resources"] == {}
    # Pod admission (service account, token volume) does not touch templates.
    assert "serviceAccountName" not in pod_spec and "volumes" not in pod_spec
    assert created["status"] == {}


def test_job_with_own_labels_keeps_them(api) -> None:
    obj = job()
    obj["metadata"]["labels"] = {"app": "demo"}
    assert api.create(obj)["metadata"]["labels"] == {"app": "demo"}


def test_job_work_queue_and_per_index_defaults(api) -> None:
    spec = api.create(job(parallelism=3))["spec"]
    assert "completions" not in spec and spec["parallelism"] == 3
    spec = api.create(job(name="idx", completionMode="Indexed", completions=3,
                          backoffLimitPerIndex=1))["spec"]
    assert spec["backoffLimit"] == 2147483647
    spec = api.create(job(name="pfp", podFailurePolicy={"rules": []}))["spec"]
    assert spec["podReplacementPolicy"] == "Failed"


@pytest.mark.parametrize("image,policy", [
    ("busybox", "Always"), ("busybox:latest", "Always"), ("busybox:1.36", "IfNotPresent"),
    ("registry:5000/app", "Always"), ("registry:5000/app:v1", "IfNotPresent"),
    ("busybox@sha256:abc", "IfNotPresent"),
])
def test_image_pull_policy(image: str, policy: str) -> None:
    assert image_pull_policy(image) == policy


def test_pod_defaults_and_admission(api) -> None:
    created = api.create(pod("p"))
    spec = created["spec"]
    assert spec["restartPolicy"] == "Always"
    assert spec["serviceAccountName"] == "default" and spec["serviceAccount"] == "default"
    assert spec["enableServiceLinks"] is True and spec["priority"] == 0
    volume = spec["volumes"][0]
    assert volume["name"].startswith("kube-api-access-") and len(volume["name"]) == 21
    assert spec["containers"][0]["volumeMounts"] == [{
        "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
        "name": volume["name"], "readOnly": True}]
    assert [t["key"] for t in spec["tolerations"]] == [
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
    assert created["status"] == {"phase": "Pending", "qosClass": "BestEffort"}
    assert "generation" not in created["metadata"]


def test_pod_without_token_automount(api) -> None:
    obj = pod("p")
    obj["spec"]["automountServiceAccountToken"] = False
    assert "volumes" not in api.create(obj)["spec"]


def test_deployment_defaults(api) -> None:
    created = api.create({
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
        "spec": {"selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                                                       "ports": [{"containerPort": 80}]}]}}}})
    spec = created["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"] == {"type": "RollingUpdate",
                                "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}
    assert spec["revisionHistoryLimit"] == 10 and spec["progressDeadlineSeconds"] == 600
    assert spec["template"]["spec"]["restartPolicy"] == "Always"
    assert spec["template"]["spec"]["containers"][0]["ports"] == [
        {"containerPort": 80, "protocol": "TCP"}]
    assert created["metadata"]["generation"] == 1
