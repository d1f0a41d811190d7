"""Every validation text asserted exactly, and no invalid manifest changes the store."""

from __future__ import annotations

import re

import pytest

from minicluster.api.errors import ApiError

from .conftest import configmap, job, pod

SUBDOMAIN = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
    "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
LABEL_VALUE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")


def rejected(api, obj: dict, **kw: object) -> ApiError:
    before = (len(api.action_log), api._store.count())
    with pytest.raises(ApiError) as err:
        api.create(obj, **kw)
    assert (len(api.action_log), api._store.count()) == before, "the store changed"
    return err.value


def test_job_restart_policy_required(api) -> None:
    err = rejected(api, job(restart=None))
    assert (err.code, err.reason) == (422, "Invalid")
    assert err.message == ('Job.batch "hello" is invalid: spec.template.spec.restartPolicy: '
                           'Required value: valid values: "OnFailure", "Never"')
    assert err.details.kind == "Job" and err.details.group == "batch"
    assert [c.field for c in err.causes] == ["spec.template.spec.restartPolicy"]
    assert err.causes[0].type == "FieldValueRequired"


def test_job_restart_policy_always(api) -> None:
    err = rejected(api, job(restart="Always"))
    assert err.message.endswith('Required value: valid values: "OnFailure", "Never"')


def test_job_restart_policy_unsupported_reports_both_checks(api) -> None:
    err = rejected(api, job(restart="Sometimes"))
    assert err.message == (
        'Job.batch "hello" is invalid: ['
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: '
        '"Always", "OnFailure", "Never", '
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: '
        '"OnFailure", "Never"]')
    assert len(err.causes) == 2


def test_invalid_name(api) -> None:
    err = rejected(api, job(name="My_Job"))
    # "My_Job" is a valid label value, so the job-name template labels add no error.
    assert err.message == (f'Job.batch "My_Job" is invalid: metadata.name: Invalid value: '
                           f'"My_Job": {SUBDOMAIN}')


def test_pod_name(api) -> None:
    err = rejected(api, pod("Web"))
    assert err.message == f'Pod "Web" is invalid: metadata.name: Invalid value: "Web": {SUBDOMAIN}'


def test_name_required(api) -> None:
    err = rejected(api, configmap(""))
    assert err.message == ('ConfigMap "" is invalid: metadata.name: Required value: '
                           "name or generateName is required")


def test_namespace_name_is_a_label(api) -> None:
    err = rejected(api, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a.b"}})
    assert err.message == ('Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": '
                           "must not contain dots")
    err = rejected(api, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "A"}})
    assert err.message == f'Namespace "A" is invalid: metadata.name: Invalid value: "A": {LABEL}'


def test_long_job_name_fails_on_template_labels(api) -> None:
    name = "a" * 64
    err = rejected(api, job(name=name))
    assert err.message == (f'Job.batch "{name}" is invalid: spec.template.labels: Invalid value: '
                           f'"{name}": must be no more than 63 characters')


def test_label_value_rules(api) -> None:
    err = rejected(api, configmap("a", labels={"app": "my app"}))
    assert err.message == (f'ConfigMap "a" is invalid: metadata.labels: Invalid value: '
                           f'"my app": {LABEL_VALUE}')
    err = rejected(api, configmap("a", labels={"a/b/c": "x"}))
    assert err.message == (
        'ConfigMap "a" is invalid: metadata.labels: Invalid value: "a/b/c": a qualified name '
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
        "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
        "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS "
        "subdomain prefix and '/' (e.g. 'example.com/MyName')")


def test_annotation_size_limit(api) -> None:
    obj = configmap("a")
    obj["metadata"]["annotations"] = {"big": "x" * (256 * 1024)}
    err = rejected(api, obj)
    assert err.message == ('ConfigMap "a" is invalid: metadata.annotations: Too long: '
                           "may not be more than 262144 bytes")


@pytest.mark.parametrize("value,json_kind", [(1, "number"), (True, "bool"), (1.5, "number")])
def test_non_string_annotation_is_a_decode_error(api, value: object, json_kind: str) -> None:
    obj = job()
    obj["metadata"]["annotations"] = {"helm.sh/hook-weight": value}
    err = rejected(api, obj)
    assert (err.code, err.reason) == (400, "BadRequest")
    assert err.message == (
        'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal '
        f"{json_kind} into Go struct field ObjectMeta.metadata.annotations of type string")


def test_non_string_label_in_pod_template(api) -> None:
    obj = job()
    obj["spec"]["template"]["metadata"] = {"labels": {"version": 2}}
    err = rejected(api, obj)
    assert err.message == (
        'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number into Go '
        "struct field ObjectMeta.spec.template.metadata.labels of type string")


def test_env_value_must_be_a_string(api) -> None:
    obj = job()
    obj["spec"]["template"]["spec"]["containers"][0]["env"] = [{"name": "PORT", "value": 8080}]
    err = rejected(api, obj)
    assert err.message == (
        'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number into Go '
        "struct field EnvVar.spec.template.spec.containers.env.value of type string")


def test_configmap_data_must_be_strings(api) -> None:
    err = rejected(api, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                         "data": {"port": 5432}})
    assert err.message == (
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal '
        "number into Go struct field ConfigMap.data of type string")


def test_int_field_given_a_string(api) -> None:
    err = rejected(api, job(backoffLimit="3"))
    assert err.message == (
        'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal string into Go '
        "struct field JobSpec.spec.backoffLimit of type int32")


def test_containers_required(api) -> None:
    obj = job()
    obj["spec"]["template"]["spec"]["containers"] = []
    err = rejected(api, obj)
    assert err.message == ('Job.batch "hello" is invalid: spec.template.spec.containers: '
                           "Required value")


def test_container_name_and_image(api) -> None:
    obj = pod("p")
    obj["spec"]["containers"] = [{"name": "", "image": ""}, {"name": "Main", "image": "x"}]
    err = rejected(api, obj)
    assert err.message == (
        'Pod "p" is invalid: [spec.containers[0].name: Required value, '
        "spec.containers[0].image: Required value, "
        f'spec.containers[1].name: Invalid value: "Main": {LABEL}]')


def test_duplicate_container_name(api) -> None:
    obj = pod("p")
    obj["spec"]["containers"].append({"name": "main", "image": "x"})
    err = rejected(api, obj)
    assert err.message == 'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "main"'


def test_pod_restart_policy_values(api) -> None:
    obj = pod("p")
    obj["spec"]["restartPolicy"] = "Sometimes"
    err = rejected(api, obj)
    assert err.message == ('Pod "p" is invalid: spec.restartPolicy: Unsupported value: '
                           '"Sometimes": supported values: "Always", "OnFailure", "Never"')


def test_negative_backoff_limit(api) -> None:
    err = rejected(api, job(backoffLimit=-1))
    assert err.message == ('Job.batch "hello" is invalid: spec.backoffLimit: Invalid value: -1: '
                           "must be greater than or equal to 0")


def test_indexed_job_needs_completions(api) -> None:
    err = rejected(api, job(completionMode="Indexed", parallelism=2))
    assert err.message == ('Job.batch "hello" is invalid: spec.completions: Required value: '
                           "when completion mode is Indexed")


def test_completion_mode_values(api) -> None:
    err = rejected(api, job(completionMode="Sometimes"))
    assert err.message == ('Job.batch "hello" is invalid: spec.completionMode: Unsupported '
                           'value: "Sometimes": supported values: "NonIndexed", "Indexed"')


def test_user_selector_without_manual_selector(api) -> None:
    obj = job(selector={"matchLabels": {"app": "x"}})
    obj["spec"]["template"]["metadata"] = {"labels": {"app": "x"}}
    err = rejected(api, obj)
    assert "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{" in \
        err.message
    assert err.message.endswith("MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                                "`selector` not auto-generated")


def test_job_template_is_immutable(api) -> None:
    created = api.create(job())
    created["spec"]["template"]["spec"]["containers"][0]["image"] = "busybox:1.37"
    with pytest.raises(ApiError) as err:
        api.update(created)
    message = err.value.message
    assert message.startswith(
        'Job.batch "hello" is invalid: spec.template: Invalid value: core.PodTemplateSpec{'
        'ObjectMeta:v1.ObjectMeta{Name:"", GenerateName:"", Namespace:"", SelfLink:"", UID:"", '
        'ResourceVersion:"", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, '
        '0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), '
        'Labels:map[string]string{"batch.kubernetes.io/controller-uid":')
    assert ('Spec:core.PodSpec{Volumes:[]core.Volume(nil), InitContainers:[]core.Container(nil), '
            'Containers:[]core.Container{core.Container{Name:"main", Image:"busybox:1.37", '
            'Command:[]string{"sh", "-c", "echo hi"}, Args:[]string(nil), WorkingDir:"", '
            'Ports:[]core.ContainerPort(nil)') in message
    assert re.search(r'RestartPolicy:"Never", TerminationGracePeriodSeconds:\(\*int64\)\(0xc[0-9a-f]{9}\), '
                     r'ActiveDeadlineSeconds:\(\*int64\)\(nil\), DNSPolicy:"ClusterFirst"', message)
    assert message.endswith("Resources:(*core.ResourceRequirements)(nil)}}: field is immutable")
    assert api.get("Job", "hello")["spec"]["template"]["spec"]["containers"][0]["image"] == \
        "busybox:1.36"


def deployment(labels: dict, selector: dict | None) -> dict:
    spec: dict = {"template": {"metadata": {"labels": labels},
                               "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}
    if selector is not None:
        spec["selector"] = {"matchLabels": selector}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": spec}


def test_deployment_selector_required(api) -> None:
    err = rejected(api, deployment({"app": "web"}, None))
    assert err.message == 'Deployment.apps "web" is invalid: spec.selector: Required value'


def test_deployment_selector_must_match(api) -> None:
    err = rejected(api, deployment({"app": "web"}, {"app": "api"}))
    assert err.message == (
        'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: '
        'map[string]string{"app":"web"}: `selector` does not match template `labels`')


def test_deployment_selector_is_immutable(api) -> None:
    api.create(deployment({"app": "web", "v": "1"}, {"app": "web"}))
    with pytest.raises(ApiError) as err:
        api.apply(deployment({"app": "web", "v": "1"}, {"app": "web", "v": "1"}))
    assert err.value.message == (
        'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{'
        'MatchLabels:map[string]string{"app":"web", "v":"1"}, '
        "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable")


def test_configmap_keys(api) -> None:
    err = rejected(api, configmap("c", **{"bad key": "x"}))
    assert err.message == (
        'ConfigMap "c" is invalid: data[bad key]: Invalid value: "bad key": a valid config key '
        "must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
        "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")


def test_service_name_is_dns1035(api) -> None:
    err = rejected(api, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "1web"},
                         "spec": {"ports": [{"port": 80}]}})
    assert err.message == (
        'Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must '
        "consist of lower case alphanumeric characters or '-', start with an alphabetic "
        "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
        "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")


def test_generate_name_validated_with_trailing_dash_tolerated(api) -> None:
    obj = pod("")
    obj["metadata"]["generateName"] = "Hook-"
    err = rejected(api, obj)
    assert err.message.startswith('Pod "Hook')
    assert 'metadata.generateName: Invalid value: "Hook-": ' in err.message


def test_duplicate_messages_are_reported_once() -> None:
    from minicluster.api.errors import aggregate

    assert aggregate(["a", "b", "a"]) == "[a, b]"
    assert aggregate(["a", "a"]) == "a"


def test_strict_decoding_refuses_unknown_fields(api) -> None:
    obj = job()
    obj["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    obj["spec"]["containers"] = []
    err = rejected(api, obj, field_validation="Strict")
    assert (err.code, err.message) == (400, (
        'Job in version "v1" cannot be handled as a Job: strict decoding error: '
        'unknown field "spec.containers", '
        'unknown field "spec.template.spec.containers[0].imagePullPolicyy"'))


def test_warn_and_ignore_field_validation(api) -> None:
    obj = configmap("c")
    obj["metadata"]["lables"] = {"a": "b"}
    api.create(obj, field_validation="Warn")
    assert api.warnings[-1] == 'unknown field "metadata.lables"'
    obj["metadata"]["name"] = "d"
    count = len(api.warnings)
    api.create(obj)
    assert len(api.warnings) == count


def test_open_sections_are_not_checked(api) -> None:
    obj = pod("p")
    obj["spec"]["volumes"] = [{"name": "v", "configMap": {"name": "x", "anything": 1}}]
    obj["spec"]["containers"][0]["volumeMounts"] = [{"name": "v", "mountPath": "/v"}]
    obj["status"] = {"whatever": True}
    assert api.create(obj, field_validation="Strict")["metadata"]["name"] == "p"


@pytest.mark.parametrize("value,byte", [("hello", 4), ("my-secret-password", 2), ("YQ=", 3)])
def test_secret_data_must_be_base64(api, value: str, byte: int) -> None:
    err = rejected(api, {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                         "data": {"password": value}})
    assert err.message == ('Secret in version "v1" cannot be handled as a Secret: illegal base64 '
                           f"data at input byte {byte}")


def test_secret_base64_accepted(api) -> None:
    created = api.create({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                          "data": {"password": "aHVudGVyMg==", "wrapped": "aGk=\n"}})
    assert created["data"]["password"] == "aHVudGVyMg=="


def test_job_name_with_dots_warns(api) -> None:
    api.create(job(name="db.migrate"))
    assert api.warnings[-1] == (
        "metadata.name: this is used in Pod names and hostnames, which can result in surprising "
        "behavior; a DNS label is recommended: [must not contain dots]")


def test_volume_mounts_must_name_a_volume(api) -> None:
    obj = pod("p")
    obj["spec"]["volumes"] = [{"name": "config", "configMap": {"name": "cfg"}}]
    obj["spec"]["containers"][0]["volumeMounts"] = [
        {"name": "data", "mountPath": "/data"}, {"name": "config", "mountPath": "/data"},
        {"name": "config"}]
    err = rejected(api, obj)
    assert err.message == (
        'Pod "p" is invalid: [spec.containers[0].volumeMounts[0].name: Not found: "data", '
        'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique, '
        "spec.containers[0].volumeMounts[2].mountPath: Required value]")


@pytest.mark.parametrize("value,detail", [
    ("500MB", "quantities must match the regular expression "
              "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
    ("1.2.3", "unable to parse quantity's numeric part"),
    ("5Mii", "unable to parse quantity's suffix"),
])
def test_bad_quantities_fail_to_decode(api, value: str, detail: str) -> None:
    obj = pod("p")
    obj["spec"]["containers"][0]["resources"] = {"limits": {"memory": value}}
    err = rejected(api, obj)
    assert err.message == f'Pod in version "v1" cannot be handled as a Pod: {detail}'


def test_requests_may_not_exceed_limits(api) -> None:
    obj = pod("p")
    obj["spec"]["containers"][0]["resources"] = {
        "requests": {"cpu": "2", "memory": "1024Mi"}, "limits": {"cpu": 1, "memory": "512Mi"}}
    err = rejected(api, obj)
    assert err.message == (
        'Pod "p" is invalid: [spec.containers[0].resources.requests: Invalid value: "2": must be '
        "less than or equal to cpu limit of 1, spec.containers[0].resources.requests: Invalid "
        'value: "1Gi": must be less than or equal to memory limit of 512Mi]')
    obj["spec"]["containers"][0]["resources"]["requests"] = {"cpu": "500m", "memory": 0.5}
    assert api.create(obj)["status"]["qosClass"] == "Burstable"


def test_indexed_job_pod_hostname_limit(api) -> None:
    name = "n" * 62
    err = rejected(api, job(name=name, completionMode="Indexed", completions=10))
    assert err.message == (
        f'Job.batch "{name}" is invalid: metadata.name: Invalid value: "{name}": will not able '
        f"to create pod with invalid DNS label: {name}-9")


def test_pod_spec_is_immutable_but_images(api) -> None:
    created = api.create(pod("p"))
    created["spec"]["containers"][0]["image"] = "busybox:1.37"
    created["spec"]["activeDeadlineSeconds"] = 60
    assert api.update(created)["spec"]["containers"][0]["image"] == "busybox:1.37"
    current = api.get("Pod", "p")
    current["spec"]["restartPolicy"] = "Never"
    with pytest.raises(ApiError) as err:
        api.update(current)
    assert err.value.message == (
        'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than '
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        "`spec.tolerations` (only additions to existing tolerations),"
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously "
        "negative)\n"
        "  core.PodSpec{\n"
        "  \t... // 4 identical fields\n"
        '- \tRestartPolicy: "Always",\n'
        '+ \tRestartPolicy: "Never",\n'
        "  \t... // 29 identical fields\n"
        "  }\n")
