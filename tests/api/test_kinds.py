from __future__ import annotations

import pytest

from minicluster.api.errors import NoKindMatchError, UnknownResourceTypeError
from minicluster.api.kinds import KindRegistry


@pytest.mark.parametrize("name", ["jobs", "job", "Job", "jobs.batch", "Job.batch",
                                  "jobs.v1.batch"])
def test_job_lookups(name: str) -> None:
    info = KindRegistry().lookup(name)
    assert (info.kind, info.api_version, info.plural, info.namespaced) == (
        "Job", "batch/v1", "jobs", True)
    assert info.short_names == ()


@pytest.mark.parametrize("short,kind", [
    ("po", "Pod"), ("deploy", "Deployment"), ("rs", "ReplicaSet"), ("sts", "StatefulSet"),
    ("ds", "DaemonSet"), ("svc", "Service"), ("ep", "Endpoints"), ("cm", "ConfigMap"),
    ("sa", "ServiceAccount"), ("pvc", "PersistentVolumeClaim"), ("ing", "Ingress"),
    ("cj", "CronJob"), ("ev", "Event"), ("ns", "Namespace"), ("no", "Node"),
])
def test_short_names(short: str, kind: str) -> None:
    assert KindRegistry().lookup(short).kind == kind


def test_names_used_in_messages() -> None:
    reg = KindRegistry()
    job = reg.get("Job")
    assert (job.group_resource, job.group_kind, job.type_name) == (
        "jobs.batch", "Job.batch", "job.batch")
    pod = reg.get("Pod")
    assert (pod.group_resource, pod.group_kind, pod.type_name, pod.api_version) == (
        "pods", "Pod", "pod", "v1")
    assert reg.get("Ingress").api_version == "networking.k8s.io/v1"
    assert reg.get("ClusterRole").namespaced is False
    assert reg.get("RoleBinding").namespaced is True


def test_unknown_kind_and_version() -> None:
    reg = KindRegistry()
    with pytest.raises(NoKindMatchError) as err:
        reg.for_object("example.com/v1", "Widget")
    assert err.value.kind == "Widget" and err.value.api_version == "example.com/v1"
    assert str(err.value) == 'no matches for kind "Widget" in version "example.com/v1"'
    with pytest.raises(NoKindMatchError) as err:
        reg.for_object("batch/v1beta1", "CronJob")
    assert str(err.value) == 'no matches for kind "CronJob" in version "batch/v1beta1"'


def test_unknown_resource_type() -> None:
    with pytest.raises(UnknownResourceTypeError) as err:
        KindRegistry().lookup("widgets")
    assert str(err.value) == 'the server doesn\'t have a resource type "widgets"'


def test_api_resources_order_core_first() -> None:
    kinds = [i.plural for i in KindRegistry().all()]
    assert kinds.index("pods") < kinds.index("deployments") < kinds.index("jobs")
