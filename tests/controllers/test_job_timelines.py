"""The canonical Job timelines (reference §2.8) on the virtual clock, with the scripted runtime."""

from __future__ import annotations

import re

import pytest

from minicluster.controllers.job import TRACKING_FINALIZER

from .conftest import events_of, job_yaml, pods_of, seconds

POD_NAME = re.compile(r"^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$")


def conditions(job):
    return [
        (c["type"], c["status"], c["reason"], c["message"]) for c in job["status"]["conditions"]
    ]


def test_success_timeline(cluster):
    cluster.apply(job_yaml("hello", "echo hello; sleep 3; echo done"))
    cluster.clock.run_due()
    job = cluster.api.get("Job", "hello")
    assert job["status"]["active"] == 1 and job["status"]["startTime"] == "2026-03-02T09:00:00Z"
    (pod,) = pods_of(cluster, "hello")
    name = pod["metadata"]["name"]
    assert POD_NAME.match(name)
    meta = pod["metadata"]
    assert meta["generateName"] == "hello-"
    assert meta["finalizers"] == [TRACKING_FINALIZER]
    assert meta["ownerReferences"] == [
        {
            "apiVersion": "batch/v1",
            "blockOwnerDeletion": True,
            "controller": True,
            "kind": "Job",
            "name": "hello",
            "uid": job["metadata"]["uid"],
        }
    ]
    assert meta["labels"]["batch.kubernetes.io/job-name"] == "hello"
    assert meta["labels"]["batch.kubernetes.io/controller-uid"] == job["metadata"]["uid"]
    assert pod["spec"]["nodeName"] == "minicluster"

    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    pod = cluster.api.get("Pod", name)
    state = pod["status"]["containerStatuses"][0]["state"]["terminated"]
    assert (state["reason"], state["exitCode"]) == ("Completed", 0)
    started, finished = seconds(cluster, state["startedAt"]), seconds(cluster, state["finishedAt"])
    pull = cluster.runtime.pull_seconds("busybox:1.36")
    # The sandbox takes 1 s, the first pull its pull time, the script 3 s.
    assert started == int(1 + pull) and finished == int(1 + pull + 3)
    assert pod["status"]["phase"] == "Succeeded"
    assert "finalizers" not in pod["metadata"]
    status = job["status"]
    assert status["succeeded"] == 1 and "active" not in status and "failed" not in status
    assert status["ready"] == 0 and status["terminating"] == 0
    assert status["uncountedTerminatedPods"] == {}
    assert conditions(job) == [
        (
            "SuccessCriteriaMet",
            "True",
            "CompletionsReached",
            "Reached expected number of succeeded pods",
        ),
        ("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods"),
    ]
    assert status["completionTime"] == job["status"]["conditions"][1]["lastTransitionTime"]
    assert seconds(cluster, status["completionTime"]) == int(1 + pull + 3)
    assert events_of(cluster, "hello", "Job") == [
        ("Normal", "SuccessfulCreate", f"Created pod: {name}", 1),
        ("Normal", "Completed", "Job completed", 1),
    ]
    size = cluster.runtime.image_size("busybox:1.36")
    assert events_of(cluster, name) == [
        ("Normal", "Scheduled", f"Successfully assigned default/{name} to minicluster", 1),
        ("Normal", "Pulling", 'Pulling image "busybox:1.36"', 1),
        (
            "Normal",
            "Pulled",
            f'Successfully pulled image "busybox:1.36" in {pull:g}s '
            f"({pull:g}s including waiting). Image size: {size} bytes.",
            1,
        ),
        ("Normal", "Created", "Created container: main", 1),
        ("Normal", "Started", "Started container main", 1),
    ]
    logs = cluster.controllers.kubelet.logs("default", name)
    assert [(line.text, line.time) for line in logs] == [
        ("hello", pytest.approx(1 + pull)),
        ("done", pytest.approx(1 + pull + 3)),
    ]
    # Who did what, per the action log.
    actors = {
        (a.kind, a.verb, a.actor, a.subresource)
        for a in cluster.api.action_log
        if a.kind in ("Pod", "Job")
    }
    assert ("Pod", "create", "job-controller", "") in actors
    assert ("Pod", "update", "default-scheduler", "binding") in actors
    assert ("Pod", "update", "kubelet", "status") in actors
    assert ("Pod", "patch", "job-controller", "") in actors  # the tracking finalizer removed
    assert ("Job", "update", "job-controller", "status") in actors


def test_a_second_pod_finds_the_image_already_present(cluster):
    cluster.apply(job_yaml("one", "true"))
    cluster.run_until_idle()
    cluster.apply(job_yaml("two", "true"))
    cluster.run_until_idle()
    (pod,) = pods_of(cluster, "two")
    reasons = [(r, m) for _, r, m, _ in events_of(cluster, pod["metadata"]["name"])]
    assert ("Pulled", 'Container image "busybox:1.36" already present on machine') in reasons
    assert "Pulling" not in [r for r, _ in reasons]


def test_never_with_backoff_limit_2_fails_after_three_pods(cluster):
    cluster.apply(job_yaml("hello", "echo failing; exit 1", backoffLimit=2))
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    pods = pods_of(cluster, "hello")
    assert len(pods) == 3
    for pod in pods:
        assert pod["status"]["phase"] == "Failed"
        term = pod["status"]["containerStatuses"][0]["state"]["terminated"]
        assert (term["reason"], term["exitCode"]) == ("Error", 1)
        assert "finalizers" not in pod["metadata"]
    created = [seconds(cluster, p["metadata"]["creationTimestamp"]) for p in pods]
    finished = [
        seconds(cluster, p["status"]["containerStatuses"][0]["state"]["terminated"]["finishedAt"])
        for p in pods
    ]
    # Re-creation waits 10 s after the first failure, then 20 s after the second.
    assert created[1] - finished[0] == 10
    assert created[2] - finished[1] == 20
    status = job["status"]
    assert status["failed"] == 3 and "succeeded" not in status and "active" not in status
    assert "completionTime" not in status
    assert conditions(job) == [
        (
            "FailureTarget",
            "True",
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
        ),
        ("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
    ]
    first, second = status["conditions"]
    assert first["lastTransitionTime"] == second["lastTransitionTime"]
    assert seconds(cluster, second["lastTransitionTime"]) == finished[2]
    names = [p["metadata"]["name"] for p in pods]
    assert events_of(cluster, "hello", "Job") == [
        ("Normal", "SuccessfulCreate", f"Created pod: {names[0]}", 1),
        ("Normal", "SuccessfulCreate", f"Created pod: {names[1]}", 1),
        ("Normal", "SuccessfulCreate", f"Created pod: {names[2]}", 1),
        ("Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit", 1),
    ]
    # The kubelet records no event when a container exits.
    assert [r for _, r, _, _ in events_of(cluster, names[0])] == [
        "Scheduled",
        "Pulling",
        "Pulled",
        "Created",
        "Started",
    ]


def test_on_failure_restarts_in_place_until_the_backoff_limit(cluster):
    cluster.apply(job_yaml("hello", "echo crash; exit 2", restart="OnFailure", backoffLimit=2))
    cluster.advance(1 + cluster.runtime.pull_seconds("busybox:1.36") + 2.5)
    (pod,) = pods_of(cluster, "hello")
    name, uid = pod["metadata"]["name"], pod["metadata"]["uid"]
    # First exit -> restarted at once (restartCount 1) -> second exit -> CrashLoopBackOff.
    cs = pod["status"]["containerStatuses"][0]
    assert pod["status"]["phase"] == "Running"
    assert cs["restartCount"] == 1
    assert cs["state"]["waiting"]["reason"] == "CrashLoopBackOff"
    assert cs["state"]["waiting"]["message"] == (
        f"back-off 10s restarting failed container=main pod={name}_default({uid})"
    )
    assert cs["lastState"]["terminated"]["exitCode"] == 2
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    assert cluster.api.try_get("Pod", name) is None
    assert job["status"]["failed"] == 1
    assert conditions(job) == [
        (
            "FailureTarget",
            "True",
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
        ),
        ("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
    ]
    assert events_of(cluster, "hello", "Job") == [
        ("Normal", "SuccessfulCreate", f"Created pod: {name}", 1),
        ("Normal", "SuccessfulDelete", f"Deleted pod: {name}", 1),
        ("Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit", 1),
    ]
    pod_events = events_of(cluster, name)
    assert (
        "Warning",
        "BackOff",
        f"Back-off restarting failed container main in pod {name}_default({uid})",
        1,
    ) in pod_events
    assert ("Normal", "Started", "Started container main", 3) in pod_events
    assert (
        "Normal",
        "Pulled",
        'Container image "busybox:1.36" already present on machine',
        2,
    ) in pod_events


def test_active_deadline_deletes_the_running_pod_then_fails(cluster):
    cluster.apply(job_yaml("hello", "sleep 600", activeDeadlineSeconds=20))
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    assert cluster.now() == 20
    assert pods_of(cluster, "hello") == []
    assert job["status"]["failed"] == 1 and job["status"]["terminating"] == 0
    assert conditions(job) == [
        (
            "FailureTarget",
            "True",
            "DeadlineExceeded",
            "Job was active longer than specified deadline",
        ),
        ("Failed", "True", "DeadlineExceeded", "Job was active longer than specified deadline"),
    ]
    name = next(a.name for a in cluster.api.action_log if a.kind == "Pod" and a.verb == "create")
    assert events_of(cluster, "hello", "Job") == [
        ("Normal", "SuccessfulCreate", f"Created pod: {name}", 1),
        ("Normal", "SuccessfulDelete", f"Deleted pod: {name}", 1),
        ("Warning", "DeadlineExceeded", "Job was active longer than specified deadline", 1),
    ]
    assert events_of(cluster, name)[-1] == ("Normal", "Killing", "Stopping container main", 1)
    # While the pod was terminating the Job had FailureTarget only.
    during = [a for a in cluster.api.action_log if a.kind == "Job" and a.subresource == "status"]
    first_target = next(
        a
        for a in during
        if any(c["type"] == "FailureTarget" for c in a.obj["status"].get("conditions", []))
    )
    assert [c["type"] for c in first_target.obj["status"]["conditions"]] == ["FailureTarget"]
    assert first_target.obj["status"]["terminating"] == 1


def test_completions_3_parallelism_2(cluster):
    cluster.apply(job_yaml("hello", "sleep 5", completions=3, parallelism=2))
    cluster.clock.run_due()
    assert cluster.api.get("Job", "hello")["status"]["active"] == 2
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    pods = pods_of(cluster, "hello")
    assert len(pods) == 3 and all(p["status"]["phase"] == "Succeeded" for p in pods)
    assert job["status"]["succeeded"] == 3
    assert [c[0] for c in conditions(job)] == ["SuccessCriteriaMet", "Complete"]
    created = [seconds(cluster, p["metadata"]["creationTimestamp"]) for p in pods]
    assert created[0] == created[1] == 0 and created[2] > created[0]
    creates = [e for e in events_of(cluster, "hello", "Job") if e[1] == "SuccessfulCreate"]
    assert len(creates) == 3


def test_ttl_seconds_after_finished_deletes_job_and_pods(cluster):
    cluster.apply(job_yaml("hello", "true", ttlSecondsAfterFinished=30))
    cluster.run_until_idle()
    assert cluster.api.try_get("Job", "hello") is None
    assert pods_of(cluster, "hello") == []
    delete = next(a for a in cluster.api.action_log if a.kind == "Job" and a.verb == "delete")
    assert delete.actor == "ttl-after-finished-controller"
    complete = next(
        a
        for a in cluster.api.action_log
        if a.kind == "Job"
        and a.subresource == "status"
        and any(c["type"] == "Complete" for c in a.obj["status"].get("conditions", []))
    )
    assert delete.time == pytest.approx(int(complete.time) + 30)


def test_deleting_a_job_removes_its_pods(cluster):
    cluster.apply(job_yaml("hello", "sleep 600", completions=2, parallelism=2))
    cluster.advance(10)
    names = [p["metadata"]["name"] for p in pods_of(cluster, "hello")]
    assert len(names) == 2
    cluster.api.delete("Job", "hello")
    cluster.run_until_idle()
    assert cluster.api.list("Pod", namespace="default") == []
    for name in names:
        assert events_of(cluster, name)[-1] == ("Normal", "Killing", "Stopping container main", 1)


def test_unknown_image_backs_off_and_the_job_keeps_running(cluster):
    image = "doesnotexist/app:1"
    cluster.apply(job_yaml("hello", "true", image=image))
    cluster.run_until_idle()
    (pod,) = pods_of(cluster, "hello")
    name = pod["metadata"]["name"]
    waiting = pod["status"]["containerStatuses"][0]["state"]["waiting"]
    assert waiting == {"reason": "ImagePullBackOff", "message": f'Back-off pulling image "{image}"'}
    assert pod["status"]["phase"] == "Pending"
    assert cluster.api.get("Job", "hello")["status"]["active"] == 1
    error = cluster.runtime.pull_error(image)
    assert events_of(cluster, name)[1:] == [
        ("Normal", "Pulling", f'Pulling image "{image}"', 1),
        ("Warning", "Failed", f'Failed to pull image "{image}": {error}', 1),
        ("Warning", "Failed", "Error: ErrImagePull", 1),
        ("Normal", "BackOff", f'Back-off pulling image "{image}"', 1),
        ("Warning", "Failed", "Error: ImagePullBackOff", 1),
    ]
    # Retries continue in the background, 10 s then 20 s apart, and counts grow.
    cluster.advance(120)
    counts = {(r, m): c for _, r, m, c in events_of(cluster, name)}
    assert counts[("Pulling", f'Pulling image "{image}"')] >= 3
    assert counts[("Failed", "Error: ImagePullBackOff")] >= 3
    pod = cluster.api.get("Pod", name)
    assert pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] in (
        "ErrImagePull",
        "ImagePullBackOff",
    )


def test_suspended_job_creates_no_pods_until_resumed(cluster):
    cluster.apply(job_yaml("hello", "true", suspend="true"))
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    assert pods_of(cluster, "hello") == [] and "startTime" not in job["status"]
    assert conditions(job) == [("Suspended", "True", "JobSuspended", "Job suspended")]
    cluster.advance(50)
    cluster.api.patch("Job", "hello", "default", {"spec": {"suspend": False}})
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    assert job["status"]["startTime"] == "2026-03-02T09:00:50Z"
    assert conditions(job)[0] == ("Suspended", "False", "JobResumed", "Job resumed")
    assert [c[0] for c in conditions(job)[1:]] == ["SuccessCriteriaMet", "Complete"]
    # syncJob runs manageJob (creating the pod) before it records the resumption.
    assert [e[1] for e in events_of(cluster, "hello", "Job")] == [
        "Suspended",
        "SuccessfulCreate",
        "Resumed",
        "Completed",
    ]


@pytest.mark.parametrize("propagation", ["Foreground", "Orphan"])
def test_foreground_and_orphan_deletion_release_the_tracking_finalizer(cluster, propagation):
    cluster.apply(job_yaml("hello", "sleep 600"))
    cluster.advance(10)
    (pod,) = pods_of(cluster, "hello")
    cluster.api.delete("Job", "hello", "default", propagation=propagation)
    cluster.run_until_idle()
    assert cluster.api.try_get("Job", "hello") is None
    remaining = cluster.api.list("Pod", namespace="default")
    if propagation == "Foreground":
        assert remaining == []
    else:
        (orphan,) = remaining
        assert orphan["metadata"]["name"] == pod["metadata"]["name"]
        assert (
            "finalizers" not in orphan["metadata"] and "ownerReferences" not in orphan["metadata"]
        )
        assert orphan["status"]["phase"] == "Succeeded"  # it ran to the end of its sleep


def test_indexed_job_runs_one_pod_per_index(cluster):
    cluster.apply(
        job_yaml(
            "hello",
            "echo index $JOB_COMPLETION_INDEX on $HOSTNAME",
            completions=3,
            parallelism=2,
            completionMode="Indexed",
        )
    )
    cluster.clock.run_due()
    first = pods_of(cluster, "hello")
    assert [p["metadata"]["generateName"] for p in first] == ["hello-0-", "hello-1-"]
    cluster.run_until_idle()
    pods = pods_of(cluster, "hello")
    key = "batch.kubernetes.io/job-completion-index"
    assert [p["metadata"]["annotations"][key] for p in pods] == ["0", "1", "2"]
    assert [p["metadata"]["labels"][key] for p in pods] == ["0", "1", "2"]
    assert [p["spec"]["hostname"] for p in pods] == ["hello-0", "hello-1", "hello-2"]
    logs = [
        [x.text for x in cluster.controllers.kubelet.logs("default", p["metadata"]["name"])]
        for p in pods
    ]
    assert logs == [["index 0 on hello-0"], ["index 1 on hello-1"], ["index 2 on hello-2"]]
    status = cluster.api.get("Job", "hello")["status"]
    assert status["completedIndexes"] == "0-2" and status["succeeded"] == 3


def test_indexed_job_retries_the_failed_index(cluster):
    # Index 1 always fails: it is retried after the back-off until the limit.
    cluster.apply(
        job_yaml(
            "hello",
            "test $JOB_COMPLETION_INDEX -eq 1 && exit 1; echo ok",
            completions=2,
            parallelism=2,
            completionMode="Indexed",
            backoffLimit=1,
        )
    )
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    pods = pods_of(cluster, "hello")
    key = "batch.kubernetes.io/job-completion-index"
    assert sorted(p["metadata"]["annotations"][key] for p in pods) == ["0", "1", "1"]
    assert job["status"]["completedIndexes"] == "0" and job["status"]["failed"] == 2
    assert [c[2] for c in conditions(job)] == ["BackoffLimitExceeded", "BackoffLimitExceeded"]


def test_pod_failure_policy_fail_job_and_ignore(cluster):
    policy = (
        "{rules: [{action: FailJob, onExitCodes: {containerName: main, operator: In, values: [42]}},"
        " {action: Ignore, onExitCodes: {operator: In, values: [3]}}]}"
    )
    cluster.apply(job_yaml("fatal", "exit 42", podFailurePolicy=policy, backoffLimit=5))
    cluster.run_until_idle()
    job = cluster.api.get("Job", "fatal")
    (pod,) = pods_of(cluster, "fatal")
    message = (
        f"Container main for pod default/{pod['metadata']['name']} failed with exit code 42 "
        "matching FailJob rule at index 0"
    )
    assert conditions(job) == [
        ("FailureTarget", "True", "PodFailurePolicy", message),
        ("Failed", "True", "PodFailurePolicy", message),
    ]
    assert events_of(cluster, "fatal", "Job")[-1] == ("Warning", "PodFailurePolicy", message, 1)
    assert job["status"]["failed"] == 1
    # Exit 3 is ignored: not counted, the pod is replaced without back-off counting.
    cluster.apply(
        job_yaml(
            "flaky", "exit 3", podFailurePolicy=policy, backoffLimit=0, activeDeadlineSeconds=30
        )
    )
    cluster.run_until_idle()
    job = cluster.api.get("Job", "flaky")
    assert len(pods_of(cluster, "flaky")) > 1
    # Only the pod the deadline deleted counts; the exit-3 pods were ignored.
    assert job["status"]["failed"] == 1
    assert conditions(job)[-1][2] == "DeadlineExceeded"


def test_suspending_a_running_job_deletes_its_pods_without_counting_them(cluster):
    cluster.apply(job_yaml("hello", "sleep 100", completions=2, parallelism=2))
    cluster.advance(10)
    first = [p["metadata"]["name"] for p in pods_of(cluster, "hello")]
    cluster.api.patch("Job", "hello", "default", {"spec": {"suspend": True}})
    cluster.advance(5)
    job = cluster.api.get("Job", "hello")
    assert pods_of(cluster, "hello") == []
    assert "failed" not in job["status"] and "active" not in job["status"]
    assert conditions(job) == [("Suspended", "True", "JobSuspended", "Job suspended")]
    deleted = [m for _, r, m, _ in events_of(cluster, "hello", "Job") if r == "SuccessfulDelete"]
    assert sorted(deleted) == sorted(f"Deleted pod: {n}" for n in first)
    cluster.api.patch("Job", "hello", "default", {"spec": {"suspend": False}})
    cluster.run_until_idle()
    job = cluster.api.get("Job", "hello")
    assert job["status"]["succeeded"] == 2 and "failed" not in job["status"]
    assert job["status"]["startTime"] == "2026-03-02T09:00:15Z"
    assert [c[0] for c in conditions(job)] == ["Suspended", "SuccessCriteriaMet", "Complete"]


def test_a_success_resets_the_pod_backoff(cluster):
    # Pods alternate failure and success through a shared claim: fail, succeed, fail, ...
    cluster.apply("""
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: state}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
""")
    script = "test -f /state/flag && rm /state/flag && exit 0; touch /state/flag; exit 1"
    cluster.apply(
        job_yaml("hello", script, completions=3, backoffLimit=5)
        .replace(
            "        command:",
            "        volumeMounts: [{name: s, mountPath: /state}]\n        command:",
        )
        .replace(
            "      containers:",
            "      volumes: [{name: s, persistentVolumeClaim: {claimName: state}}]\n      containers:",
        )
    )
    cluster.run_until_idle()
    pods = pods_of(cluster, "hello")
    created = [seconds(cluster, p["metadata"]["creationTimestamp"]) for p in pods]
    finished = [
        seconds(cluster, p["status"]["containerStatuses"][0]["state"]["terminated"]["finishedAt"])
        for p in pods
    ]
    phases = [p["status"]["phase"] for p in pods]
    assert phases == ["Failed", "Succeeded", "Failed", "Succeeded", "Failed", "Succeeded"]
    # After each failure the next pod waits 10 s: the success in between reset the count.
    for i in (1, 3, 5):
        assert created[i] - finished[i - 1] == 10
    assert cluster.api.get("Job", "hello")["status"]["failed"] == 3
