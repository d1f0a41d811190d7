"""describe's building blocks: the prefix writer over a tabwriter, labels, events."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from minicluster.kubectl.printing.humanize import parse_time, since
from minicluster.kubectl.printing.tabwriter import describe_writer

# Annotations describe never shows (kubectl's skipAnnotations).
SKIP_ANNOTATIONS = {"kubectl.kubernetes.io/last-applied-configuration"}
MAX_ANNOTATION_LEN = 140


class PrefixWriter:
    def __init__(self) -> None:
        self.tw = describe_writer()

    def write(self, level: int, text: str) -> None:
        self.tw.write("  " * level + text)

    def line(self, text: str = "") -> None:
        self.tw.write(text + "\n")

    def flush(self) -> None:
        self.tw.flush()

    def getvalue(self) -> str:
        return self.tw.getvalue()


def labels_multiline(w: PrefixWriter, title: str, labels: dict[str, str] | None,
                     initial_indent: str = "", inner_indent: str = "\t") -> None:
    w.write(0, f"{initial_indent}{title}:{inner_indent}")
    if not labels:
        w.line("<none>")
        return
    for i, key in enumerate(sorted(labels)):
        if i:
            w.write(0, initial_indent + inner_indent)
        w.write(0, f"{key}={labels[key]}\n")


def annotations_multiline(w: PrefixWriter, title: str, annotations: dict[str, str] | None) -> None:
    w.write(0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k not in SKIP_ANNOTATIONS)
    if not keys:
        w.line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = (annotations or {})[key]
        value = value[:-1] if value.endswith("\n") else value
        if len(value) + len(key) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for part in value.split("\n"):
                short = part if len(part) <= MAX_ANNOTATION_LEN - 2 else \
                    part[:MAX_ANNOTATION_LEN - 2] + "..."
                w.write(0, f"\t  {short}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def tolerations_multiline(w: PrefixWriter, title: str, tolerations: list[dict[str, Any]] | None,
                          initial_indent: str = "") -> None:
    w.write(0, f"{initial_indent}{title}:\t")
    if not tolerations:
        w.line("<none>")
        return
    for i, tol in enumerate(sorted(tolerations, key=lambda t: t.get("key", ""))):
        if i:
            w.write(0, initial_indent + "\t")
        text = tol.get("key", "")
        if tol.get("value"):
            text += f"={tol['value']}"
        if tol.get("effect"):
            text += f":{tol['effect']}"
        if tol.get("operator") == "Exists" and not tol.get("value"):
            text += " op=Exists" if (tol.get("key") or tol.get("effect")) else "op=Exists"
        if tol.get("tolerationSeconds") is not None:
            text += f" for {tol['tolerationSeconds']}s"
        w.write(0, text + "\n")


def controlled_by(obj: dict[str, Any]) -> str:
    for ref in (obj.get("metadata") or {}).get("ownerReferences") or []:
        if ref.get("controller"):
            return f"{ref.get('kind')}/{ref.get('name')}"
    return ""


def _event_time(event: dict[str, Any]) -> datetime:
    series = event.get("series") or {}
    for text in (series.get("lastObservedTime"), event.get("lastTimestamp"),
                 event.get("eventTime")):
        moment = parse_time(text)
        if moment is not None:
            return moment
    return datetime.min.replace(tzinfo=timezone.utc)


def events_for(api: Any, obj: dict[str, Any], with_kind: bool = True) -> list[dict[str, Any]]:
    """searchEvents: the events whose involvedObject is this object (name, namespace, uid,
    and kind except for pods)."""
    meta = obj.get("metadata") or {}
    namespace = meta.get("namespace")
    found = []
    for event in api.list("Event", namespace=namespace or None):
        involved = event.get("involvedObject") or {}
        if involved.get("name") != meta.get("name"):
            continue
        if namespace and involved.get("namespace", namespace) != namespace:
            continue
        if meta.get("uid") and involved.get("uid") and involved.get("uid") != meta.get("uid"):
            continue
        if with_kind and involved.get("kind") and involved.get("kind") != obj.get("kind"):
            continue
        found.append(event)
    return found


def describe_events(w: PrefixWriter, events: list[dict[str, Any]], now: datetime) -> None:
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.flush()
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for event in sorted(events, key=_event_time):
        first = since(event.get("eventTime"), now) if event.get("eventTime") else \
            since(event.get("firstTimestamp"), now)
        series = event.get("series")
        count = int(event.get("count") or 0)
        if series:
            interval = (f"{since(series.get('lastObservedTime'), now)} "
                        f"(x{series.get('count')} over {first})")
        elif count > 1:
            interval = f"{since(event.get('lastTimestamp'), now)} (x{count} over {first})"
        else:
            interval = first
        source = (event.get("source") or {}).get("component") or \
            event.get("reportingComponent", "")
        w.write(1, f"{event.get('type', '')}\t{event.get('reason', '')}\t{interval}\t{source}\t"
                   f"{(event.get('message') or '').strip()}\n")
