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

from minicluster.core import yamlio
from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg

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
            docs = yamlio.load_all(text)
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
        with self.api.actor("helm"):
            if server_side:
                applied, _ = self.api.apply(copy.deepcopy(obj), namespace=identity(obj)[1] or None)
                return applied
            return self.api.create(copy.deepcopy(obj), namespace=identity(obj)[1] or None)

    def delete(self, obj: dict[str, Any], propagation: str = "Background") -> str | None:
        """Delete one object; NotFound counts as done. Returns the error text, if any."""
        kind, ns, name = identity(obj)
        try:
            with self.api.actor("helm"):
                self.api.delete(kind, name, ns or "default", propagation=propagation)
        except MiniclusterError as exc:
            if getattr(exc, "code", None) == 404:
                return None
            return exc.message
        return None

    # -- waiting ----------------------------------------------------------------------------
    def _run_until(self, done: Callable[[], bool], timeout: float) -> bool:
        return self.clock.run_until(done, timeout=timeout)

    def watch_until_ready(self, obj: dict[str, Any], timeout: float, strategy: str) -> None:
        """Wait for a hook to finish (Jobs, Pods) or accept it at once (other kinds)."""
        if strategy == LEGACY or self.helm_version < 4:
            self._legacy_watch(obj, timeout)
        else:
            self._kstatus_wait([obj], timeout, hook_readers=True)

    def _legacy_watch(self, obj: dict[str, Any], timeout: float) -> None:
        kind, _, name = identity(obj)
        if kind not in ("Job", "Pod"):
            return
        outcome: list[str | None] = []

        def judge() -> bool:
            live = self.get(obj)
            if live is None:  # a Deleted watch event counts as success
                outcome.append(None)
                return True
            status = live.get("status") or {}
            if kind == "Job":
                for cond in status.get("conditions") or []:
                    if cond.get("type") == "Complete" and cond.get("status") == "True":
                        outcome.append(None)
                        return True
                    if cond.get("type") == "Failed" and cond.get("status") == "True":
                        outcome.append(msg.legacy_job_failed(name, cond.get("reason", "")))
                        return True
                return False
            phase = status.get("phase")
            if phase == "Succeeded":
                outcome.append(None)
                return True
            if phase == "Failed":
                outcome.append(msg.legacy_pod_failed(name))
                return True
            return False

        if not self._run_until(judge, timeout):
            raise WaitError(self.wrap([msg.TIMED_OUT]))
        if outcome and outcome[-1] is not None:
            raise WaitError(self.wrap([outcome[-1]]))

    # kstatus ------------------------------------------------------------------------------
    def kstatus(self, obj: dict[str, Any], live: dict[str, Any] | None,
                hook_readers: bool) -> tuple[str, str]:
        """(status, message) the way Helm 4's status watcher judges one object."""
        kind, _, name = identity(obj)
        if live is None:
            return "NotFound", "Resource not found"
        spec = live.get("spec") or {}
        status = live.get("status") or {}
        if kind == "Job":
            parallelism = spec.get("parallelism", 1)
            completions = spec.get("completions", parallelism)
            for cond in status.get("conditions") or []:
                if cond.get("type") == "Complete" and cond.get("status") == "True":
                    return "Current", f"Job Completed. succeeded: {status.get('succeeded', 0)}/{completions}"
                if cond.get("type") == "Failed" and cond.get("status") == "True":
                    return "Failed", f"Job Failed. failed: {status.get('failed', 0)}/{completions}"
            return "InProgress", "Job in progress"
        if kind == "Pod":
            phase = status.get("phase")
            if phase == "Succeeded":
                return "Current", f"pod {name} succeeded"
            if phase == "Failed":
                return "Failed", f"pod {name} failed"
            if not hook_readers and phase == "Running" and _pod_ready(status):
                return "Current", "Pod is Ready"
            return "InProgress", "Pod in progress" if hook_readers else "Pod is not Ready"
        if hook_readers:
            return "Current", "Resource is current"
        return _workload_kstatus(kind, live)

    def _kstatus_wait(self, objs: list[dict[str, Any]], timeout: float,
                      hook_readers: bool) -> None:
        states: dict[int, tuple[str, str]] = {}

        def judge() -> bool:
            for i, obj in enumerate(objs):
                states[i] = self.kstatus(obj, self.get(obj), hook_readers)
            # A Failed resource is terminal: it no longer holds the wait open.
            return all(s in ("Current", "Failed") for s, _ in states.values())

        finished = self._run_until(judge, timeout)
        judge()
        errors = []
        for i, obj in enumerate(objs):
            status, message = states[i]
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
            if not with_jobs:
                chosen = [o for o in chosen if o.get("kind") != "Job"]
            self._kstatus_wait(chosen, timeout, hook_readers=False)
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
                if _workload_kstatus(kind, live)[0] != "Current":
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
                    status, message = self.kstatus(obj, live, hook_readers=False)
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


def _workload_kstatus(kind: str, live: dict[str, Any]) -> tuple[str, str]:
    """kstatus' judgement of a manifest resource (Deployment, StatefulSet, DaemonSet, Pod...)."""
    spec = live.get("spec") or {}
    status = live.get("status") or {}
    meta = live.get("metadata") or {}
    generation = meta.get("generation")
    observed = status.get("observedGeneration")
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet") and generation is not None \
            and observed != generation:
        return "InProgress", f"{kind} generation is {generation}, but latest observed generation is {observed or 0}"
    if kind == "Deployment":
        replicas = spec.get("replicas", 1)
        for cond in status.get("conditions") or []:
            if cond.get("type") == "Progressing" and cond.get("reason") == "ProgressDeadlineExceeded":
                return "Failed", "Progress deadline exceeded"
        if replicas > status.get("replicas", 0):
            return "InProgress", f"Replicas: {status.get('replicas', 0)}/{replicas}"
        if status.get("updatedReplicas", 0) < replicas:
            return "InProgress", f"Updated: {status.get('updatedReplicas', 0)}/{replicas}"
        if status.get("replicas", 0) > replicas:
            return "InProgress", f"Pending termination: {status.get('replicas', 0) - replicas}"
        if status.get("availableReplicas", 0) < replicas:
            return "InProgress", f"Available: {status.get('availableReplicas', 0)}/{replicas}"
        if status.get("readyReplicas", 0) < replicas:
            return "InProgress", f"Ready: {status.get('readyReplicas', 0)}/{replicas}"
        return "Current", f"Deployment is available. Replicas: {status.get('replicas', 0)}"
    if kind in ("StatefulSet", "ReplicaSet"):
        replicas = spec.get("replicas", 1)
        if status.get("readyReplicas", 0) < replicas:
            return "InProgress", f"Ready: {status.get('readyReplicas', 0)}/{replicas}"
        return "Current", f"All replicas scheduled as expected. Replicas: {replicas}"
    if kind == "DaemonSet":
        desired = status.get("desiredNumberScheduled", 0)
        if status.get("numberAvailable", 0) < desired:
            return "InProgress", f"Available: {status.get('numberAvailable', 0)}/{desired}"
        return "Current", f"All replicas scheduled as expected. Replicas: {desired}"
    if kind == "Pod":
        phase = status.get("phase")
        if phase == "Succeeded" or (phase == "Running" and _pod_ready(status)):
            return "Current", "Pod is Ready" if phase == "Running" else "Pod has completed successfully"
        if phase == "Failed":
            return "Failed", "Pod has completed, but not successfully"
        return "InProgress", "Pod is not Ready"
    if kind == "PersistentVolumeClaim":
        if status.get("phase") != "Bound":
            return "InProgress", "PVC is not Bound"
        return "Current", "PVC is Bound"
    if kind == "Job":
        for cond in status.get("conditions") or []:
            if cond.get("type") == "Complete" and cond.get("status") == "True":
                return "Current", "Job Completed"
            if cond.get("type") == "Failed" and cond.get("status") == "True":
                return "Failed", "Job Failed"
        return "InProgress", "Job in progress"
    return "Current", "Resource is current"


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
