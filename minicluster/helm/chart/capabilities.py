"""`.Capabilities`: the Kubernetes version, API versions and Helm version templates see."""

from __future__ import annotations

import re
from collections.abc import Iterable

from minicluster.templates.gotypes import GoStruct, StringSlice

from .errors import ChartError

# What Helm 4.2.x (client-go v0.36) reports when it does not ask a cluster: `helm template`,
# `helm lint`, install --dry-run=client. Checked against the helm_python oracle (v4.2.3).
OFFLINE_KUBE_VERSION = "v1.36.0"
HELM_VERSION = "v4.2.4"
GO_VERSION = "go1.26.6"
KUBE_CLIENT_VERSION = "v1.36"

# client-go's scheme, PrioritizedVersionsAllGroups, plus apiextensions (Helm 4.2.x default set).
DEFAULT_API_VERSIONS = (
    "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
    "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
    "autoscaling/v1", "autoscaling/v2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1",
    "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
    "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
    "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1",
    "policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha2",
    "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
)

class GoJSONObject(dict):
    """A struct's JSON object: encoding/json writes struct fields in declaration order, not
    sorted like map keys. A JSON encoder that honours `go_json_ordered` keeps this order."""

    go_json_ordered = True


_GENERIC = re.compile(r"\s*v?([0-9]+(?:\.[0-9]+)*)(.*)\s*")


class KubeVersion(GoStruct):
    go_type = "common.KubeVersion"
    # normalizedVersion is unexported: templates cannot read it, but fmt's %v shows it.
    go_fields = ("Version", "normalizedVersion", "Major", "Minor")
    # String and GitVersion have pointer receivers: `{{ .Capabilities.KubeVersion }}` prints
    # the version, while printf/print/toString/quote get a copy and print the struct.
    go_pointer_methods = frozenset({"String", "GitVersion"})

    def __init__(self, version: str, normalized: str, major: str, minor: str) -> None:
        self.Version = version
        self.normalizedVersion = normalized
        self.Major = major
        self.Minor = minor

    def String(self) -> str:
        return self.normalizedVersion or self.Version

    def json_value(self) -> GoJSONObject:
        return GoJSONObject(Version=self.Version, Major=self.Major, Minor=self.Minor)

    def GitVersion(self) -> str:
        return self.Version

    def __str__(self) -> str:
        return self.String()


def parse_kube_version(text: str) -> KubeVersion:
    """common.ParseKubeVersion (k8s ParseGeneric: at least major.minor, any suffix kept)."""
    m = _GENERIC.fullmatch(text)
    if not m or "." not in m.group(1) or (m.group(2) and not re.match(r"[-+]", m.group(2))):
        raise ChartError(f'could not parse "{text}" as version')
    parts = [int(p) for p in m.group(1).split(".")]
    while len(parts) < 3:
        parts.append(0)
    git_version = text if text.startswith("v") else "v" + text
    normalized = "v" + ".".join(str(p) for p in parts)
    return KubeVersion(git_version, normalized, str(parts[0]), str(parts[1]))


class VersionSet(StringSlice):
    go_type = "common.VersionSet"

    def Has(self, api_version: str) -> bool:
        return api_version in self


class HelmBuildInfo(GoStruct):
    go_type = "version.BuildInfo"
    go_fields = ("Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion")

    def __init__(self) -> None:
        self.Version = HELM_VERSION
        self.GitCommit = ""
        self.GitTreeState = ""
        self.GoVersion = GO_VERSION
        self.KubeClientVersion = KUBE_CLIENT_VERSION

    def json_value(self) -> GoJSONObject:
        fields = {"version": self.Version, "git_commit": self.GitCommit,
                  "git_tree_state": self.GitTreeState, "go_version": self.GoVersion,
                  "kube_client_version": self.KubeClientVersion}
        return GoJSONObject((k, v) for k, v in fields.items() if v)  # all omitempty


class Capabilities(GoStruct):
    go_type = "*common.Capabilities"
    go_fields = ("KubeVersion", "APIVersions", "HelmVersion")

    def __init__(self, kube_version: KubeVersion, api_versions: Iterable[str]) -> None:
        self.KubeVersion = kube_version
        self.APIVersions = VersionSet(api_versions)
        self.HelmVersion = HelmBuildInfo()

    def json_value(self) -> GoJSONObject:
        return GoJSONObject(KubeVersion=self.KubeVersion.json_value(),
                            APIVersions=list(self.APIVersions),
                            HelmVersion=self.HelmVersion.json_value())


def make_capabilities(kube_version: str | KubeVersion = OFFLINE_KUBE_VERSION,
                      api_versions: Iterable[str] = (),
                      base_api_versions: Iterable[str] = DEFAULT_API_VERSIONS) -> Capabilities:
    """Default API versions plus the extra ones (`--api-versions`), as `helm template` does."""
    kv = kube_version if isinstance(kube_version, KubeVersion) else parse_kube_version(kube_version)
    return Capabilities(kv, [*base_api_versions, *api_versions])
