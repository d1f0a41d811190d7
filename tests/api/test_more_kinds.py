from __future__ import annotations

import pytest

from minicluster.api.errors import ApiError

from .conftest import pod


def cronjob(schedule: str, **spec: object) -> dict:
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"},
            "spec": {"schedule": schedule, **spec, "jobTemplate": {"spec": {"template": {
                "spec": {"restartPolicy": "OnFailure",
                         "containers": [{"name": "c", "image": "busybox"}]}}}}}}


def test_cronjob_defaults(api) -> None:
    spec = api.create(cronjob("*/5 * * * *"))["spec"]
    assert {k: spec[k] for k in ("concurrencyPolicy", "suspend", "successfulJobsHistoryLimit",
                                 "failedJobsHistoryLimit")} == {
        "concurrencyPolicy": "Allow", "suspend": False, "successfulJobsHistoryLimit": 3,
        "failedJobsHistoryLimit": 1}
    template = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert template["terminationGracePeriodSeconds"] == 30
    assert "backoffLimit" not in spec["jobTemplate"]["spec"]


@pytest.mark.parametrize("schedule,detail", [
    ("* * *", "expected exactly 5 fields, found 3: [* * *]"),
    ("61 * * * *", "end of range (61) above maximum (59): 61"),
    ("0 0 * * 7", "end of range (7) above maximum (6): 7"),
    ("x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'),
    ("@often", "unrecognized descriptor: @often"),
    ("TZ=UTC 0 0 * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"),
])
def test_cronjob_schedule_errors(api, schedule: str, detail: str) -> None:
    with pytest.raises(ApiError) as err:
        api.create(cronjob(schedule))
    assert err.value.message == (f'CronJob.batch "nightly" is invalid: spec.schedule: Invalid '
                                 f'value: "{schedule}": {detail}')


@pytest.mark.parametrize("schedule", ["@hourly", "0 3 * jan-mar mon-fri", "*/15 9-17 * * *",
                                      "0 0 1,15 * *"])
def test_cronjob_schedules_accepted(api, schedule: str) -> None:
    assert api.create(cronjob(schedule))["spec"]["schedule"] == schedule


def test_cronjob_name_limit(api) -> None:
    obj = cronjob("@daily")
    obj["metadata"]["name"] = "n" * 53
    with pytest.raises(ApiError) as err:
        api.create(obj)
    assert err.value.message == (f'CronJob.batch "{"n" * 53}" is invalid: metadata.name: '
                                 f'Invalid value: "{"n" * 53}": must be no more than 52 characters')


def test_cronjob_job_template_restart_policy(api) -> None:
    obj = cronjob("@daily")
    obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] = "Always"
    with pytest.raises(ApiError) as err:
        api.create(obj)
    assert err.value.message == (
        'CronJob.batch "nightly" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: '
        'Required value: valid values: "OnFailure", "Never"')


def test_bind_sets_node_and_condition(api, clock) -> None:
    api.create(pod("p"))
    clock.advance(2)
    bound = api.bind("p", "default", "minicluster")
    assert bound["spec"]["nodeName"] == "minicluster"
    assert bound["status"]["conditions"] == [{
        "lastProbeTime": None, "lastTransitionTime": "2026-03-02T09:00:02Z", "status": "True",
        "type": "PodScheduled"}]
    assert api.action_log[-1].subresource == "binding"
    with pytest.raises(ApiError) as err:
        api.bind("p", "default", "other")
    assert err.value.message == ('Operation cannot be fulfilled on pods/binding "p": pod p is '
                                 'already assigned to node "minicluster"')


def test_events_expire_an_hour_after_their_last_write(api, clock) -> None:
    subject = api.create(pod("p"))
    api.record_event(subject, "Normal", "Pulled", "pulled", "kubelet")
    clock.advance(1800)
    api.record_event(subject, "Normal", "Pulled", "pulled", "kubelet")
    clock.advance(1900)
    assert [e["count"] for e in api.list("Event", "default")] == [2]
    clock.advance(1800)
    assert api.list("Event", "default") == []
    assert api.action_log[-1].actor == "kube-apiserver" and api.action_log[-1].removed
    # Expiry timers never keep the cluster busy.
    assert not clock.busy()


def test_statefulset_and_pvc(api) -> None:
    with pytest.raises(ApiError) as err:
        api.create({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                    "metadata": {"name": "data"}, "spec": {}})
    assert err.value.message == (
        'PersistentVolumeClaim "data" is invalid: [spec.accessModes: Required value: at least 1 '
        "access mode is required, spec.resources[storage]: Required value]")
    created = api.create({
        "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db"},
        "spec": {"serviceName": "db", "selector": {"matchLabels": {"app": "db"}},
                 "template": {"metadata": {"labels": {"app": "db"}},
                              "spec": {"containers": [{"name": "pg", "image": "postgres:16"}]}}}})
    assert created["spec"]["podManagementPolicy"] == "OrderedReady"
    assert created["spec"]["updateStrategy"] == {"type": "RollingUpdate",
                                                 "rollingUpdate": {"partition": 0}}


@pytest.mark.parametrize("name", ["default", "kube-system", "kube-public"])
def test_system_namespaces_cannot_be_deleted(api, name: str) -> None:
    with pytest.raises(ApiError) as err:
        api.delete("Namespace", name, namespace=None)
    assert (err.value.code, err.value.message) == (
        403, f'namespaces "{name}" is forbidden: this namespace may not be deleted')


def test_node_port_range(api) -> None:
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 80}]}}
    with pytest.raises(ApiError) as err:
        api.create(svc)
    assert err.value.message == (
        'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is '
        "not in the valid range. The range of valid ports is 30000-32767")
    svc["spec"]["ports"][0].pop("nodePort")
    assert 30000 <= api.create(svc)["spec"]["ports"][0]["nodePort"] <= 32767


def test_creating_in_a_terminating_namespace(api) -> None:
    api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}})
    running = pod("p")
    api.create(running, namespace="team")
    api.bind("p", "team", "minicluster")
    current = api.get("Pod", "p", "team")
    current["status"]["phase"] = "Running"
    api.update_status(current)
    api.delete("Namespace", "team", namespace=None)
    assert api.get("Namespace", "team", None)["status"]["phase"] == "Terminating"
    with pytest.raises(ApiError) as err:
        api.create(pod("q"), namespace="team")
    assert err.value.message == ('pods "q" is forbidden: unable to create new content in '
                                 "namespace team because it is being terminated")
    api.delete("Pod", "p", "team", grace_period_seconds=0)
    assert api.try_get("Namespace", "team", None) is None


def ingress(path: dict) -> dict:
    backend = {"service": {"name": "web", "port": {"number": 80}}}
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web"},
            "spec": {"rules": [{"host": "a.example", "http": {"paths": [
                {**path, "backend": backend}]}}]}}


def test_ingress_path_rules(api) -> None:
    with pytest.raises(ApiError) as err:
        api.create(ingress({"path": "/"}))
    assert err.value.message == ('Ingress.networking.k8s.io "web" is invalid: '
                                 "spec.rules[0].http.paths[0].pathType: Required value: "
                                 "pathType must be specified")
    with pytest.raises(ApiError) as err:
        api.create(ingress({"path": "api", "pathType": "Prefix"}))
    assert err.value.message == ('Ingress.networking.k8s.io "web" is invalid: '
                                 'spec.rules[0].http.paths[0].path: Invalid value: "api": must be '
                                 "an absolute path")
    assert api.create(ingress({"path": "/", "pathType": "Prefix"}))["metadata"]["generation"] == 1


def test_tls_secret_needs_its_keys(api) -> None:
    with pytest.raises(ApiError) as err:
        api.create({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "tls"},
                    "type": "kubernetes.io/tls", "data": {"tls.crt": "aGk="}})
    assert err.value.message == 'Secret "tls" is invalid: data[tls.key]: Required value'
