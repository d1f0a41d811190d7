"""`kubectl logs` and `kubectl exec` through the kubelet, on the virtual clock."""

from conftest import job_yaml, pod_names


def run(cluster, command):
    result = cluster.kubectl(command)
    return result.stdout, result.stderr, result.exit_code


def test_logs_of_a_job_and_its_pod(cluster):
    cluster.apply(job_yaml("hello", "echo one; echo two; echo three"))
    cluster.run_until_idle()
    pod = pod_names(cluster, "hello")[0]
    assert run(cluster, "logs job/hello") == ("one\ntwo\nthree\n", "", 0)
    assert run(cluster, f"logs {pod}") == ("one\ntwo\nthree\n", "", 0)
    assert run(cluster, f"logs {pod} --tail=2") == ("two\nthree\n", "", 0)
    assert run(cluster, f"logs {pod} --tail=0") == ("", "", 0)
    stdout, _, _ = run(cluster, f"logs {pod} -c main --timestamps")
    assert all(line.startswith("2026-03-02T09:00:0") and "Z " in line
               for line in stdout.splitlines())
    assert run(cluster, f"logs {pod} --prefix") == (
        f"[pod/{pod}/main] one\n[pod/{pod}/main] two\n[pod/{pod}/main] three\n", "", 0)


def test_logs_job_with_several_pods_picks_the_oldest_failed_one(cluster):
    cluster.apply(job_yaml("boom", "echo attempt; exit 1", backoff=2))
    cluster.run_until_idle()
    pods = cluster.api.list("Pod", namespace="default", label_selector="job-name=boom")
    oldest = min(pods, key=lambda p: p["metadata"]["creationTimestamp"])["metadata"]["name"]
    assert run(cluster, "logs job/boom") == (
        "attempt\n", f"Found {len(pods)} pods, using pod/{oldest}\n", 0)


def test_logs_errors(cluster):
    assert run(cluster, "logs nope") == (
        "", 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
        1)
    assert run(cluster, "logs job/nope") == (
        "", 'error: error from server (NotFound): jobs.batch "nope" not found in namespace '
            '"default"\n', 1)
    cluster.apply(job_yaml("hello", "sleep 30"))
    cluster.advance(1)
    pod = pod_names(cluster, "hello")[0]
    assert run(cluster, f"logs {pod}") == (
        "", f'Error from server (BadRequest): container "main" in pod "{pod}" is waiting to '
            "start: ContainerCreating\n", 1)
    assert run(cluster, f"logs {pod} -c other") == (
        "", f"error: container other is not valid for pod {pod}\n", 1)
    cluster.run_until_idle()
    assert run(cluster, f"logs {pod} --previous") == (
        "", f'Error from server (BadRequest): previous terminated container "main" in pod '
            f'"{pod}" not found\n', 1)


def test_logs_follow_runs_the_clock_until_the_container_ends(cluster):
    cluster.apply(job_yaml("slow", "echo start; sleep 20; echo end"))
    cluster.advance(8)  # the image is pulled and the container runs
    before = cluster.now()
    assert run(cluster, "logs -f job/slow") == ("start\nend\n", "", 0)
    assert cluster.now() - before >= 12


def test_logs_of_a_job_without_pods_waits_for_one(cluster):
    cluster.apply(job_yaml("fresh", "echo hi"))
    stdout, stderr, code = run(cluster, "logs job/fresh")
    pod = pod_names(cluster, "fresh")[0]
    assert (stdout, stderr, code) == (
        "", f'Error from server (BadRequest): container "main" in pod "{pod}" is waiting to '
            "start: ContainerCreating\n", 1)


def test_exec_runs_in_a_running_container(cluster):
    cluster.apply("""apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
""")
    cluster.run_until_idle()
    assert run(cluster, "exec web -- echo hello") == ("hello\n", "", 0)
    assert run(cluster, "exec web -c nginx -- sh -c 'echo out; exit 3'") == (
        "out\n", "command terminated with exit code 3\n", 3)
    assert run(cluster, "exec web -c nope -- true") == (
        "", "error: container nope not found in pod web\n", 1)
    assert run(cluster, "exec web") == (
        "", "error: you must specify at least one command for the container\n", 1)
    assert run(cluster, "exec web echo hi") == (
        "", "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] "
            "instead\nSee 'kubectl exec -h' for help and examples\n", 1)


def test_exec_into_a_finished_pod(cluster):
    cluster.apply(job_yaml("done", "true"))
    cluster.run_until_idle()
    pod = pod_names(cluster, "done")[0]
    assert run(cluster, f"exec {pod} -- true") == (
        "", "error: cannot exec into a container in a completed pod; current phase is "
            "Succeeded\n", 1)
