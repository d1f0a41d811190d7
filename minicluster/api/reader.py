"""Reading the store: get/try_get/list with selectors, shared by the live server and by the
read-only views of the past that `as_of` returns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import errors as e
from .clone import clone
from .kinds import KindInfo, KindRegistry
from .selectors import (
    FieldSelector,
    LabelSelector,
    SelectorError,
    from_label_selector,
    parse_field_selector,
    parse_label_selector,
)
from .store import Store

Obj = dict[str, Any]


def meta_of(obj: Obj) -> Obj:
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = obj["metadata"] = {}
    return meta


class Reader:
    """get/try_get/list over a Store; shared by the live server and its past views."""

    kinds: KindRegistry
    _store: Store

    def _info(self, kind: str) -> KindInfo:
        return self.kinds.get(kind) if kind in self.kinds else self.kinds.lookup(kind)

    def try_get(self, kind: str, name: str, namespace: str | None = "default") -> Obj | None:
        info = self._info(kind)
        obj = self._store.get(info.kind, (namespace or "default") if info.namespaced else "",
                              name)
        return clone(obj) if obj is not None else None

    def get(self, kind: str, name: str, namespace: str | None = "default") -> Obj:
        obj = self.try_get(kind, name, namespace)
        if obj is None:
            info = self._info(kind)
            raise e.not_found(info.group_resource, name, info.group, info.plural)
        return obj

    def list(self, kind: str, namespace: str | None = None,
             label_selector: str | Obj | LabelSelector | None = None,
             field_selector: str | FieldSelector | None = None) -> list[Obj]:
        """Objects in key order (namespace, name). `namespace=None` lists every namespace."""
        info = self._info(kind)
        try:
            if isinstance(label_selector, dict):
                labels = from_label_selector(label_selector)
            elif isinstance(label_selector, LabelSelector):
                labels = label_selector
            else:
                labels = parse_label_selector(label_selector)
            fields = (field_selector if isinstance(field_selector, FieldSelector)
                      else parse_field_selector(field_selector, info.kind))
        except SelectorError as exc:
            raise e.bad_request(str(exc)) from None
        # "" lists every namespace, as an empty namespace in the request path does.
        return self._store.select(info.kind, (namespace or None) if info.namespaced else None,
                                  labels, fields)

    def all_objects(self) -> Iterator[Obj]:
        for kind in self._store.kinds():
            for obj in self._store.iter(kind):
                yield clone(obj)


class StoreView(Reader):
    """The store as it was at some moment: read-only."""

    def __init__(self, store: Store, kinds: KindRegistry, time: float) -> None:
        self._store = store
        self.kinds = kinds
        self.time = time
