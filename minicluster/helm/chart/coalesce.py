"""Coalescing chart defaults with user values (helm pkg/chart/common/util/coalesce.go).

Rules: user values win; maps merge deeply; lists and scalars replace. A user `null` deletes
the chart's default (coalesce) or is kept as nil (merge, used before dependencies are
processed and by --reuse-values). Chart-default nulls are dropped unless the user set the key.
Each subchart gets `.Values.<name>` of its parent merged over its own defaults, plus `global`.
Helm prints some conflicts as warnings on its log (not on the CLI's stderr); they are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from .errors import ChartError

if TYPE_CHECKING:
    from .model import Chart

GLOBAL_KEY = "global"


def deep_copy(values: Any) -> Any:
    """A copy of a values tree in which no two places share an object, as Go's copystructure
    makes (copy.deepcopy would keep aliases: one dict used twice must become two)."""
    if isinstance(values, dict):
        clone = type(values)() if type(values) is not dict else {}
        for key, value in values.items():
            clone[key] = deep_copy(value)
        return clone
    if isinstance(values, list):
        return [deep_copy(v) for v in values]
    return values


# Helm prints coalescing conflicts with log.Printf; Helm 4's CLI routes them to its slog
# handler, so they reach stderr as `level=INFO msg="warning: ..."`. Callers that want them
# (helm template, install...) collect them with `collect_warnings()`.
_WARNINGS: ContextVar[tuple[list[str], ...]] = ContextVar("coalesce_warnings", default=())


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """Collect the warnings logged inside the block (nested collectors all receive them)."""
    sink: list[str] = []
    token = _WARNINGS.set((*_WARNINGS.get(), sink))
    try:
        yield sink
    finally:
        _WARNINGS.reset(token)


def _warn(text: str) -> None:
    for sink in _WARNINGS.get():
        sink.append(text)


def _v(value: Any) -> str:
    from minicluster.templates.gofmt import go_sprint

    return go_sprint(value)


def _concat(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def coalesce_values(chart: Chart, user_values: dict[str, Any] | None) -> dict[str, Any]:
    """CoalesceValues: the values a chart renders with (user nulls delete defaults)."""
    dest = deep_copy(user_values) if user_values else {}
    return _coalesce(chart, dest, "", merge=False)


def merge_values(chart: Chart, user_values: dict[str, Any] | None) -> dict[str, Any]:
    """MergeValues: like coalesce_values but nulls are kept (for later coalescing)."""
    dest = deep_copy(user_values) if user_values else {}
    return _coalesce(chart, dest, "", merge=True)


def _coalesce(chart: Chart, dest: dict[str, Any], prefix: str, merge: bool) -> dict[str, Any]:
    _coalesce_chart_values(chart, dest, prefix, merge)
    return _coalesce_deps(chart, dest, prefix, merge)


def _coalesce_deps(chart: Chart, dest: dict[str, Any], prefix: str,
                   merge: bool) -> dict[str, Any]:
    for sub in chart.dependencies:
        name = sub.name
        if name not in dest:
            dest[name] = {}
        elif not isinstance(dest[name], dict):
            raise ChartError(f"type mismatch on {name}: %!t({_go_kind(dest[name])}={_v(dest[name])})")
        sub_values = dest[name]
        sub_prefix = _concat(prefix, chart.name)
        _coalesce_globals(sub_values, dest, sub_prefix)
        dest[name] = _coalesce(sub, sub_values, sub_prefix, merge)
    return dest


def _go_kind(value: Any) -> str:
    from .strvals import go_type

    return go_type(value)


def _coalesce_globals(dest: dict[str, Any], src: dict[str, Any], prefix: str) -> None:
    dg = dest.get(GLOBAL_KEY, {})
    sg = src.get(GLOBAL_KEY, {})
    if not isinstance(dg, dict):
        _warn(f"warning: skipping globals because destination {GLOBAL_KEY} is not a table.")
        return
    if not isinstance(sg, dict):
        _warn(f"warning: skipping globals because source {GLOBAL_KEY} is not a table.")
        return
    for key, val in sg.items():
        if isinstance(val, dict):
            copied = dict(val)
            if key not in dg:
                dg[key] = copied
            elif isinstance(dg[key], dict):
                # Parent globals merged top-down over the subchart's own.
                _coalesce_tables(copied, dg[key], _concat(prefix, key), merge=True)
                dg[key] = copied
            else:
                _warn(f'Conflict: cannot merge map onto non-map for "{key}". Skipping.')
        elif key in dg and isinstance(dg[key], dict):
            _warn(f"key {key} is table. Skipping")
        else:
            dg[key] = val
    dest[GLOBAL_KEY] = dg


def _clean_nils(values: dict[str, Any]) -> None:
    for key in [k for k, v in values.items() if v is None]:
        del values[key]
    for val in values.values():
        if isinstance(val, dict):
            _clean_nils(val)


def _coalesce_chart_values(chart: Chart, dest: dict[str, Any], prefix: str, merge: bool) -> None:
    defaults = deep_copy(chart.values)
    sub_names = {sub.name for sub in chart.dependencies}
    sub_prefix = _concat(prefix, chart.name)
    for key, val in defaults.items():
        if key in dest:
            value = dest[key]
            if value is None and not merge:
                del dest[key]
            elif isinstance(value, dict):
                if isinstance(val, dict):
                    child_merge = True if key in sub_names else merge
                    if not child_merge:
                        _clean_nils(val)
                    _coalesce_tables(value, val, _concat(sub_prefix, key), merge=child_merge)
                elif val is not None:
                    _warn(f"warning: skipped value for {sub_prefix}.{key}: Not a table.")
        else:
            if not merge:
                if val is None:
                    continue
                if isinstance(val, dict):
                    _clean_nils(val)
            dest[key] = val


def _coalesce_tables(dst: dict[str, Any], src: dict[str, Any] | None, prefix: str,
                     merge: bool) -> dict[str, Any]:
    if src is None:
        return dst
    src_non_nil = {k for k, v in src.items() if v is not None}
    for key, val in dst.items():
        if val is None:
            src[key] = None
    for key, val in list(src.items()):
        present = key in dst
        dv = dst.get(key)
        if present and not merge and dv is None and key in src_non_nil:
            del dst[key]
        elif not present:
            dst[key] = val
        elif isinstance(val, dict):
            if isinstance(dv, dict):
                _coalesce_tables(dv, val, _concat(prefix, key), merge)
            else:
                _warn(f"warning: cannot overwrite table with non table for "
                      f"{_concat(prefix, key)} ({_v(val)})")
        elif isinstance(dv, dict) and val is not None:
            _warn(f"warning: destination for {_concat(prefix, key)} is a table. Ignoring "
                  f"non-table value ({_v(val)})")
    return dst


def coalesce_tables(dst: dict[str, Any] | None, src: dict[str, Any] | None) -> dict[str, Any]:
    """CoalesceTables: dst is authoritative; user nulls delete."""
    if dst is None:
        return src if src is not None else {}
    return _coalesce_tables(dst, src, "", merge=False)


def merge_tables(dst: dict[str, Any] | None, src: dict[str, Any] | None) -> dict[str, Any]:
    """MergeTables: like coalesce_tables but nulls are kept."""
    if dst is None:
        return src if src is not None else {}
    return _coalesce_tables(dst, src, "", merge=True)


def merge_user_values(current: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """--reuse-values: the new user values coalesced over the previous release's config."""
    return coalesce_tables(deep_copy(new), deep_copy(current))
