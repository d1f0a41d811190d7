"""Chart.yaml: decoding into Helm's Metadata struct, validation, and `.Chart` as templates see it.

sigs.k8s.io/yaml decodes Chart.yaml into a typed Go struct, which has visible consequences:
field names match case-insensitively, numbers and bools given for string fields become strings
(`appVersion: 1.10` is "1.1", a float32 printed with %g), a list where a string is expected
fails with `json: cannot unmarshal array into Go struct field ...`, unknown keys are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from minicluster.templates import gosemver as semver
from minicluster.templates import yamlread
from minicluster.templates.gofmt import format_float32

from . import goyaml
from .errors import ChartError, YamlError

API_V1, API_V2 = "v1", "v2"
_ALIAS = re.compile(r"[a-zA-Z0-9_-]+")


@dataclass
class Maintainer:
    name: str = ""
    email: str = ""
    url: str = ""


@dataclass
class Dependency:
    name: str = ""
    version: str = ""
    repository: str = ""
    condition: str = ""
    tags: list[str] = field(default_factory=list)
    enabled: bool = False
    import_values: list[Any] = field(default_factory=list)
    alias: str = ""


@dataclass
class Metadata:
    name: str = ""
    home: str = ""
    sources: list[str] = field(default_factory=list)
    version: str = ""
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    maintainers: list[Maintainer | None] = field(default_factory=list)
    icon: str = ""
    api_version: str = ""
    condition: str = ""
    tags: str = ""
    app_version: str = ""
    deprecated: bool = False
    annotations: dict[str, str] | None = None
    kube_version: str = ""
    dependencies: list[Dependency | None] = field(default_factory=list)
    type: str = ""


# JSON name -> (attribute, kind). Kinds: str, bool, [str], {str}, maintainers, deps, [any].
_METADATA_FIELDS = {
    "name": ("name", "str"), "home": ("home", "str"), "sources": ("sources", "[str]"),
    "version": ("version", "str"), "description": ("description", "str"),
    "keywords": ("keywords", "[str]"), "maintainers": ("maintainers", "maintainers"),
    "icon": ("icon", "str"), "apiVersion": ("api_version", "str"),
    "condition": ("condition", "str"), "tags": ("tags", "str"),
    "appVersion": ("app_version", "str"), "deprecated": ("deprecated", "bool"),
    "annotations": ("annotations", "{str}"), "kubeVersion": ("kube_version", "str"),
    "dependencies": ("dependencies", "deps"), "type": ("type", "str"),
}
_MAINTAINER_FIELDS = {"name": ("name", "str"), "email": ("email", "str"), "url": ("url", "str")}
_DEPENDENCY_FIELDS = {
    "name": ("name", "str"), "version": ("version", "str"),
    "repository": ("repository", "str"), "condition": ("condition", "str"),
    "tags": ("tags", "[str]"), "enabled": ("enabled", "bool"),
    "import-values": ("import_values", "[any]"), "alias": ("alias", "str"),
}


def _type_error(value: Any, struct: str, path: str, go_type: str) -> YamlError:
    return YamlError(
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
        f"{yamlread.json_kind(value)} into Go struct field {struct}.{path} of type {go_type}"
    )


def _as_string(value: Any) -> Any:
    """What sigs.k8s.io/yaml does to a scalar headed for a Go string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float32(value)
    return value


def _field_lookup(fields: dict[str, tuple[str, str]], key: str) -> tuple[str, tuple[str, str]] | None:
    if key in fields:
        return key, fields[key]
    for name, spec in fields.items():
        if name.lower() == key.lower():
            return name, spec
    return None


def _decode_value(value: Any, kind: str, struct: str, path: str) -> Any:
    if value is None:
        return None
    if kind == "str":
        value = _as_string(value)
        if not isinstance(value, str):
            raise _type_error(value, struct, path, "string")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _type_error(value, struct, path, "bool")
        return value
    if kind == "[str]":
        if not isinstance(value, list):
            raise _type_error(value, struct, path, "[]string")
        out = []
        for item in value:
            item = _as_string(item)
            if item is None:
                item = ""
            if not isinstance(item, str):
                raise _type_error(item, struct, path, "string")
            out.append(item)
        return out
    if kind == "{str}":
        if not isinstance(value, dict):
            raise _type_error(value, struct, path, "map[string]string")
        out_map = {}
        for k, v in value.items():
            v = _as_string(v)
            if v is None:
                v = ""
            if not isinstance(v, str):
                raise _type_error(v, struct, f"{path}", "string")
            out_map[k] = v
        return out_map
    if kind == "[any]":
        if not isinstance(value, list):
            raise _type_error(value, struct, path, "[]interface {}")
        return goyaml.to_json_value(value)
    if kind in ("maintainers", "deps"):
        if not isinstance(value, list):
            go = "[]*chart.Maintainer" if kind == "maintainers" else "[]*chart.Dependency"
            raise _type_error(value, struct, path, go)
        fields = _MAINTAINER_FIELDS if kind == "maintainers" else _DEPENDENCY_FIELDS
        cls = Maintainer if kind == "maintainers" else Dependency
        items: list[Any] = []
        for item in value:
            if item is None:
                items.append(None)
                continue
            if not isinstance(item, dict):
                go = "chart.Maintainer" if kind == "maintainers" else "chart.Dependency"
                raise _type_error(item, struct, path, go)
            items.append(_decode_struct(item, fields, cls, struct, path + "."))
        return items
    raise AssertionError(kind)


def _decode_struct(data: dict[str, Any], fields: dict[str, tuple[str, str]], cls: type,
                   struct: str, prefix: str) -> Any:
    obj = cls()
    for key, value in data.items():
        found = _field_lookup(fields, key)
        if found is None:
            continue
        json_name, (attr, kind) = found
        decoded = _decode_value(value, kind, struct, prefix + json_name)
        if decoded is not None:
            setattr(obj, attr, decoded)
    return obj


def decode_metadata(text: str) -> Metadata:
    """sigs.k8s.io/yaml.Unmarshal(Chart.yaml, &Metadata). Raises YamlError with Go's text."""
    try:
        tree = goyaml.decode_document(text)
    except YamlError as exc:
        msg = exc.message if exc.message.startswith("error ") else (
            f"error converting YAML to JSON: {exc.message}")
        raise YamlError(msg) from None
    if tree is None:
        return Metadata()
    if not isinstance(tree, dict):
        raise YamlError(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
            f"{yamlread.json_kind(tree)} into Go value of type chart.Metadata"
        )
    return _decode_struct(tree, _METADATA_FIELDS, Metadata, "Metadata", "")


def sanitize(text: str) -> str:
    """sanitizeString: whitespace becomes a space, non-printable characters are dropped."""
    out = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif ch.isprintable() or unicodedata.category(ch) == "Zs":
            out.append(ch)
    return "".join(out)


def validate(md: Metadata) -> None:
    """Metadata.Validate: sanitizes strings, raises ChartError `validation: ...`."""
    for attr in ("name", "description", "home", "icon", "condition", "tags", "app_version",
                 "kube_version"):
        setattr(md, attr, sanitize(getattr(md, attr)))
    md.sources = [sanitize(s) for s in md.sources]
    md.keywords = [sanitize(s) for s in md.keywords]

    def fail(msg: str) -> ChartError:
        return ChartError(f"validation: {msg}")

    if not md.api_version:
        raise fail("chart.metadata.apiVersion is required")
    if not md.name:
        raise fail("chart.metadata.name is required")
    if md.name in (".", ".."):
        raise fail(f'chart.metadata.name "{md.name}" is not allowed')
    if md.name != md.name.rstrip("/").rsplit("/", 1)[-1] or md.name.endswith("/"):
        raise fail(f'chart.metadata.name "{md.name}" is invalid')
    if not md.version:
        raise fail("chart.metadata.version is required")
    if not semver.is_valid(md.version):
        raise fail(f'chart.metadata.version "{md.version}" is invalid')
    if md.type not in ("", "application", "library"):
        raise fail("chart.metadata.type must be application or library")
    for m in md.maintainers:
        if m is None:
            raise fail("maintainers must not contain empty or null nodes")
        m.name, m.email, m.url = sanitize(m.name), sanitize(m.email), sanitize(m.url)
    seen: set[str] = set()
    for dep in md.dependencies:
        if dep is None:
            raise fail("dependencies must not contain empty or null nodes")
        dep.name, dep.version = sanitize(dep.name), sanitize(dep.version)
        dep.repository, dep.condition = sanitize(dep.repository), sanitize(dep.condition)
        dep.tags = [sanitize(t) for t in dep.tags]
        if dep.alias and not _ALIAS.fullmatch(dep.alias):
            raise fail(f'dependency "{dep.name}" has disallowed characters in the alias')
        key = dep.alias or dep.name
        if key in seen:
            raise fail(f'more than one dependency with name or alias "{key}"')
        seen.add(key)


def dependency_as_map(dep: Dependency) -> dict[str, Any]:
    return {
        "Name": dep.name, "Version": dep.version, "Repository": dep.repository,
        "Condition": dep.condition, "Tags": list(dep.tags), "Enabled": dep.enabled,
        "ImportValues": list(dep.import_values), "Alias": dep.alias,
    }


def as_map(md: Metadata) -> dict[str, Any]:
    """MetadataAsMap: `.Chart` in Helm 4 (Go field names; IsRoot is added by the renderer)."""
    return {
        "Name": md.name, "Home": md.home, "Sources": list(md.sources), "Version": md.version,
        "Description": md.description, "Keywords": list(md.keywords),
        "Maintainers": [
            None if m is None else {"Name": m.name, "Email": m.email, "URL": m.url}
            for m in md.maintainers
        ],
        "Icon": md.icon, "APIVersion": md.api_version, "Condition": md.condition,
        "Tags": md.tags, "AppVersion": md.app_version, "Deprecated": md.deprecated,
        "Annotations": None if md.annotations is None else dict(md.annotations),
        "KubeVersion": md.kube_version,
        "Dependencies": [None if d is None else dependency_as_map(d) for d in md.dependencies],
        "Type": md.type,
    }


def to_json(md: Metadata) -> dict[str, Any]:
    """The struct as encoding/json writes it (omitempty fields left out), for `helm show chart`."""
    out: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if value not in ("", None, False, [], {}):
            out[key] = value

    put("name", md.name)
    put("home", md.home)
    put("sources", list(md.sources))
    put("version", md.version)
    put("description", md.description)
    put("keywords", list(md.keywords))
    put("maintainers", [
        None if m is None else {k: v for k, v in (("name", m.name), ("email", m.email),
                                                  ("url", m.url)) if v}
        for m in md.maintainers
    ])
    put("icon", md.icon)
    put("apiVersion", md.api_version)
    put("condition", md.condition)
    put("tags", md.tags)
    put("appVersion", md.app_version)
    put("deprecated", md.deprecated)
    put("annotations", md.annotations)
    put("kubeVersion", md.kube_version)
    deps: list[dict[str, Any] | None] = []
    for d in md.dependencies:
        if d is None:
            deps.append(None)
            continue
        item: dict[str, Any] = {"name": d.name}
        if d.version:
            item["version"] = d.version
        item["repository"] = d.repository
        for key, value in (("condition", d.condition), ("tags", d.tags),
                           ("enabled", d.enabled), ("import-values", d.import_values),
                           ("alias", d.alias)):
            if value not in ("", False, [], None):
                item[key] = value
        deps.append(item)
    put("dependencies", deps)
    put("type", md.type)
    return out
