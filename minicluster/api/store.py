"""The object store: objects indexed by kind, namespace and name, with the lookups the server
needs (by uid, dependents of an owner) and the listing that label/field selectors filter.

Objects are kept as the server last wrote them; callers get copies (see ApiServer). The action
log replays into a fresh Store, which is how `as_of(t)` time travel works.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .clone import as_dict, clone, dicts
from .selectors import FieldSelector, LabelSelector

Key = tuple[str, str, str]  # (kind, namespace or "", name)


@dataclass(frozen=True)
class Action:
    """One mutation, as graders and the timeline read it."""

    time: float
    verb: str  # create | update | patch | delete
    kind: str
    namespace: str | None
    name: str
    actor: str
    obj: dict[str, Any]  # a copy of the object after the change (the last state for removals)
    removed: bool = False  # the object left the store with this action
    subresource: str = ""  # "status" for status writes

    @property
    def key(self) -> Key:
        return (self.kind, self.namespace or "", self.name)


def key_of(obj: dict[str, Any]) -> Key:
    meta = obj.get("metadata") or {}
    return (obj.get("kind", ""), meta.get("namespace") or "", meta.get("name", ""))


class Store:
    def __init__(self) -> None:
        self._data: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        self._uids: dict[str, Key] = {}
        self._dependents: dict[str, set[Key]] = {}
        # (kind, namespace) -> (label key, value) -> names: narrows equality selectors.
        self._labels: dict[tuple[str, str], dict[tuple[str, str], set[str]]] = {}
        # (kind, namespace) -> names in key order, rebuilt only when names come or go.
        self._sorted: dict[tuple[str, str], list[str]] = {}

    # -- writing ------------------------------------------------------------------------------
    def put(self, obj: dict[str, Any]) -> None:
        kind, ns, name = key = key_of(obj)
        previous = self.get(kind, ns, name)
        if previous is not None:
            self._unindex(key, previous)
        bucket = self._data.setdefault(kind, {}).setdefault(ns, {})
        if name not in bucket:
            self._sorted.pop((kind, ns), None)
        bucket[name] = obj
        self._index(key, obj)

    def remove(self, kind: str, namespace: str, name: str) -> dict[str, Any] | None:
        bucket = self._data.get(kind, {}).get(namespace or "")
        if not bucket or name not in bucket:
            return None
        obj = bucket.pop(name)
        self._sorted.pop((kind, namespace or ""), None)
        self._unindex((kind, namespace or "", name), obj)
        return obj

    def _index(self, key: Key, obj: dict[str, Any]) -> None:
        meta = obj.get("metadata") or {}
        if meta.get("uid"):
            self._uids[meta["uid"]] = key
        for ref in dicts(meta.get("ownerReferences")):
            self._dependents.setdefault(ref.get("uid", ""), set()).add(key)
        labels = meta.get("labels")
        if labels:
            index = self._labels.setdefault(key[:2], {})
            for pair in labels.items():
                index.setdefault(pair, set()).add(key[2])

    def _unindex(self, key: Key, obj: dict[str, Any]) -> None:
        meta = obj.get("metadata") or {}
        if self._uids.get(meta.get("uid", "")) == key:
            del self._uids[meta["uid"]]
        for ref in dicts(meta.get("ownerReferences")):
            deps = self._dependents.get(ref.get("uid", ""))
            if deps is not None:
                deps.discard(key)
                if not deps:
                    del self._dependents[ref.get("uid", "")]
        labels = meta.get("labels")
        if labels:
            index = self._labels.get(key[:2], {})
            for pair in labels.items():
                names = index.get(pair)
                if names is not None:
                    names.discard(key[2])
                    if not names:
                        del index[pair]

    # -- reading (no copies: the server copies on the way out) --------------------------------
    def get(self, kind: str, namespace: str, name: str) -> dict[str, Any] | None:
        return self._data.get(kind, {}).get(namespace or "", {}).get(name)

    def by_uid(self, uid: str) -> dict[str, Any] | None:
        key = self._uids.get(uid)
        return self.get(*key) if key else None

    def dependents(self, uid: str) -> list[dict[str, Any]]:
        keys = sorted(self._dependents.get(uid, ()))
        return [obj for key in keys if (obj := self.get(*key)) is not None]

    def namespaces_of(self, kind: str) -> list[str]:
        return sorted(ns for ns, bucket in self._data.get(kind, {}).items() if bucket)

    def kinds(self) -> list[str]:
        return sorted(self._data)

    def _names(self, kind: str, ns: str) -> list[str]:
        names = self._sorted.get((kind, ns))
        if names is None:
            names = self._sorted[(kind, ns)] = sorted(self._data.get(kind, {}).get(ns, ()))
        return names

    def iter(self, kind: str, namespace: str | None = None) -> Iterator[dict[str, Any]]:
        """Objects of a kind in key order (namespace, then name), as etcd returns them."""
        buckets = self._data.get(kind, {})
        spaces = [namespace or ""] if namespace is not None else sorted(buckets)
        for ns in spaces:
            bucket = buckets.get(ns)
            if bucket:
                for name in list(self._names(kind, ns)):
                    obj = bucket.get(name)
                    if obj is not None:
                        yield obj

    def _candidates(self, kind: str, namespace: str | None,
                    labels: LabelSelector | None) -> Iterator[dict[str, Any]]:
        terms = labels.equality_terms() if labels is not None else []
        if not terms:
            yield from self.iter(kind, namespace)
            return
        buckets = self._data.get(kind, {})
        spaces = [namespace or ""] if namespace is not None else sorted(buckets)
        for ns in spaces:
            index = self._labels.get((kind, ns), {})
            names: set[str] | None = None
            for term in terms:
                found = index.get(term, set())
                names = set(found) if names is None else names & found
                if not names:
                    break
            bucket = buckets.get(ns, {})
            for name in sorted(names or ()):
                yield bucket[name]

    def select(self, kind: str, namespace: str | None, labels: LabelSelector | None = None,
               fields: FieldSelector | None = None) -> list[dict[str, Any]]:
        """Copies of the matching objects; non-matching objects are never copied."""
        if fields is not None and not fields.empty():
            # metadata.name / metadata.namespace equality narrows the scan to one bucket or key.
            ns_value = fields.value_of("metadata.namespace")
            if ns_value is not None:
                if namespace is not None and namespace != ns_value:
                    return []
                namespace = ns_value
        out = []
        for obj in self._candidates(kind, namespace, labels):
            if labels is not None and labels.requirements and not labels.matches(
                    as_dict(obj.get("metadata")).get("labels")):
                continue
            if fields is not None and fields.terms and not fields.matches(obj):
                continue
            out.append(clone(obj))
        return out

    def count(self) -> int:
        return sum(len(b) for spaces in self._data.values() for b in spaces.values())


def replay(actions: list[Action], until: float) -> Store:
    store = Store()
    for action in actions:
        if action.time > until:
            break
        if action.removed:
            store.remove(*action.key)
        else:
            store.put(action.obj)
    return store
