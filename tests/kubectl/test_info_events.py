"""`kubectl version`, `api-resources`, `events`, and `create job` against a cluster."""

from conftest import job_yaml, pod_names


def run(cluster, command):
    result = cluster.kubectl(command)
    return result.stdout, result.stderr, result.exit_code


def test_version(cluster):
    assert run(cluster, "version") == (
        "Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n", "", 0)
    assert run(cluster, "version --client") == (
        "Client Version: v1.32.4\nKustomize Version: v5.5.0\n", "", 0)


def test_api_resources_lists_the_served_kinds(cluster):
    stdout, _, _ = run(cluster, "api-resources")
    lines = stdout.splitlines()
    assert lines[0].split() == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["jobs"] == ["jobs", "batch/v1", "true", "Job"]
    assert rows["pods"] == ["pods", "po", "v1", "true", "Pod"]
    assert rows["namespaces"] == ["namespaces", "ns", "v1", "false", "Namespace"]
    names, _, _ = run(cluster, "api-resources -o name --namespaced=false")
    assert "namespaces\n" in names and "jobs.batch\n" not in names


def test_events_command_sorts_by_time_and_names_kinds(cluster):
    assert run(cluster, "events") == ("", "No events found in default namespace.\n", 0)
    assert run(cluster, "events -A") == ("", "No events found.\n", 0)
    cluster.apply(job_yaml("hello", "true"))
    cluster.run_until_idle()
    pod = pod_names(cluster, "hello")[0]
    stdout, _, _ = run(cluster, "events --for job/hello")
    assert stdout.splitlines()[0].split() == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT",
                                              "MESSAGE"]
    assert [line.split()[2:4] for line in stdout.splitlines()[1:]] == [
        ["SuccessfulCreate", "Job/hello"], ["Completed", "Job/hello"]]
    stdout, _, _ = run(cluster, "events --types=Warning")
    assert stdout == ""
    stdout, _, _ = run(cluster, "events")
    objects = [line.split()[3] for line in stdout.splitlines()[1:]]
    assert objects[0] in (f"Pod/{pod}", "Job/hello") and objects[-1] == "Job/hello"
    assert run(cluster, "events --types=Bogus") == (
        "", "error: valid --types are Normal or Warning\n", 1)


def test_create_job_and_namespace(cluster):
    assert run(cluster, "create job once --image=busybox -- sh -c 'echo hi'") == (
        "job.batch/once created\n", "", 0)
    job = cluster.api.get("Job", "once")
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["sh", "-c", "echo hi"]
    assert run(cluster, "create job once --image=busybox") == (
        "", 'error: failed to create job: jobs.batch "once" already exists\n', 1)
    assert run(cluster, "create ns team") == ("namespace/team created\n", "", 0)
    cluster.run_until_idle()
    assert run(cluster, "logs job/once") == ("hi\n", "", 0)
