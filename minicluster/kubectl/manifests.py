"""The learner's manifest files named with -f (file, directory, or `-` for stdin).

Only kubectl's own `-f` arguments touch the host: they are the learner's files, resolved
against the cluster's working directory. Directories list their .json/.yaml/.yml files in
lexical order (-R descends); `kind: List` documents expand to their items.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import yaml

from minicluster.core import yamlio

from . import messages as m
from .errors import KubectlError

EXTENSIONS = (".json", ".yaml", ".yml")


@dataclass
class Manifest:
    source: str  # the path as kubectl names it in messages, or "STDIN"
    obj: dict[str, Any]


def _files(ctx: Any, path: str, recursive: bool) -> list[tuple[str, str]]:
    """(shown name, host path) pairs for one -f argument."""
    host = ctx.host_path(path)
    if not os.path.exists(host):
        raise KubectlError(m.PATH_NOT_EXIST.format(path=path))
    if not os.path.isdir(host):
        return [(path, host)]
    found: list[tuple[str, str]] = []
    for entry in sorted(os.listdir(host)):
        shown, full = os.path.join(path, entry), os.path.join(host, entry)
        if os.path.isdir(full):
            if recursive:
                found.extend(_files(ctx, shown, recursive))
        elif entry.endswith(EXTENSIONS):
            found.append((shown, full))
    return found


def _yaml_error(source: str, exc: yaml.YAMLError) -> KubectlError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    problem = problem.replace("mapping values are not allowed here",
                              "mapping values are not allowed in this context")
    line = f"line {mark.line + 1}: " if mark is not None else ""
    return KubectlError(m.ERROR_PARSING.format(source=source, error=f"yaml: {line}{problem}"))


def parse_documents(source: str, text: str) -> list[Manifest]:
    try:
        docs = yamlio.load_all(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(source, exc) from None
    out: list[Manifest] = []
    for doc in docs:
        if not isinstance(doc, dict):
            raise KubectlError(m.ERROR_PARSING.format(
                source=source, error="json: cannot unmarshal string into Go value of type "
                                     "map[string]interface {}"))
        compact = json.dumps(doc, separators=(",", ":"), sort_keys=True, default=str)
        if not doc.get("kind"):
            raise KubectlError(f'unable to decode "{source}": '
                               + m.MISSING_KIND.format(doc=compact))
        if not doc.get("apiVersion"):
            raise KubectlError(f'unable to decode "{source}": '
                               + m.MISSING_APIVERSION.format(doc=compact))
        if doc["kind"] == "List" or str(doc["kind"]).endswith("List") and "items" in doc:
            for item in doc.get("items") or []:
                out.append(Manifest(source, item))
        else:
            out.append(Manifest(source, doc))
    return out


def read_manifests(ctx: Any, filenames: list[str], recursive: bool = False) -> list[Manifest]:
    manifests: list[Manifest] = []
    for name in filenames:
        if name == "-":
            manifests.extend(parse_documents("STDIN", ctx.stdin or ""))
            continue
        if name.startswith(("http://", "https://")):
            raise KubectlError(f'the URL passed to filename "{name}" is not valid: '
                               "minicluster has no network")
        files = _files(ctx, name, recursive)
        if not files and os.path.isdir(ctx.host_path(name)):
            raise KubectlError(m.PATH_EXTENSIONS.format(paths=f"[{name}]"))
        for shown, host in files:
            with open(host, encoding="utf-8") as fh:
                manifests.extend(parse_documents(shown, fh.read()))
    return manifests


def object_namespace(ctx: Any, info: Any, obj: dict[str, Any]) -> str | None:
    """The namespace a manifest lands in; kubectl's mismatch error with an explicit -n."""
    if not info.namespaced:
        return None
    declared = (obj.get("metadata") or {}).get("namespace")
    if declared and ctx.explicit_namespace and declared != ctx.namespace:
        raise KubectlError(
            f'the namespace from the provided object "{declared}" does not match the namespace '
            f'"{ctx.namespace}". You must pass \'--namespace={declared}\' to perform this '
            "operation.")
    return declared or ctx.namespace
