"""A minimal CronJob controller: creates a Job at each scheduled time (background timers, so a
CronJob never keeps the cluster busy), honours suspend and concurrencyPolicy, records
lastScheduleTime/lastSuccessfulTime and trims the job history."""

from __future__ import annotations

import copy
from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, controller_owner, key_of
from minicluster.controllers.cron import CronError, CronSchedule
from minicluster.controllers.owned import owner_reference
from minicluster.controllers.podutil import condition_true
from minicluster.core.errors import MiniclusterError

COMPONENT = "cronjob-controller"
SCHEDULED_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp"


def _finished(job: dict[str, Any]) -> str | None:
    for type_ in ("Complete", "Failed"):
        if condition_true(job, type_):
            return type_
    return None


class CronJobController(Controller):
    name = COMPONENT
    foreground = False

    def __init__(self, manager: Any) -> None:
        super().__init__(manager)
        self._timers: dict[Key, Any] = {}

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "CronJob":
            if event_type == "DELETED":
                timer = self._timers.pop(key_of(obj), None)
                if timer is not None:
                    timer.cancel()
            else:
                self.enqueue(key_of(obj))
        elif kind == "Job":
            ref = controller_owner(obj, "CronJob")
            if ref is not None:
                self.enqueue(((obj.get("metadata") or {}).get("namespace") or "", ref["name"]))

    def _jobs(self, cronjob: dict[str, Any]) -> list[dict[str, Any]]:
        uid = cronjob["metadata"].get("uid")
        return [
            job
            for job in self.api.list("Job", namespace=cronjob["metadata"].get("namespace"))
            if (ref := controller_owner(job, "CronJob")) is not None and ref.get("uid") == uid
        ]

    def sync(self, key: Key) -> None:
        namespace, name = key
        cronjob = self.api.try_get("CronJob", name, namespace)
        if cronjob is None:
            return
        spec = cronjob.get("spec") or {}
        status = copy.deepcopy(cronjob.get("status") or {})
        now = self.clock.now()
        jobs = self._jobs(cronjob)
        active = [j for j in jobs if _finished(j) is None]
        # Record finished jobs once.
        seen = {a.get("name") for a in status.get("active") or []}
        for job in jobs:
            outcome = _finished(job)
            if outcome and job["metadata"]["name"] in seen:
                self.event(
                    cronjob,
                    "Normal",
                    "SawCompletedJob",
                    msg.CRONJOB_SAW_COMPLETED.format(job=job["metadata"]["name"], status=outcome),
                )
                if outcome == "Complete":
                    done = next(c for c in job["status"]["conditions"] if c["type"] == "Complete")
                    status["lastSuccessfulTime"] = done.get("lastTransitionTime")
        self._trim(cronjob, jobs)
        try:
            schedule = CronSchedule(spec.get("schedule", ""))
        except CronError as err:
            self.event(cronjob, "Warning", "UnparseableSchedule", f"unparseable schedule: {err}")
            return
        last = status.get("lastScheduleTime") or cronjob["metadata"].get("creationTimestamp")
        last_time = (
            self.clock.datetime(self.clock.parse_timestamp(last)) if last else self.clock.datetime()
        )
        # Only the most recent missed time runs (startingDeadlineSeconds aside).
        latest = None
        candidate = schedule.next_after(last_time)
        while candidate is not None and self._seconds(candidate) <= now + 1e-6:
            latest = candidate
            candidate = schedule.next_after(candidate)
        if latest is not None and not spec.get("suspend"):
            policy = spec.get("concurrencyPolicy", "Allow")
            if active and policy == "Forbid":
                # lastScheduleTime stays: the missed run starts when the active one ends.
                self.event(cronjob, "Normal", "JobAlreadyActive", msg.CRONJOB_ALREADY_ACTIVE)
            else:
                if active and policy == "Replace":
                    for job in active:
                        self._delete_job(cronjob, job)
                    active = []
                created = self._create_job(cronjob, latest)
                if created is not None:
                    active.append(created)
                status["lastScheduleTime"] = self.clock.timestamp(self._seconds(latest))
        due = schedule.next_after(self.clock.datetime())
        status["active"] = [
            {
                "apiVersion": "batch/v1",
                "kind": "Job",
                "name": j["metadata"]["name"],
                "namespace": namespace,
                "resourceVersion": j["metadata"].get("resourceVersion"),
                "uid": j["metadata"].get("uid"),
            }
            for j in active
        ] or None
        if status["active"] is None:
            del status["active"]
        if status != (cronjob.get("status") or {}):
            cronjob["status"] = status
            self.api.update_status(cronjob)
        if due is not None and not spec.get("suspend"):
            timer = self._timers.get(key)
            when = self._seconds(due)
            if timer is None or timer.cancelled or timer.when != when:
                if timer is not None:
                    timer.cancel()
                self._timers[key] = self.clock.call_background(when - now, self.enqueue, key)

    def _seconds(self, moment: Any) -> float:
        return float((moment - self.clock.epoch).total_seconds())

    def _create_job(self, cronjob: dict[str, Any], when: Any) -> dict[str, Any] | None:
        meta = cronjob["metadata"]
        template = copy.deepcopy((cronjob.get("spec") or {}).get("jobTemplate") or {})
        scheduled = int(when.timestamp())
        job_name = f"{meta['name']}-{scheduled // 60}"
        tmeta = template.get("metadata") or {}
        job: dict[str, Any] = {
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": {
                "name": job_name,
                "namespace": meta.get("namespace") or "default",
                "labels": dict(tmeta.get("labels") or {}),
                "annotations": dict(
                    tmeta.get("annotations") or {},
                    **{SCHEDULED_ANNOTATION: when.strftime("%Y-%m-%dT%H:%M:%SZ")},
                ),
                "ownerReferences": [owner_reference(cronjob)],
            },
            "spec": template.get("spec") or {},
        }
        if not job["metadata"]["labels"]:
            del job["metadata"]["labels"]
        try:
            created = self.api.create(job, namespace=job["metadata"]["namespace"])
        except MiniclusterError as err:
            self.event(cronjob, "Warning", "FailedCreate", f"Error creating job: {err}")
            return None
        self.event(cronjob, "Normal", "SuccessfulCreate", msg.CRONJOB_CREATED.format(job=job_name))
        return created

    def _delete_job(self, cronjob: dict[str, Any], job: dict[str, Any]) -> None:
        try:
            self.api.delete(
                "Job",
                job["metadata"]["name"],
                job["metadata"].get("namespace"),
                propagation="Background",
            )
        except MiniclusterError:
            return
        self.event(
            cronjob,
            "Normal",
            "SuccessfulDelete",
            msg.CRONJOB_DELETED.format(job=job["metadata"]["name"]),
        )

    def _trim(self, cronjob: dict[str, Any], jobs: list[dict[str, Any]]) -> None:
        spec = cronjob.get("spec") or {}
        for outcome, limit in (
            ("Complete", spec.get("successfulJobsHistoryLimit", 3)),
            ("Failed", spec.get("failedJobsHistoryLimit", 1)),
        ):
            done = sorted(
                (j for j in jobs if _finished(j) == outcome),
                key=lambda j: j.get("status", {}).get("startTime") or "",
            )
            for job in done[: max(0, len(done) - int(limit))]:
                self._delete_job(cronjob, job)
