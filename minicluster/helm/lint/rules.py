"""Helm's lint rules (pkg/chart/v2/lint/rules): Chart.yaml, values.yaml, templates,
dependencies, crds. Messages are Helm's texts; deprecated-API checks are not emulated."""

from __future__ import annotations

import os
import re
from typing import Any

from minicluster.helm.chart import (
    coalesce_tables,
    coalesce_values,
    goyaml,
    process_dependencies,
)
from minicluster.helm.chart.errors import ChartError, YamlError
from minicluster.helm.chart.loader import load_chart
from minicluster.helm.chart.metadata import (
    _DEPENDENCY_FIELDS,
    _MAINTAINER_FIELDS,
    _METADATA_FIELDS,
    decode_metadata,
)
from minicluster.helm.chart.model import Chart
from minicluster.helm.chart.schema import validate_single
from minicluster.templates import gosemver as semver
from minicluster.templates.gotypes import go_type_name

from .deprecations import deprecation_warning
from .names import validate_metadata_name
from .support import ERROR, INFO, WARNING, Linter

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_REQUEST_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S*")
_URL = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://)?[^\s/?#]+\.[^\s/?#]+(:[0-9]+)?([/?#]\S*)?|"
                  r"([a-zA-Z][a-zA-Z0-9+.-]*://)?localhost(:[0-9]+)?([/?#]\S*)?")


# -- Chart.yaml ---------------------------------------------------------------------------------
def _unknown_fields(tree: Any) -> str | None:
    """UnmarshalStrict: the first key that matches no struct field (case-insensitively)."""
    def check(data: Any, fields: dict[str, Any]) -> str | None:
        if not isinstance(data, dict):
            return None
        lowered = {k.lower() for k in fields}
        for key, value in data.items():
            if key.lower() not in lowered:
                return key
            spec = fields[next(k for k in fields if k.lower() == key.lower())][1]
            if spec in ("maintainers", "deps") and isinstance(value, list):
                nested = _MAINTAINER_FIELDS if spec == "maintainers" else _DEPENDENCY_FIELDS
                for item in value:
                    bad = check(item, nested)
                    if bad:
                        return bad
        return None

    return check(tree, _METADATA_FIELDS)


def chartfile(linter: Linter) -> None:
    name = "Chart.yaml"
    path = os.path.join(linter.chart_dir, name)
    if os.path.isdir(path):
        linter.rule(ERROR, name, "should be a file, not a directory")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        md = decode_metadata(text)
    except OSError as exc:
        linter.rule(ERROR, name, f"unable to parse YAML\n\topen {path}: {(exc.strerror or str(exc)).lower()}")
        return
    except YamlError as exc:
        linter.rule(ERROR, name, f"unable to parse YAML\n\t{_yaml_text(exc)}")
        return
    tree = goyaml.decode_go(goyaml.compose(text))
    bad = _unknown_fields(tree)
    if bad:
        linter.rule(WARNING, name, "failed to strictly parse chart metadata file\n\terror "
                    f'unmarshaling JSON: while decoding JSON: json: unknown field "{bad}"')
    raw = goyaml.to_json_value(tree) if isinstance(tree, dict) else {}

    if not md.name:
        linter.rule(ERROR, name, "name is required")
    elif md.name != os.path.basename(md.name.rstrip("/")) or md.name.endswith("/"):
        linter.rule(ERROR, name, f'chart name "{md.name}" is invalid')
    if not md.api_version:
        linter.rule(ERROR, name, 'apiVersion is required. The value must be either "v1" or "v2"')
    elif md.api_version not in ("v1", "v2"):
        linter.rule(ERROR, name, f"apiVersion '{md.api_version}' is not valid. The value must be "
                    'either "v1" or "v2"')
    for key in ("version",):
        if key in raw and not isinstance(raw[key], str):
            linter.rule(ERROR, name, f"{key} should be of type string but it's of type "
                        f"{go_type_name(raw[key])}")
    if not md.version:
        linter.rule(ERROR, name, "version is required")
    elif not semver.is_valid(md.version):
        linter.rule(ERROR, name, f"version '{md.version}' is not a valid SemVer")
    if "appVersion" in raw and not isinstance(raw["appVersion"], str):
        linter.rule(ERROR, name, "appVersion should be of type string but it's of type "
                    f"{go_type_name(raw['appVersion'])}")
    for m in md.maintainers:
        if m is None:
            linter.rule(ERROR, name, "a maintainer entry is empty")
            break
        if not m.name:
            linter.rule(ERROR, name, "each maintainer requires a name")
            break
        if m.email and not _EMAIL.fullmatch(m.email):
            linter.rule(ERROR, name, f"invalid email '{m.email}' for maintainer '{m.name}'")
            break
        if m.url and not _URL.fullmatch(m.url):
            linter.rule(ERROR, name, f"invalid url '{m.url}' for maintainer '{m.name}'")
            break
    for source in md.sources:
        if not source or not _REQUEST_URL.fullmatch(source):
            linter.rule(ERROR, name, f"invalid source URL '{source}'")
            break
    if not md.icon:
        linter.rule(INFO, name, "icon is recommended")
    elif not _REQUEST_URL.fullmatch(md.icon):
        linter.rule(ERROR, name, f"invalid icon URL '{md.icon}'")
    if md.type and md.api_version != "v2":
        linter.rule(ERROR, name, f"chart type is not valid in apiVersion '{md.api_version}'. "
                    "It is valid in apiVersion 'v2'")
    if md.dependencies and md.api_version != "v2":
        linter.rule(ERROR, name, "dependencies are not valid in the Chart file with apiVersion "
                    f"'{md.api_version}'. They are valid in apiVersion 'v2'")
    if not semver.is_strict(md.version):
        linter.rule(WARNING, name, f"version '{md.version}' is not a valid SemVerV2")


def _yaml_text(exc: YamlError) -> str:
    msg = exc.message
    return msg if msg.startswith("error ") else f"error converting YAML to JSON: {msg}"


# -- values.yaml --------------------------------------------------------------------------------
def values(linter: Linter, overrides: dict[str, Any], skip_schema: bool) -> None:
    name = "values.yaml"
    path = os.path.join(linter.chart_dir, name)
    if not os.path.exists(path):
        linter.rule(INFO, name, "file does not exist")
        return
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            defaults = goyaml.read_values(fh.read())
    except YamlError as exc:
        linter.rule(ERROR, name, f"unable to parse YAML: {_yaml_text(exc)}")
        return
    merged = coalesce_tables(coalesce_tables({}, goyaml.merge_maps({}, overrides)), defaults)
    schema_path = os.path.join(linter.chart_dir, "values.schema.json")
    if skip_schema or not os.path.exists(schema_path):
        return
    with open(schema_path, "rb") as fh:
        schema = fh.read()
    if not schema:
        return
    linter.rule(ERROR, name, validate_single(merged, schema))


# -- templates/ ---------------------------------------------------------------------------------
_ALLOWED_EXTENSIONS = (".yaml", ".yml", ".tpl", ".txt")


def top_indent_error(content: str) -> str | None:
    for line in content.split("\n"):
        if not line.strip():
            continue
        if line.startswith((" ", "\t")):
            return f"document starts with an illegal indent: {_go_quote(line)}, which may cause parsing problems"
        return None
    return None


def _go_quote(text: str) -> str:
    from minicluster.helm.chart.strvals import go_quote

    return go_quote(text)


def _k8s_docs(content: str) -> list[str]:
    """The documents the k8s YAML reader yields (split on `---` lines)."""
    docs: list[str] = []
    current: list[str] = []
    for line in content.split("\n"):
        if line.startswith("---") and (not line[3:].strip() or line[3:].strip().startswith("#")):
            docs.append("\n".join(current))
            current = []
        else:
            current.append(line)
    docs.append("\n".join(current))
    return [d for d in docs if d.strip()]


def templates(linter: Linter, namespace: str, overrides: dict[str, Any], kube_version: str | None,
              skip_schema: bool, rendered_out: dict[str, Any]) -> None:
    from minicluster.helm.chart.capabilities import OFFLINE_KUBE_VERSION, make_capabilities
    from minicluster.helm.render import render_chart
    from minicluster.templates.errors import RenderError

    tdir = "templates/"
    tpath = os.path.join(linter.chart_dir, "templates")
    if not os.path.exists(tpath):
        linter.rule(WARNING, tdir, "directory does not exist")
        return
    if not os.path.isdir(tpath):
        linter.rule(ERROR, tdir, "not a directory")
        return
    try:
        chart = load_chart(linter.chart_dir, dispatch=False)
    except ChartError as exc:
        linter.rule(ERROR, tdir, exc.message)
        return
    caps = make_capabilities(kube_version or OFFLINE_KUBE_VERSION)
    # Helm's order, which also fixes how many times coalescing conflicts get logged:
    # ProcessDependencies, CoalesceValues, then ToRenderValues coalescing once more.
    try:
        work = process_dependencies(chart, overrides)
        cvals = coalesce_values(work, overrides)
    except ChartError:
        return  # Helm's lint silently stops here
    try:
        result = render_chart(work, cvals, release_name="test-release", namespace=namespace,
                              capabilities=caps, skip_schema_validation=skip_schema,
                              lint_mode=True, dependencies_processed=True)
    except (ChartError, RenderError) as exc:
        linter.rule(ERROR, tdir, exc.message)
        return
    rendered_out["result"] = result
    for t in chart.templates:
        ext = os.path.splitext(t.name)[1]
        if ext not in _ALLOWED_EXTENSIONS:
            linter.rule(ERROR, t.name, f"file extension '{ext}' not valid. Valid extensions are "
                        ".yaml, .yml, .tpl, or .txt")
        if ext.lower() not in (".yaml", ".yml"):
            continue
        content = result.templates.get(f"{chart.name}/{t.name}", "")
        if not content.strip():
            continue
        linter.rule(WARNING, t.name, top_indent_error(content))
        for doc in _k8s_docs(content):
            try:
                head = goyaml.load_any(doc)
            except YamlError as exc:
                linter.rule(ERROR, t.name, f"unable to parse YAML: {_yaml_text(exc)}")
                return
            if not isinstance(head, dict):
                continue
            kind = _as_str(head.get("kind"))
            meta = _as_dict(head.get("metadata"))
            name = _as_str(meta.get("name"))
            linter.rule(WARNING, t.name, validate_metadata_name(kind, name))
            linter.rule(WARNING, t.name, deprecation_warning(
                _as_str(head.get("apiVersion")), kind, int(caps.KubeVersion.Major),
                int(caps.KubeVersion.Minor)))
            if kind in ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet") and \
                    "matchLabels" not in content and "matchExpressions" not in content:
                linter.rule(ERROR, t.name, f"a {kind} must contain matchLabels or "
                            f'matchExpressions, and "{name}" does not')
            if kind == "List":
                for item in head.get("items") or []:
                    ann = ((item or {}).get("metadata") or {}).get("annotations") or {}
                    if isinstance(ann, dict) and "helm.sh/resource-policy" in ann:
                        linter.rule(ERROR, t.name, "annotation 'helm.sh/resource-policy' within "
                                    "List objects are ignored")
                        break


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        from minicluster.templates.gofmt import format_float32

        return format_float32(value)
    return str(value)


# -- dependencies and crds ----------------------------------------------------------------------
def dependencies(linter: Linter) -> Chart | None:
    try:
        chart = load_chart(linter.chart_dir, dispatch=False)
    except ChartError as exc:
        linter.rule(ERROR, "", f"unable to load chart\n\t{exc.message}")
        return None
    declared = [d for d in chart.metadata.dependencies if d is not None]
    present = [c.name for c in chart.dependencies]
    missing_meta = [n for n in present if n not in {d.name for d in declared}]
    if missing_meta:
        linter.rule(ERROR, linter.chart_dir,
                    f"chart metadata is missing these dependencies: {','.join(missing_meta)}")
    seen: set[str] = set()
    shadowing = []
    for d in declared:
        key = d.alias or d.name
        if key in seen:
            shadowing.append(key)
        seen.add(key)
    if shadowing:
        linter.rule(ERROR, linter.chart_dir,
                    f"multiple dependencies with name or alias: {','.join(shadowing)}")
    missing_dir = [d.name for d in declared if d.name not in present]
    if missing_dir:
        linter.rule(WARNING, linter.chart_dir,
                    f"chart directory is missing these dependencies: {','.join(missing_dir)}")
    return chart


def crds(linter: Linter) -> None:
    cdir = os.path.join(linter.chart_dir, "crds")
    if not os.path.exists(cdir):
        return
    if not os.path.isdir(cdir):
        linter.rule(ERROR, "crds/", "not a directory")
        return
    try:
        chart = load_chart(linter.chart_dir, dispatch=False)
    except ChartError as exc:
        linter.rule(ERROR, "crds/", exc.message)
        return
    for _, crd in chart.crd_objects():
        for doc in _k8s_docs(crd.text):
            try:
                head = goyaml.load_any(doc)
            except YamlError as exc:
                linter.rule(ERROR, crd.name, f"unable to parse YAML: {_yaml_text(exc)}")
                return
            if not isinstance(head, dict):
                continue
            if not _as_str(head.get("apiVersion")).startswith("apiextensions.k8s.io"):
                linter.rule(ERROR, crd.name, "apiVersion is not in 'apiextensions.k8s.io'")
            if _as_str(head.get("kind")) != "CustomResourceDefinition":
                linter.rule(ERROR, crd.name, "object kind is not 'CustomResourceDefinition'")
