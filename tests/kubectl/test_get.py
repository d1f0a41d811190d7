"""`kubectl get` against a running cluster: exact tables, formats and errors."""

import json

import yaml
from conftest import job_yaml, pod_names


def run(cluster, command):
    result = cluster.kubectl(command)
    return result.stdout, result.stderr, result.exit_code


def test_jobs_and_pods_through_a_job_lifecycle(cluster):
    cluster.apply(job_yaml("hello", "echo hello; sleep 5"))
    cluster.advance(1)
    pod = pod_names(cluster, "hello")[0]
    assert run(cluster, "get jobs") == (
        "NAME    STATUS    COMPLETIONS   DURATION   AGE\n"
        "hello   Running   0/1           1s         1s\n", "", 0)
    assert run(cluster, "get pods")[0] == (
        "NAME          READY   STATUS              RESTARTS   AGE\n"
        f"{pod}   0/1     ContainerCreating   0          1s\n")
    cluster.run_until_idle()
    stdout, _, _ = run(cluster, "get jobs")
    lines = stdout.splitlines()
    assert lines[1].split()[:3] == ["hello", "Complete", "1/1"]
    stdout, _, _ = run(cluster, "get pods")
    assert stdout.splitlines()[1].split()[:4] == [pod, "0/1", "Completed", "0"]


def test_failed_job_pods_show_error(cluster):
    cluster.apply(job_yaml("boom", "exit 3", backoff=1))
    cluster.run_until_idle()
    stdout, _, _ = run(cluster, "get jobs boom")
    assert stdout.splitlines()[1].split()[:3] == ["boom", "Failed", "0/1"]
    stdout, _, _ = run(cluster, "get pods --no-headers")
    assert [line.split()[2] for line in stdout.splitlines()] == ["Error", "Error"]


def test_no_resources_messages(cluster):
    assert run(cluster, "get jobs") == ("", "No resources found in default namespace.\n", 0)
    assert run(cluster, "get jobs -n other") == ("", "No resources found in other namespace.\n",
                                                0)
    assert run(cluster, "get jobs -A") == ("", "No resources found\n", 0)
    assert run(cluster, "get pv") == ("", "No resources found\n", 0)


def test_errors(cluster):
    assert run(cluster, "get jbos") == (
        "", 'error: the server doesn\'t have a resource type "jbos"\n', 1)
    assert run(cluster, "get job nope") == (
        "", 'Error from server (NotFound): jobs.batch "nope" not found\n', 1)
    assert run(cluster, "get pod a b") == (
        "", 'Error from server (NotFound): pods "a" not found\n'
            'Error from server (NotFound): pods "b" not found\n', 1)
    assert run(cluster, "get job nope --ignore-not-found") == ("", "", 0)
    assert run(cluster, "get pods/x jobs") == (
        "", "error: there is no need to specify a resource type as a separate argument when "
            "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>'"
            " instead of 'kubectl get resource resource/<resource_name>'\n", 1)
    assert run(cluster, "get pods -o foo") == (
        "", 'error: unable to match a printer suitable for the output format "foo", allowed '
            "formats are: json,yaml,name,go-template,go-template-file,template,templatefile,"
            "jsonpath,jsonpath-as-json,jsonpath-file,custom-columns,custom-columns-file,wide\n",
        1)
    assert run(cluster, "get job a -A") == (
        "", "error: a resource cannot be retrieved by name across all namespaces\n", 1)


def test_found_objects_print_before_errors(cluster):
    cluster.apply(job_yaml("hello", "true"))
    stdout, stderr, code = run(cluster, "get job hello nope")
    assert stdout.splitlines()[0].split() == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
    assert stdout.splitlines()[1].startswith("hello ")
    assert (stderr, code) == ('Error from server (NotFound): jobs.batch "nope" not found\n', 1)


def test_several_kinds_are_prefixed_and_separated(cluster):
    cluster.apply(job_yaml("hello", "sleep 1"))
    cluster.advance(1)
    pod = pod_names(cluster, "hello")[0]
    stdout, _, _ = run(cluster, "get jobs,pods")
    assert stdout == (
        "NAME              STATUS    COMPLETIONS   DURATION   AGE\n"
        "job.batch/hello   Running   0/1           1s         1s\n"
        "\n"
        "NAME              READY   STATUS              RESTARTS   AGE\n"
        f"pod/{pod}   0/1     ContainerCreating   0          1s\n")
    stdout, _, _ = run(cluster, "get all")
    groups = stdout.split("\n\n")
    assert [g.splitlines()[1].split("/")[0] for g in groups] == ["pod", "service", "job.batch"]
    # Only kinds that were found count: one kind found means no prefixes.
    stdout, stderr, _ = run(cluster, "get jobs,configmaps hello")
    assert stdout.startswith("NAME    STATUS")
    assert stderr == 'Error from server (NotFound): configmaps "hello" not found\n'



def test_output_formats(cluster):
    cluster.apply(job_yaml("a", "true") + "---\n" + job_yaml("b", "true"))
    assert run(cluster, "get jobs -o name") == ("job.batch/a\njob.batch/b\n", "", 0)
    assert run(cluster, "get job a -o jsonpath={.metadata.name}") == ("a", "", 0)
    assert run(cluster, "get jobs -o jsonpath={.items[*].metadata.name}") == ("a b", "", 0)
    assert run(cluster, "get jobs -o jsonpath={.kind}") == ("List", "", 0)
    assert run(cluster, "get jobs -o custom-columns=NAME:.metadata.name,LIMIT:.spec.backoffLimit,"
                        "X:.spec.nothing") == (
        "NAME   LIMIT   X\n"
        "a      6       <none>\n"
        "b      6       <none>\n", "", 0)
    listed = yaml.safe_load(run(cluster, "get jobs -o yaml")[0])
    assert listed["kind"] == "List" and listed["metadata"] == {"resourceVersion": ""}
    assert [i["metadata"]["name"] for i in listed["items"]] == ["a", "b"]
    single = json.loads(run(cluster, "get job a -o json")[0])
    assert single["kind"] == "Job" and single["metadata"]["name"] == "a"
    text = run(cluster, "get job a -o yaml")[0]
    assert '  creationTimestamp: "2026-03-02T09:00:00Z"\n' in text
    assert "managedFields" not in text


def test_sort_by_and_selectors(cluster):
    cluster.apply("""apiVersion: v1
kind: ConfigMap
metadata: {name: zeta, labels: {tier: web}}
data: {a: "1", b: "2"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: alpha, labels: {tier: db}}
data: {a: "1"}
""")
    stdout, _, _ = run(cluster, "get cm -l tier -o name --sort-by=.metadata.name")
    assert stdout == "configmap/alpha\nconfigmap/zeta\n"
    stdout, _, _ = run(cluster, "get cm -l tier=web --no-headers")
    assert stdout.split() == ["zeta", "2", "0s"]
    stdout, _, _ = run(cluster, "get cm --field-selector metadata.name=alpha -o name")
    assert stdout == "configmap/alpha\n"
    assert run(cluster, "get cm alpha -l tier=db")[1] == (
        "error: name cannot be provided when a selector is specified\n")
    assert run(cluster, "get cm --sort-by=.spec.nothing")[1] == (
        'error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n')


def test_watch_prints_initial_table_then_a_row_per_change(cluster):
    cluster.apply(job_yaml("hello", "sleep 2"))
    stdout, stderr, code = run(cluster, "get jobs -w")
    lines = stdout.splitlines()
    assert lines[0].split() == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
    assert lines[1].split()[:2] == ["hello", "Running"]
    assert lines[-1].split()[:3] == ["hello", "Complete", "1/1"]
    assert len(lines) > 2 and (stderr, code) == ("", 0)
    assert cluster.api.get("Job", "hello")["status"].get("succeeded") == 1


def test_watch_only_skips_the_initial_list(cluster):
    cluster.apply(job_yaml("hello", "true"))
    cluster.run_until_idle()
    assert run(cluster, "get jobs --watch-only") == ("", "", 0)
    assert run(cluster, "get jobs,pods -w")[1] == (
        "error: watch is only supported on individual resources and resource collections - more "
        "than 1 resource was found\n")
