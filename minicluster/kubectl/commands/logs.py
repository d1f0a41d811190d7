"""`kubectl logs`: a pod's container log through the kubelet, or the best pod of a workload."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from minicluster.api.errors import ApiError
from minicluster.core.errors import ClockRunawayError
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import KubectlError, RawError, UsageError
from minicluster.kubectl.podselect import best_pod_for_logging, by_logging, pods_for_object

# `logs -f` follows until the container ends; a server never ends, so the follow stops after
# this much virtual time (a learner's Ctrl-C).
FOLLOW_LIMIT_SECONDS = 3600.0


def logs_flags(fs: FlagSet) -> None:
    fs.string("container", "", short="c")
    fs.bool("previous", short="p")
    fs.int("tail", -1)
    fs.bool("timestamps")
    fs.bool("follow", short="f")
    fs.bool("all-containers")
    fs.bool("all-pods")
    fs.bool("prefix")
    fs.string("selector", "", short="l")
    fs.string("since", "0s")
    fs.string("since-time", "")
    fs.int("limit-bytes", 0)
    fs.int("max-log-requests", 5)
    fs.string("pod-running-timeout", "20s")
    fs.bool("ignore-errors")
    fs.bool("insecure-skip-tls-verify-backend")


def _timestamp(ctx: KubectlContext, seconds: float) -> str:
    """RFC3339Nano as the kubelet writes it (trailing zeros of the fraction trimmed)."""
    moment = ctx.clock.epoch + timedelta(seconds=seconds)
    nanos = round((seconds - int(seconds)) * 1e9) if seconds >= 0 else 0
    base = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if nanos:
        return f"{base}.{nanos:09d}".rstrip("0") + "Z"
    return base + "Z"


def _container_names(pod: dict[str, Any]) -> list[str]:
    spec = pod.get("spec") or {}
    return [c.get("name") for c in (spec.get("initContainers") or []) +
            (spec.get("containers") or []) + (spec.get("ephemeralContainers") or [])]


def _all_names(pod: dict[str, Any]) -> str:
    spec = pod.get("spec") or {}
    names = [c.get("name") for c in spec.get("containers") or []]
    names += [f"{c.get('name')} (ephem)" for c in spec.get("ephemeralContainers") or []]
    names += [f"{c.get('name')} (init)" for c in spec.get("initContainers") or []]
    return ", ".join(names)


def _default_container(ctx: KubectlContext, pod: dict[str, Any], quiet: bool) -> str:
    meta, spec = pod.get("metadata") or {}, pod.get("spec") or {}
    wanted = (meta.get("annotations") or {}).get("kubectl.kubernetes.io/default-container")
    if wanted:
        if wanted in _container_names(pod):
            return wanted
        ctx.warn(f'Default container name "{wanted}" not found in pod {meta.get("name")}\n')
    containers = spec.get("containers") or []
    name = containers[0].get("name") if containers else ""
    if (len(containers) > 1 or spec.get("initContainers") or spec.get("ephemeralContainers")) \
            and not quiet:
        ctx.warn(m.DEFAULTED_CONTAINER.format(name=name, names=_all_names(pod)))
    return name


def _lines(ctx: KubectlContext, pod: dict[str, Any], container: str, flags: ParsedFlags,
           prefix: str) -> list[Any]:
    meta = pod.get("metadata") or {}
    try:
        lines = ctx.cluster.controllers.kubelet.logs(meta.get("namespace"), meta.get("name"),
                                                     container, flags["previous"])
    except ApiError:
        raise
    except Exception as exc:  # the kubelet's errors reach kubectl as server errors
        if hasattr(exc, "reason"):
            raise ApiError(getattr(exc, "code", 400), exc.reason, str(exc)) from None
        raise
    since = flags["since"]
    if since and since not in ("0", "0s"):
        from minicluster.core.duration import parse_duration

        cutoff = ctx.clock.now() - parse_duration(since)
        lines = [line for line in lines if line.time >= cutoff]
    return lines


def _render(ctx: KubectlContext, lines: list[Any], flags: ParsedFlags, prefix: str) -> str:
    out = []
    for line in lines:
        text = line.text
        if flags["timestamps"]:
            text = f"{_timestamp(ctx, line.time)} {text}"
        out.append(f"{prefix}{text}\n")
    return "".join(out)


def _tail(lines: list[Any], tail: int) -> list[Any]:
    if tail < 0:
        return lines
    return lines[len(lines) - tail:] if tail else []


def _running(ctx: KubectlContext, pod: dict[str, Any], container: str) -> bool:
    meta = pod.get("metadata") or {}
    current = ctx.api.try_get("Pod", meta.get("name"), meta.get("namespace"))
    if current is None:
        return False
    for status in (current.get("status") or {}).get("containerStatuses") or []:
        if status.get("name") == container:
            state = status.get("state") or {}
            return "running" in state or "waiting" in state
    return (current.get("status") or {}).get("phase") in ("Pending", "Running")


def _stream(ctx: KubectlContext, pod: dict[str, Any], container: str, flags: ParsedFlags,
            tail: int) -> None:
    name = (pod.get("metadata") or {}).get("name")
    prefix = f"[pod/{name}/{container}] " if flags["prefix"] else ""
    lines = _lines(ctx, pod, container, flags, prefix)
    ctx.write(_render(ctx, _tail(lines, tail), flags, prefix))
    if not flags["follow"] or flags["previous"]:
        return
    shown = len(lines)
    try:
        ctx.wait_until(lambda: not _running(ctx, pod, container), FOLLOW_LIMIT_SECONDS,
                  until_idle=True)
    except ClockRunawayError:
        pass
    try:
        later = _lines(ctx, pod, container, flags, prefix)
    except ApiError:
        return  # the pod went away while following: the stream just ends
    ctx.write(_render(ctx, later[shown:], flags, prefix))


@kubectl_command("logs", "Print the logs for a container in a pod", flags=logs_flags)
def logs(ctx: KubectlContext, flags: ParsedFlags) -> int:
    args = flags.positionals
    selector = flags["selector"]
    if not args and not selector or len(args) > 2:
        raise UsageError(m.LOGS_USAGE, ctx.command_path)
    if len(args) == 1 and selector:
        raise UsageError("only a selector (-l) or a POD name is allowed", ctx.command_path)
    container = flags["container"]
    if len(args) == 2:
        if container:
            raise KubectlError("only one of -c or an inline [CONTAINER] arg is allowed")
        container = args[1]
    if flags["all-containers"] and container:
        raise KubectlError(f"--all-containers=true should not be specified with container "
                           f"name {container}")
    if flags["tail"] < -1:
        raise KubectlError("--tail must be greater than or equal to -1")
    tail = flags["tail"]

    if selector:
        pods = ctx.api.list("Pod", namespace=ctx.namespace, label_selector=selector)
        if not pods:
            ctx.warn(m.NO_RESOURCES_NS.format(namespace=ctx.namespace))
            return 0
        if tail == -1 and "tail" not in flags.changed:
            tail = 10
        if len(pods) > flags["max-log-requests"] and flags["follow"]:
            raise KubectlError(
                f"you are attempting to follow {len(pods)} log streams, but maximum allowed "
                f"concurrency is {flags['max-log-requests']}, use --max-log-requests to "
                "increase the limit")
        for pod in pods:
            _pod_logs(ctx, pod, container, flags, tail, quiet=True)
        return 0

    target = args[0]
    try:
        if "/" in target:
            kind_word, name = target.split("/", 1)
            info = ctx.api.kinds.lookup(kind_word)
            obj = ctx.api.get(info.kind, name, ctx.namespace)
        else:
            info = ctx.api.kinds.get("Pod")
            obj = ctx.api.get("Pod", target, ctx.namespace)
    except ApiError as exc:
        if exc.reason == "NotFound":
            raise RawError(f'error: error from server (NotFound): {exc.message} in namespace '
                           f'"{ctx.namespace}"') from None
        raise
    if info.kind == "Pod":
        _pod_logs(ctx, obj, container, flags, tail, quiet=False)
        return 0
    pods = pods_for_object(ctx.api, info, obj)
    if pods is None:
        raise KubectlError(m.CANNOT_LOGS.format(kind=info.kind))
    if not pods:
        # GetFirstPod watches for a matching pod for --pod-running-timeout.
        from minicluster.core.duration import parse_duration

        ctx.wait_until(lambda: bool(pods_for_object(ctx.api, info, obj)),
                  parse_duration(flags["pod-running-timeout"]), until_idle=False)
        pods = pods_for_object(ctx.api, info, obj) or []
    if not pods:
        raise KubectlError(m.NO_PODS_TIMEOUT)
    pod = best_pod_for_logging(pods)
    if len(pods) > 1:
        if flags["all-pods"]:
            for each in by_logging(pods):
                _pod_logs(ctx, each, container, flags, tail, quiet=True)
            return 0
        ctx.warn(m.FOUND_PODS.format(count=len(pods), name=pod["metadata"]["name"]))
    _pod_logs(ctx, pod, container, flags, tail, quiet=False)
    return 0


def _pod_logs(ctx: KubectlContext, pod: dict[str, Any], container: str, flags: ParsedFlags,
              tail: int, quiet: bool) -> None:
    if flags["all-containers"]:
        spec = pod.get("spec") or {}
        for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
            _stream(ctx, pod, c.get("name"), flags, tail)
        return
    if not container:
        container = _default_container(ctx, pod, quiet)
    if container not in _container_names(pod):
        raise KubectlError(m.CONTAINER_NOT_VALID.format(container=container,
                                                        pod=pod["metadata"]["name"]))
    _stream(ctx, pod, container, flags, tail)
