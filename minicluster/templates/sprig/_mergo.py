"""dario.cat/mergo v1.0.1 map merging as Sprig's merge/mergeOverwrite use it."""

from __future__ import annotations

from typing import Any

from ._core import is_empty


def _is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def merge_maps(dst: dict[str, Any], src: dict[str, Any], overwrite: bool) -> None:
    """Merge src into dst in place.

    Without overwrite, a key is filled only when dst lacks it or holds an empty value; nested
    maps merge recursively; a non-empty list in dst is kept. With overwrite, src wins (a nil
    src value too), except that nested maps still merge key by key."""
    for key, src_value in list(src.items()):
        present = key in dst
        dst_value = dst.get(key)
        if src_value is None:
            if overwrite:
                dst[key] = None
            continue
        if isinstance(src_value, dict):
            if present and isinstance(dst_value, dict):
                merge_maps(dst_value, src_value, overwrite)
        elif _is_list(src_value):
            # mergo judges emptiness of the enclosing maps here, not of the lists.
            if overwrite or not dst:
                dst[key] = src_value
            elif not present or dst_value is None:
                dst[key] = type(src_value)()
        if present and not is_empty(dst_value):
            if _is_list(src_value):
                continue
            if isinstance(src_value, dict) and isinstance(dst_value, dict):
                continue
        if overwrite or not present or is_empty(dst_value):
            dst[key] = src_value
