"""Helpers for controllers that own pods: listing a controller's pods and creating one."""

from __future__ import annotations

import copy
from typing import Any

from minicluster.controllers.base import controller_owner


def owned_pods(api: Any, owner: dict[str, Any]) -> list[dict[str, Any]]:
    meta = owner["metadata"]
    uid = meta.get("uid")
    selector = (owner.get("spec") or {}).get("selector")
    # The owner's selector narrows the listing (the API server indexes labels); the
    # controller reference decides.
    candidates = api.list(
        "Pod",
        namespace=meta.get("namespace"),
        label_selector=selector if isinstance(selector, dict) and selector else None,
    )
    return [
        pod
        for pod in candidates
        if (ref := controller_owner(pod)) is not None and ref.get("uid") == uid
    ]


def owner_reference(owner: dict[str, Any]) -> dict[str, Any]:
    meta = owner["metadata"]
    return {
        "apiVersion": owner.get("apiVersion", ""),
        "blockOwnerDeletion": True,
        "controller": True,
        "kind": owner.get("kind", ""),
        "name": meta["name"],
        "uid": meta.get("uid", ""),
    }


def pod_from_template(
    owner: dict[str, Any],
    template: dict[str, Any],
    *,
    name: str | None = None,
    generate_name: str | None = None,
    extra_labels: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A Pod built as controller.GetPodFromTemplate does: template labels/annotations, the
    controller reference, and the template's spec."""
    template = copy.deepcopy(template)
    tmeta = template.get("metadata") or {}
    meta: dict[str, Any] = {
        "namespace": owner["metadata"].get("namespace") or "default",
        "labels": dict(tmeta.get("labels") or {}, **(extra_labels or {})),
        "ownerReferences": [owner_reference(owner)],
    }
    if name:
        meta["name"] = name
    else:
        meta["generateName"] = generate_name or owner["metadata"]["name"] + "-"
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    if tmeta.get("finalizers"):
        meta["finalizers"] = list(tmeta["finalizers"])
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template.get("spec") or {}}


def set_condition(
    conditions: list[dict[str, Any]], new: dict[str, Any], with_update_time: bool = False
) -> list[dict[str, Any]]:
    """Replace a condition by type, keeping lastTransitionTime when the status is unchanged;
    an unchanged status and reason leaves the list as it was (apps' SetXCondition)."""
    current = next((c for c in conditions if c.get("type") == new.get("type")), None)
    if current is not None and current.get("status") == new.get("status"):
        if current.get("reason") == new.get("reason"):
            return conditions
        new = dict(new, lastTransitionTime=current.get("lastTransitionTime"))
    rest = [c for c in conditions if c.get("type") != new.get("type")]
    return rest + [new]
