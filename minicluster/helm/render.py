"""Rendering a chart as Helm's install/upgrade/template do, up to (not including) the split into
hooks and manifest (that is `helm.manifests.split_manifests`).

Steps, in Helm's order (pkg/action/install.go, action.go renderResources, engine.go):
1. dependencies processed (aliases, tags, conditions, import-values) on a copy of the chart;
2. values coalesced (user values over chart defaults, subcharts, globals) and checked against
   every values.schema.json;
3. the chart's `kubeVersion` constraint checked against the Kubernetes version;
4. one scope per chart (`.Values .Release .Chart .Capabilities .Files .Subcharts`), every
   template of the chart and its enabled subcharts handed to the engine at once (shared
   defines); library charts contribute only their `_` files;
5. NOTES.txt pulled out: only the top chart's unless `sub_notes`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from minicluster.templates import gosemver as _semver
from minicluster.templates.gotypes import Values

from .chart import coalesce_values, process_dependencies
from .chart.capabilities import Capabilities, make_capabilities
from .chart.coalesce import collect_warnings
from .chart.errors import ChartError
from .chart.files import Files
from .chart.metadata import as_map
from .chart.model import NOTES_SUFFIX, Chart
from .chart.schema import validate_values

DEFAULT_KUBE_VERSION = "v1.32.0"


class KubeVersionError(ChartError):
    """The chart's kubeVersion constraint rejects the cluster's version (a render-phase error)."""


@dataclass
class RenderedChart:
    templates: dict[str, str]  # path -> rendered text, NOTES.txt excluded, partials excluded
    notes: str | None  # the top chart's NOTES.txt (None when it has none)
    values: dict[str, Any] = field(default_factory=dict)  # the coalesced values (.Values)
    chart: Chart | None = None  # the chart after dependency processing
    capabilities: Capabilities | None = None
    # Every file the engine rendered (all NOTES.txt included), as Helm's engine returns them.
    rendered: dict[str, str] = field(default_factory=dict)
    # Coalescing conflicts Helm logs (`warning: skipped value for web.image: Not a table.`),
    # in the order and number Helm logs them; the CLI prints each as an slog INFO line.
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Context:
    """The engine's RenderContext (templates/functions.py)."""

    clock: Any = None
    rand: Any = None
    lookup: Any = None
    lint_mode: bool = False
    strict: bool = False


def check_installable(chart: Chart) -> None:
    """checkIfInstallable: only application charts install (and render with `helm template`)."""
    if chart.metadata.type not in ("", "application"):
        raise ChartError(f"{chart.metadata.type} charts are not installable")


def check_kube_version(chart: Chart, capabilities: Capabilities) -> None:
    constraint = chart.metadata.kube_version
    if constraint and not _semver.is_compatible_range(constraint, capabilities.KubeVersion.String()):
        raise KubeVersionError(
            f"chart requires kubeVersion: {constraint} which is incompatible with Kubernetes "
            f"{capabilities.KubeVersion.Version}"
        )


def release_map(name: str, namespace: str, revision: int, is_install: bool,
                is_upgrade: bool) -> dict[str, Any]:
    return {"Name": name, "Namespace": namespace, "IsUpgrade": is_upgrade,
            "IsInstall": is_install, "Revision": revision, "Service": "Helm"}


def _template_allowed(chart: Chart, name: str) -> bool:
    return not chart.is_library or posixpath.basename(name).startswith("_")


def build_templates(chart: Chart, top: dict[str, Any]) -> list[Any]:
    """recAllTpls: (template name, text, scope) for the chart and its subcharts."""
    from minicluster.templates.engine import Template

    out: list[Any] = []

    def visit(c: Chart, parent_scope: dict[str, Any]) -> dict[str, Any]:
        chart_map = as_map(c.metadata)
        chart_map["IsRoot"] = c.is_root
        subcharts: dict[str, Any] = {}
        scope: dict[str, Any] = {
            "Chart": chart_map,
            "Files": Files(c.files),
            "Release": parent_scope["Release"],
            "Capabilities": parent_scope["Capabilities"],
            "Values": {},
            "Subcharts": subcharts,
        }
        if c.is_root:
            scope["Values"] = parent_scope["Values"]
        else:
            sub_values = parent_scope["Values"].get(c.name) if isinstance(
                parent_scope["Values"], dict) else None
            if isinstance(sub_values, dict):
                # Helm converts the subchart's map to common.Values. Go's conversion shares
                # the map; this shallow copy shares every nested table, so only top-level
                # set/unset in a subchart stays invisible to its parent.
                scope["Values"] = Values(sub_values)
        for dep in c.dependencies:
            subcharts[dep.name] = visit(dep, scope)
        base = c.full_path()
        for t in c.templates:
            if _template_allowed(c, t.name):
                out.append(Template(name=f"{base}/{t.name}", text=t.text, scope=scope))
        return scope

    visit(chart, top)
    return out


def render_chart(
    chart: Chart,
    values: dict[str, Any] | None,
    *,
    release_name: str,
    namespace: str,
    revision: int = 1,
    is_install: bool = True,
    is_upgrade: bool = False,
    kube_version: str = DEFAULT_KUBE_VERSION,
    api_versions: Iterable[str] = (),
    lookup: Callable[..., Any] | None = None,
    clock: Any = None,
    rand: Any = None,
    strict: bool = False,
    capabilities: Capabilities | None = None,
    skip_schema_validation: bool = False,
    sub_notes: bool = False,
    lint_mode: bool = False,
    dependencies_processed: bool = False,
) -> RenderedChart:
    """Render `chart` with the user-supplied `values`. Raises ChartError / RenderError."""
    from minicluster.templates.engine import render

    with collect_warnings() as warnings:
        try:
            work = chart if dependencies_processed else process_dependencies(chart, values or {})
        except ChartError as exc:
            raise ChartError(f"chart dependencies processing failed: {exc.message}") from None
        caps = capabilities or make_capabilities(kube_version, api_versions)
        coalesced = coalesce_values(work, values or {})
    if not skip_schema_validation:
        validate_values(work, coalesced)
    if not lint_mode:  # helm lint renders through the engine directly, without this check
        check_kube_version(work, caps)
    top = {
        "Values": Values(coalesced),
        "Release": release_map(release_name, namespace, revision, is_install, is_upgrade),
        "Capabilities": caps,
    }
    context = _Context(clock=clock, rand=rand, lookup=lookup, lint_mode=lint_mode, strict=strict)
    rendered = render(build_templates(work, top), strict=strict, context=context, lint=lint_mode)
    notes_parts: list[str] = []
    has_notes = False
    top_notes = f"{work.name}/templates/{NOTES_SUFFIX}"
    templates: dict[str, str] = {}
    for name in sorted(rendered):
        text = rendered[name]
        if name.endswith(NOTES_SUFFIX):
            if sub_notes or name == top_notes:
                has_notes = True
                notes_parts.append(text)
            continue
        templates[name] = text
    notes = "\n".join(notes_parts) if has_notes else None
    return RenderedChart(templates=templates, notes=notes, values=coalesced, chart=work,
                         capabilities=caps, rendered=rendered, warnings=warnings)
