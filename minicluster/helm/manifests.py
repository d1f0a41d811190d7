"""Splitting a rendered chart into hooks and manifest resources, as Helm's SortManifests does.

Facts (helm-hooks-semantics.md sections 2 and 3): files are visited in lexicographic path
order, partials (`_*`) and blank files skipped; each file is cut into documents on lines that
start with `---`; a document is a hook when it has a `helm.sh/hook` annotation whose every
comma-separated event is known, it is silently dropped (a log line only) when any event is
unknown, and it is an ordinary manifest resource otherwise. Hooks and manifests are then
stable-sorted by kind in install order; execution order within an event is weight, then name.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from minicluster.core import yamlio
from minicluster.core.errors import MiniclusterError
from minicluster.templates import yamlread

from . import messages

HOOK_ANNOTATION = "helm.sh/hook"
HOOK_WEIGHT_ANNOTATION = "helm.sh/hook-weight"
HOOK_DELETE_ANNOTATION = "helm.sh/hook-delete-policy"
HOOK_OUTPUT_LOG_ANNOTATION = "helm.sh/hook-output-log-policy"
RESOURCE_POLICY_ANNOTATION = "helm.sh/resource-policy"

PRE_INSTALL, POST_INSTALL = "pre-install", "post-install"
PRE_DELETE, POST_DELETE = "pre-delete", "post-delete"
PRE_UPGRADE, POST_UPGRADE = "pre-upgrade", "post-upgrade"
PRE_ROLLBACK, POST_ROLLBACK = "pre-rollback", "post-rollback"
TEST = "test"

# The chart's spelling -> the event stored. `test-success` survives from Helm 2; nothing else
# (not `test-failure`, not `crd-install`) is accepted.
EVENTS = {
    name: name
    for name in (PRE_INSTALL, POST_INSTALL, PRE_DELETE, POST_DELETE, PRE_UPGRADE,
                 POST_UPGRADE, PRE_ROLLBACK, POST_ROLLBACK, TEST)
}
EVENTS["test-success"] = TEST

BEFORE_HOOK_CREATION = "before-hook-creation"
HOOK_SUCCEEDED = "hook-succeeded"
HOOK_FAILED = "hook-failed"
DEFAULT_DELETE_POLICIES = (BEFORE_HOOK_CREATION,)

_INSTALL_ORDER_H3 = (
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
    "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
    "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
    "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
    "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
    "APIService",
)
_WEBHOOKS = ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")
_UNINSTALL_ORDER_H3 = (
    "APIService", "Ingress", "IngressClass", "Service", "CronJob", "Job", "StatefulSet",
    "HorizontalPodAutoscaler", "Deployment", "ReplicaSet", "ReplicationController", "Pod",
    "DaemonSet", "RoleBindingList", "RoleBinding", "RoleList", "Role", "ClusterRoleBindingList",
    "ClusterRoleBinding", "ClusterRoleList", "ClusterRole", "CustomResourceDefinition",
    "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ConfigMap", "SecretList",
    "Secret", "ServiceAccount", "PodDisruptionBudget", "PodSecurityPolicy", "LimitRange",
    "ResourceQuota", "NetworkPolicy", "Namespace", "PriorityClass",
)


def install_order(helm_version: int = 4) -> tuple[str, ...]:
    return _INSTALL_ORDER_H3 + (_WEBHOOKS if helm_version >= 4 else ())


def uninstall_order(helm_version: int = 4) -> tuple[str, ...]:
    return (tuple(reversed(_WEBHOOKS)) if helm_version >= 4 else ()) + _UNINSTALL_ORDER_H3


class ManifestError(MiniclusterError):
    """A rendered document Helm cannot read (`YAML parse error on <path>: ...`)."""


@dataclass
class LastRun:
    started_at: float | None = None  # virtual seconds; None = never
    completed_at: float | None = None
    phase: str = ""  # "" | Unknown | Running | Succeeded | Failed


@dataclass
class Hook:
    name: str
    kind: str
    path: str
    manifest: str
    events: list[str] = field(default_factory=list)
    weight: int = 0
    delete_policies: list[str] = field(default_factory=list)
    output_log_policies: list[str] = field(default_factory=list)
    last_run: LastRun = field(default_factory=LastRun)

    def copy(self) -> Hook:
        return Hook(self.name, self.kind, self.path, self.manifest, list(self.events),
                    self.weight, list(self.delete_policies), list(self.output_log_policies),
                    LastRun(self.last_run.started_at, self.last_run.completed_at,
                            self.last_run.phase))


@dataclass
class Manifest:
    """One non-hook document: its template path, its text and the head Helm reads."""

    path: str
    content: str
    kind: str
    name: str
    api_version: str = ""
    annotations: dict[str, str] = field(default_factory=dict)


# -- document splitting ---------------------------------------------------------------------
_SEP_H4 = re.compile(r"^---[ \t]*", re.MULTILINE)
_SEP_H3 = re.compile(r"(?:^|\s*\n)---\s*")


def split_documents(text: str, helm_version: int = 4) -> list[str]:
    """One file's documents, in order. H4 keeps trailing whitespace; H3 trims both ends."""
    if helm_version >= 4:
        docs = _SEP_H4.split(text.lstrip())
        return [d.lstrip() for d in docs if d.strip()]
    docs = _SEP_H3.split(text.strip())
    return [d.strip() for d in docs if d != ""]


# -- the head Helm decodes with sigs.k8s.io/yaml ---------------------------------------------
def _go_string(value: Any) -> str:
    """A YAML scalar decoded into a Go string field (sigs.k8s.io/yaml converts by target type)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


@functools.lru_cache(maxsize=1024)
def parse_yaml(text: str) -> Any:
    """One YAML document, parsed once per distinct text: hooks and manifests are re-read at
    every step of every action. Callers must not mutate the result (copy it first)."""
    return yamlio.load(text)


@functools.lru_cache(maxsize=1024)
def parse_yaml_stream(text: str) -> tuple[Any, ...]:
    """Every non-empty document of a stream, parsed once per distinct text (read-only)."""
    return tuple(yamlio.load_all(text))


def _parse_head(doc: str, path: str) -> tuple[str, str, str, dict[str, str] | None]:
    try:
        data = parse_yaml(doc)
    except yamlio.YAMLError:
        raise ManifestError(
            f"YAML parse error on {path}: error converting YAML to JSON: {_go_yaml_error(doc)}"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ManifestError(
            f"YAML parse error on {path}: error unmarshaling JSON: while decoding JSON: "
            f"json: cannot unmarshal {yamlread.json_kind(data)} into Go value of type util.SimpleHead"
        )
    meta = data.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    raw_annotations = meta.get("annotations")
    annotations = None
    if isinstance(raw_annotations, dict):
        annotations = {str(k): _go_string(v) for k, v in raw_annotations.items()}
    return (_go_string(data.get("apiVersion")), _go_string(data.get("kind")),
            _go_string(meta.get("name")), annotations)


def _go_yaml_error(doc: str) -> str:
    """go-yaml's wording of why a document does not parse (the charts package maps it)."""
    from minicluster.helm.chart.errors import YamlError
    from minicluster.helm.chart.goyaml import compose_all

    try:
        compose_all(doc)
    except YamlError as exc:
        return exc.message
    return "yaml: unknown problem parsing YAML content"


def parse_weight(text: str | None) -> int:
    """Go strconv.Atoi: optional sign, ASCII digits, 64-bit range; anything else is 0."""
    if not text or not re.fullmatch(r"[+-]?[0-9]+", text):
        return 0
    value = int(text)
    return value if -(2**63) <= value < 2**63 else 0


def _policy_list(annotations: dict[str, str], key: str) -> list[str]:
    if key not in annotations:
        return []
    return [part.strip().lower() for part in annotations[key].split(",")]


def _kind_rank(order: tuple[str, ...]) -> dict[str, int]:
    return {kind: i for i, kind in enumerate(order)}


def sort_by_kind(items: list[Any], kind_of: Any, order: tuple[str, ...]) -> list[Any]:
    """Stable sort by position in `order`; unknown kinds last, alphabetically among themselves."""
    rank = _kind_rank(order)
    unknown = len(order)

    def key(item: Any) -> tuple[int, str]:
        kind = kind_of(item)
        return (rank[kind], "") if kind in rank else (unknown, kind)

    return sorted(items, key=key)


class SplitResult(NamedTuple):
    hooks: list[Hook]
    manifests: list[Manifest]


def split_manifests(
    templates: dict[str, str],
    kube_version: str = "v1.32.0",
    api_versions: Any = (),
    *,
    helm_version: int = 4,
    log: list[str] | None = None,
) -> SplitResult:
    """Helm's SortManifests. `log` receives the diagnostic lines Helm prints on stderr.

    `kube_version` and `api_versions` are accepted for the contract; Helm ignores them here."""
    hooks: list[Hook] = []
    manifests: list[Manifest] = []
    for path in sorted(templates):
        content = templates[path]
        if posixpath.basename(path).startswith("_") or not content.strip():
            continue
        for doc in split_documents(content, helm_version):
            api_version, kind, name, annotations = _parse_head(doc, path)
            if not annotations or HOOK_ANNOTATION not in annotations:
                manifests.append(Manifest(path, doc, kind, name, api_version, annotations or {}))
                continue
            raw_events = annotations[HOOK_ANNOTATION]
            events = []
            for part in raw_events.split(","):
                event = EVENTS.get(part.strip().lower())
                if event is None:
                    break
                events.append(event)
            else:
                hooks.append(Hook(
                    name=name, kind=kind, path=path, manifest=doc, events=events,
                    weight=parse_weight(annotations.get(HOOK_WEIGHT_ANNOTATION)),
                    delete_policies=_policy_list(annotations, HOOK_DELETE_ANNOTATION),
                    output_log_policies=_policy_list(annotations, HOOK_OUTPUT_LOG_ANNOTATION),
                ))
                continue
            if log is not None:
                log.append(messages.unknown_hook_log(raw_events, helm_version))
    order = install_order(helm_version)
    return SplitResult(sort_by_kind(hooks, lambda h: h.kind, order),
                       sort_by_kind(manifests, lambda m: m.kind, order))


def execution_order(hooks: list[Hook], event: str) -> list[Hook]:
    """The hooks of one event in the order Helm runs them: weight, then name (byte order)."""
    chosen = [h for h in hooks for e in h.events if e == event]
    return sorted(chosen, key=lambda h: (h.weight, h.name.encode()))


def manifest_text(manifests: list[Manifest]) -> str:
    """The release's manifest string: each document under its `# Source:` line."""
    return "".join(f"---\n# Source: {m.path}\n{m.content}\n" for m in manifests)


def parse_manifest_text(text: str) -> list[tuple[str, str]]:
    """(source path, document) pairs back out of a stored release manifest."""
    out = []
    for doc in _SEP_H4.split(text):
        if not doc.strip():
            continue
        source = ""
        lines = doc.lstrip("\n").split("\n")
        if lines and lines[0].startswith("# Source: "):
            source = lines[0][len("# Source: "):]
        out.append((source, doc))
    return out
