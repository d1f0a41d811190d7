"""Back-off arithmetic, cron schedules, template hashes, env expansion and pod facts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from minicluster.controllers.backoff import (
    container_restart_delay,
    image_pull_delay,
    job_pod_recreate_delay,
)
from minicluster.controllers.cron import CronError, CronSchedule
from minicluster.controllers.deployment import surge_and_unavailable
from minicluster.controllers.images import ImageStore, image_id
from minicluster.controllers.podconfig import ConfigError, container_env, expand_refs
from minicluster.controllers.podutil import default_pull_policy, qos_class
from minicluster.controllers.probes import probe_spec
from minicluster.controllers.templatehash import fnv32a, pod_template_hash


def test_job_pod_backoff_doubles_from_10s_to_a_10_minute_cap():
    assert [job_pod_recreate_delay(n) for n in range(1, 9)] == [10, 20, 40, 80, 160, 320, 600, 600]
    assert job_pod_recreate_delay(0) == 0
    assert job_pod_recreate_delay(10_000) == 600


def test_container_backoffs_cap_at_five_minutes():
    assert [container_restart_delay(n) for n in range(7)] == [10, 20, 40, 80, 160, 300, 300]
    assert [image_pull_delay(n) for n in range(1, 7)] == [10, 20, 40, 80, 160, 300]


def at(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("schedule", "after", "expected"),
    [
        ("*/5 * * * *", "2026-03-02 09:00", "2026-03-02 09:05"),
        ("0 * * * *", "2026-03-02 09:00", "2026-03-02 10:00"),
        ("@daily", "2026-03-02 09:00", "2026-03-03 00:00"),
        ("30 2 * * mon-fri", "2026-03-06 03:00", "2026-03-09 02:30"),  # Friday -> Monday
        ("0 0 1 jan *", "2026-03-02 09:00", "2027-01-01 00:00"),
        ("0 12 1,15 * *", "2026-03-02 09:00", "2026-03-15 12:00"),
        ("0 0 13 * 5", "2026-03-02 09:00", "2026-03-06 00:00"),  # day-of-month OR day-of-week
        ("0 0 * * 7", "2026-03-02 09:00", "2026-03-08 00:00"),  # 7 is Sunday too
    ],
)
def test_cron_next_activation(schedule, after, expected):
    assert CronSchedule(schedule).next_after(at(after)) == at(expected)


def test_cron_rejects_bad_schedules():
    for bad in ("* * * *", "61 * * * *", "*/0 * * * *", "x * * * *"):
        with pytest.raises(CronError):
            CronSchedule(bad)


def test_pod_template_hash_is_stable_and_alphabet_safe():
    template = {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "a"}]}}
    first = pod_template_hash(template)
    assert first == pod_template_hash({"spec": template["spec"], "metadata": template["metadata"]})
    assert set(first) <= set("bcdfghjklmnpqrstvwxz2456789")
    assert first != pod_template_hash(template, collision_count=1)
    assert fnv32a(b"") == 0x811C9DC5 and fnv32a(b"a") == 0xE40C292C


def test_surge_and_unavailable_round_like_intstr():
    def deployment(replicas, surge=None, unavailable=None):
        rolling = {}
        if surge is not None:
            rolling["maxSurge"] = surge
        if unavailable is not None:
            rolling["maxUnavailable"] = unavailable
        return {"spec": {"replicas": replicas, "strategy": {"rollingUpdate": rolling}}}

    assert surge_and_unavailable(deployment(3)) == (1, 0)
    assert surge_and_unavailable(deployment(10)) == (3, 2)
    assert surge_and_unavailable(deployment(4, 0, 0)) == (0, 1)
    assert surge_and_unavailable(deployment(4, 2, "50%")) == (2, 2)


def test_dollar_paren_expansion():
    env = {"A": "x", "B": "y"}
    assert expand_refs("$(A)-$(B)-$(C)-$$(A)", env) == "x-y-$(C)-$(A)"


def test_container_env_errors_and_optional_references():
    pod = {"metadata": {"name": "p", "namespace": "ns"}}
    store = {("ConfigMap", "cfg", "ns"): {"data": {"k": "v"}}}

    def get(kind, name, namespace):
        return store.get((kind, name, namespace))

    env = container_env(
        pod,
        {
            "env": [
                {
                    "name": "OPT",
                    "valueFrom": {
                        "configMapKeyRef": {"name": "none", "key": "k", "optional": True}
                    },
                },
                {"name": "K", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "k"}}},
            ]
        },
        get,
    )
    assert env["K"] == "v" and "OPT" not in env and env["KUBERNETES_SERVICE_HOST"] == "10.96.0.1"
    with pytest.raises(ConfigError, match=r"^couldn't find key x in ConfigMap ns/cfg$"):
        container_env(
            pod,
            {"env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "x"}}}]},
            get,
        )
    with pytest.raises(ConfigError, match=r'^secret "s" not found$'):
        container_env(pod, {"envFrom": [{"secretRef": {"name": "s"}}]}, get)


def test_pull_policy_and_qos_defaults():
    assert default_pull_policy("busybox") == "Always"
    assert default_pull_policy("busybox:latest") == "Always"
    assert default_pull_policy("busybox:1.36") == "IfNotPresent"
    assert default_pull_policy("registry:5000/app") == "Always"
    assert qos_class({"containers": [{}]}) == "BestEffort"
    limits = {"cpu": "1", "memory": "1Gi"}
    assert qos_class({"containers": [{"resources": {"limits": limits}}]}) == "Guaranteed"
    assert qos_class({"containers": [{"resources": {"requests": {"cpu": "1"}}}]}) == "Burstable"


def test_image_ids_and_serialized_pulls():
    assert image_id("nginx:1.27").startswith("docker.io/library/nginx@sha256:")
    assert image_id("ghcr.io/org/app:2").startswith("ghcr.io/org/app@sha256:")

    class Runtime:
        def image_known(self, image):
            return True

        def pull_seconds(self, image):
            return 2.0

    store = ImageStore(Runtime())
    first, second = store.plan_pull("a:1", 0.0), store.plan_pull("b:1", 0.5)
    assert (first.start, first.end) == (0.0, 2.0) and (second.start, second.end) == (2.0, 4.0)
    assert second.durations(0.5) == ("2s", "3.5s")


def test_probe_spec_resolves_named_ports():
    container = {"ports": [{"name": "http", "containerPort": 8080}]}
    spec = probe_spec(
        {"httpGet": {"path": "/health", "port": "http"}, "timeoutSeconds": 2}, container
    )
    assert (spec.kind, spec.port, spec.path, spec.timeout_seconds) == ("http", 8080, "/health", 2.0)
    assert probe_spec({"exec": {"command": ["true"]}}, {}).command == ("true",)
