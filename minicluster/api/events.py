"""core/v1 Events as client-go's recorder writes them: naming, de-duplication, expiry."""

from __future__ import annotations

from typing import Any

from .clone import clone

Obj = dict[str, Any]
# The ApiServer these methods are mixed into (typed loosely: the mixins and the server
# reference each other's members).
Server = Any
EVENT_TTL = 3600.0  # kube-apiserver --event-ttl: etcd drops an Event an hour after its last write


class EventRecorderMixin:
    # -- events ------------------------------------------------------------------------------------------
    def record_event(self: Server, involved: Obj, type_: str, reason: str, message: str,
                     component: str, host: str | None = None,
                     field_path: str | None = None) -> Obj:
        """A core/v1 Event as client-go's recorder writes it; an identical repeat (same source,
        object, type, reason and message) bumps count and lastTimestamp of the existing one."""
        ref = _reference(involved, field_path)
        ns = ref.get("namespace") or "default"
        key = (component, host or "", ref.get("kind"), ns, ref.get("name"),
               ref.get("fieldPath", ""), ref.get("uid", ""), ref.get("apiVersion"),
               type_, reason, message)
        now = self.clock.timestamp()
        with self.actor(component):
            known = self._event_names.get(key)
            existing = self._store.get("Event", known[0], known[1]) if known else None
            if existing is not None:
                new = clone(existing)
                new["count"] = int(existing.get("count") or 1) + 1
                new["lastTimestamp"] = now
                updated = self._commit_change(self.kinds.get("Event"), new, existing, "patch")
                self._expire_later(updated)
                return updated
            name = self._event_name(ref.get("name", ""), ns)
            source = {"component": component}
            if host:
                source["host"] = host
            event = {
                "apiVersion": "v1", "kind": "Event",
                "metadata": {"name": name, "namespace": ns},
                "involvedObject": ref, "reason": reason, "message": message,
                "source": source, "firstTimestamp": now, "lastTimestamp": now,
                "count": 1, "type": type_, "eventTime": None,
                "reportingComponent": component, "reportingInstance": host or "",
            }
            created = self.create(event)
            self._event_names[key] = (ns, name)
            self._expire_later(created)
            return created

    def _expire_later(self: Server, event: Obj) -> None:
        meta = event["metadata"]
        self.clock.call_background(EVENT_TTL, self._expire_event, meta["namespace"],
                                   meta["name"], meta["resourceVersion"])

    def _expire_event(self: Server, namespace: str, name: str, resource_version: str) -> None:
        current = self._store.get("Event", namespace, name)
        if current is not None and current["metadata"]["resourceVersion"] == resource_version:
            with self.actor("kube-apiserver"):
                self._remove(self.kinds.get("Event"), current, "delete")

    def _event_name(self: Server, involved_name: str, ns: str) -> str:
        # client-go names events `<object>.<UnixNano in hex>`; nanoseconds only move forward
        # here so that names (and so list order) follow recording order.
        nanos = int(round((self.clock.epoch.timestamp() + self.clock.now()) * 1e9))
        nanos = max(nanos, self._last_event_nanos + 1)
        while self._store.get("Event", ns, f"{involved_name}.{nanos:x}") is not None:
            nanos += 1
        self._last_event_nanos = nanos
        return f"{involved_name}.{nanos:x}"


def _reference(involved: Obj, field_path: str | None) -> Obj:
    """An ObjectReference from an object (or from a reference given as is)."""
    if "metadata" in involved:
        meta = involved["metadata"]
        ref = {"apiVersion": involved.get("apiVersion", ""), "kind": involved.get("kind", ""),
               "name": meta.get("name", ""), "namespace": meta.get("namespace", ""),
               "resourceVersion": meta.get("resourceVersion", ""), "uid": meta.get("uid", "")}
    else:
        ref = {k: v for k, v in involved.items()
               if k in ("apiVersion", "kind", "name", "namespace", "resourceVersion", "uid",
                        "fieldPath")}
    if field_path:
        ref["fieldPath"] = field_path
    return {k: v for k, v in ref.items() if v != ""}
