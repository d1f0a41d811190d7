"""Client-side `kubectl apply` over the server: the last-applied annotation, the three-way
merge, and multi-document manifests."""

from __future__ import annotations

import json
from typing import Any

from minicluster.core import yamlio
from minicluster.core.errors import MiniclusterError

from . import messages as m
from .clone import as_dict, clone
from .patch import three_way_merge
from .reader import meta_of

Obj = dict[str, Any]
# The ApiServer these methods are mixed into (typed loosely: the mixins and the server
# reference each other's members).
Server = Any
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


class ManifestError(MiniclusterError):
    """A manifest that is not YAML or not a Kubernetes object."""


class ApplyMixin:
    # -- apply ----------------------------------------------------------------------------------------
    @staticmethod
    def last_applied(obj: Obj) -> str:
        """The annotation client-side apply writes: the manifest as sorted compact JSON, its
        own annotation removed (leaving `"annotations":{}`), HTML-escaped, newline-terminated."""
        doc = clone(obj)
        meta = meta_of(doc)
        annotations = meta.get("annotations")
        annotations = dict(annotations) if isinstance(annotations, dict) else {}
        annotations.pop(LAST_APPLIED, None)
        meta["annotations"] = annotations
        text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                              ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
            text = text.replace(char, escaped)
        return text + "\n"

    def apply(self: Server, obj: Obj, namespace: str | None = None,
              drop_unreadable_annotations: bool = False,
              field_validation: str = "Ignore") -> tuple[Obj, str]:
        """Client-side `kubectl apply`: ("created" | "configured" | "unchanged").

        `drop_unreadable_annotations`: what kubectl itself does before sending anything. It
        reads `metadata.annotations` as a string map; when one value is not a string (YAML
        `weight: 5`) the read yields nothing and kubectl replaces all top-level annotations
        with just its own, silently (kubectl util.GetModifiedConfiguration)."""
        obj = clone(obj)
        info = self._kind_of(obj)
        meta = meta_of(obj)
        annotations = meta.get("annotations")
        if drop_unreadable_annotations and isinstance(annotations, dict) and any(
                not isinstance(v, str) for v in annotations.values()):
            meta["annotations"] = {}
        self._decode(info, obj, field_validation)
        ns = self._namespace_for(info, meta, namespace)
        annotation = self.last_applied(obj)
        annotations = meta.get("annotations")
        if not isinstance(annotations, dict):
            annotations = meta["annotations"] = {}
        annotations[LAST_APPLIED] = annotation
        current = self._store.get(info.kind, ns, meta.get("name", "")) if meta.get("name") else None
        if current is None:
            return self.create(obj, namespace=ns or None), "created"
        previous = (as_dict(current.get("metadata")).get("annotations") or {}).get(LAST_APPLIED)
        original = None
        if previous:
            try:
                original = json.loads(previous)
            except ValueError:
                original = None
        desired = three_way_merge(original, obj, current)
        desired["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"]
        self._decode(info, desired)
        result = self._replace(info, desired, current, "patch")
        changed = result["metadata"]["resourceVersion"] != current["metadata"]["resourceVersion"]
        return result, "configured" if changed else "unchanged"

    def apply_manifest(self: Server, yaml_text: str, namespace: str | None = "default",
                       field_validation: str = "Strict",
                       drop_unreadable_annotations: bool = True) -> list[Obj]:
        """Apply every document of a (multi-document) YAML stream as `kubectl apply -f` does
        (strict field validation, kubectl's annotation handling); `kind: List` is unpacked."""
        try:
            docs = yamlio.load_all(yaml_text)
        except yamlio.YAMLError as exc:
            raise ManifestError(m.YAML_TO_JSON.format(error=exc)) from None
        objects: list[Obj] = []
        for doc in docs:
            items = doc.get("items") if isinstance(doc, dict) and doc.get("kind") == "List" \
                else [doc]
            for item in items or []:
                if not isinstance(item, dict) or not item.get("kind"):
                    shown = json.dumps(item, separators=(",", ":"))
                    raise ManifestError(m.KIND_MISSING.format(doc=shown))
                objects.append(self.apply(
                    item, namespace=namespace, field_validation=field_validation,
                    drop_unreadable_annotations=drop_unreadable_annotations)[0])
        return objects
