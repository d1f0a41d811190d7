"""The Job controller (pkg/controller/job, facts only): pods toward completions/parallelism,
failure counting for Never and OnFailure, pod re-creation back-off, activeDeadlineSeconds,
suspend, the pod tracking finalizer, and the interim/terminal conditions with their events.
"""

from __future__ import annotations

import copy
from typing import Any

from minicluster.controllers import jobindex, jobpolicy
from minicluster.controllers import messages as msg
from minicluster.controllers.backoff import job_pod_recreate_delay
from minicluster.controllers.base import Controller, Key, controller_owner, key_of
from minicluster.controllers.jobstate import (
    BackoffRecord,
    is_finished,
    new_condition,
    past_backoff_limit,
    pod_finish_time,
    suspension,
)
from minicluster.controllers.podutil import (
    condition,
    is_active,
    is_deleting,
    is_ready,
    is_terminal,
    phase,
)
from minicluster.core.errors import MiniclusterError

TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking"
JOB_NAME_LABEL = "batch.kubernetes.io/job-name"
CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid"
COMPONENT = "job-controller"


class JobController(Controller):
    name = COMPONENT

    def __init__(self, manager: Any) -> None:
        super().__init__(manager)
        self._backoff: dict[str, BackoffRecord] = {}  # by job uid
        self._counted: set[str] = set()  # pod uids already counted (finalizer gone or going)

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "Job":
            if event_type == "DELETED":
                self._backoff.pop((obj.get("metadata") or {}).get("uid", ""), None)
                self.forget(key_of(obj))
                self.manager.ttl.forget(key_of(obj))
                self.clock.call_soon(self._release_pods_of_deleted_job, obj)
            self.enqueue(key_of(obj))
        elif kind == "Pod":
            ref = controller_owner(obj, "Job")
            if ref is not None:
                self.enqueue(((obj.get("metadata") or {}).get("namespace") or "", ref["name"]))
            elif event_type != "DELETED" and TRACKING_FINALIZER in (
                (obj.get("metadata") or {}).get("finalizers") or []
            ):
                # An orphaned Job pod (its Job deleted with propagation Orphan) is never
                # counted: the controller only releases it (syncOrphanPod).
                self.clock.call_soon(self._release_orphan, obj)

    # -- finalizers ---------------------------------------------------------------------------
    def _remove_finalizer(self, pod: dict[str, Any]) -> None:
        meta = pod.get("metadata") or {}
        finalizers = list(meta.get("finalizers") or [])
        if TRACKING_FINALIZER not in finalizers:
            return
        finalizers.remove(TRACKING_FINALIZER)
        try:
            self.api.patch(
                "Pod",
                meta["name"],
                meta.get("namespace") or "default",
                {"metadata": {"finalizers": finalizers or None}},
            )
        except MiniclusterError:
            pass  # already gone

    def _release_orphan(self, pod: dict[str, Any]) -> None:
        meta = pod.get("metadata") or {}
        current = self.api.try_get("Pod", meta.get("name", ""), meta.get("namespace"))
        if current is None or controller_owner(current, "Job") is not None:
            return
        with self.api.actor(self.name):
            self._remove_finalizer(current)

    def _release_pods_of_deleted_job(self, job: dict[str, Any]) -> None:
        uid = (job.get("metadata") or {}).get("uid")
        namespace = (job.get("metadata") or {}).get("namespace")
        with self.api.actor(self.name):
            selector = f"{CONTROLLER_UID_LABEL}={uid}"
            for pod in self.api.list("Pod", namespace=namespace, label_selector=selector):
                ref = controller_owner(pod, "Job")
                if ref is not None and ref.get("uid") == uid:
                    self._remove_finalizer(pod)

    # -- the sync -----------------------------------------------------------------------------
    def _pods(self, job: dict[str, Any]) -> list[dict[str, Any]]:
        meta = job["metadata"]
        uid = meta.get("uid")
        # The selector label narrows the listing (the API server indexes labels); the
        # controller reference decides.
        candidates = self.api.list(
            "Pod", namespace=meta.get("namespace"), label_selector=f"{CONTROLLER_UID_LABEL}={uid}"
        )
        return [
            pod
            for pod in candidates
            if (ref := controller_owner(pod, "Job")) is not None and ref.get("uid") == uid
        ]

    def sync(self, key: Key) -> None:
        namespace, name = key
        job = self.api.try_get("Job", name, namespace)
        if job is None:
            return
        meta = job["metadata"]
        spec = job.get("spec") or {}
        status = copy.deepcopy(job.get("status") or {})
        if is_finished(job):
            self._schedule_ttl(job)
            return
        if meta.get("deletionTimestamp"):
            # A Job deleted in the foreground waits for its pods: let the finished and the
            # terminating ones go.
            for pod in self._pods(job):
                if is_terminal(pod) or is_deleting(pod):
                    self._remove_finalizer(pod)
            return
        now = self.clock.now()
        stamp = self.clock.timestamp()
        pods = self._pods(job)
        uid = meta.get("uid", "")
        backoff = self._backoff.setdefault(uid, BackoffRecord())
        events: list[tuple[str, str, str]] = []

        newly_succeeded, newly_failed, ignored, policy_failure = self._newly_finished(job, pods)
        for pod in ignored:
            self._counted.add(pod["metadata"].get("uid", ""))
            self._remove_finalizer(pod)
        for pod in sorted(newly_failed, key=lambda p: pod_finish_time(p, self.clock)):
            backoff.failures += 1
            backoff.last_failure = max(backoff.last_failure, pod_finish_time(pod, self.clock))
        if newly_succeeded:
            backoff.failures = 0
        for pod in newly_succeeded + newly_failed:
            self._counted.add(pod["metadata"].get("uid", ""))
            self._remove_finalizer(pod)
        succeeded = int(status.get("succeeded") or 0) + len(newly_succeeded)
        failed = int(status.get("failed") or 0) + len(newly_failed)
        indexed = jobindex.is_indexed(job)
        if indexed:
            done_indexes = jobindex.parse_intervals(status.get("completedIndexes"))
            completions = int(spec.get("completions") or 0)
            for pod in newly_succeeded:
                index = jobindex.pod_index(pod)
                if index is not None and index < completions:
                    done_indexes.add(index)
            status["completedIndexes"] = jobindex.format_intervals(done_indexes)
            succeeded = len(done_indexes)

        active_pods = [p for p in pods if is_active(p)]
        terminating = sum(1 for p in pods if is_deleting(p) and not is_terminal(p))
        suspended = bool(spec.get("suspend"))

        # Suspension and resumption.
        conditions, change = suspension(job, suspended, stamp)
        if change is not None:
            events.append(change)
            if change[1] == "Resumed":
                status["startTime"] = stamp  # the deadline counts again from the resumption
        if not suspended and not status.get("startTime"):
            status["startTime"] = stamp

        # A terminal outcome, in the controller's order.
        interim = {c.get("type"): c for c in conditions if c.get("status") == "True"}
        outcome: tuple[str, str, str] | None = None  # (interim type, reason, message)
        if policy_failure is not None and not interim.keys() & {
            "SuccessCriteriaMet",
            "FailureTarget",
        }:
            outcome = ("FailureTarget", "PodFailurePolicy", policy_failure)
            conditions.append(new_condition(*outcome, stamp))
        elif "SuccessCriteriaMet" in interim:
            c = interim["SuccessCriteriaMet"]
            outcome = ("SuccessCriteriaMet", c.get("reason", ""), c.get("message", ""))
        elif "FailureTarget" in interim:
            c = interim["FailureTarget"]
            outcome = ("FailureTarget", c.get("reason", ""), c.get("message", ""))
        else:
            exceeded = past_backoff_limit(spec, pods, failed)
            if exceeded:
                outcome = ("FailureTarget", "BackoffLimitExceeded", msg.BACKOFF_LIMIT_EXCEEDED)
            elif self._past_deadline(job, status, now):
                outcome = ("FailureTarget", "DeadlineExceeded", msg.DEADLINE_EXCEEDED)
            if outcome is not None:
                conditions.append(new_condition(outcome[0], outcome[1], outcome[2], stamp))

        if outcome is not None and outcome[0] == "FailureTarget":
            # Delete every active pod; they count as failed when their deletion starts.
            for pod in active_pods:
                self._delete_pod(job, pod)
                failed += 1
                self._counted.add(pod["metadata"].get("uid", ""))
                self._remove_finalizer(pod)
                terminating += 1
            active_pods = []
        elif not suspended and outcome is None:
            done_set = jobindex.parse_intervals(status.get("completedIndexes")) if indexed else None
            active_pods = self._manage(job, spec, active_pods, succeeded, backoff, now, done_set)
        elif suspended:
            for pod in active_pods:
                # Suspension removes the finalizer first: these pods are never counted.
                self._counted.add(pod["metadata"].get("uid", ""))
                self._remove_finalizer(pod)
                self._delete_pod(job, pod)
                terminating += 1
            active_pods = []

        active = len(active_pods)
        wanted_completions = spec.get("completions")
        if outcome is None and not suspended:
            done = (
                (succeeded > 0 and active == 0)
                if wanted_completions is None
                else (succeeded >= int(wanted_completions) and active == 0)
            )
            if done:
                outcome = ("SuccessCriteriaMet", "CompletionsReached", msg.COMPLETIONS_REACHED)
                conditions.append(new_condition(*outcome, stamp))

        finished_now = None
        if outcome is not None and terminating == 0:
            final = "Complete" if outcome[0] == "SuccessCriteriaMet" else "Failed"
            conditions.append(new_condition(final, outcome[1], outcome[2], stamp))
            if final == "Complete":
                status["completionTime"] = stamp
            finished_now = final

        status.update(
            {
                "active": active,
                "ready": sum(1 for p in active_pods if is_ready(p)),
                "terminating": terminating,
                "succeeded": succeeded,
                "failed": failed,
                "uncountedTerminatedPods": {},
            }
        )
        for counter in ("active", "succeeded", "failed"):
            if not status[counter]:
                del status[counter]  # omitempty
        if conditions:
            status["conditions"] = conditions
        if status != (job.get("status") or {}):
            job["status"] = status
            self.api.update_status(job)
        for type_, reason, message in events:
            self.event(job, type_, reason, message)
        if finished_now == "Complete":
            if wanted_completions is not None and succeeded > int(wanted_completions):
                self.event(job, "Warning", "TooManySucceededPods", msg.TOO_MANY_SUCCEEDED)
            self.event(job, "Normal", "Completed", msg.JOB_COMPLETED)
        elif finished_now == "Failed" and outcome is not None:
            self.event(job, "Warning", outcome[1], outcome[2])
        if finished_now:
            self._backoff.pop(uid, None)
            self._schedule_ttl(self.api.try_get("Job", name, namespace) or job)
        elif outcome is None and not suspended:
            self._requeue_for_deadline(job, status, now)

    def _newly_finished(
        self, job: dict[str, Any], pods: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], str | None]:
        """Pods that finished (or are being deleted without success) and are not counted yet:
        (succeeded, failed, ignored by the podFailurePolicy, FailJob message or None)."""
        with_policy = bool((job.get("spec") or {}).get("podFailurePolicy"))
        newly_succeeded: list[dict[str, Any]] = []
        newly_failed: list[dict[str, Any]] = []
        ignored: list[dict[str, Any]] = []
        policy_failure: str | None = None
        for pod in pods:
            pod_uid = pod["metadata"].get("uid", "")
            if TRACKING_FINALIZER not in (pod["metadata"].get("finalizers") or []):
                continue
            if pod_uid in self._counted:
                continue
            if phase(pod) == "Succeeded":
                newly_succeeded.append(pod)
            elif phase(pod) == "Failed" or (is_deleting(pod) and not with_policy):
                # With a podFailurePolicy, terminating pods wait until they have failed
                # (podReplacementPolicy Failed) so that the rules can read their exit codes.
                matched = jobpolicy.match(job, pod) if with_policy else None
                if matched is not None and matched[0] == "Ignore":
                    ignored.append(pod)
                    continue
                if matched is not None and matched[0] == "FailJob" and policy_failure is None:
                    policy_failure = matched[1]
                newly_failed.append(pod)
        return newly_succeeded, newly_failed, ignored, policy_failure

    def _past_deadline(self, job: dict[str, Any], status: dict[str, Any], now: float) -> bool:
        deadline = (job.get("spec") or {}).get("activeDeadlineSeconds")
        if (
            deadline is None
            or not status.get("startTime")
            or (job.get("spec") or {}).get("suspend")
        ):
            return False
        return now - self.clock.parse_timestamp(status["startTime"]) >= float(deadline) - 1e-6

    def _requeue_for_deadline(
        self, job: dict[str, Any], status: dict[str, Any], now: float
    ) -> None:
        deadline = (job.get("spec") or {}).get("activeDeadlineSeconds")
        if deadline is None or not status.get("startTime"):
            return
        due = self.clock.parse_timestamp(status["startTime"]) + float(deadline)
        self.enqueue_after(key_of(job), max(0.0, due - now))

    # -- pods ---------------------------------------------------------------------------------
    def _manage(
        self,
        job: dict[str, Any],
        spec: dict[str, Any],
        active_pods: list[dict[str, Any]],
        succeeded: int,
        backoff: BackoffRecord,
        now: float,
        done_indexes: set[int] | None = None,
    ) -> list[dict[str, Any]]:
        parallelism = int(spec.get("parallelism", 1))
        completions = spec.get("completions")
        if completions is None:
            wanted = 0 if succeeded > 0 else parallelism
        else:
            wanted = max(0, min(parallelism, int(completions) - succeeded))
        if len(active_pods) > wanted:
            excess = sorted(active_pods, key=_deletion_rank)[: len(active_pods) - wanted]
            for pod in excess:
                self._counted.add(pod["metadata"].get("uid", ""))
                self._remove_finalizer(pod)
                self._delete_pod(job, pod)
            gone = {p["metadata"]["name"] for p in excess}
            return [p for p in active_pods if p["metadata"]["name"] not in gone]
        missing = wanted - len(active_pods)
        if missing <= 0:
            return active_pods
        if backoff.failures:
            due = backoff.last_failure + job_pod_recreate_delay(backoff.failures)
            if due - now > 1e-6:  # tolerance: float sums must not leave a sliver to wait
                self.enqueue_after(key_of(job), due - now)
                return active_pods
        created = list(active_pods)
        indexes: list[int | None] = [None] * missing
        if done_indexes is not None:
            # The lowest indexes that have neither succeeded nor a pod working on them.
            busy = {jobindex.pod_index(p) for p in active_pods}
            free = [
                i
                for i in range(int(spec.get("completions") or 0))
                if i not in done_indexes and i not in busy
            ]
            indexes = list(free[:missing])
        for index in indexes:
            new_pod = self._create_pod(job, index)
            if new_pod is None:
                break
            created.append(new_pod)
        return created

    def _create_pod(self, job: dict[str, Any], index: int | None = None) -> dict[str, Any] | None:
        meta = job["metadata"]
        template = copy.deepcopy((job.get("spec") or {}).get("template") or {})
        tmeta = template.get("metadata") or {}
        labels = dict(tmeta.get("labels") or {})
        labels.setdefault(CONTROLLER_UID_LABEL, meta.get("uid", ""))
        labels.setdefault(JOB_NAME_LABEL, meta["name"])
        labels.setdefault("controller-uid", meta.get("uid", ""))
        labels.setdefault("job-name", meta["name"])
        pod_meta: dict[str, Any] = {
            # The API server cuts generateName to 58 characters before adding 5 random ones.
            "generateName": meta["name"] + "-",
            "namespace": meta.get("namespace") or "default",
            "labels": labels,
            "ownerReferences": [
                {
                    "apiVersion": "batch/v1",
                    "blockOwnerDeletion": True,
                    "controller": True,
                    "kind": "Job",
                    "name": meta["name"],
                    "uid": meta.get("uid", ""),
                }
            ],
            "finalizers": [TRACKING_FINALIZER],
        }
        if tmeta.get("annotations"):
            pod_meta["annotations"] = dict(tmeta["annotations"])
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": pod_meta,
            "spec": template.get("spec") or {},
        }
        if index is not None:
            pod = jobindex.decorate(pod, meta["name"], index)
        try:
            created = self.api.create(pod, namespace=pod_meta["namespace"])
        except MiniclusterError as err:
            self.event(job, "Warning", "FailedCreate", msg.ERROR_CREATING.format(error=err))
            return None
        self.event(
            job,
            "Normal",
            "SuccessfulCreate",
            msg.CREATED_POD.format(pod=created["metadata"]["name"]),
        )
        return created

    def _delete_pod(self, job: dict[str, Any], pod: dict[str, Any]) -> None:
        meta = pod["metadata"]
        try:
            self.api.delete("Pod", meta["name"], meta.get("namespace") or "default")
        except MiniclusterError as err:
            self.event(job, "Warning", "FailedDelete", f"Error deleting: {err}")
            return
        self.event(job, "Normal", "SuccessfulDelete", msg.DELETED_POD.format(pod=meta["name"]))

    # -- ttl-after-finished -------------------------------------------------------------------
    def _schedule_ttl(self, job: dict[str, Any]) -> None:
        ttl = (job.get("spec") or {}).get("ttlSecondsAfterFinished")
        if ttl is None or (job.get("metadata") or {}).get("deletionTimestamp"):
            return
        finished = condition(job, "Complete") or condition(job, "Failed")
        if finished is None or finished.get("status") != "True":
            return
        due = self.clock.parse_timestamp(finished["lastTransitionTime"]) + float(ttl)
        self.manager.ttl.expire_at(job, due)


def _deletion_rank(pod: dict[str, Any]) -> tuple[int, int]:
    """Which active pods go first when scaling down: unscheduled, pending, not ready."""
    scheduled = 1 if (pod.get("spec") or {}).get("nodeName") else 0
    rank = {"Pending": 0, "Unknown": 1, "Running": 2}.get(phase(pod), 2)
    return (scheduled, rank + (1 if is_ready(pod) else 0))
