"""ObjectMeta validation (apimachinery pkg/api/validation/objectmeta.go)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minicluster.api import messages as m
from minicluster.api.clone import as_list

from . import field as f
from . import names

NameCheck = Callable[[str], list[str]]
TOTAL_ANNOTATION_SIZE = 256 * 1024


def validate_labels(labels: Any, path: str) -> list[f.FieldError]:
    errs: list[f.FieldError] = []
    if not isinstance(labels, dict):
        return errs
    for key in sorted(labels):
        errs.extend(f.invalid(path, key, msg) for msg in names.qualified_name(key))
        value = labels[key] if isinstance(labels[key], str) else ""
        errs.extend(f.invalid(path, value, msg) for msg in names.label_value(value))
    return errs


def validate_annotations(annotations: Any, path: str) -> list[f.FieldError]:
    errs: list[f.FieldError] = []
    if not isinstance(annotations, dict):
        return errs
    size = 0
    for key in sorted(annotations):
        # Annotation keys are qualified names regardless of case.
        errs.extend(f.invalid(path, key, msg) for msg in names.qualified_name(key.lower()))
        value = annotations[key] if isinstance(annotations[key], str) else ""
        size += len(key.encode()) + len(value.encode())
    if size > TOTAL_ANNOTATION_SIZE:
        errs.append(f.too_long(path, TOTAL_ANNOTATION_SIZE))
    return errs


def validate_owner_references(refs: Any, path: str) -> list[f.FieldError]:
    errs: list[f.FieldError] = []
    controllers: list[str] = []
    for ref in as_list(refs):
        if ref is None:
            ref = {}  # a null item decodes to an empty OwnerReference
        if not isinstance(ref, dict):
            continue
        if not ref.get("apiVersion"):
            errs.append(f.invalid(f"{path}.apiVersion", ref.get("apiVersion", ""), m.OWNER_VERSION_EMPTY))
        if not ref.get("kind"):
            errs.append(f.invalid(f"{path}.kind", ref.get("kind", ""), m.OWNER_FIELD_EMPTY))
        if not ref.get("name"):
            errs.append(f.invalid(f"{path}.name", ref.get("name", ""), m.OWNER_FIELD_EMPTY))
        if not ref.get("uid"):
            errs.append(f.invalid(f"{path}.uid", ref.get("uid", ""), m.OWNER_FIELD_EMPTY))
        if ref.get("controller"):
            controllers.append(f"{ref.get('kind')}/{ref.get('name')}")
    if len(controllers) > 1:
        errs.append(f.invalid(path, refs, m.ONE_CONTROLLER_REF.format(
            first=controllers[0], second=controllers[1])))
    return errs


def validate_finalizers(finalizers: Any, path: str) -> list[f.FieldError]:
    errs: list[f.FieldError] = []
    for fin in as_list(finalizers):
        if isinstance(fin, str):
            errs.extend(f.invalid(path, fin, msg) for msg in names.qualified_name(fin))
    if finalizers and "orphan" in finalizers and "foregroundDeletion" in finalizers:
        errs.append(f.invalid(path, finalizers,
                              m.ORPHAN_AND_FOREGROUND))
    return errs


def validate_object_meta(meta: dict[str, Any], namespaced: bool, name_check: NameCheck,
                         path: str = "metadata") -> list[f.FieldError]:
    errs: list[f.FieldError] = []
    generate = meta.get("generateName") or ""
    name = meta.get("name") or ""
    if generate:
        errs.extend(f.invalid(f"{path}.generateName", generate, msg)
                    for msg in name_check(names.mask_trailing_dash(generate)))
    if not name:
        errs.append(f.required(f"{path}.name", m.NAME_REQUIRED))
    else:
        errs.extend(f.invalid(f"{path}.name", name, msg) for msg in name_check(name))
    namespace = meta.get("namespace") or ""
    if namespaced:
        if not namespace:
            errs.append(f.required(f"{path}.namespace"))
        else:
            errs.extend(f.invalid(f"{path}.namespace", namespace, msg)
                        for msg in names.dns1123_label(namespace))
    elif namespace:
        errs.append(f.forbidden(f"{path}.namespace", m.NOT_ALLOWED_ON_CLUSTER_SCOPED))
    generation = meta.get("generation")
    if isinstance(generation, int) and generation < 0:
        errs.append(f.invalid(f"{path}.generation", generation, m.MUST_BE_NON_NEGATIVE))
    errs.extend(validate_labels(meta.get("labels"), f"{path}.labels"))
    errs.extend(validate_annotations(meta.get("annotations"), f"{path}.annotations"))
    errs.extend(validate_owner_references(meta.get("ownerReferences"),
                                          f"{path}.ownerReferences"))
    errs.extend(validate_finalizers(meta.get("finalizers"), f"{path}.finalizers"))
    return errs


def validate_object_meta_update(new: dict[str, Any], old: dict[str, Any],
                                path: str = "metadata") -> list[f.FieldError]:
    errs: list[f.FieldError] = []
    if old.get("deletionTimestamp"):
        added = [x for x in as_list(new.get("finalizers")) if x not in as_list(old.get("finalizers"))]
        if added:
            shown = "[" + " ".join(added) + "]"
            errs.append(f.forbidden(f"{path}.finalizers",
                                    m.NO_NEW_FINALIZERS.format(found=shown)))
    for key in ("name", "namespace", "uid", "creationTimestamp"):
        if (new.get(key) or "") != (old.get(key) or ""):
            errs.append(f.invalid(f"{path}.{key}", new.get(key) or "", m.FIELD_IMMUTABLE))
    return errs
