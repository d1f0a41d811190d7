"""Scheduling on the one node: claims, nodeSelector, requests; claims bound by the provisioner."""

from __future__ import annotations

from .conftest import events_of

NOT_HELPFUL = "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."


def pod(name: str, extra: str = "") -> str:
    return f"""
apiVersion: v1
kind: Pod
metadata: {{name: {name}}}
spec:
  restartPolicy: Never
{extra}
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, "sleep 30"]
"""


def scheduled(cluster, name):
    status = cluster.api.get("Pod", name)["status"]
    return next(c for c in status["conditions"] if c["type"] == "PodScheduled")


def test_a_missing_claim_keeps_the_pod_pending_until_it_exists(cluster):
    cluster.apply(pod("p", "  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]"))
    cluster.run_until_idle()
    message = f'0/1 nodes are available: persistentvolumeclaim "data" not found. {NOT_HELPFUL}'
    cond = scheduled(cluster, "p")
    assert (cond["status"], cond["reason"], cond["message"]) == ("False", "Unschedulable", message)
    assert events_of(cluster, "p") == [("Warning", "FailedScheduling", message, 1)]
    assert cluster.api.get("Pod", "p")["status"]["phase"] == "Pending"
    cluster.apply("""
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
""")
    cluster.run_until_idle()
    assert cluster.api.get("Pod", "p")["spec"]["nodeName"] == "minicluster"
    assert scheduled(cluster, "p")["status"] == "True"
    claim = cluster.api.get("PersistentVolumeClaim", "data")
    volume = claim["spec"]["volumeName"]
    assert volume == f"pvc-{claim['metadata']['uid']}"
    assert claim["status"] == {
        "accessModes": ["ReadWriteOnce"],
        "capacity": {"storage": "1Gi"},
        "phase": "Bound",
    }
    pv = cluster.api.get("PersistentVolume", volume, None)
    assert pv["spec"]["claimRef"]["name"] == "data" and pv["status"]["phase"] == "Bound"
    cluster.api.delete("Pod", "p", "default")
    cluster.api.delete("PersistentVolumeClaim", "data", "default")
    cluster.run_until_idle()
    assert cluster.api.try_get("PersistentVolume", volume, None) is None


def test_claim_data_outlives_pods(cluster):
    cluster.apply("""
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
""")
    writer = pod("writer", "  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]")
    writer = writer.replace('"sleep 30"', '"echo saved > /data/file"').replace(
        "command:", "volumeMounts: [{name: d, mountPath: /data}]\n    command:"
    )
    cluster.apply(writer)
    cluster.run_until_idle()
    reader = writer.replace("writer", "reader").replace(
        '"echo saved > /data/file"', '"cat /data/file"'
    )
    cluster.apply(reader)
    cluster.run_until_idle()
    lines = cluster.controllers.kubelet.logs("default", "reader")
    assert [x.text for x in lines] == ["saved"]


def test_node_selector_that_matches_nothing(cluster):
    cluster.apply(pod("p", "  nodeSelector: {disktype: ssd}"))
    cluster.run_until_idle()
    message = f"0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. {NOT_HELPFUL}"
    assert scheduled(cluster, "p")["message"] == message
    cluster.apply(pod("q", "  nodeSelector: {kubernetes.io/os: linux}"))
    cluster.run_until_idle()
    assert cluster.api.get("Pod", "q")["spec"]["nodeName"] == "minicluster"


def test_requests_beyond_the_node_wait_for_room(cluster):
    big = pod("big").replace("    command:", "    resources: {requests: {cpu: '3'}}\n    command:")
    cluster.apply(big)
    cluster.apply(big.replace("name: big", "name: second"))
    cluster.advance(5)
    message = (
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
        "1 No preemption victims found for incoming pod."
    )
    assert scheduled(cluster, "second")["message"] == message
    assert cluster.api.get("Pod", "big")["status"]["qosClass"] == "Burstable"
    cluster.run_until_idle()  # big finishes after 30 s, then second fits
    assert cluster.api.get("Pod", "second")["spec"]["nodeName"] == "minicluster"
