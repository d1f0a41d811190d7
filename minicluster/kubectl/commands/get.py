"""`kubectl get`: tables, -o formats, --sort-by, selectors, and -w (watch on the virtual clock)."""

from __future__ import annotations

from typing import Any

from minicluster.api.errors import ApiError
from minicluster.core.errors import ClockRunawayError
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import AggregateError, KubectlError, UsageError
from minicluster.kubectl.manifests import object_namespace, read_manifests
from minicluster.kubectl.output import OutputFormat, parse_output, print_objects, relaxed_jsonpath
from minicluster.kubectl.printing import jsonpath
from minicluster.kubectl.printing.table import TableOptions, table_lines
from minicluster.kubectl.printing.tabwriter import kubectl_table_writer
from minicluster.kubectl.resources import Request, Result, fetch, parse_resource_args

# kubectl -w runs until interrupted; here it runs the clock until the cluster is idle, or
# for this much virtual time at most (a CrashLoopBackOff never becomes idle).
WATCH_LIMIT_SECONDS = 3600.0


def get_flags(fs: FlagSet) -> None:
    fs.string("output", "", short="o")
    fs.string("selector", "", short="l")
    fs.string("field-selector", "")
    fs.bool("all-namespaces", short="A")
    fs.bool("watch", short="w")
    fs.bool("watch-only")
    fs.bool("show-labels")
    fs.bool("no-headers")
    fs.bool("show-kind")
    fs.string("sort-by", "")
    fs.slice("label-columns", short="L")
    fs.bool("ignore-not-found")
    fs.slice("filename", short="f")
    fs.bool("recursive", short="R")
    fs.int("chunk-size", 500)
    fs.bool("server-print", True)
    fs.string("template", "")
    fs.bool("allow-missing-template-keys", True)
    fs.bool("show-managed-fields")
    fs.bool("output-watch-events")
    fs.string("subresource", "")


def _requests_from_files(ctx: KubectlContext, flags: ParsedFlags) -> tuple[list[Request],
                                                                            dict[int, str]]:
    requests: list[Request] = []
    namespaces: dict[int, str] = {}
    for manifest in read_manifests(ctx, flags["filename"], flags["recursive"]):
        info = ctx.api.kinds.for_object(manifest.obj.get("apiVersion", ""),
                                        manifest.obj.get("kind", ""))
        ns = object_namespace(ctx, info, manifest.obj)
        requests.append(Request(info, (manifest.obj.get("metadata") or {}).get("name")))
        if ns:
            namespaces[len(requests) - 1] = ns
    return requests, namespaces


def _sort_key(path: str) -> Any:
    root = jsonpath.parse(path)

    def key(obj: dict[str, Any]) -> tuple[int, Any]:
        results = jsonpath.execute_results(root, obj)
        if not results or not results[0]:
            return (0, 0)
        value = results[0][0]
        if isinstance(value, bool):
            return (1, int(value))
        if isinstance(value, (int, float)):
            return (1, value)
        return (2, str(value)) if not isinstance(value, (dict, list)) else (3, str(value))

    return key


def _sorted(results: list[Result], sort_by: str) -> None:
    if not sort_by:
        return
    path = relaxed_jsonpath(sort_by)
    everything = [obj for r in results for obj in r.objects]
    root = jsonpath.parse(path)
    if everything and not any(jsonpath.execute_results(root, o) and
                              jsonpath.execute_results(root, o)[0] for o in everything):
        raise KubectlError(m.SORT_NO_FIELD.format(path=path))
    key = _sort_key(path)
    for result in results:
        result.objects.sort(key=key)


def _table(ctx: KubectlContext, flags: ParsedFlags, fmt: OutputFormat, results: list[Result],
           all_namespaces: bool) -> bool:
    """Print tables the way get.go does; returns whether anything was written.

    Each new kind flushes the tabwriter and forgets its column widths; a blank line separates
    kinds, written only in front of output that actually follows (separatorWriterWrapper)."""
    ok = [r for r in results if r.error is None]
    with_kind = flags["show-kind"] or len({r.request.info.kind for r in ok}) > 1
    writer = kubectl_table_writer()
    state = {"written": 0, "separator": False}

    def flush() -> None:
        chunk = writer.take()
        if chunk:
            if state["separator"]:
                ctx.write("\n")
                state["separator"] = False
            ctx.write(chunk)
            state["written"] += len(chunk)

    last_kind: str | None = None
    header_done = False
    for result in ok:
        info = result.request.info
        if info.kind != last_kind:
            flush()
            writer.set_remembered_widths(None)
            if last_kind is not None and not flags["no-headers"] and state["written"]:
                state["separator"] = True
            last_kind = info.kind
            header_done = False
        options = TableOptions(
            wide=fmt.kind == "wide", no_headers=flags["no-headers"],
            with_namespace=all_namespaces and info.namespaced,
            kind_prefix=info.type_name if with_kind else None,
            show_labels=flags["show-labels"], label_columns=list(flags["label-columns"]))
        text = table_lines(info.kind, result.objects, ctx.now(), options,
                           header=not header_done)
        if text:
            header_done = True
        writer.write(text)
    flush()
    return bool(state["written"])


@kubectl_command("get", "Display one or many resources", flags=get_flags)
def get(ctx: KubectlContext, flags: ParsedFlags) -> int:
    args = flags.positionals
    if not args and not flags["filename"]:
        ctx.warn(m.GET_NO_TYPE)
        raise UsageError(m.REQUIRED_RESOURCE, ctx.command_path)
    fmt = parse_output(flags["output"], flags["template"])
    all_namespaces = flags["all-namespaces"]
    namespace = None if all_namespaces else ctx.namespace
    selector, field_selector = flags["selector"], flags["field-selector"]
    if flags["filename"]:
        if args:
            raise KubectlError("when paths, URLs, or stdin is provided as input, you may not "
                               "specify a resource by arguments as well")
        requests, namespaces = _requests_from_files(ctx, flags)
    else:
        requests, namespaces = parse_resource_args(ctx.api, args), {}
    named = [r for r in requests if r.name is not None]
    if named and (selector or field_selector):
        raise KubectlError(m.NAME_WITH_SELECTOR if len(args) != 1 or "/" not in args[0]
                           else m.SELECTOR_WITH_NAMES)
    if flags["watch"] or flags["watch-only"]:
        return _watch(ctx, flags, fmt, requests, namespace)

    results = []
    for i, req in enumerate(requests):
        ns = namespaces.get(i, namespace)
        results.extend(fetch(ctx.api, [req], ns, selector, field_selector))
    errors: list[Exception] = [r.error for r in results if r.error is not None]
    if flags["ignore-not-found"]:
        errors = [e for e in errors if not (isinstance(e, ApiError) and e.reason == "NotFound")]
    _sorted(results, flags["sort-by"])

    if not fmt.human:
        single = len(requests) == 1 and requests[0].name is not None
        if single and errors:
            raise errors[0]
        items = [(r.request.info, obj) for r in results for obj in r.objects]
        if items or not (single or flags["ignore-not-found"]):
            ctx.write(print_objects(fmt, items, single, flags["no-headers"]))
    else:
        written = _table(ctx, flags, fmt, results, all_namespaces)
        if not written and not flags["ignore-not-found"] and not errors:
            namespaced = not all_namespaces and all(r.info.namespaced for r in requests)
            ctx.warn(m.NO_RESOURCES_NS.format(namespace=ctx.namespace) if namespaced
                     else m.NO_RESOURCES)
    if errors:
        raise AggregateError(errors)
    return 0


def _watch(ctx: KubectlContext, flags: ParsedFlags, fmt: OutputFormat,
           requests: list[Request], namespace: str | None) -> int:
    from minicluster.api.selectors import parse_field_selector, parse_label_selector

    if len({r.info.kind for r in requests}) > 1:
        raise KubectlError(m.WATCH_MULTIPLE)
    info = requests[0].info
    names = {r.name for r in requests if r.name is not None}
    results = fetch(ctx.api, requests, namespace, flags["selector"], flags["field-selector"])
    for result in results:
        if result.error is not None:
            raise result.error
    # The list above already rejected bad selectors with the server's error.
    labels = parse_label_selector(flags["selector"] or None)
    fields = parse_field_selector(flags["field-selector"] or None, info.kind)
    options = TableOptions(wide=fmt.kind == "wide", no_headers=flags["no-headers"],
                           with_namespace=namespace is None and info.namespaced,
                           show_labels=flags["show-labels"],
                           label_columns=list(flags["label-columns"]))
    writer = kubectl_table_writer()
    state = {"header": False}

    def emit(objects: list[dict[str, Any]]) -> None:
        if fmt.human:
            text = table_lines(info.kind, objects, ctx.now(), options,
                               header=not state["header"])
            if text:
                state["header"] = True
            writer.write(text)
            ctx.write(writer.take())
        else:
            for obj in objects:
                out = print_objects(fmt, [(info, obj)], single=True,
                                    no_headers=flags["no-headers"] or state["header"])
                state["header"] = True
                ctx.write(out + ("" if fmt.kind in ("name", "custom-columns") else ""))

    if not flags["watch-only"]:
        initial = [obj for r in results for obj in r.objects]
        if initial:
            emit(initial)

    def matches(obj: dict[str, Any]) -> bool:
        meta = obj.get("metadata") or {}
        if obj.get("kind") != info.kind:
            return False
        if info.namespaced and namespace is not None and meta.get("namespace") != namespace:
            return False
        if names and meta.get("name") not in names:
            return False
        return labels.matches(meta.get("labels") or {}) and fields.matches(obj)

    def on_event(event_type: str, obj: dict[str, Any], old: Any = None) -> None:
        if matches(obj):
            emit([obj])

    unsubscribe = ctx.api.watch(on_event)
    try:
        try:
            ctx.wait_until(lambda: False, WATCH_LIMIT_SECONDS, until_idle=True)
        except ClockRunawayError:
            pass
    finally:
        unsubscribe()
    return 0
