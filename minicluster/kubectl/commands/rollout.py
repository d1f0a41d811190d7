"""`kubectl rollout status`: a status line per watch event until the rollout is done."""

from __future__ import annotations

from typing import Any

from minicluster.core.duration import parse_duration
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import KubectlError, UsageError
from minicluster.kubectl.resources import fetch, parse_resource_args

# --timeout=0 waits forever in kubectl; here until nothing is left to happen, or an hour.
ROLLOUT_LIMIT_SECONDS = 3600.0


def rollout_flags(fs: FlagSet) -> None:
    fs.bool("watch", True, short="w")
    fs.string("timeout", "0s")
    fs.int("revision", 0)
    fs.string("selector", "", short="l")
    fs.slice("filename", short="f")
    fs.bool("recursive", short="R")


def _deployment(obj: dict[str, Any]) -> tuple[str, bool]:
    meta, spec, status = obj.get("metadata") or {}, obj.get("spec") or {}, obj.get("status") or {}
    name = meta.get("name")
    if int(meta.get("generation") or 0) > int(status.get("observedGeneration") or 0):
        return "Waiting for deployment spec update to be observed...\n", False
    for cond in status.get("conditions") or []:
        if cond.get("type") == "Progressing" and cond.get("reason") == "ProgressDeadlineExceeded":
            raise KubectlError(f'deployment "{name}" exceeded its progress deadline')
    replicas = spec.get("replicas", 1)
    updated = int(status.get("updatedReplicas") or 0)
    total = int(status.get("replicas") or 0)
    available = int(status.get("availableReplicas") or 0)
    if updated < replicas:
        return (f'Waiting for deployment "{name}" rollout to finish: {updated} out of {replicas} '
                "new replicas have been updated...\n"), False
    if total > updated:
        return (f'Waiting for deployment "{name}" rollout to finish: {total - updated} old '
                "replicas are pending termination...\n"), False
    if available < updated:
        return (f'Waiting for deployment "{name}" rollout to finish: {available} of {updated} '
                "updated replicas are available...\n"), False
    return f'deployment "{name}" successfully rolled out\n', True


def _statefulset(obj: dict[str, Any]) -> tuple[str, bool]:
    meta, spec, status = obj.get("metadata") or {}, obj.get("spec") or {}, obj.get("status") or {}
    observed = int(status.get("observedGeneration") or 0)
    if observed == 0 or int(meta.get("generation") or 0) > observed:
        return "Waiting for statefulset spec update to be observed...\n", False
    replicas = spec.get("replicas", 1)
    ready = int(status.get("readyReplicas") or 0)
    if ready < replicas:
        return f"Waiting for {replicas - ready} pods to be ready...\n", False
    rolling = (spec.get("updateStrategy") or {}).get("rollingUpdate")
    if rolling is not None:
        partition = rolling.get("partition")
        updated = int(status.get("updatedReplicas") or 0)
        if partition is not None and updated < replicas - partition:
            return (f"Waiting for partitioned roll out to finish: {updated} out of "
                    f"{replicas - partition} new pods have been updated...\n"), False
        return f"partitioned roll out complete: {updated} new pods have been updated...\n", True
    if status.get("updateRevision") != status.get("currentRevision"):
        return (f"waiting for statefulset rolling update to complete "
                f"{int(status.get('updatedReplicas') or 0)} pods at revision "
                f"{status.get('updateRevision')}...\n"), False
    return (f"statefulset rolling update complete {int(status.get('currentReplicas') or 0)} pods "
            f"at revision {status.get('currentRevision')}...\n"), True


def _daemonset(obj: dict[str, Any]) -> tuple[str, bool]:
    meta, status = obj.get("metadata") or {}, obj.get("status") or {}
    name = meta.get("name")
    if int(meta.get("generation") or 0) > int(status.get("observedGeneration") or 0):
        return "Waiting for daemon set spec update to be observed...\n", False
    desired = int(status.get("desiredNumberScheduled") or 0)
    updated = int(status.get("updatedNumberScheduled") or 0)
    available = int(status.get("numberAvailable") or 0)
    if updated < desired:
        return (f'Waiting for daemon set "{name}" rollout to finish: {updated} out of {desired} '
                "new pods have been updated...\n"), False
    if available < desired:
        return (f'Waiting for daemon set "{name}" rollout to finish: {available} of {desired} '
                "updated pods are available...\n"), False
    return f'daemon set "{name}" successfully rolled out\n', True


_VIEWERS = {"Deployment": _deployment, "StatefulSet": _statefulset, "DaemonSet": _daemonset}


def _follow(ctx: KubectlContext, info: Any, obj: dict[str, Any], viewer: Any,
            timeout: float) -> None:
    """Print the viewer's line for every change of the object until it says done."""
    meta = obj.get("metadata") or {}
    state: dict[str, Any] = {"done": False, "error": None}

    def on_event(event_type: str, changed: dict[str, Any], old: Any = None) -> None:
        changed_meta = changed.get("metadata") or {}
        if state["done"] or changed.get("kind") != info.kind or \
                changed_meta.get("name") != meta.get("name") or \
                changed_meta.get("namespace") != meta.get("namespace"):
            return
        if event_type == "DELETED":
            state["done"], state["error"] = True, KubectlError("object has been deleted")
            return
        try:
            text, finished = viewer(changed)
        except KubectlError as exc:
            state["done"], state["error"] = True, exc
            return
        ctx.write(text)
        state["done"] = finished

    unsubscribe = ctx.api.watch(on_event)
    try:
        ok = ctx.wait_until(lambda: bool(state["done"]),
                       timeout or ROLLOUT_LIMIT_SECONDS, until_idle=not timeout)
    finally:
        unsubscribe()
    if state["error"] is not None:
        raise state["error"]
    if not ok:
        raise KubectlError("timed out waiting for the condition")


@kubectl_command("rollout", "Manage the rollout of a resource", flags=rollout_flags)
def rollout(ctx: KubectlContext, flags: ParsedFlags) -> int:
    args = flags.positionals
    if not args or args[0] != "status":
        raise KubectlError("minicluster's kubectl supports `rollout status` only")
    if len(args) == 1:
        raise UsageError("required resource not specified", "kubectl rollout status")
    requests = parse_resource_args(ctx.api, args[1:])
    timeout = parse_duration(flags["timeout"])
    found = False
    for result in fetch(ctx.api, requests, ctx.namespace, flags["selector"]):
        if result.error is not None:
            raise result.error
        info = result.request.info
        viewer = _VIEWERS.get(info.kind)
        for obj in result.objects:
            found = True
            if viewer is None:
                raise KubectlError(f"no status viewer has been implemented for {info.group_kind}")
            message, done = viewer(obj)
            ctx.write(message)
            if not done and flags["watch"]:
                _follow(ctx, info, obj, viewer, timeout)
    if not found:
        ctx.warn(f"No resources found in {ctx.namespace} namespace.\n")
    return 0
