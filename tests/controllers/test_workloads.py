"""Deployment rollouts, ReplicaSets, StatefulSets, DaemonSets and CronJobs on the virtual clock."""

from __future__ import annotations

import re

from minicluster.controllers.templatehash import pod_template_hash

from .conftest import events_of

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "IMAGE", ports: [{containerPort: 80}]}]
"""


def deployment_events(cluster):
    return [m for _, r, m, _ in events_of(cluster, "web", "Deployment") if r == "ScalingReplicaSet"]


def replica_sets(cluster):
    return {
        rs["metadata"]["name"]: rs for rs in cluster.api.list("ReplicaSet", namespace="default")
    }


def test_deployment_rollout_creates_a_hashed_replica_set_and_becomes_available(cluster):
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.27"))
    cluster.run_until_idle()
    deployment = cluster.api.get("Deployment", "web")
    (rs_name,) = replica_sets(cluster)
    rs = replica_sets(cluster)[rs_name]
    hash_ = rs["metadata"]["labels"]["pod-template-hash"]
    assert rs_name == f"web-{hash_}" and re.fullmatch(r"[bcdfghjklmnpqrstvwxz2456789]{6,10}", hash_)
    assert hash_ == pod_template_hash(deployment["spec"]["template"])
    assert rs["spec"]["selector"]["matchLabels"] == {"app": "web", "pod-template-hash": hash_}
    assert rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1"
    assert deployment["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1"
    assert rs["metadata"]["ownerReferences"][0]["kind"] == "Deployment"
    pods = cluster.api.list("Pod", namespace="default", label_selector="app=web")
    assert len(pods) == 3
    for pod in pods:
        assert pod["metadata"]["name"].startswith(rs_name + "-")
        assert pod["status"]["phase"] == "Running"
        assert pod["metadata"]["labels"]["pod-template-hash"] == hash_
    status = deployment["status"]
    assert {
        k: status[k] for k in ("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")
    } == {"replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3}
    assert status["observedGeneration"] == 1 and "unavailableReplicas" not in status
    assert [(c["type"], c["status"], c["reason"], c["message"]) for c in status["conditions"]] == [
        ("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
        (
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            f'ReplicaSet "{rs_name}" has successfully progressed.',
        ),
    ]
    assert deployment_events(cluster) == [f"Scaled up replica set {rs_name} to 3 from 0"]
    creates = [
        m for _, r, m, _ in events_of(cluster, rs_name, "ReplicaSet") if r == "SuccessfulCreate"
    ]
    assert sorted(creates) == sorted(f"Created pod: {p['metadata']['name']}" for p in pods)


def test_rolling_update_replaces_pods_within_surge_and_unavailability(cluster):
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.27"))
    cluster.run_until_idle()
    (old,) = replica_sets(cluster)
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.28"))
    # Watch the rollout: never more than 3 + 1 pods, never fewer than 3 available.
    peak = 0
    while cluster.clock.busy():
        cluster.clock.advance(cluster.clock.next_due() - cluster.now())
        pods = [
            p
            for p in cluster.api.list("Pod", namespace="default", label_selector="app=web")
            if not p["metadata"].get("deletionTimestamp")
        ]
        peak = max(peak, len(pods))
        status = cluster.api.get("Deployment", "web")["status"]
        assert status.get("availableReplicas", 0) >= 3 - 0  # maxUnavailable floor(25% of 3) = 0
    assert peak == 4  # maxSurge ceil(25% of 3) = 1
    sets = replica_sets(cluster)
    (new,) = [n for n in sets if n != old]
    assert sets[old]["spec"]["replicas"] == 0 and sets[new]["spec"]["replicas"] == 3
    assert sets[new]["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"
    deployment = cluster.api.get("Deployment", "web")
    assert deployment["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"
    assert deployment["status"]["observedGeneration"] == 2
    assert deployment["status"]["conditions"][-1]["message"] == (
        f'ReplicaSet "{new}" has successfully progressed.'
    )
    assert deployment_events(cluster) == [
        f"Scaled up replica set {old} to 3 from 0",
        f"Scaled up replica set {new} to 1 from 0",
        f"Scaled down replica set {old} to 2 from 3",
        f"Scaled up replica set {new} to 2 from 1",
        f"Scaled down replica set {old} to 1 from 2",
        f"Scaled up replica set {new} to 3 from 2",
        f"Scaled down replica set {old} to 0 from 1",
    ]
    pods = cluster.api.list("Pod", namespace="default", label_selector="app=web")
    assert sorted(p["metadata"]["name"].rsplit("-", 1)[0] for p in pods) == [new] * 3


def test_a_stuck_rollout_times_out_on_the_progress_deadline(cluster):
    cluster.apply(
        DEPLOYMENT.replace("IMAGE", "doesnotexist/web:1").replace(
            "replicas: 3", "replicas: 1\n  progressDeadlineSeconds: 60"
        )
    )
    cluster.run_until_idle()
    deployment = cluster.api.get("Deployment", "web")
    progressing = deployment["status"]["conditions"][-1]
    assert (progressing["type"], progressing["status"], progressing["reason"]) == (
        "Progressing",
        "False",
        "ProgressDeadlineExceeded",
    )
    assert progressing["message"].endswith("has timed out progressing.")
    assert cluster.now() == 60
    assert deployment["status"]["unavailableReplicas"] == 1


def test_scaling_a_replica_set_down_deletes_pods(cluster):
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.27"))
    cluster.run_until_idle()
    cluster.api.patch("Deployment", "web", "default", {"spec": {"replicas": 1}})
    cluster.run_until_idle()
    pods = cluster.api.list("Pod", namespace="default", label_selector="app=web")
    assert len(pods) == 1
    (rs_name,) = replica_sets(cluster)
    assert deployment_events(cluster)[-1] == f"Scaled down replica set {rs_name} to 1 from 3"
    deletes = [m for _, r, m, _ in events_of(cluster, rs_name) if r == "SuccessfulDelete"]
    assert len(deletes) == 2


STATEFULSET = """
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: postgres, image: "postgres:16", ports: [{containerPort: 5432}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
"""


def test_statefulset_creates_ordinal_pods_in_order(cluster):
    cluster.apply(STATEFULSET)
    cluster.run_until_idle()
    created = [
        (a.time, a.name) for a in cluster.api.action_log if a.kind == "Pod" and a.verb == "create"
    ]
    assert [n for _, n in created] == ["db-0", "db-1", "db-2"]
    assert created[0][0] < created[1][0] < created[2][0]  # each waits for the previous to be Ready
    pod = cluster.api.get("Pod", "db-1")
    assert pod["spec"]["hostname"] == "db-1" and pod["spec"]["subdomain"] == "db"
    assert pod["metadata"]["labels"]["statefulset.kubernetes.io/pod-name"] == "db-1"
    assert {"name": "data", "persistentVolumeClaim": {"claimName": "data-db-1"}} in pod["spec"][
        "volumes"
    ]
    assert cluster.api.try_get("PersistentVolumeClaim", "data-db-1") is not None
    status = cluster.api.get("StatefulSet", "db")["status"]
    assert status["readyReplicas"] == 3 and status["replicas"] == 3
    messages = [m for _, r, m, _ in events_of(cluster, "db", "StatefulSet")]
    assert messages[:2] == [
        "create Claim data-db-0 Pod db-0 in StatefulSet db success",
        "create Pod db-0 in StatefulSet db successful",
    ]
    cluster.api.patch("StatefulSet", "db", "default", {"spec": {"replicas": 1}})
    cluster.run_until_idle()
    assert [p["metadata"]["name"] for p in cluster.api.list("Pod", namespace="default")] == ["db-0"]
    assert messages != [m for _, r, m, _ in events_of(cluster, "db", "StatefulSet")]
    assert (
        events_of(cluster, "db", "StatefulSet")[-1][2]
        == "delete Pod db-1 in StatefulSet db successful"
    )


def test_daemonset_runs_one_pod_on_the_node(cluster):
    cluster.apply("""
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "log-server:1"}]
""")
    cluster.run_until_idle()
    (pod,) = cluster.api.list("Pod", namespace="default")
    assert pod["metadata"]["name"].startswith("agent-") and pod["spec"]["nodeName"] == "minicluster"
    status = cluster.api.get("DaemonSet", "agent")["status"]
    assert status["desiredNumberScheduled"] == 1 and status["numberReady"] == 1


def test_cronjob_creates_jobs_on_schedule_without_keeping_the_cluster_busy(cluster):
    cluster.apply("""
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: tick, image: "busybox:1.36", command: [sh, -c, "echo tick"]}]
""")
    cluster.run_until_idle()
    assert cluster.api.list("Job", namespace="default") == []
    assert cluster.now() < 60
    cluster.advance(16 * 60)
    jobs = cluster.api.list("Job", namespace="default")
    # 09:05, 09:10 and 09:15: scheduled-time names in minutes since the Unix epoch.
    base = int(cluster.clock.epoch.timestamp()) // 60
    assert sorted(j["metadata"]["name"] for j in jobs) == [f"tick-{base + m}" for m in (5, 10, 15)]
    assert all(j["metadata"]["ownerReferences"][0]["kind"] == "CronJob" for j in jobs)
    status = cluster.api.get("CronJob", "tick")["status"]
    assert status["lastScheduleTime"] == "2026-03-02T09:15:00Z"
    assert status["lastSuccessfulTime"].startswith("2026-03-02T09:15:")
    reasons = [(r, m) for _, r, m, _ in events_of(cluster, "tick", "CronJob")]
    assert ("SuccessfulCreate", f"Created job tick-{base + 5}") in reasons
    assert ("SawCompletedJob", f"Saw completed job: tick-{base + 5}, status: Complete") in reasons
    cluster.advance(10 * 60)
    # successfulJobsHistoryLimit 3 keeps the newest three.
    names = sorted(j["metadata"]["name"] for j in cluster.api.list("Job", namespace="default"))
    assert names == [f"tick-{base + m}" for m in (15, 20, 25)]


def test_rolling_back_reuses_the_old_replica_set_as_the_newest_revision(cluster):
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.27"))
    cluster.run_until_idle()
    (first,) = replica_sets(cluster)
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.28"))
    cluster.run_until_idle()
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.27"))
    cluster.run_until_idle()
    sets = replica_sets(cluster)
    assert len(sets) == 2
    revisions = {
        name: rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"]
        for name, rs in sets.items()
    }
    assert revisions[first] == "3"
    assert sets[first]["spec"]["replicas"] == 3
    deployment = cluster.api.get("Deployment", "web")
    assert deployment["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "3"


def test_recreate_stops_old_pods_before_starting_new_ones(cluster):
    cluster.apply(
        DEPLOYMENT.replace("IMAGE", "nginx:1.27").replace(
            "replicas: 3", "replicas: 2\n  strategy: {type: Recreate}"
        )
    )
    cluster.run_until_idle()
    cluster.apply(
        DEPLOYMENT.replace("IMAGE", "nginx:1.28").replace(
            "replicas: 3", "replicas: 2\n  strategy: {type: Recreate}"
        )
    )
    cluster.run_until_idle()
    log = cluster.api.action_log
    removed_old = max(a.time for a in log if a.kind == "Pod" and a.removed)
    new_pods = [a for a in log if a.kind == "Pod" and a.verb == "create"][2:]
    assert len(new_pods) == 2 and all(a.time >= removed_old for a in new_pods)
    assert cluster.api.get("Deployment", "web")["status"]["availableReplicas"] == 2


def test_statefulset_rolls_pods_from_the_highest_ordinal(cluster):
    cluster.apply(STATEFULSET)
    cluster.run_until_idle()
    cluster.apply(STATEFULSET.replace("postgres:16", "postgres:17"))
    cluster.run_until_idle()
    deletes = [a.name for a in cluster.api.action_log if a.kind == "Pod" and a.removed]
    assert deletes == ["db-2", "db-1", "db-0"]
    images = {
        p["metadata"]["name"]: p["spec"]["containers"][0]["image"]
        for p in cluster.api.list("Pod", namespace="default")
    }
    assert images == {"db-0": "postgres:17", "db-1": "postgres:17", "db-2": "postgres:17"}


def test_daemonset_replaces_its_pod_when_the_template_changes(cluster):
    ds = """
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "log-server:IMAGE"}]
"""
    cluster.apply(ds.replace("IMAGE", "1"))
    cluster.run_until_idle()
    cluster.apply(ds.replace("IMAGE", "2"))
    cluster.run_until_idle()
    (pod,) = cluster.api.list("Pod", namespace="default")
    assert pod["spec"]["containers"][0]["image"] == "log-server:2"


def test_cronjob_forbid_skips_runs_while_one_is_active(cluster):
    cluster.apply("""
apiVersion: batch/v1
kind: CronJob
metadata: {name: slow}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: slow, image: "busybox:1.36", command: [sh, -c, "sleep 150"]}]
""")
    cluster.advance(4 * 60 + 30)
    jobs = sorted(j["metadata"]["name"] for j in cluster.api.list("Job", namespace="default"))
    base = int(cluster.clock.epoch.timestamp()) // 60
    # 09:01 starts a 150 s job; 09:02 and 09:03 find it active; when it ends (about 09:03:34)
    # the most recent missed time, 09:03, runs late; 09:04 finds that one active.
    assert jobs == [f"slow-{base + 1}", f"slow-{base + 3}"]
    created = next(
        a.time
        for a in cluster.api.action_log
        if a.kind == "Job" and a.verb == "create" and a.name == f"slow-{base + 3}"
    )
    assert 3 * 60 + 30 < created < 4 * 60
    status = cluster.api.get("CronJob", "slow")["status"]
    assert [a["name"] for a in status["active"]] == [f"slow-{base + 3}"]
    skipped = [c for _, r, _, c in events_of(cluster, "slow", "CronJob") if r == "JobAlreadyActive"]
    assert skipped == [3]


def test_deleting_a_namespace_stops_everything_and_leaves_nothing_waiting(cluster):
    cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n")
    cluster.apply(DEPLOYMENT.replace("IMAGE", "nginx:1.27"), namespace="team")
    cluster.apply(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        "spec:\n  selector: {app: web}\n  ports: [{port: 80}]\n",
        namespace="team",
    )
    cluster.advance(10)
    cluster.api.delete("Namespace", "team", None)
    cluster.run_until_idle()
    assert cluster.now() == 10  # no deadline timer of a deleted Deployment keeps time moving
    assert cluster.api.try_get("Namespace", "team", None) is None
    left = [o for o in cluster.api.all_objects() if o["metadata"].get("namespace") == "team"]
    assert left == []
