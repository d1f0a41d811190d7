"""`kubectl describe`: exact layouts (describe.go) for a finished Job and its pod."""

from conftest import job_yaml, pod_names


def test_describe_completed_job(cluster):
    cluster.apply(job_yaml("hello", "echo hello; sleep 5"))
    cluster.run_until_idle()
    cluster.advance(6)
    job = cluster.api.get("Job", "hello")
    uid = job["metadata"]["uid"]
    pod = pod_names(cluster, "hello")[0]
    start = job["status"]["startTime"]
    done = job["status"]["completionTime"]
    assert start == "2026-03-02T09:00:00Z"
    result = cluster.kubectl("describe job hello")
    duration = int(cluster.clock.parse_timestamp(done) - cluster.clock.parse_timestamp(start))
    created_age = int(cluster.now())
    completed_age = int(cluster.now() - cluster.clock.parse_timestamp(done))
    assert result.stderr == "" and result.exit_code == 0
    assert result.stdout == (
        "Name:             hello\n"
        "Namespace:        default\n"
        f"Selector:         batch.kubernetes.io/controller-uid={uid}\n"
        f"Labels:           batch.kubernetes.io/controller-uid={uid}\n"
        "                  batch.kubernetes.io/job-name=hello\n"
        f"                  controller-uid={uid}\n"
        "                  job-name=hello\n"
        "Annotations:      <none>\n"
        "Parallelism:      1\n"
        "Completions:      1\n"
        "Completion Mode:  NonIndexed\n"
        "Suspend:          false\n"
        "Backoff Limit:    6\n"
        "Start Time:       Mon, 02 Mar 2026 09:00:00 +0000\n"
        f"Completed At:     Mon, 02 Mar 2026 09:00:{duration:02d} +0000\n"
        f"Duration:         {duration}s\n"
        "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n"
        "Pod Template:\n"
        f"  Labels:  batch.kubernetes.io/controller-uid={uid}\n"
        "           batch.kubernetes.io/job-name=hello\n"
        f"           controller-uid={uid}\n"
        "           job-name=hello\n"
        "  Containers:\n"
        "   main:\n"
        "    Image:      busybox:1.36\n"
        "    Port:       <none>\n"
        "    Host Port:  <none>\n"
        "    Command:\n"
        "      sh\n"
        "      -c\n"
        "      echo hello; sleep 5\n"
        "    Environment:   <none>\n"
        "    Mounts:        <none>\n"
        "  Volumes:         <none>\n"
        "  Node-Selectors:  <none>\n"
        "  Tolerations:     <none>\n"
        "Events:\n"
        "  Type    Reason            Age   From            Message\n"
        "  ----    ------            ----  ----            -------\n"
        f"  Normal  SuccessfulCreate  {created_age}s   job-controller  Created pod: {pod}\n"
        f"  Normal  Completed         {completed_age}s    job-controller  Job completed\n"
    )


def test_describe_pod_sections_and_prefix_match(cluster):
    cluster.apply(job_yaml("hello", "exit 1", backoff=0))
    cluster.run_until_idle()
    pod = pod_names(cluster, "hello")[0]
    text = cluster.kubectl("describe pod hello").stdout  # no pod "hello": prefix match
    assert text.startswith(f"Name:             {pod}\nNamespace:        default\n")
    assert "Status:           Failed\n" in text
    assert "Controlled By:  Job/hello\n" in text
    assert "    State:          Terminated\n      Reason:       Error\n" \
           "      Exit Code:    1\n" in text
    assert "Conditions:\n  Type                        Status\n" in text
    assert "  Ready                       False \n" in text
    assert text.endswith("\n\n")  # the prefix describer ends every description with a newline
    assert "Normal  Created    " in text and "Created container: main\n" in text


def test_describe_errors_and_no_events(cluster):
    result = cluster.kubectl("describe job nope")
    assert (result.stdout, result.stderr, result.exit_code) == (
        "", 'Error from server (NotFound): jobs.batch "nope" not found\n', 1)
    cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n"
                  "data: {b: two, a: '1'}\n")
    assert cluster.kubectl("describe cm cfg").stdout == (
        "Name:         cfg\n"
        "Namespace:    default\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "\n"
        "Data\n"
        "====\n"
        "a:\n"
        "----\n"
        "1\n"
        "\n"
        "b:\n"
        "----\n"
        "two\n"
        "\n"
        "\n"
        "BinaryData\n"
        "====\n"
        "\n"
        "Events:  <none>\n"
    )
    cluster.apply("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
                  "stringData: {password: hunter22}\n")
    assert cluster.kubectl("describe secret s").stdout == (
        "Name:         s\n"
        "Namespace:    default\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "\n"
        "Type:  Opaque\n"
        "\n"
        "Data\n"
        "====\n"
        "password:  8 bytes\n"
    )


def test_describe_several_objects_are_separated(cluster):
    cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
    text = cluster.kubectl("describe cm a b").stdout
    assert "Events:  <none>\n\n\nName:         b\n" in text
