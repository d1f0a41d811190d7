"""Subchart processing before rendering (helm pkg/chart/v2/util/dependencies.go).

`process_dependencies` works on a deep copy of the chart, so the loaded chart stays reusable:
aliases copy the subchart under a new name, `tags` then `condition` disable subcharts (the
first condition path that resolves to a bool decides; a non-bool is ignored), and
`import-values` copy child values into the parent (parent values win over imported ones).
"""

from __future__ import annotations

from typing import Any

from minicluster.templates import gosemver as semver

from .coalesce import coalesce_tables, coalesce_values, deep_copy, merge_tables, merge_values
from .errors import ChartError
from .metadata import Dependency
from .model import Chart


class NoValue(Exception):
    pass


def table(values: dict[str, Any], path: str) -> dict[str, Any]:
    """Values.Table: the map at a dotted path; NoValue when absent or not a map."""
    current: Any = values
    for part in path.split("."):
        if not isinstance(current, dict) or not isinstance(current.get(part), dict):
            raise NoValue(part)
        current = current[part]
    return current


def path_value(values: dict[str, Any], path: str) -> Any:
    """Values.PathValue: a non-map value at a dotted path; NoValue otherwise."""
    if not path:
        raise NoValue("")
    parts = path.split(".")
    key = parts[-1]
    holder = values if len(parts) == 1 else table(values, ".".join(parts[:-1]))
    if key in holder and not isinstance(holder[key], dict):
        return holder[key]
    raise NoValue(key)


def check_dependencies(chart: Chart) -> None:
    """CheckDependencies: every dependency in Chart.yaml must be present in charts/."""
    present = {dep.name for dep in chart.dependencies}
    missing = [d.name for d in chart.metadata.dependencies if d is not None and d.name not in present]
    if missing:
        raise ChartError(
            "an error occurred while checking for chart dependencies. You may need to run "
            "'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but "
            f"missing in charts/ directory: {', '.join(missing)}"
        )


def process_dependencies(chart: Chart, values: dict[str, Any]) -> Chart:
    """ProcessDependencies on a copy of `chart`; returns the copy, ready to coalesce and render.

    A chart tree that declares no dependencies anywhere is returned as is: nothing would
    change, and copying it on every render is measurable."""
    if not _declares_dependencies(chart):
        return chart
    work = chart.deep_copy()
    _process_enabled(work, values, "")
    _process_import_values(work, merge=True)
    return work


def _declares_dependencies(chart: Chart) -> bool:
    return bool(chart.metadata.dependencies) or any(
        _declares_dependencies(dep) for dep in chart.dependencies)


def _alias_copy(charts: list[Chart], dep: Dependency) -> Chart | None:
    for candidate in charts:
        if candidate.name != dep.name:
            continue
        if not semver.is_compatible_range(dep.version, candidate.metadata.version):
            continue
        out = candidate.deep_copy()
        if dep.alias:
            out.metadata.name = dep.alias
        return out
    return None


def _process_enabled(chart: Chart, values: dict[str, Any], path: str) -> None:
    reqs = [d for d in chart.metadata.dependencies if d is not None]
    if not chart.metadata.dependencies:
        return
    kept: list[Chart] = []
    for existing in chart.dependencies:
        declared = any(existing.name == r.name
                       and semver.is_compatible_range(r.version, existing.metadata.version)
                       for r in reqs)
        if not declared:
            kept.append(existing)
    for req in reqs:
        found = _alias_copy(chart.dependencies, req)
        if found is not None:
            kept.append(found)
        if req.alias:
            req.name = req.alias
    chart.set_dependencies(*kept)
    for req in reqs:
        req.enabled = True
    cvals = coalesce_values(chart, values)
    _apply_tags(reqs, cvals)
    _apply_conditions(reqs, cvals, path)
    disabled = {r.name for r in reqs if not r.enabled}
    enabled_charts = [c for c in chart.dependencies if c.name not in disabled]
    for sub in enabled_charts:
        _process_enabled(sub, cvals, f"{path}{sub.name}.")
    chart.metadata.dependencies = [r for r in reqs if r.name not in disabled]
    chart.set_dependencies(*enabled_charts)


def _apply_tags(reqs: list[Dependency], cvals: dict[str, Any]) -> None:
    tags = cvals.get("tags")
    if not isinstance(tags, dict):
        return
    for req in reqs:
        has_true = has_false = False
        for tag in req.tags:
            if tag in tags and isinstance(tags[tag], bool):
                if tags[tag]:
                    has_true = True
                else:
                    has_false = True
        if not has_true and has_false:
            req.enabled = False
        else:
            req.enabled = True


def _apply_conditions(reqs: list[Dependency], cvals: dict[str, Any], path: str) -> None:
    for req in reqs:
        for cond in req.condition.strip().split(","):
            if not cond:
                continue
            try:
                value = path_value(cvals, path + cond)
            except NoValue:
                continue
            if isinstance(value, bool):
                req.enabled = value
                break


def _path_to_map(path: str, data: dict[str, Any]) -> dict[str, Any]:
    if path == ".":
        return data
    out: dict[str, Any] = data
    for part in reversed(path.split(".")):
        out = {part: out}
    return out


def _process_import_values(chart: Chart, merge: bool) -> None:
    for dep in chart.dependencies:
        _process_import_values(dep, merge)
    reqs = [d for d in chart.metadata.dependencies if d is not None]
    if not chart.metadata.dependencies:
        return
    cvals = merge_values(chart, None) if merge else coalesce_values(chart, None)
    imported: dict[str, Any] = {}
    for req in reqs:
        normalized: list[Any] = []
        for item in req.import_values:
            if isinstance(item, dict):
                child = _go_sprint(item.get("child"))
                parent = _go_sprint(item.get("parent"))
                normalized.append({"child": child, "parent": parent})
                try:
                    source = table(cvals, f"{req.name}.{child}")
                except NoValue:
                    continue  # Helm logs "ImportValues missing table from chart"
                addition = _path_to_map(parent, dict(source))
            elif isinstance(item, str):
                normalized.append({"child": "exports." + item, "parent": "."})
                try:
                    addition = dict(table(cvals, f"{req.name}.exports.{item}"))
                except NoValue:
                    continue
            else:
                continue
            imported = (merge_tables if merge else coalesce_tables)(imported, addition)
        req.import_values = normalized
    if merge:
        chart.values = merge_tables(deep_copy(cvals), imported)
    else:
        chart.values = coalesce_tables(_trim_nils(cvals), imported)


def _trim_nils(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, val in values.items():
        if val is None:
            continue
        out[key] = _trim_nils(val) if isinstance(val, dict) else val
    return out


def _go_sprint(value: Any) -> str:
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        from minicluster.templates.gofmt import format_float

        return format_float(value)
    return str(value)
