"""`kubectl wait --for=condition=...|delete|create|jsonpath=...`, in virtual time."""

from __future__ import annotations

from typing import Any

from minicluster.api.errors import ApiError
from minicluster.core.duration import parse_duration
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import KubectlError
from minicluster.kubectl.manifests import object_namespace, read_manifests
from minicluster.kubectl.output import relaxed_jsonpath
from minicluster.kubectl.printing import jsonpath
from minicluster.kubectl.resources import Request, fetch, parse_resource_args


def wait_flags(fs: FlagSet) -> None:
    fs.string("for", "")
    fs.string("timeout", "30s")
    fs.string("selector", "", short="l")
    fs.string("field-selector", "")
    fs.bool("all")
    fs.bool("all-namespaces", short="A")
    fs.slice("filename", short="f")
    fs.bool("recursive", short="R")
    fs.string("output", "", short="o")
    fs.bool("local")


def _checker(condition: str) -> Any:
    lowered = condition.lower()
    if lowered == "delete":
        return "delete"
    if lowered == "create":
        return "create"
    if condition.startswith("condition="):
        name = condition[len("condition="):]
        value = "true"
        if "=" in name:
            name, value = name.split("=", 1)

        def met(obj: dict[str, Any]) -> bool:
            for cond in (obj.get("status") or {}).get("conditions") or []:
                if (cond.get("type") or "").lower() == name.lower():
                    return (cond.get("status") or "").lower() == value.lower()
            return False

        return met
    if condition.startswith("jsonpath="):
        expr = condition[len("jsonpath="):]
        path, eq, wanted = expr.partition("=")
        if not path:
            raise KubectlError("jsonpath expression cannot be empty")
        if eq and not wanted:
            raise KubectlError("jsonpath wait has to have a value after equal sign, like "
                               "--for=jsonpath='{.status.readyReplicas}'=3")
        root = jsonpath.parse(relaxed_jsonpath(path.strip("'")))

        def met_path(obj: dict[str, Any]) -> bool:
            results = jsonpath.execute_results(root, obj)
            values = [v for vs in results for v in vs]
            if not values:
                return False
            if not eq:
                return True
            return jsonpath.go_text(values[0]) == wanted

        return met_path
    raise KubectlError(m.WAIT_UNRECOGNIZED.format(condition=condition))


def _targets(ctx: KubectlContext, flags: ParsedFlags) -> list[Request]:
    if flags["filename"]:
        requests = []
        for manifest in read_manifests(ctx, flags["filename"], flags["recursive"]):
            info = ctx.api.kinds.for_object(manifest.obj.get("apiVersion", ""),
                                            manifest.obj.get("kind", ""))
            object_namespace(ctx, info, manifest.obj)
            requests.append(Request(info, (manifest.obj.get("metadata") or {}).get("name")))
        return requests
    if not flags.positionals:
        raise KubectlError(m.DELETE_USAGE)
    return parse_resource_args(ctx.api, flags.positionals)


@kubectl_command("wait", "Experimental: Wait for a specific condition on one or many resources",
                 flags=wait_flags)
def wait(ctx: KubectlContext, flags: ParsedFlags) -> int:
    check = _checker(flags["for"])
    timeout = parse_duration(flags["timeout"])
    if timeout < 0:
        timeout = 7 * 24 * 3600.0
    requests = _targets(ctx, flags)
    namespace = None if flags["all-namespaces"] else ctx.namespace
    if check == "create":
        for req in requests:
            def exists(r: Request = req) -> bool:
                return fetch(ctx.api, [r], namespace)[0].error is None

            if not ctx.wait_until(exists, timeout, until_idle=False):
                raise KubectlError("timed out waiting for the condition")
        check = _checker("jsonpath={.metadata.name}")
    results = fetch(ctx.api, requests, namespace, flags["selector"], flags["field-selector"])
    targets: list[tuple[Any, dict[str, Any]]] = []
    for result in results:
        if result.error is not None:
            if check == "delete" and isinstance(result.error, ApiError) \
                    and result.error.reason == "NotFound":
                continue
            raise result.error
        targets.extend((result.request.info, obj) for obj in result.objects)
    if not targets:
        if check == "delete":
            return 0
        raise KubectlError(m.WAIT_NO_RESOURCES)
    for info, obj in targets:
        meta = obj.get("metadata") or {}

        def current(info: Any = info, meta: dict[str, Any] = meta) -> dict[str, Any] | None:
            found = ctx.api.try_get(info.kind, meta.get("name"), meta.get("namespace"))
            if found is not None and check == "delete" and \
                    (found.get("metadata") or {}).get("uid") != meta.get("uid"):
                return None
            return found

        def done(current: Any = current) -> bool:
            now = current()
            if check == "delete":
                return now is None
            return now is not None and check(now)

        if timeout == 0:
            if not done():
                raise KubectlError(f"condition not met for {info.type_name}/{meta.get('name')}")
        elif not ctx.wait_until(done, timeout, until_idle=False):
            if check != "delete" and current() is None:
                raise ApiError(404, "NotFound",
                               f'{info.group_resource} "{meta.get("name")}" not found')
            raise KubectlError(m.WAIT_TIMEOUT.format(resource=info.plural,
                                                     name=meta.get("name")))
        name = f"{info.type_name}/{meta.get('name')}"
        if flags["output"] == "name":
            ctx.write(name + "\n")
        else:
            ctx.write(f"{name} condition met\n")
    return 0
