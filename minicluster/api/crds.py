"""CustomResourceDefinitions: creating one serves a new kind (its custom resources then go
through the same store, selectors, GC and apply); deleting it removes the kind and its objects.

Custom resources are not checked against the CRD's openAPIV3Schema.
"""

from __future__ import annotations

from typing import Any

from . import messages as m
from .clone import as_dict, dicts
from .kinds import KindInfo
from .validation import field as f


def established_status(crd: dict[str, Any], now: str) -> dict[str, Any]:
    spec = as_dict(crd.get("spec"))
    storage = next((str(v.get("name")) for v in dicts(spec.get("versions")) if v.get("storage")),
                   "")
    return {
        "acceptedNames": dict(as_dict(spec.get("names"))),
        "conditions": [
            {"lastTransitionTime": now, "message": "no conflicts found",
             "reason": "NoConflicts", "status": "True", "type": "NamesAccepted"},
            {"lastTransitionTime": now, "message": "the initial names have been accepted",
             "reason": "InitialNamesAccepted", "status": "True", "type": "Established"}],
        "storedVersions": [storage],
    }


def kind_info(crd: dict[str, Any]) -> KindInfo | None:
    spec = as_dict(crd.get("spec"))
    names = as_dict(spec.get("names"))
    versions = [v for v in dicts(spec.get("versions")) if v.get("served", True)]
    if not names.get("kind") or not names.get("plural") or not versions:
        return None
    storage = next((v for v in versions if v.get("storage")), versions[0])
    others = tuple(str(v.get("name")) for v in versions if v is not storage)
    return KindInfo(
        kind=str(names["kind"]), group=str(spec.get("group", "")), version=str(storage.get("name")),
        plural=str(names["plural"]), namespaced=spec.get("scope", "Namespaced") == "Namespaced",
        short_names=tuple(str(n) for n in names.get("shortNames") or ()),
        categories=tuple(str(c) for c in names.get("categories") or ()),
        has_generation=True, has_status="status" in as_dict(storage.get("subresources")),
        singular=str(names.get("singular") or str(names["kind"]).lower()),
        other_versions=others, custom=True)


def validate(crd: dict[str, Any]) -> list[f.FieldError]:
    spec = as_dict(crd.get("spec"))
    names = as_dict(spec.get("names"))
    errs: list[f.FieldError] = []
    name = as_dict(crd.get("metadata")).get("name") or ""
    expected = f"{names.get('plural', '')}.{spec.get('group', '')}"
    if name != expected:
        errs.append(f.invalid("metadata.name", name, m.CRD_NAME.format(expected=expected)))
    if not spec.get("group"):
        errs.append(f.required("spec.group"))
    if not names.get("plural"):
        errs.append(f.required("spec.names.plural"))
    if not names.get("kind"):
        errs.append(f.required("spec.names.kind"))
    if spec.get("scope") not in ("Namespaced", "Cluster"):
        errs.append(f.not_supported("spec.scope", spec.get("scope") or "",
                                    '"Cluster", "Namespaced"'))
    if sum(1 for v in dicts(spec.get("versions")) if v.get("storage")) != 1:
        shown = "[]apiextensions.CustomResourceDefinitionVersion" + (
            "{...}" if dicts(spec.get("versions")) else "(nil)")
        errs.append(f.invalid("spec.versions", f.GoRaw(shown), m.CRD_ONE_STORAGE))
    return errs
