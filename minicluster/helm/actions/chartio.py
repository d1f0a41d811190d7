"""The seam to the charts package: load a chart, merge value flags, render, split.

Kept in one thin module so that the release actions do not depend on the chart package's
internals; only the contract of docs/contracts.md is used here.
"""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.helm.manifests import Hook, Manifest, manifest_text, split_manifests


class ChartLoadError(MiniclusterError):
    pass


@dataclasses.dataclass
class Rendered:
    hooks: list[Hook]
    manifests: list[Manifest]
    manifest: str
    notes: str
    log: list[str]


def load(ctx: Any, ref: str) -> Any:
    """LocateChart + Load + the installable and dependency checks, as install/upgrade do."""
    from minicluster.helm.chart import check_dependencies, load_chart
    from minicluster.helm.chart.loader import locate_chart
    from minicluster.helm.render import check_installable

    chart = load_chart(locate_chart(ref, ctx.resolve_path(ref)))
    check_installable(chart)
    if chart.metadata.dependencies:
        try:
            check_dependencies(chart)
        except MiniclusterError as exc:
            raise ChartLoadError(
                "an error occurred while checking for chart dependencies. You may need to run "
                f"'helm dependency build' to fetch missing dependencies: {exc.message}") from None
    return chart


def user_values(ctx: Any, parsed: Any) -> dict[str, Any]:
    """Values from -f/--set/--set-string/--set-json/--set-file, merged as Helm merges them."""
    from minicluster.helm.chart import host_reader, parse_value_flags

    reader = host_reader(ctx.resolve_path("."), getattr(ctx, "stdin", None))
    return parse_value_flags(parsed.get("values") or [], parsed.get("set") or [],
                             parsed.get("set-string") or [], parsed.get("set-json") or [],
                             parsed.get("set-file") or [], reader,
                             parsed.get("set-literal") or []) or {}


def coalesce(chart: Any, values: dict[str, Any]) -> dict[str, Any]:
    from minicluster.helm.chart import coalesce_values

    return coalesce_values(chart, values)


def coalesce_tables(dst: dict[str, Any], src: dict[str, Any]) -> dict[str, Any]:
    """Helm's CoalesceTables: keys of `dst` win, missing ones come from `src` (deeply)."""
    from minicluster.helm.chart.coalesce import coalesce_tables as _coalesce_tables

    return _coalesce_tables(dst, src)


def set_chart_values(chart: Any, values: dict[str, Any]) -> None:
    if isinstance(chart, dict):
        chart["values"] = values
    else:
        chart.values = values


def render(ctx: Any, chart: Any, values: dict[str, Any], *, release_name: str, namespace: str,
           revision: int, is_install: bool, is_upgrade: bool) -> Rendered:
    from minicluster.helm.render import render_chart

    cluster = ctx.cluster
    result = render_chart(
        chart, values, release_name=release_name, namespace=namespace, revision=revision,
        is_install=is_install, is_upgrade=is_upgrade, capabilities=_capabilities(cluster),
        lookup=_lookup(cluster), clock=getattr(cluster, "clock", None),
        rand=cluster.rand.stream("helm-render") if hasattr(cluster, "rand") else None,
    )
    log: list[str] = []
    hooks, manifests = split_manifests(result.templates, helm_version=ctx.helm_version, log=log)
    return Rendered(hooks, manifests, manifest_text(manifests), result.notes or "", log)


def _capabilities(cluster: Any) -> Any:
    """What install/upgrade learn from the cluster's discovery: every served group/version and
    group/version/Kind (not `helm template`'s built-in default list)."""
    from minicluster.helm.chart.capabilities import make_capabilities
    from minicluster.helm.render import DEFAULT_KUBE_VERSION

    kinds = getattr(getattr(cluster, "api", None), "kinds", None)
    if kinds is None:
        return None
    served: list[str] = []
    for info in kinds.all():
        for entry in (info.api_version, f"{info.api_version}/{info.kind}"):
            if entry not in served:
                served.append(entry)
    return make_capabilities(DEFAULT_KUBE_VERSION, (), base_api_versions=served)


def _lookup(cluster: Any) -> Any:
    api = getattr(cluster, "api", None)
    if api is None:
        return None

    def lookup(api_version: str, kind: str, namespace: str, name: str) -> Any:
        try:
            if name:
                return api.try_get(kind, name, namespace or "default") or {}
            items = api.list(kind, namespace=namespace or None)
        except MiniclusterError:  # an unknown kind: Helm's lookup returns an empty map
            return {}
        return {"apiVersion": "v1", "kind": f"{kind}List", "items": items}

    return lookup


def chart_json(chart: Any) -> dict[str, Any]:
    """The chart as Helm serialises it inside a release (metadata, templates, values...)."""
    if isinstance(chart, dict):
        return chart
    metadata = getattr(chart, "metadata", {}) or {}
    if not isinstance(metadata, dict):
        from minicluster.helm.chart.metadata import to_json as metadata_json

        metadata = metadata_json(metadata)
    out: dict[str, Any] = {"metadata": metadata, "lock": None}
    templates = getattr(chart, "templates", None) or []
    out["templates"] = [_file_json(t) for t in templates]
    out["values"] = getattr(chart, "values", None) or {}
    schema = getattr(chart, "schema", None)
    out["schema"] = base64.b64encode(schema).decode() if schema else None
    out["files"] = [_file_json(f) for f in getattr(chart, "files", None) or []]
    return out


def _file_json(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    name = getattr(item, "name", "")
    data = getattr(item, "data", b"")
    if isinstance(data, str):
        data = data.encode()
    return {"name": name, "data": base64.b64encode(data).decode()}
