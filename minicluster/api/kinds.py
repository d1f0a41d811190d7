"""The kinds the miniature apiserver serves, as `kubectl api-resources` lists them.

A registry, not a routing table: every kind is declared once with its group, version, plural,
short names and scope, and every lookup (kubectl resource arguments, manifests' apiVersion/kind,
error messages) goes through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import NoKindMatchError, UnknownResourceTypeError


@dataclass(frozen=True)
class KindInfo:
    kind: str
    group: str
    version: str
    plural: str
    namespaced: bool
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    # metadata.generation is maintained only by strategies that track spec changes.
    has_generation: bool = False
    # Kinds with a status subresource ignore status on create/update of the main resource.
    has_status: bool = False
    singular: str = field(default="")
    # Other served versions (CustomResourceDefinitions may serve several).
    other_versions: tuple[str, ...] = ()
    custom: bool = False  # served because a CustomResourceDefinition says so

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def group_resource(self) -> str:
        """`jobs.batch`, `pods`: how status messages name the resource."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def group_kind(self) -> str:
        """`Job.batch`, `Pod`: how Invalid messages name the kind."""
        return f"{self.kind}.{self.group}" if self.group else self.kind

    @property
    def type_name(self) -> str:
        """`job.batch`, `pod`: kubectl's name printer prefix (`job.batch/hello created`)."""
        return f"{self.kind.lower()}.{self.group}" if self.group else self.kind.lower()


def _k(kind: str, group: str, version: str, plural: str, namespaced: bool = True,
       short: tuple[str, ...] = (), categories: tuple[str, ...] = (),
       generation: bool = False, status: bool = False) -> KindInfo:
    return KindInfo(kind, group, version, plural, namespaced, short, categories, generation,
                    status, singular=kind.lower())


_ALL = ("all",)

BUILTIN_KINDS: tuple[KindInfo, ...] = (
    _k("ConfigMap", "", "v1", "configmaps", short=("cm",)),
    _k("Endpoints", "", "v1", "endpoints", short=("ep",)),
    _k("Event", "", "v1", "events", short=("ev",)),
    _k("LimitRange", "", "v1", "limitranges", short=("limits",)),
    _k("Namespace", "", "v1", "namespaces", namespaced=False, short=("ns",), status=True),
    _k("Node", "", "v1", "nodes", namespaced=False, short=("no",), status=True),
    _k("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", short=("pvc",), status=True),
    _k("PersistentVolume", "", "v1", "persistentvolumes", namespaced=False, short=("pv",),
       status=True),
    _k("Pod", "", "v1", "pods", short=("po",), categories=_ALL, status=True),
    _k("PodTemplate", "", "v1", "podtemplates"),
    _k("ReplicationController", "", "v1", "replicationcontrollers", short=("rc",),
       categories=_ALL, generation=True, status=True),
    _k("ResourceQuota", "", "v1", "resourcequotas", short=("quota",), status=True),
    _k("Secret", "", "v1", "secrets"),
    _k("ServiceAccount", "", "v1", "serviceaccounts", short=("sa",)),
    _k("Service", "", "v1", "services", short=("svc",), categories=_ALL, status=True),
    _k("ControllerRevision", "apps", "v1", "controllerrevisions"),
    _k("DaemonSet", "apps", "v1", "daemonsets", short=("ds",), categories=_ALL,
       generation=True, status=True),
    _k("Deployment", "apps", "v1", "deployments", short=("deploy",), categories=_ALL,
       generation=True, status=True),
    _k("ReplicaSet", "apps", "v1", "replicasets", short=("rs",), categories=_ALL,
       generation=True, status=True),
    _k("StatefulSet", "apps", "v1", "statefulsets", short=("sts",), categories=_ALL,
       generation=True, status=True),
    _k("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers",
       short=("hpa",), categories=_ALL, generation=True, status=True),
    _k("CronJob", "batch", "v1", "cronjobs", short=("cj",), categories=_ALL,
       generation=True, status=True),
    _k("Job", "batch", "v1", "jobs", categories=_ALL, generation=True, status=True),
    _k("EndpointSlice", "discovery.k8s.io", "v1", "endpointslices"),
    _k("Ingress", "networking.k8s.io", "v1", "ingresses", short=("ing",), generation=True,
       status=True),
    _k("IngressClass", "networking.k8s.io", "v1", "ingressclasses", namespaced=False),
    _k("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", short=("netpol",),
       generation=True),
    _k("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", short=("pdb",),
       generation=True, status=True),
    _k("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings",
       namespaced=False),
    _k("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", namespaced=False),
    _k("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings"),
    _k("Role", "rbac.authorization.k8s.io", "v1", "roles"),
    _k("CustomResourceDefinition", "apiextensions.k8s.io", "v1", "customresourcedefinitions",
       namespaced=False, short=("crd", "crds"), generation=True, status=True),
    _k("PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", namespaced=False,
       short=("pc",)),
    _k("StorageClass", "storage.k8s.io", "v1", "storageclasses", namespaced=False,
       short=("sc",)),
)


class KindRegistry:
    def __init__(self, kinds: tuple[KindInfo, ...] = BUILTIN_KINDS) -> None:
        self._by_kind: dict[str, KindInfo] = {}
        self._by_name: dict[str, list[KindInfo]] = {}
        self._all: list[KindInfo] = []
        for info in kinds:
            self.register(info)

    def register(self, info: KindInfo) -> None:
        if info.kind in self._by_kind:
            self.unregister(info.kind)
        self._all.append(info)
        self._by_kind[info.kind] = info
        names = {info.plural, info.singular, info.kind.lower(), *info.short_names}
        for name in names:
            self._by_name.setdefault(name, []).append(info)

    def unregister(self, kind: str) -> None:
        info = self._by_kind.pop(kind, None)
        if info is None:
            return
        self._all.remove(info)
        for name, infos in list(self._by_name.items()):
            remaining = [i for i in infos if i is not info]
            if remaining:
                self._by_name[name] = remaining
            else:
                del self._by_name[name]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._all)

    def __contains__(self, kind: str) -> bool:
        return kind in self._by_kind

    def all(self) -> list[KindInfo]:
        """In `kubectl api-resources` order: by group (core first), then by plural."""
        return sorted(self._all, key=lambda i: (i.group != "", i.group, i.plural))

    def get(self, kind: str) -> KindInfo:
        """The KindInfo of a Kind name as written in manifests ("Job")."""
        info = self._by_kind.get(kind)
        if info is None:
            raise NoKindMatchError(kind, "")
        return info

    def for_object(self, api_version: str, kind: str) -> KindInfo:
        """The kind of a manifest; NoKindMatchError when the apiVersion/kind pair is not served."""
        info = self._by_kind.get(kind)
        if info is None or (info.api_version != api_version and api_version not in {
                f"{info.group}/{v}" if info.group else v for v in info.other_versions}):
            raise NoKindMatchError(kind, api_version)
        return info

    def lookup(self, resource: str) -> KindInfo:
        """A resource as kubectl names it: `jobs`, `job`, `Job`, `po`, `jobs.batch`,
        `Job.batch`, `jobs.v1.batch`."""
        found = self._resolve(resource)
        if found is None:
            raise UnknownResourceTypeError(resource)
        return found

    def _resolve(self, resource: str) -> KindInfo | None:
        candidates = self._by_name.get(resource.lower())
        if candidates:
            # Core kinds win an ambiguous short name, as the discovery order does.
            return candidates[0]
        name, dot, group = resource.partition(".")
        if not dot:
            return None
        for info in self._by_name.get(name.lower(), []):
            if group == info.group or group == f"{info.version}.{info.group}".rstrip("."):
                return info
        return None
