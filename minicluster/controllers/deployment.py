"""The Deployment controller (pkg/controller/deployment, facts only): one ReplicaSet per pod
template (named `<deployment>-<pod-template-hash>`), rolling updates within maxSurge and
maxUnavailable or Recreate, revisions, ScalingReplicaSet events and the Available/Progressing
conditions a rollout status reads.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, controller_owner, key_of
from minicluster.controllers.owned import owner_reference, set_condition
from minicluster.controllers.templatehash import pod_template_hash
from minicluster.core.errors import MiniclusterError

HASH_LABEL = "pod-template-hash"
REVISION = "deployment.kubernetes.io/revision"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
COMPONENT = "deployment-controller"


def _resolve(value: Any, total: int, round_up: bool) -> int:
    if isinstance(value, str) and value.endswith("%"):
        scaled = int(value[:-1]) * total / 100
        return math.ceil(scaled) if round_up else math.floor(scaled)
    return int(value)


def surge_and_unavailable(deployment: dict[str, Any]) -> tuple[int, int]:
    spec = deployment.get("spec") or {}
    replicas = int(spec.get("replicas", 1))
    rolling = (spec.get("strategy") or {}).get("rollingUpdate") or {}
    surge = _resolve(rolling.get("maxSurge", "25%"), replicas, True)
    unavailable = _resolve(rolling.get("maxUnavailable", "25%"), replicas, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def _template_without_hash(template: dict[str, Any]) -> dict[str, Any]:
    template = copy.deepcopy(template)
    labels = (template.get("metadata") or {}).get("labels") or {}
    labels.pop(HASH_LABEL, None)
    return template


class DeploymentController(Controller):
    name = COMPONENT

    def __init__(self, manager: Any) -> None:
        super().__init__(manager)
        self._deadline_timers: dict[Key, Any] = {}

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "Deployment" and event_type == "DELETED":
            timer = self._deadline_timers.pop(key_of(obj), None)
            if timer is not None:
                timer.cancel()
        elif kind == "Deployment":
            self.enqueue(key_of(obj))
        elif kind == "ReplicaSet":
            ref = controller_owner(obj, "Deployment")
            if ref is not None:
                self.enqueue(((obj.get("metadata") or {}).get("namespace") or "", ref["name"]))

    def _replica_sets(self, deployment: dict[str, Any]) -> list[dict[str, Any]]:
        meta = deployment["metadata"]
        return [
            rs
            for rs in self.api.list("ReplicaSet", namespace=meta.get("namespace"))
            if (ref := controller_owner(rs, "Deployment")) is not None
            and ref.get("uid") == meta.get("uid")
        ]

    def sync(self, key: Key) -> None:
        namespace, name = key
        deployment = self.api.try_get("Deployment", name, namespace)
        if deployment is None or deployment["metadata"].get("deletionTimestamp"):
            return
        spec = deployment.get("spec") or {}
        replicas = int(spec.get("replicas", 1))
        all_rs = self._replica_sets(deployment)
        template = spec.get("template") or {}
        new_rs = next(
            (
                rs
                for rs in all_rs
                if _template_without_hash((rs.get("spec") or {}).get("template") or {})
                == _template_without_hash(template)
            ),
            None,
        )
        old_rs = [rs for rs in all_rs if rs is not new_rs]
        revision = 1 + max(
            (
                int((rs["metadata"].get("annotations") or {}).get(REVISION, "0") or 0)
                for rs in all_rs
            ),
            default=0,
        )
        created_new = False
        if new_rs is None:
            new_rs = self._create_rs(deployment, template, revision, all_rs)
            if new_rs is None:
                return
            created_new = True
        elif old_rs and int(
            (new_rs["metadata"].get("annotations") or {}).get(REVISION, "0") or 0
        ) < max(
            int((rs["metadata"].get("annotations") or {}).get(REVISION, "0") or 0) for rs in old_rs
        ):
            # Rolling back to an older template makes it the newest revision again.
            self._annotate(new_rs, {REVISION: str(revision)})
            new_rs = self.api.try_get("ReplicaSet", new_rs["metadata"]["name"], namespace) or new_rs
        if spec.get("paused"):
            self._write_status(deployment, new_rs, old_rs, created_new)
            return
        strategy = (spec.get("strategy") or {}).get("type", "RollingUpdate")
        if strategy == "Recreate":
            self._recreate(deployment, new_rs, old_rs, replicas)
        else:
            self._rolling(deployment, new_rs, old_rs, replicas)
        self._cleanup(deployment, old_rs)
        self._sync_revision(deployment, new_rs)
        fresh_new = self.api.try_get("ReplicaSet", new_rs["metadata"]["name"], namespace) or new_rs
        fresh_old = [
            r
            for rs in old_rs
            if (r := self.api.try_get("ReplicaSet", rs["metadata"]["name"], namespace))
        ]
        self._write_status(deployment, fresh_new, fresh_old, created_new)

    # -- replica sets -----------------------------------------------------------------------
    def _create_rs(
        self,
        deployment: dict[str, Any],
        template: dict[str, Any],
        revision: int,
        existing: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        meta = deployment["metadata"]
        collisions = int((deployment.get("status") or {}).get("collisionCount") or 0)
        hash_ = pod_template_hash(template, collisions)
        template = copy.deepcopy(template)
        template.setdefault("metadata", {}).setdefault("labels", {})[HASH_LABEL] = hash_
        selector = copy.deepcopy((deployment.get("spec") or {}).get("selector") or {})
        selector.setdefault("matchLabels", {})[HASH_LABEL] = hash_
        surge, _ = surge_and_unavailable(deployment)
        replicas = int((deployment.get("spec") or {}).get("replicas", 1))
        rs: dict[str, Any] = {
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {
                "name": f"{meta['name']}-{hash_}",
                "namespace": meta.get("namespace") or "default",
                "labels": dict(template["metadata"]["labels"]),
                "annotations": {
                    DESIRED: str(replicas),
                    MAX_REPLICAS: str(replicas + surge),
                    REVISION: str(revision),
                },
                "ownerReferences": [owner_reference(deployment)],
            },
            "spec": {"replicas": 0, "selector": selector, "template": template},
        }
        if (deployment.get("spec") or {}).get("minReadySeconds"):
            rs["spec"]["minReadySeconds"] = deployment["spec"]["minReadySeconds"]
        try:
            return self.api.create(rs, namespace=rs["metadata"]["namespace"])
        except MiniclusterError:
            return None

    def _annotate(self, rs: dict[str, Any], annotations: dict[str, str]) -> None:
        meta = rs["metadata"]
        self.api.patch(
            "ReplicaSet",
            meta["name"],
            meta.get("namespace") or "default",
            {"metadata": {"annotations": annotations}},
        )

    def _scale(self, deployment: dict[str, Any], rs: dict[str, Any], count: int) -> None:
        current = int((rs.get("spec") or {}).get("replicas", 0))
        if current == count:
            return
        meta = rs["metadata"]
        replicas = int((deployment.get("spec") or {}).get("replicas", 1))
        surge, _ = surge_and_unavailable(deployment)
        self.api.patch(
            "ReplicaSet",
            meta["name"],
            meta.get("namespace") or "default",
            {
                "metadata": {
                    "annotations": {DESIRED: str(replicas), MAX_REPLICAS: str(replicas + surge)}
                },
                "spec": {"replicas": count},
            },
        )
        rs.setdefault("spec", {})["replicas"] = count
        text = (msg.SCALED_UP if count > current else msg.SCALED_DOWN).format(
            rs=meta["name"], new=count, old=current
        )
        self.event(deployment, "Normal", "ScalingReplicaSet", text)

    @staticmethod
    def _available(rs: dict[str, Any]) -> int:
        return int((rs.get("status") or {}).get("availableReplicas") or 0)

    @staticmethod
    def _spec_replicas(rs: dict[str, Any]) -> int:
        return int((rs.get("spec") or {}).get("replicas", 0))

    def _rolling(
        self,
        deployment: dict[str, Any],
        new_rs: dict[str, Any],
        old_rs: list[dict[str, Any]],
        replicas: int,
    ) -> None:
        surge, unavailable = surge_and_unavailable(deployment)
        spec_of, available_of = self._spec_replicas, self._available
        # reconcileNewReplicaSet: grow the new set within replicas + maxSurge.
        new_count = spec_of(new_rs)
        if new_count > replicas:
            self._scale(deployment, new_rs, replicas)
        elif new_count < replicas:
            current = new_count + sum(spec_of(rs) for rs in old_rs)
            room = replicas + surge - current
            if room > 0:
                self._scale(deployment, new_rs, new_count + min(room, replicas - new_count))
        # reconcileOldReplicaSets: shrink old sets while replicas - maxUnavailable stay available.
        if not sum(spec_of(rs) for rs in old_rs):
            return
        by_age = sorted(old_rs, key=lambda r: r["metadata"].get("creationTimestamp") or "")
        min_available = replicas - unavailable
        all_count = spec_of(new_rs) + sum(spec_of(rs) for rs in old_rs)
        new_unavailable = spec_of(new_rs) - available_of(new_rs)
        max_down = all_count - min_available - new_unavailable
        if max_down <= 0:
            return
        cleaned = 0
        for rs in by_age:  # unhealthy old pods first: they are not available anyway
            unhealthy = spec_of(rs) - available_of(rs)
            if spec_of(rs) == 0 or unhealthy <= 0 or cleaned >= max_down:
                continue
            cut = min(max_down - cleaned, unhealthy)
            self._scale(deployment, rs, spec_of(rs) - cut)
            cleaned += cut
        available = available_of(new_rs) + sum(available_of(rs) for rs in old_rs)
        if available <= min_available:
            return
        budget = available - min_available
        for rs in by_age:
            if budget <= 0:
                break
            cut = min(spec_of(rs), budget)
            if cut > 0:
                self._scale(deployment, rs, spec_of(rs) - cut)
                budget -= cut

    def _recreate(
        self,
        deployment: dict[str, Any],
        new_rs: dict[str, Any],
        old_rs: list[dict[str, Any]],
        replicas: int,
    ) -> None:
        for rs in old_rs:
            self._scale(deployment, rs, 0)
        still_running = sum(int((rs.get("status") or {}).get("replicas") or 0) for rs in old_rs)
        if still_running == 0:
            self._scale(deployment, new_rs, replicas)

    def _cleanup(self, deployment: dict[str, Any], old_rs: list[dict[str, Any]]) -> None:
        limit = int((deployment.get("spec") or {}).get("revisionHistoryLimit", 10))
        idle = [
            rs
            for rs in old_rs
            if self._spec_replicas(rs) == 0
            and not int((rs.get("status") or {}).get("replicas") or 0)
        ]
        idle.sort(
            key=lambda rs: int((rs["metadata"].get("annotations") or {}).get(REVISION, "0") or 0)
        )
        for rs in idle[: max(0, len(idle) - limit)]:
            try:
                self.api.delete(
                    "ReplicaSet", rs["metadata"]["name"], rs["metadata"].get("namespace")
                )
            except MiniclusterError:
                pass

    def _sync_revision(self, deployment: dict[str, Any], new_rs: dict[str, Any]) -> None:
        revision = (new_rs["metadata"].get("annotations") or {}).get(REVISION)
        current = (deployment["metadata"].get("annotations") or {}).get(REVISION)
        if revision and revision != current:
            meta = deployment["metadata"]
            self.api.patch(
                "Deployment",
                meta["name"],
                meta.get("namespace") or "default",
                {"metadata": {"annotations": {REVISION: revision}}},
            )

    # -- status -----------------------------------------------------------------------------
    def _write_status(
        self,
        deployment: dict[str, Any],
        new_rs: dict[str, Any],
        old_rs: list[dict[str, Any]],
        created_new: bool,
    ) -> None:
        deployment = (
            self.api.try_get(
                "Deployment",
                deployment["metadata"]["name"],
                deployment["metadata"].get("namespace"),
            )
            or deployment
        )
        spec = deployment.get("spec") or {}
        replicas = int(spec.get("replicas", 1))
        _, max_unavailable = surge_and_unavailable(deployment)
        all_rs = [new_rs] + old_rs

        def total(field: str) -> int:
            return sum(int((rs.get("status") or {}).get(field) or 0) for rs in all_rs)

        old_status = deployment.get("status") or {}
        status: dict[str, Any] = {
            "observedGeneration": deployment["metadata"].get("generation", 1),
            "replicas": total("replicas"),
            "updatedReplicas": int((new_rs.get("status") or {}).get("replicas") or 0),
            "readyReplicas": total("readyReplicas"),
            "availableReplicas": total("availableReplicas"),
        }
        status["unavailableReplicas"] = max(0, replicas - status["availableReplicas"])
        for field in (
            "replicas",
            "updatedReplicas",
            "readyReplicas",
            "availableReplicas",
            "unavailableReplicas",
        ):
            if not status[field]:
                del status[field]
        if old_status.get("collisionCount"):
            status["collisionCount"] = old_status["collisionCount"]
        now = self.clock.timestamp()
        conditions = list(old_status.get("conditions") or [])

        def cond(type_: str, ok: bool, reason: str, message: str) -> dict[str, Any]:
            return {
                "lastTransitionTime": now,
                "lastUpdateTime": now,
                "message": message,
                "reason": reason,
                "status": "True" if ok else "False",
                "type": type_,
            }

        rs_name = new_rs["metadata"]["name"]
        has_deadline = spec.get("progressDeadlineSeconds", 600) is not None
        if created_new and has_deadline:
            conditions = set_condition(
                conditions,
                cond(
                    "Progressing",
                    True,
                    "NewReplicaSetCreated",
                    msg.NEW_RS_CREATED.format(rs=rs_name),
                ),
            )
        if status.get("availableReplicas", 0) >= replicas - max_unavailable:
            conditions = set_condition(
                conditions, cond("Available", True, "MinimumReplicasAvailable", msg.MIN_AVAILABLE)
            )
        else:
            conditions = set_condition(
                conditions,
                cond("Available", False, "MinimumReplicasUnavailable", msg.NO_MIN_AVAILABLE),
            )
        complete = (
            status.get("updatedReplicas", 0) == replicas
            and status.get("replicas", 0) == replicas
            and status.get("availableReplicas", 0) == replicas
        )
        progressing = next((c for c in conditions if c.get("type") == "Progressing"), None)
        timed_out = False
        if has_deadline:
            if complete:
                conditions = set_condition(
                    conditions,
                    cond(
                        "Progressing",
                        True,
                        "NewReplicaSetAvailable",
                        msg.NEW_RS_AVAILABLE.format(rs=rs_name),
                    ),
                )
            elif self._moved(old_status, status):
                new = cond(
                    "Progressing", True, "ReplicaSetUpdated", msg.RS_UPDATED.format(rs=rs_name)
                )
                if progressing is not None and progressing.get("status") == "True":
                    new["lastTransitionTime"] = progressing.get("lastTransitionTime")
                conditions = [c for c in conditions if c.get("type") != "Progressing"] + [new]
            elif self._past_progress_deadline(deployment, progressing):
                timed_out = True
                conditions = set_condition(
                    conditions,
                    cond(
                        "Progressing",
                        False,
                        "ProgressDeadlineExceeded",
                        msg.PROGRESS_DEADLINE.format(rs=rs_name),
                    ),
                )
        key = key_of(deployment)
        timer = self._deadline_timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        progressing = next((c for c in conditions if c.get("type") == "Progressing"), None)
        if has_deadline and not complete and not timed_out and progressing is not None:
            due = self.clock.parse_timestamp(progressing["lastUpdateTime"]) + float(
                spec.get("progressDeadlineSeconds", 600)
            )
            self._deadline_timers[key] = self.clock.call_at(due, self.enqueue, key)
        status["conditions"] = conditions
        if status != old_status:
            deployment["status"] = status
            self.api.update_status(deployment)

    @staticmethod
    def _moved(old: dict[str, Any], new: dict[str, Any]) -> bool:
        """DeploymentProgressing: more updated/ready/available pods, or fewer old ones."""

        def get(status: dict[str, Any], field: str) -> int:
            return int(status.get(field) or 0)

        if any(
            get(new, f) > get(old, f)
            for f in ("updatedReplicas", "readyReplicas", "availableReplicas")
        ):
            return True
        old_old = get(old, "replicas") - get(old, "updatedReplicas")
        new_old = get(new, "replicas") - get(new, "updatedReplicas")
        return new_old < old_old

    def _past_progress_deadline(
        self, deployment: dict[str, Any], progressing: dict[str, Any] | None
    ) -> bool:
        deadline = (deployment.get("spec") or {}).get("progressDeadlineSeconds", 600)
        if progressing is None or deadline is None or not progressing.get("lastUpdateTime"):
            return False
        if progressing.get("reason") == "ProgressDeadlineExceeded":
            return True
        if progressing.get("reason") == "NewReplicaSetAvailable":
            return False
        since = self.clock.parse_timestamp(progressing["lastUpdateTime"])
        return self.clock.now() - since >= float(deadline)
