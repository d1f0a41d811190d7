"""Patches: JSON merge patch (RFC 7386), strategic merge patch for the common list keys, JSON
patch (RFC 6902), and the three-way merge behind client-side `kubectl apply`.

Strategic merge is keyed by the field name alone (containers by name, ports by containerPort or
port, ...): the real one reads the Go struct tags, and these names carry the same keys in every
built-in kind this kit serves.
"""

from __future__ import annotations

from typing import Any

from . import messages as m
from .clone import clone

# patchMergeKey of the list fields the built-in kinds declare with patchStrategy=merge.
MERGE_KEYS: dict[str, tuple[str, ...]] = {
    "containers": ("name",),
    "initContainers": ("name",),
    "ephemeralContainers": ("name",),
    "env": ("name",),
    "volumes": ("name",),
    "volumeMounts": ("mountPath",),
    "volumeDevices": ("devicePath",),
    "imagePullSecrets": ("name",),
    "hostAliases": ("ip",),
    "ports": ("containerPort", "port"),
    "conditions": ("type",),
    "ownerReferences": ("uid",),
    "topologySpreadConstraints": ("topologyKey",),
    "resourceClaims": ("name",),
}
# Lists of scalars merged as sets.
MERGED_SCALAR_LISTS = {"finalizers"}


class PatchError(ValueError):
    pass


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: objects merge, null deletes, everything else replaces."""
    if not isinstance(patch, dict):
        return clone(patch)
    result = clone(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _merge_key(field: str, items: list[Any]) -> str | None:
    """The key to merge a list field by, or None to replace the list as a whole (also when an
    item is not an object or its key is not a plain value)."""
    keys = MERGE_KEYS.get(field)
    if not keys or not all(isinstance(i, dict) for i in items):
        return None
    chosen = next((k for k in keys if all(k in i for i in items)), keys[0])
    if not all(isinstance(i.get(chosen), (str, int, float, bool, type(None))) for i in items):
        return None
    return chosen


def strategic_merge_patch(target: Any, patch: Any, field: str = "") -> Any:
    if isinstance(patch, list) and isinstance(target, list):
        return _merge_list(target, patch, field)
    if not isinstance(patch, dict):
        return clone(patch)
    if patch.get("$patch") == "replace":
        return {k: clone(v) for k, v in patch.items() if k != "$patch"}
    if patch.get("$patch") == "delete":
        return None
    result = clone(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if key.startswith("$"):
            continue
        if value is None:
            result.pop(key, None)
        else:
            result[key] = strategic_merge_patch(result.get(key), value, key)
    return result


def _merge_list(target: list[Any], patch: list[Any], field: str) -> list[Any]:
    if field in MERGED_SCALAR_LISTS:
        out = list(target)
        out.extend(v for v in patch if v not in out)
        return out
    key = _merge_key(field, target + patch)
    if key is None or not all(isinstance(i, dict) for i in patch):
        return clone(patch)
    if any(item.get("$patch") == "replace" for item in patch):
        # `{"$patch": "replace"}` among the items: the rest of the list replaces the old one.
        return [clone(i) for i in patch if i.get("$patch") != "replace"]
    out = [clone(i) for i in target]
    for item in patch:
        index = next((n for n, cur in enumerate(out)
                      if isinstance(cur, dict) and cur.get(key) == item.get(key)), None)
        if item.get("$patch") == "delete":
            if index is not None:
                out.pop(index)
            continue
        if index is None:
            out.append(clone(item))
        else:
            out[index] = strategic_merge_patch(out[index], item)
    return out


# -- RFC 6902 -------------------------------------------------------------------------------
def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(m.PATCH_BAD_POINTER.format(path=path))
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc: Any, parts: list[str], path: str) -> Any:
    cur = doc
    for part in parts:
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            raise PatchError(m.PATCH_MISSING_PATH.format(path=path))
    return cur


def json_patch(doc: Any, operations: list[dict[str, Any]]) -> Any:
    doc = clone(doc)
    for op in operations:
        kind, path = op.get("op"), op.get("path", "")
        parts = _pointer(path)
        if kind == "test":
            if _walk(doc, parts, path) != op.get("value"):
                raise PatchError(m.PATCH_TEST_FAILED.format(path=path))
            continue
        if kind in ("move", "copy"):
            from_parts = _pointer(op.get("from", ""))
            value = clone(_walk(doc, from_parts, op.get("from", "")))
            if kind == "move":
                doc = _remove(doc, from_parts, op.get("from", ""))
            doc = _add(doc, parts, value, path)
            continue
        if kind == "remove":
            doc = _remove(doc, parts, path)
        elif kind == "add":
            doc = _add(doc, parts, clone(op.get("value")), path)
        elif kind == "replace":
            _walk(doc, parts, path)
            doc = _remove(doc, parts, path)
            doc = _add(doc, parts, clone(op.get("value")), path)
        else:
            raise PatchError(m.PATCH_UNEXPECTED_OP.format(kind=kind))
    return doc


def _add(doc: Any, parts: list[str], value: Any, path: str) -> Any:
    if not parts:
        return value
    parent = _walk(doc, parts[:-1], path)
    last = parts[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        if last == "-":
            parent.append(value)
        elif last.isdigit() and int(last) <= len(parent):
            parent.insert(int(last), value)
        else:
            raise PatchError(m.PATCH_BAD_INDEX.format(index=last))
    else:
        raise PatchError(m.PATCH_MISSING_PATH.format(path=path))
    return doc


def _remove(doc: Any, parts: list[str], path: str) -> Any:
    if not parts:
        return None
    parent = _walk(doc, parts[:-1], path)
    last = parts[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
    elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        parent.pop(int(last))
    else:
        raise PatchError(m.PATCH_REMOVE_MISSING.format(key=last))
    return doc


# -- client-side apply --------------------------------------------------------------------------
def three_way_merge(original: Any, modified: Any, current: Any, field: str = "") -> Any:
    """The object `kubectl apply` leaves: what the manifest sets wins, what the previous
    manifest set and this one drops is removed, what others set (defaults, controllers) stays."""
    if isinstance(modified, dict) and isinstance(current, dict):
        orig = original if isinstance(original, dict) else {}
        result = clone(current)
        for key, value in modified.items():
            if value is None:
                result.pop(key, None)
            else:
                result[key] = three_way_merge(orig.get(key), value, current.get(key), key)
        for key in orig:
            if key not in modified:
                result.pop(key, None)
        return result
    if isinstance(modified, list) and isinstance(current, list):
        key = _merge_key(field, modified + current)
        if key is not None and all(isinstance(i, dict) for i in modified + current):
            return _three_way_list(original if isinstance(original, list) else [], modified,
                                   current, key)
        if field in MERGED_SCALAR_LISTS:
            dropped = [v for v in (original or []) if v not in modified]
            kept = [v for v in current if v not in dropped]
            return kept + [v for v in modified if v not in kept]
    return clone(modified)


def _three_way_list(original: list[Any], modified: list[Any], current: list[Any],
                    key: str) -> list[Any]:
    wanted = {item.get(key) for item in modified}
    dropped = {item.get(key) for item in original} - wanted
    by_key = {item.get(key): item for item in current}
    orig_by_key = {item.get(key): item for item in original}
    out = []
    # The manifest's order wins ($setElementOrder); items others added keep their place after.
    for item in modified:
        out.append(three_way_merge(orig_by_key.get(item.get(key)), item,
                                   by_key.get(item.get(key), {})))
    out.extend(clone(item) for item in current
               if item.get(key) not in wanted and item.get(key) not in dropped)
    return out
