"""`kubectl exec POD [-c C] -- CMD...`: a process in a running container, on the clock."""

from __future__ import annotations

from typing import Any

from minicluster.api.errors import ApiError
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import ExitError, KubectlError, UsageError
from minicluster.kubectl.podselect import by_logging, pods_for_object

# A command that never ends (`sleep infinity`) is cut off after this much virtual time.
EXEC_LIMIT_SECONDS = 3600.0


def exec_flags(fs: FlagSet) -> None:
    fs.string("container", "", short="c")
    fs.bool("stdin", short="i")
    fs.bool("tty", short="t")
    fs.bool("quiet", short="q")
    fs.slice("filename", short="f")
    fs.string("pod-running-timeout", "1m0s")


def _pod(ctx: KubectlContext, target: str) -> dict[str, Any]:
    if "/" not in target:
        return ctx.api.get("Pod", target, ctx.namespace)
    kind_word, name = target.split("/", 1)
    info = ctx.api.kinds.lookup(kind_word)
    obj = ctx.api.get(info.kind, name, ctx.namespace)
    if info.kind == "Pod":
        return obj
    pods = pods_for_object(ctx.api, info, obj)
    if pods is None:
        raise KubectlError(f"cannot attach to {info.kind}: selector for {info.kind} not "
                           "implemented")
    if not pods:
        raise KubectlError(m.NO_PODS_TIMEOUT)
    return by_logging(pods)[0]


def _container(ctx: KubectlContext, pod: dict[str, Any], name: str, quiet: bool) -> str:
    spec, meta = pod.get("spec") or {}, pod.get("metadata") or {}
    everything = (spec.get("containers") or []) + (spec.get("initContainers") or []) + \
        (spec.get("ephemeralContainers") or [])
    if name:
        if not any(c.get("name") == name for c in everything):
            raise KubectlError(m.EXEC_CONTAINER_NOT_FOUND.format(container=name,
                                                                 pod=meta.get("name")))
        return name
    containers = spec.get("containers") or []
    if not containers:
        raise KubectlError(f"pod {meta.get('namespace')}/{meta.get('name')} does not have any "
                           "containers")
    wanted = (meta.get("annotations") or {}).get("kubectl.kubernetes.io/default-container")
    if wanted and any(c.get("name") == wanted for c in everything):
        return wanted
    first = containers[0].get("name")
    if not quiet and (len(containers) > 1 or spec.get("initContainers")
                      or spec.get("ephemeralContainers")):
        from minicluster.kubectl.commands.logs import _all_names

        ctx.warn(m.DEFAULTED_CONTAINER.format(name=first, names=_all_names(pod)))
    return first


@kubectl_command("exec", "Execute a command in a container", flags=exec_flags)
def exec_command(ctx: KubectlContext, flags: ParsedFlags) -> int:
    args = list(flags.positionals)
    command = ctx.after_dash
    if command is None:
        if len(args) > 1:
            raise UsageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                             "[COMMAND] instead", ctx.command_path)
        command = []
    else:
        args = args[: len(args) - len(command)]
    if not args:
        raise KubectlError(m.EXEC_USAGE)
    if not command:
        raise KubectlError(m.EXEC_NO_COMMAND)
    pod = _pod(ctx, args[0])
    meta = pod.get("metadata") or {}
    phase = (pod.get("status") or {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        raise KubectlError(m.EXEC_NOT_RUNNING.format(phase=phase))
    container = _container(ctx, pod, flags["container"], flags["quiet"])
    if flags["tty"] and not flags["quiet"]:
        ctx.warn("Unable to use a TTY - input is not a terminal or the right kind of file\n")
    stdin = (ctx.stdin or "").encode() if flags["stdin"] else None
    finished: list[Any] = []
    try:
        process = ctx.cluster.controllers.kubelet.exec(
            meta.get("namespace"), meta.get("name"), container, command, stdin,
            lambda p: finished.append(p))
    except ApiError:
        raise
    except Exception as exc:
        if hasattr(exc, "reason"):
            raise KubectlError(str(exc)) from None
        raise
    ctx.wait_until(lambda: bool(finished) or not process.running, EXEC_LIMIT_SECONDS,
              until_idle=True)
    for line in process.logs():
        target = ctx.out if line.stream == "stdout" else ctx.err
        target.append(line.text + "\n")
    code = process.exit_code
    if code:
        raise ExitError(code)
    return 0
