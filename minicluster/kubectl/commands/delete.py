"""`kubectl delete`: by file, TYPE NAME, TYPE/NAME, -l or --all, then wait (virtual time)."""

from __future__ import annotations

from typing import Any

from minicluster.api.errors import ApiError
from minicluster.core.duration import parse_duration
from minicluster.core.errors import ClockRunawayError
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import AggregateError, KubectlError, with_source
from minicluster.kubectl.manifests import object_namespace, read_manifests
from minicluster.kubectl.resources import Request, fetch, parse_resource_args

# --wait with no --timeout waits a week in kubectl (168h); the clock stops earlier when the
# cluster becomes idle, and no deletion here takes anywhere near that long.
WAIT_LIMIT_SECONDS = 168 * 3600.0


def delete_flags(fs: FlagSet) -> None:
    fs.slice("filename", short="f")
    fs.bool("recursive", short="R")
    fs.string("selector", "", short="l")
    fs.string("field-selector", "")
    fs.bool("all")
    fs.bool("all-namespaces", short="A")
    fs.string("cascade", "background", no_opt_default="background")
    fs.int("grace-period", -1)
    fs.bool("force")
    fs.bool("now")
    fs.bool("wait", True)
    fs.string("timeout", "0s")
    fs.bool("ignore-not-found")
    fs.string("output", "", short="o")
    fs.string("dry-run", "none", no_opt_default="unchanged")
    fs.bool("interactive", short="i")
    fs.string("raw", "")
    fs.string("kustomize", "", short="k")


def _propagation(ctx: KubectlContext, value: str) -> str:
    lowered = value.lower()
    if lowered in ("background", "foreground", "orphan"):
        return lowered.capitalize()
    if lowered == "true":
        ctx.warn(m.CASCADE_DEPRECATED.format(value=value, replacement="background"))
        return "Background"
    if lowered == "false":
        ctx.warn(m.CASCADE_DEPRECATED.format(value=value, replacement="orphan"))
        return "Orphan"
    raise KubectlError(m.CASCADE_INVALID.format(value=value))


def _targets(ctx: KubectlContext, flags: ParsedFlags) -> tuple[list[tuple[Any, dict[str, Any],
                                                                           str]],
                                                                list[Exception], bool]:
    """(info, object, source) triples to delete, the errors met finding them, and whether
    the request was by selector/--all (a list)."""
    args = flags.positionals
    namespace = None if flags["all-namespaces"] else ctx.namespace
    found: list[tuple[Any, dict[str, Any], str]] = []
    errors: list[Exception] = []
    if flags["filename"]:
        if args:
            raise KubectlError("when paths, URLs, or stdin is provided as input, you may not "
                               "specify a resource by arguments as well")
        for manifest in read_manifests(ctx, flags["filename"], flags["recursive"]):
            info = ctx.api.kinds.for_object(manifest.obj.get("apiVersion", ""),
                                            manifest.obj.get("kind", ""))
            ns = object_namespace(ctx, info, manifest.obj)
            name = (manifest.obj.get("metadata") or {}).get("name")
            for result in fetch(ctx.api, [Request(info, name)], ns):
                if result.error is not None:
                    errors.append(with_source(result.error, "deleting", manifest.source)
                                  if not isinstance(result.error, ApiError)
                                  or result.error.reason != "NotFound" else result.error)
                found.extend((info, obj, manifest.source) for obj in result.objects)
        return found, errors, False
    if not args:
        raise KubectlError(m.DELETE_USAGE)
    requests = parse_resource_args(ctx.api, args)
    by_name = any(r.name is not None for r in requests)
    selector, fields = flags["selector"], flags["field-selector"]
    if by_name and (selector or fields or flags["all"]):
        raise KubectlError(m.NAME_WITH_SELECTOR if not flags["all"] else
                           "name cannot be provided when a selector is specified")
    if not by_name and not (selector or fields or flags["all"]):
        raise KubectlError("resource(s) were provided, but no name was specified")
    for result in fetch(ctx.api, requests, namespace, selector, fields):
        if result.error is not None:
            errors.append(result.error)
        found.extend((result.request.info, obj, "") for obj in result.objects)
    return found, errors, not by_name


def _gone(ctx: KubectlContext, info: Any, obj: dict[str, Any]) -> bool:
    meta = obj.get("metadata") or {}
    current = ctx.api.try_get(info.kind, meta.get("name"), meta.get("namespace"))
    return current is None or (current.get("metadata") or {}).get("uid") != meta.get("uid")


@kubectl_command("delete", "Delete resources by file names, stdin, resources and names, or by "
                 "resources and label selector", flags=delete_flags)
def delete(ctx: KubectlContext, flags: ParsedFlags) -> int:
    if flags["all"] and flags["selector"]:
        raise KubectlError("cannot set --all and --selector at the same time")
    if flags["all"] and flags["field-selector"]:
        raise KubectlError("cannot set --all and --field-selector at the same time")
    if flags["output"] not in ("", "name"):
        raise KubectlError(f"unexpected -o output mode: {flags['output']}. We only support "
                           "'-o name'")
    if flags["now"] and flags["grace-period"] != -1:
        raise KubectlError("--now and --grace-period cannot be specified together")
    if flags["force"] and flags["grace-period"] > 0:
        raise KubectlError("--force and --grace-period greater than 0 cannot be specified "
                           "together")
    propagation = _propagation(ctx, flags["cascade"])
    grace = flags["grace-period"]
    if flags["now"]:
        grace = 1
    if flags["force"] and grace < 0:
        grace = 0
    if grace == 0 and not flags["force"]:
        grace = 1  # kubectl turns --grace-period=0 without --force into 1s
    if flags["force"]:
        ctx.warn("Warning: Immediate deletion does not wait for confirmation that the running "
                 "resource has been terminated. The resource may continue to run on the cluster "
                 "indefinitely.\n")
    dry_run = flags["dry-run"]
    dry_run = "client" if dry_run == "unchanged" else dry_run
    timeout = parse_duration(flags["timeout"]) or WAIT_LIMIT_SECONDS

    targets, errors, _listed = _targets(ctx, flags)
    if flags["ignore-not-found"]:
        errors = [e for e in errors if not (isinstance(e, ApiError) and e.reason == "NotFound")]
    deleted: list[tuple[Any, dict[str, Any]]] = []
    operation = "force deleted" if flags["force"] and grace == 0 else "deleted"
    operation += {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")
    for info, obj, source in targets:
        meta = obj.get("metadata") or {}
        if dry_run != "client":
            try:
                ctx.api.delete(info.kind, meta.get("name"), meta.get("namespace"),
                               propagation=propagation,
                               grace_period_seconds=None if grace < 0 else grace,
                               dry_run=dry_run == "server")
            except ApiError as exc:
                if flags["ignore-not-found"] and exc.reason == "NotFound":
                    continue
                errors.append(with_source(exc, "deleting", source))
                continue
            ctx.server_warnings()
        deleted.append((info, obj))
        if flags["output"] == "name":
            ctx.write(f"{info.type_name}/{meta.get('name')}\n")
        else:
            ctx.write(f'{info.type_name} "{meta.get("name")}" {operation}\n')
    if errors:
        raise AggregateError(errors)
    if not targets:
        ctx.write(m.NO_RESOURCES)
        return 0
    if flags["wait"] and dry_run == "none" and deleted:
        try:
            done = ctx.wait_until(lambda: all(_gone(ctx, i, o) for i, o in deleted),
                             timeout, until_idle=not flags["timeout"].strip("0s"))
        except ClockRunawayError:
            done = False
        if not done:
            pending = next((i, o) for i, o in deleted if not _gone(ctx, i, o))
            raise KubectlError(f"timed out waiting for the condition on "
                               f"{pending[0].plural}/{pending[1]['metadata']['name']}")
    return 0
