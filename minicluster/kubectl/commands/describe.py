"""`kubectl describe`: one description per object, prefix matching for `TYPE NAME`."""

from __future__ import annotations

from minicluster.api.errors import ApiError
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.describe import describe_object
from minicluster.kubectl.errors import AggregateError, KubectlError
from minicluster.kubectl.manifests import object_namespace, read_manifests
from minicluster.kubectl.resources import Request, fetch, parse_resource_args


def describe_flags(fs: FlagSet) -> None:
    fs.string("selector", "", short="l")
    fs.bool("all-namespaces", short="A")
    fs.slice("filename", short="f")
    fs.bool("recursive", short="R")
    fs.bool("show-events", True)
    fs.int("chunk-size", 500)


@kubectl_command("describe", "Show details of a specific resource or group of resources",
                 flags=describe_flags)
def describe(ctx: KubectlContext, flags: ParsedFlags) -> int:
    args = flags.positionals
    if not args and not flags["filename"]:
        raise KubectlError(m.DESCRIBE_NO_TYPE.rstrip("\n"))
    namespace = None if flags["all-namespaces"] else ctx.namespace
    if flags["filename"]:
        results = []
        for manifest in read_manifests(ctx, flags["filename"], flags["recursive"]):
            info = ctx.api.kinds.for_object(manifest.obj.get("apiVersion", ""),
                                            manifest.obj.get("kind", ""))
            ns = object_namespace(ctx, info, manifest.obj)
            name = (manifest.obj.get("metadata") or {}).get("name")
            results.extend(fetch(ctx.api, [Request(info, name)], ns))
    else:
        requests = parse_resource_args(ctx.api, args)
        results = fetch(ctx.api, requests, namespace, flags["selector"])
    errors = [r.error for r in results if r.error is not None]
    if (errors and len(args) == 2 and "/" not in args[0] + args[1]
            and all(isinstance(e, ApiError) and e.reason == "NotFound" for e in errors)):
        return _describe_matching(ctx, args[0], args[1], errors[0], namespace)
    texts = []
    for result in results:
        for obj in result.objects:
            texts.append(describe_object(ctx, result.request.info.kind, obj))
    if texts:
        ctx.write(texts[0] + "".join("\n\n" + t for t in texts[1:]))
    if not texts and not errors:
        ctx.warn(m.NO_RESOURCES if flags["all-namespaces"]
                 else m.NO_RESOURCES_NS.format(namespace=ctx.namespace))
    unique: list[Exception] = []
    for err in errors:
        if str(err) not in {str(e) for e in unique}:
            unique.append(err)
    if unique:
        raise AggregateError(unique)
    return 0


def _describe_matching(ctx: KubectlContext, resource: str, prefix: str, original: Exception,
                       namespace: str | None) -> int:
    """DescribeMatchingResources: every object of the type whose name starts with the name."""
    requests = parse_resource_args(ctx.api, [resource])
    found = False
    for result in fetch(ctx.api, requests, namespace or ctx.namespace):
        for obj in result.objects:
            if (obj.get("metadata") or {}).get("name", "").startswith(prefix):
                found = True
                ctx.write(describe_object(ctx, result.request.info.kind, obj) + "\n")
    if not found:
        raise original
    return 0
