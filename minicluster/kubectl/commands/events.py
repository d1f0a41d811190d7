"""`kubectl events`: the newer events command (sorted by time, `Kind/name` objects)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import KubectlError
from minicluster.kubectl.output import parse_output, print_objects
from minicluster.kubectl.printing.humanize import parse_time, since
from minicluster.kubectl.printing.tabwriter import kubectl_table_writer

WATCH_LIMIT_SECONDS = 3600.0


def events_flags(fs: FlagSet) -> None:
    fs.bool("all-namespaces", short="A")
    fs.string("for", "")
    fs.slice("types")
    fs.bool("watch", short="w")
    fs.bool("no-headers")
    fs.string("output", "", short="o")
    fs.int("chunk-size", 500)
    fs.string("template", "")
    fs.bool("allow-missing-template-keys", True)
    fs.bool("show-managed-fields")


def event_time(event: dict[str, Any]) -> datetime:
    series = event.get("series") or {}
    for text in (series.get("lastObservedTime"), event.get("lastTimestamp"),
                 event.get("eventTime")):
        moment = parse_time(text)
        if moment is not None:
            return moment
    return datetime.min.replace(tzinfo=timezone.utc)


def interval(event: dict[str, Any], now: datetime) -> str:
    first = since(event.get("eventTime"), now) if event.get("eventTime") else \
        since(event.get("firstTimestamp"), now)
    series = event.get("series")
    count = int(event.get("count") or 0)
    if series:
        return f"{since(series.get('lastObservedTime'), now)} (x{series.get('count')} over {first})"
    if count > 1:
        return f"{since(event.get('lastTimestamp'), now)} (x{count} over {first})"
    return first


def _line(event: dict[str, Any], now: datetime, all_namespaces: bool) -> str:
    involved = event.get("involvedObject") or {}
    cells = [interval(event, now), event.get("type", ""), event.get("reason", ""),
             f"{involved.get('kind', '')}/{involved.get('name', '')}",
             (event.get("message") or "").strip()]
    if all_namespaces:
        cells.insert(0, (event.get("metadata") or {}).get("namespace", ""))
    return "\t".join(cells) + "\n"


@kubectl_command("events", "List events", flags=events_flags)
def events(ctx: KubectlContext, flags: ParsedFlags) -> int:
    types = [t for t in flags["types"] if t]
    for value in types:
        if value.lower() not in ("normal", "warning"):
            raise KubectlError("valid --types are Normal or Warning")
    wanted_types = {t.lower() for t in types}
    target = None
    if flags["for"]:
        kind_word, slash, name = flags["for"].partition("/")
        if not slash:
            raise KubectlError("--for must be in resource/name form")
        target = (ctx.api.kinds.lookup(kind_word), name)
    all_ns = flags["all-namespaces"]
    fmt = parse_output(flags["output"], flags["template"])

    def keep(event: dict[str, Any]) -> bool:
        if wanted_types and (event.get("type") or "").lower() not in wanted_types:
            return False
        if target is not None:
            involved = event.get("involvedObject") or {}
            info, name = target
            return (involved.get("kind") == info.kind and involved.get("name") == name
                    and involved.get("apiVersion", info.api_version) == info.api_version)
        return True

    items = [e for e in ctx.api.list("Event", namespace=None if all_ns else ctx.namespace)
             if keep(e)]
    items.sort(key=event_time)
    header = "NAMESPACE\tLAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n" if all_ns else \
        "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n"
    writer = kubectl_table_writer()
    state = {"header": flags["no-headers"]}

    def emit(batch: list[dict[str, Any]]) -> None:
        if not fmt.human:
            info = ctx.api.kinds.get("Event")
            ctx.write(print_objects(fmt, [(info, e) for e in batch], single=False))
            return
        if not state["header"]:
            writer.write(header)
            state["header"] = True
        for event in batch:
            writer.write(_line(event, ctx.now(), all_ns))
        ctx.write(writer.take())

    if flags["watch"]:
        if items:
            emit(items)

        def on_event(event_type: str, obj: dict[str, Any], old: Any = None) -> None:
            ns_ok = all_ns or (obj.get("metadata") or {}).get("namespace") == ctx.namespace
            if obj.get("kind") == "Event" and event_type != "DELETED" and ns_ok and keep(obj):
                emit([obj])

        unsubscribe = ctx.api.watch(on_event)
        try:
            ctx.wait_until(lambda: False, WATCH_LIMIT_SECONDS, until_idle=True)
        finally:
            unsubscribe()
        return 0
    if not items:
        ctx.warn("No events found.\n" if all_ns
                 else f"No events found in {ctx.namespace} namespace.\n")
        return 0
    emit(items)
    return 0
