"""Helm's kube client in miniature: build, create, update, delete and wait, on the virtual clock.

Everything goes through `cluster.api` as the "helm" actor, so the action log shows Helm's calls
in order. Waiting never sleeps: it runs the cluster's clock until the awaited state holds or the
per-operation `--timeout` passes (helm-hooks-semantics.md sections 5.3 and 6).

Wait strategies: Helm 4's `hookOnly` (default) and `watcher` use kstatus (Helm's own Job and Pod
readers for hooks), `legacy` and all of Helm 3 use the watch/poll logic with its own texts.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from minicluster.api.clone import clone as json_clone
from minicluster.core import yamlio
from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg
from minicluster.helm.manifests import parse_yaml_stream

HOOK_ONLY, WATCHER, LEGACY = "hookOnly", "watcher", "legacy"
LEGACY_POLL_SECONDS = 2.0
MANAGED_BY_LABEL = "app.kubernetes.io/managed-by"
RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name"
RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace"


class KubeError(MiniclusterError):
    """An error of one kube-client operation; `message` is the text Helm would carry up."""


class BuildError(KubeError):
    pass


class WaitError(KubeError):
    pass


def identity(obj: dict[str, Any]) -> tuple[str, str, str]:
    meta = obj.get("metadata") or {}
    return obj.get("kind", ""), meta.get("namespace", "") or "", meta.get("name", "")


@dataclass
class UpdateResult:
    created: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    deleted: list[dict[str, Any]] = field(default_factory=list)


class KubeClient:
    def __init__(self, cluster: Any, namespace: str, helm_version: int = 4) -> None:
        self.cluster = cluster
        self.api = cluster.api
        self.clock = cluster.clock
        self.namespace = namespace
        self.helm_version = helm_version

    # -- errors the way each major carries them ---------------------------------------------
    def wrap(self, errors: list[str]) -> str:
        """Helm 3 gathers per-resource errors into a multierror; Helm 4 joins them with \\n."""
        if self.helm_version < 4:
            return msg.multierror(errors)
        return "\n".join(errors)

    # -- building ---------------------------------------------------------------------------
    def _namespaced(self, kind: str) -> bool:
        kinds = getattr(self.api, "kinds", None)
        if kinds is None or kind not in kinds:
            return True
        return bool(kinds.get(kind).namespaced)

    def build(self, text: str) -> list[dict[str, Any]]:
        """Objects of a manifest text, with the release namespace filled in where it applies."""
        try:
            docs = json_clone(list(parse_yaml_stream(text)))
        except yamlio.YAMLError as exc:
            raise BuildError(f"error parsing : error converting YAML to JSON: yaml: {exc}") from None
        objs = []
        kinds = getattr(self.api, "kinds", None)
        for doc in docs:
            if not isinstance(doc, dict):
                continue
            kind, api_version = str(doc.get("kind", "")), str(doc.get("apiVersion", ""))
            name = str((doc.get("metadata") or {}).get("name", ""))
            if kinds is not None:
                try:
                    kinds.for_object(api_version, kind)
                except MiniclusterError:
                    raise BuildError(
                        f'resource mapping not found for name: "{name}" namespace: "" from "": '
                        f'no matches for kind "{kind}" in version "{api_version}"\n'
                        "ensure CRDs are installed first") from None
            meta = doc.setdefault("metadata", {})
            if self._namespaced(kind) and not meta.get("namespace"):
                meta["namespace"] = self.namespace
            objs.append(doc)
        return objs

    # -- single calls -----------------------------------------------------------------------
    def get(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        kind, ns, name = identity(obj)
        return self.api.try_get(kind, name, ns or "default")

    def create(self, obj: dict[str, Any], server_side: bool = False) -> dict[str, Any]:
        """POST the object, or with `server_side` apply it: create when absent, otherwise set
        the given fields over the live object (no last-applied annotation, unlike kubectl's
        client-side apply; an unchanged object is not written at all)."""
        namespace = identity(obj)[1] or None
        with self.api.actor("helm"):
            if server_side:
                live = self.get(obj)
                if live is not None:
                    merged = three_way_patch({}, obj, live)
                    if merged == live:
                        return live
                    return self.api.update(merged)
            return self.api.create(json_clone(obj), namespace=namespace)

    def delete(self, obj: dict[str, Any], propagation: str = "Background") -> str | None:
        """Delete one object; NotFound counts as done. Returns the error text, if any."""
        return self.delete_reporting(obj, propagation)[0]

    def delete_reporting(self, obj: dict[str, Any], propagation: str = "Background"
                         ) -> tuple[str | None, bool]:
        """Delete one object: (error text or None, whether something was there to delete)."""
        kind, ns, name = identity(obj)
        try:
            with self.api.actor("helm"):
                self.api.delete(kind, name, ns or "default", propagation=propagation)
        except MiniclusterError as exc:
            if getattr(exc, "code", None) == 404:
                return None, False
            return exc.message, True
        return None, True

    # -- waiting ----------------------------------------------------------------------------
    def _run_until(self, done: Callable[[], bool], timeout: float) -> bool:
        return self.clock.run_until(done, timeout=timeout)

    def watch_until_ready(self, obj: dict[str, Any], timeout: float, strategy: str) -> None:
        """Wait for a hook to finish (Jobs, Pods) or accept it at once (other kinds)."""
        if strategy == LEGACY or self.helm_version < 4:
            self._legacy_watch(obj, timeout)
        else:
            self._kstatus_wait([obj], timeout, "hook")

    def _observe(self, objs: list[dict[str, Any]], judge: Callable[[dict[str, Any] | None], Any],
                 settled: Callable[[dict[tuple[str, str, str], Any]], bool],
                 timeout: float) -> tuple[bool, dict[tuple[str, str, str], Any]]:
        """Judge every awaited object now and on every watch event for it (so a state that
        lasts no virtual time, like a Job deleted the instant it completes, is still seen),
        until `settled(states)` or the timeout. Returns (settled in time, states)."""
        keys = [identity(o) for o in objs]
        states = {key: judge(self.get(obj)) for key, obj in zip(keys, objs)}
        done = [settled(states)]

        def on_event(event_type: str, obj: dict[str, Any], old: Any) -> None:
            key = identity(obj)
            if done[0] or key not in states:
                return
            states[key] = judge(None if event_type == "DELETED" else obj)
            done[0] = settled(states)

        kinds = sorted({k for k, _, _ in keys})
        unsubscribe = self.api.watch(on_event, kinds=kinds)
        try:
            finished = done[0] or self._run_until(lambda: done[0], timeout)
        finally:
            unsubscribe()
        return finished, states

    def _legacy_watch(self, obj: dict[str, Any], timeout: float) -> None:
        kind, _, name = identity(obj)
        if kind not in ("Job", "Pod"):
            return

        def judge(live: dict[str, Any] | None) -> tuple[bool, str | None]:
            if live is None:  # a Deleted watch event counts as success
                return True, None
            status = live.get("status") or {}
            if kind == "Job":
                for cond in status.get("conditions") or []:
                    if cond.get("type") == "Complete" and cond.get("status") == "True":
                        return True, None
                    if cond.get("type") == "Failed" and cond.get("status") == "True":
                        return True, msg.legacy_job_failed(name, cond.get("reason", ""))
                return False, None
            phase = status.get("phase")
            if phase == "Failed":
                return True, msg.legacy_pod_failed(name)
            return phase == "Succeeded", None

        # The first terminal verdict sticks, as the watch returns on it.
        def settled(states: dict[Any, tuple[bool, str | None]]) -> bool:
            return all(done for done, _ in states.values())

        finished, states = self._observe([obj], judge, settled, timeout)
        if not finished:
            raise WaitError(self.wrap([msg.TIMED_OUT]))
        error = next(iter(states.values()))[1]
        if error is not None:
            raise WaitError(self.wrap([error]))

    # kstatus ------------------------------------------------------------------------------
    # Readers: "hook" = WatchUntilReady (Helm's Job and Pod readers, everything else current),
    # "wait" = Wait (cli-utils' default rules), "jobs" = WaitWithJobs (defaults + Helm's Job).
    def kstatus(self, obj: dict[str, Any], live: dict[str, Any] | None,
                readers: str = "wait") -> tuple[str, str]:
        """(status, message) the way Helm 4's status watcher judges one object."""
        kind, _, name = identity(obj)
        if live is None:
            return "NotFound", "Resource not found"
        status = live.get("status") or {}
        if kind == "Job" and readers in ("hook", "jobs"):
            spec = live.get("spec") or {}
            completions = _int(spec, "completions", _int(spec, "parallelism", 1))
            for cond in status.get("conditions") or []:
                if cond.get("type") == "Complete" and cond.get("status") == "True":
                    return "Current", (f"Job Completed. succeeded: {_int(status, 'succeeded')}/"
                                       f"{completions}")
                if cond.get("type") == "Failed" and cond.get("status") == "True":
                    return "Failed", f"Job Failed. failed: {_int(status, 'failed')}/{completions}"
            return "InProgress", "Job in progress"
        if readers == "hook":
            if kind == "Pod":
                phase = status.get("phase")
                if phase == "Succeeded":
                    return "Current", f"pod {name} succeeded"
                if phase == "Failed":
                    return "Failed", f"pod {name} failed"
                return "InProgress", "Pod in progress"
            return "Current", "Resource is current"
        created = (live.get("metadata") or {}).get("creationTimestamp")
        age = self.clock.now() - self.clock.parse_timestamp(created) if created else 0.0
        return _workload_kstatus(kind, live, age)

    def _kstatus_wait(self, objs: list[dict[str, Any]], timeout: float, readers: str) -> None:
        by_key = {identity(o): o for o in objs}
        states: dict[tuple[str, str, str], tuple[str, str]] = {}

        def judged(live: dict[str, Any] | None) -> Any:
            return live

        # A Failed resource is terminal: it no longer holds the wait open.
        def settled(current: dict[tuple[str, str, str], Any]) -> bool:
            for key, live in current.items():
                states[key] = self.kstatus(by_key[key], live, readers)
            return all(s in ("Current", "Failed") for s, _ in states.values())

        finished, _ = self._observe(objs, judged, settled, timeout)
        errors = []
        for obj in objs:
            status, message = states[identity(obj)]
            if status != "Current":
                kind, ns, name = identity(obj)
                errors.append(msg.kstatus_not_ready(kind, ns, name, status, message))
        if not finished:
            errors.append(msg.DEADLINE_EXCEEDED)
        if errors:
            raise WaitError("\n".join(errors))

    # manifest --wait ------------------------------------------------------------------------
    def wait(self, objs: list[dict[str, Any]], timeout: float, strategy: str,
             with_jobs: bool = False) -> None:
        """Wait for manifest resources to be ready (install/upgrade/rollback `--wait`)."""
        if strategy == HOOK_ONLY:
            return
        if self.helm_version >= 4 and strategy == WATCHER:
            chosen = [o for o in objs if not (o.get("kind") == "Deployment"
                                              and (o.get("spec") or {}).get("paused"))]
            self._kstatus_wait(chosen, timeout, "jobs" if with_jobs else "wait")
            return
        self._legacy_wait(objs, timeout, with_jobs)

    def _legacy_wait(self, objs: list[dict[str, Any]], timeout: float, with_jobs: bool) -> None:
        failure: list[str] = []

        def ready() -> bool:
            for obj in objs:
                live = self.get(obj)
                if live is None:
                    return False
                kind, ns, name = identity(obj)
                if kind == "Job":
                    if not with_jobs:
                        continue
                    status = live.get("status") or {}
                    if any(c.get("type") == "Failed" and c.get("status") == "True"
                           for c in status.get("conditions") or []):
                        failure.append(f"job is failed: {ns}/{name}")
                        return True
                    completions = (live.get("spec") or {}).get("completions", 1)
                    if status.get("succeeded", 0) < completions:
                        return False
                    continue
                if not self._legacy_ready(kind, live):
                    return False
            return True

        # Helm 3 polls every 2 s, the first time at once.
        deadline = self.clock.now() + timeout
        while not ready():
            remaining = deadline - self.clock.now()
            if remaining <= 0:
                raise WaitError(msg.DEADLINE_EXCEEDED)
            self.clock.run_until(lambda: False, timeout=min(LEGACY_POLL_SECONDS, remaining))
        if failure:
            raise WaitError(failure[0])

    def _legacy_ready(self, kind: str, live: dict[str, Any]) -> bool:
        """Helm 3's ReadyChecker (pkg/kube/ready.go) for the kinds charts use."""
        spec = live.get("spec") or {}
        status = live.get("status") or {}
        if kind == "Pod":
            return _pod_ready(status)
        if kind == "Deployment":
            if spec.get("paused"):
                return True
            replica_set = self._newest_replica_set(live)
            if replica_set is None:
                return False
            replicas = _int(spec, "replicas", 1)
            expected = replicas - _max_unavailable(spec, replicas)
            return _int(replica_set.get("status") or {}, "readyReplicas") >= expected
        if kind == "Service":
            if spec.get("type") == "ExternalName":
                return True
            if not spec.get("clusterIP"):
                return False
            if spec.get("type") == "LoadBalancer":
                return bool((status.get("loadBalancer") or {}).get("ingress"))
            return True
        if kind in ("PersistentVolumeClaim", "StatefulSet", "DaemonSet", "ReplicaSet"):
            return _workload_kstatus(kind, live)[0] == "Current"
        return True

    def _newest_replica_set(self, deployment: dict[str, Any]) -> dict[str, Any] | None:
        """deploymentutil.GetNewReplicaSet: the owned ReplicaSet whose pod template equals the
        Deployment's (ignoring the pod-template-hash label), or None before it exists."""
        meta = deployment.get("metadata") or {}
        wanted = _template_without_hash((deployment.get("spec") or {}).get("template") or {})
        for rs in self.api.list("ReplicaSet", namespace=meta.get("namespace")):
            owners = (rs.get("metadata") or {}).get("ownerReferences") or []
            if not any(ref.get("uid") == meta.get("uid") for ref in owners):
                continue
            if _template_without_hash((rs.get("spec") or {}).get("template") or {}) == wanted:
                return rs
        return None

    def wait_for_delete(self, objs: list[dict[str, Any]], timeout: float, strategy: str,
                        hook: bool = False) -> None:
        """Wait until the objects are gone. Helm 3 always waits for hook deletes (polling every
        2 s) but for uninstalled resources only with --wait; Helm 4 waits unless hookOnly."""
        if strategy == HOOK_ONLY and not (hook and self.helm_version < 4):
            return
        if self.helm_version >= 4 and strategy == WATCHER:
            if self._run_until(lambda: all(self.get(o) is None for o in objs), timeout):
                return
            errors = []
            for obj in objs:
                live = self.get(obj)
                if live is not None:
                    kind, ns, name = identity(obj)
                    status, message = self.kstatus(obj, live)
                    errors.append(msg.kstatus_still_exists(kind, ns, name, status, message))
            raise WaitError("\n".join([*errors, msg.DEADLINE_EXCEEDED]))
        deadline = self.clock.now() + timeout
        while any(self.get(o) is not None for o in objs):
            remaining = deadline - self.clock.now()
            if remaining <= 0:
                raise WaitError(msg.DEADLINE_EXCEEDED)
            self.clock.run_until(lambda: False, timeout=min(LEGACY_POLL_SECONDS, remaining))

    # -- logs ---------------------------------------------------------------------------------
    def container_logs(self, namespace: str, selector: dict[str, str]) -> list[tuple[str, str, str]]:
        """(pod, container, text) for every regular container of the matching pods."""
        kubelet = getattr(getattr(self.cluster, "controllers", None), "kubelet", None)
        pods = self.api.list("Pod", namespace=namespace, **selector)
        out = []
        for pod in pods:
            pod_name = pod["metadata"]["name"]
            for container in (pod.get("spec") or {}).get("containers") or []:
                lines = kubelet.logs(namespace, pod_name, container["name"]) if kubelet else []
                out.append((pod_name, container["name"], "".join(line.text + "\n" for line in lines)))
        return out


def _template_without_hash(template: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(template)
    labels = (out.get("metadata") or {}).get("labels")
    if isinstance(labels, dict):
        labels.pop("pod-template-hash", None)
    return out


def _pod_ready(status: dict[str, Any]) -> bool:
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for c in status.get("conditions") or [])


def _max_unavailable(spec: dict[str, Any], replicas: int) -> int:
    strategy = spec.get("strategy") or {}
    if strategy.get("type") == "Recreate":
        return 0
    value = (strategy.get("rollingUpdate") or {}).get("maxUnavailable", "25%")
    if isinstance(value, str) and value.endswith("%"):
        return math.floor(replicas * int(value[:-1]) / 100)
    return int(value)


def _int(data: dict[str, Any], key: str, default: int = 0) -> int:
    value = data.get(key, default)
    return value if isinstance(value, int) else default


def _cond(status: dict[str, Any], type_: str) -> dict[str, Any] | None:
    return next((c for c in status.get("conditions") or [] if c.get("type") == type_), None)


def _workload_kstatus(kind: str, live: dict[str, Any], age: float = 0.0) -> tuple[str, str]:
    """kstatus' default judgement of a manifest resource (cli-utils status.Compute): generic
    properties first, then the per-kind rules; unknown kinds are current."""
    spec = live.get("spec") or {}
    status = live.get("status") or {}
    meta = live.get("metadata") or {}
    if meta.get("deletionTimestamp"):
        return "Terminating", "Resource scheduled for deletion"
    generation, observed = meta.get("generation"), status.get("observedGeneration")
    if generation is not None and observed is not None and observed != generation:
        return "InProgress", (f"{kind} generation is {generation}, but latest observed "
                              f"generation is {observed}")
    for cond in status.get("conditions") or []:
        if cond.get("type") == "Reconciling" and cond.get("status") == "True":
            return "InProgress", cond.get("message", "")
        if cond.get("type") == "Stalled" and cond.get("status") == "True":
            return "Failed", cond.get("message", "")
    rule = _KSTATUS_RULES.get(kind)
    if rule is None:
        return "Current", "Resource is current"
    return rule(spec, status, meta, age)


def _deployment(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
                age: float) -> tuple[str, str]:
    progressing = "progressDeadlineSeconds" not in spec
    available = False
    for cond in status.get("conditions") or []:
        if cond.get("type") == "Progressing":
            if cond.get("reason") == "ProgressDeadlineExceeded":
                return "Failed", "Progress deadline exceeded"
            if cond.get("status") == "True" and cond.get("reason") == "NewReplicaSetAvailable":
                progressing = True
        elif cond.get("type") == "Available" and cond.get("status") == "True":
            available = True
    want = _int(spec, "replicas", 1)
    have, updated = _int(status, "replicas"), _int(status, "updatedReplicas")
    ready, avail = _int(status, "readyReplicas"), _int(status, "availableReplicas")
    if want > have:
        return "InProgress", f"Replicas: {have}/{want}"
    if want > updated:
        return "InProgress", f"Updated: {updated}/{want}"
    if have > want:
        return "InProgress", f"Pending termination: {have - want}"
    if updated > avail:
        return "InProgress", f"Available: {avail}/{updated}"
    if want > ready:
        return "InProgress", f"Ready: {ready}/{want}"
    if not progressing:
        return "InProgress", "ReplicaSet not Available"
    if not available:
        return "InProgress", "Deployment not Available"
    return "Current", f"Deployment is available. Replicas: {have}"


def _statefulset(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
                 age: float) -> tuple[str, str]:
    if (spec.get("updateStrategy") or {}).get("type") == "OnDelete":
        return "Current", "StatefulSet is using the ondelete update strategy"
    want = _int(spec, "replicas", 1)
    have, ready = _int(status, "replicas"), _int(status, "readyReplicas")
    current, updated = _int(status, "currentReplicas"), _int(status, "updatedReplicas")
    partition = ((spec.get("updateStrategy") or {}).get("rollingUpdate") or {}).get("partition", -1)
    if want > have:
        return "InProgress", f"Replicas: {have}/{want}"
    if want > ready:
        return "InProgress", f"Ready: {ready}/{want}"
    if have > want:
        return "InProgress", f"Pending termination: {have - want}"
    if partition != -1:
        if updated < want - partition:
            return "InProgress", f"updated: {updated}/{want - partition}"
        return "Current", f"Partition rollout complete. updated: {updated}"
    if want > current:
        return "InProgress", f"current: {current}/{want}"
    if status.get("currentRevision", "") != status.get("updateRevision", ""):
        return "InProgress", "Waiting for updated revision to match current"
    return "Current", f"All replicas scheduled as expected. Replicas: {have}"


def _replicaset(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
                age: float) -> tuple[str, str]:
    failure = _cond(status, "ReplicaFailure")
    if failure and failure.get("status") == "True":
        return "InProgress", "Replica Failure condition. Check Pods"
    want = _int(spec, "replicas", 1)
    have, ready = _int(status, "replicas"), _int(status, "readyReplicas")
    avail, labelled = _int(status, "availableReplicas"), _int(status, "fullyLabeledReplicas")
    if want > labelled:
        return "InProgress", f"Labelled: {labelled}/{want}"
    if want > avail:
        return "InProgress", f"Available: {avail}/{want}"
    if want > ready:
        return "InProgress", f"Ready: {ready}/{want}"
    if have > want:
        return "InProgress", f"Pending termination: {have - want}"
    return "Current", f"ReplicaSet is available. Replicas: {have}"


def _daemonset(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
               age: float) -> tuple[str, str]:
    if "generation" not in meta:
        return "InProgress", "DaemonSet metadata.generation not found"
    if "observedGeneration" not in status:
        return "InProgress", "DaemonSet status.observedGeneration not found"
    desired = _int(status, "desiredNumberScheduled", -1)
    if desired == -1:
        return "InProgress", "Missing .status.desiredNumberScheduled"
    for key, label in (("currentNumberScheduled", "Current"), ("updatedNumberScheduled", "Updated"),
                       ("numberAvailable", "Available"), ("numberReady", "Ready")):
        if desired > _int(status, key):
            return "InProgress", f"{label}: {_int(status, key)}/{desired}"
    return "Current", f"All replicas scheduled as expected. Replicas: {desired}"


def _pvc(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
         age: float) -> tuple[str, str]:
    phase = status.get("phase", "unknown")
    if phase != "Bound":
        return "InProgress", f"PVC is not Bound. phase: {phase}"
    return "Current", "PVC is Bound"


def _pod(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
         age: float) -> tuple[str, str]:
    phase = status.get("phase", "")
    if phase == "Succeeded":
        return "Current", "Pod has completed successfully"
    if phase == "Failed":
        return "Current", "Pod has completed, but not successfully"
    if phase == "Running":
        if _pod_ready(status):
            return "Current", "Pod is Ready"
        looping = [c.get("name", "") for c in status.get("containerStatuses") or []
                   if ((c.get("state") or {}).get("waiting") or {}).get("reason")
                   == "CrashLoopBackOff"]
        if looping:
            return "Failed", f"Containers in CrashLoop state: {','.join(looping)}"
        return "InProgress", "Pod is running but is not Ready"
    if phase == "Pending":
        scheduled = _cond(status, "PodScheduled")
        if scheduled and scheduled.get("status") == "False" and \
                scheduled.get("reason") == "Unschedulable":
            if age < 15:
                return "InProgress", "Pod has not been scheduled"
            return "Failed", "Pod could not be scheduled"
        return "InProgress", "Pod is in the Pending phase"
    return "InProgress", "Pod phase not available"


def _job(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
         age: float) -> tuple[str, str]:
    completions = _int(spec, "completions", _int(spec, "parallelism", 1))
    for cond in status.get("conditions") or []:
        if cond.get("status") != "True":
            continue
        if cond.get("type") == "Complete":
            return "Current", f"Job Completed. succeeded: {_int(status, 'succeeded')}/{completions}"
        if cond.get("type") == "Failed":
            return "Failed", f"Job Failed. failed: {_int(status, 'failed')}/{completions}"
        if cond.get("type") == "Suspended":
            return "Current", "Job is suspended"
    if not status.get("startTime"):
        return "InProgress", "Job not started"
    return "Current", (f"Job in progress. success:{_int(status, 'succeeded')}, active: "
                       f"{_int(status, 'active')}, failed: {_int(status, 'failed')}")


def _service(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
             age: float) -> tuple[str, str]:
    if spec.get("type") == "LoadBalancer" and not spec.get("clusterIP"):
        return "InProgress", "ClusterIP not set. Service type: LoadBalancer"
    return "Current", "Service is ready"


def _always(spec: dict[str, Any], status: dict[str, Any], meta: dict[str, Any],
            age: float) -> tuple[str, str]:
    return "Current", "Resource is always ready"


_KSTATUS_RULES = {
    "Deployment": _deployment, "StatefulSet": _statefulset, "ReplicaSet": _replicaset,
    "DaemonSet": _daemonset, "PersistentVolumeClaim": _pvc, "Pod": _pod, "Job": _job,
    "Service": _service, "Secret": _always, "ConfigMap": _always, "CronJob": _always,
    "PodDisruptionBudget": lambda *_: ("Current", "AllowedDisruptions has been computed."),
}


# -- release ownership metadata ---------------------------------------------------------------
def set_release_metadata(obj: dict[str, Any], release: str, namespace: str) -> None:
    """What Helm's setMetadataVisitor stamps on every manifest resource (never on hooks)."""
    meta = obj.setdefault("metadata", {})
    labels = meta.get("labels") or {}
    labels[MANAGED_BY_LABEL] = "Helm"
    meta["labels"] = labels
    annotations = meta.get("annotations") or {}
    annotations[RELEASE_NAME_ANNOTATION] = release
    annotations[RELEASE_NAMESPACE_ANNOTATION] = namespace
    meta["annotations"] = annotations


def ownership_error(live: dict[str, Any], release: str, namespace: str) -> str | None:
    """Why an existing object cannot be adopted by this release (Helm's ownership check)."""
    meta = live.get("metadata") or {}
    labels = meta.get("labels") or {}
    annotations = meta.get("annotations") or {}
    problems = []
    managed = labels.get(MANAGED_BY_LABEL)
    if managed is None:
        problems.append(f'label validation error: missing key "{MANAGED_BY_LABEL}": must be set to "Helm"')
    elif managed != "Helm":
        problems.append(f'label validation error: key "{MANAGED_BY_LABEL}" must equal "Helm": current value is "{managed}"')
    for key, want in ((RELEASE_NAME_ANNOTATION, release), (RELEASE_NAMESPACE_ANNOTATION, namespace)):
        have = annotations.get(key)
        if have is None:
            problems.append(f'annotation validation error: missing key "{key}": must be set to "{want}"')
        elif have != want:
            problems.append(f'annotation validation error: key "{key}" must equal "{want}": current value is "{have}"')
    if not problems:
        return None
    return "invalid ownership metadata; " + "; ".join(problems)


def three_way_patch(original: Any, target: Any, live: Any) -> Any:
    """The object after merging original->target changes into the live object (JSON merge
    semantics: maps merge, lists and scalars are replaced, removed keys are removed)."""
    if isinstance(target, dict) and isinstance(live, dict):
        out = dict(live)
        orig = original if isinstance(original, dict) else {}
        for key, value in target.items():
            out[key] = three_way_patch(orig.get(key), value, live.get(key))
        for key in orig:
            if key not in target and key in out:
                del out[key]
        return out
    return copy.deepcopy(target)


# -- manifest resources ------------------------------------------------------------------------
def create_all(kube: KubeClient, objs: list[dict[str, Any]], server_side: bool) -> None:
    """Create manifest resources in the given (install) order; raise with Helm's text."""
    errors = []
    for obj in objs:
        try:
            kube.create(obj, server_side=server_side)
        except MiniclusterError as exc:
            errors.append(exc.message)
    if errors:
        raise KubeError(kube.wrap(errors) if kube.helm_version < 4 else "\n".join(errors))


def update_all(kube: KubeClient, originals: list[dict[str, Any]], targets: list[dict[str, Any]],
               server_side: bool, log: list[str]) -> tuple[UpdateResult, str | None]:
    """Helm's Client.Update: create what is new, patch what exists, prune what was dropped
    (unless the live object says `helm.sh/resource-policy: keep`). Returns (result, error)."""
    result = UpdateResult()
    errors: list[str] = []
    by_id = {identity(o): o for o in originals}
    for target in targets:
        live = kube.get(target)
        if live is None:
            result.created.append(target)
            try:
                kube.create(target, server_side=server_side)
            except MiniclusterError as exc:
                return result, f"failed to create resource: {exc.message}"
            continue
        original = by_id.get(identity(target))
        if original is None:
            kind, ns, name = identity(target)
            if kube.helm_version >= 4:
                log.append(msg.slog_line(
                    "WARN", "resource exists on cluster but not in original release, using "
                    "cluster state as baseline", namespace=ns, name=name, kind=kind))
            original = live
        try:
            _patch(kube, original, target, live, server_side)
        except MiniclusterError as exc:
            kind, ns, name = identity(target)
            if server_side:
                errors.append(_ssa_error(target, exc.message))
            else:
                errors.append(f'cannot patch "{name}" with kind {kind}: {exc.message}')
        result.updated.append(target)
    if errors:
        return result, " && ".join(errors)
    target_ids = {identity(t) for t in targets}
    for original in originals:
        if identity(original) in target_ids:
            continue
        live = kube.get(original)
        if live is None:
            continue
        annotations = (live.get("metadata") or {}).get("annotations") or {}
        if annotations.get("helm.sh/resource-policy") == "keep":
            continue
        error = kube.delete(original)
        if error is not None:
            kind, ns, name = identity(original)
            errors.append(f"failed to delete resource namespace={ns}, name={name}, kind={kind}: {error}")
            continue
        result.deleted.append(original)
    if errors:
        return result, " && ".join(errors)
    return result, None


def _ssa_error(obj: dict[str, Any], text: str) -> str:
    kind, ns, name = identity(obj)
    group, _, version = str(obj.get("apiVersion", "")).rpartition("/")
    gvk = f"{group + '/' if group else ''}{version}, Kind={kind}"
    return f"server-side apply failed for object {ns}/{name} {gvk}: {text}"


def _patch(kube: KubeClient, original: dict[str, Any], target: dict[str, Any],
           live: dict[str, Any], server_side: bool) -> None:
    merged = three_way_patch(original, target, live)
    merged["metadata"]["resourceVersion"] = (live.get("metadata") or {}).get("resourceVersion")
    if merged == live:
        return
    with kube.api.actor("helm"):
        kube.api.update(merged)
