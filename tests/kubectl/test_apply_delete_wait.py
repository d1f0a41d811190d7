"""apply/create/delete confirmation lines and errors, and wait in virtual time."""

from conftest import job_yaml, pod_names

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '{value}'\n"


def run(cluster, command, stdin=None):
    from minicluster.kubectl.main import run_kubectl

    argv = command.split() if isinstance(command, str) else command
    result = run_kubectl(cluster, argv, stdin=stdin)
    return result.stdout, result.stderr, result.exit_code


def test_apply_created_unchanged_configured(cluster, tmp_path):
    (tmp_path / "cm.yaml").write_text(CM.format(value="1"))
    assert run(cluster, "apply -f cm.yaml") == ("configmap/cfg created\n", "", 0)
    assert run(cluster, "apply -f cm.yaml") == ("configmap/cfg unchanged\n", "", 0)
    (tmp_path / "cm.yaml").write_text(CM.format(value="2"))
    assert run(cluster, "apply -f cm.yaml") == ("configmap/cfg configured\n", "", 0)
    assert cluster.api.get("ConfigMap", "cfg")["data"] == {"a": "2"}
    assert run(cluster, "apply -f cm.yaml -o name") == ("configmap/cfg\n", "", 0)
    assert run(cluster, "apply -f cm.yaml --dry-run=client") == (
        "configmap/cfg configured (dry run)\n", "", 0)


def test_apply_directory_stdin_and_several_documents(cluster, tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "b.yaml").write_text(job_yaml("b", "true"))
    (tmp_path / "m" / "a.yml").write_text(CM.format(value="x"))
    (tmp_path / "m" / "notes.txt").write_text("ignored")
    assert run(cluster, "apply -f m") == ("configmap/cfg created\njob.batch/b created\n", "", 0)
    text = CM.format(value="1").replace("cfg", "one") + "---\n" + \
        CM.format(value="1").replace("cfg", "two")
    assert run(cluster, "apply -f -", stdin=text) == (
        "configmap/one created\nconfigmap/two created\n", "", 0)


def test_apply_and_create_errors(cluster, tmp_path):
    (tmp_path / "cm.yaml").write_text(CM.format(value="1"))
    assert run(cluster, "create -f cm.yaml") == ("configmap/cfg created\n", "", 0)
    assert run(cluster, "create -f cm.yaml") == (
        "", 'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "cfg" '
            "already exists\n", 1)
    assert run(cluster, "apply -f missing.yaml") == (
        "", 'error: the path "missing.yaml" does not exist\n', 1)
    (tmp_path / "bad.yaml").write_text(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  template:\n"
        "    spec:\n      containers: [{name: c, image: busybox}]\n")
    assert run(cluster, "apply -f bad.yaml") == (
        "", 'The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid '
            'values: "OnFailure", "Never"\n', 1)
    (tmp_path / "crd.yaml").write_text("apiVersion: example.com/v1\nkind: Widget\n"
                                       "metadata: {name: w}\n")
    assert run(cluster, "apply -f crd.yaml") == (
        "", 'error: resource mapping not found for name: "w" namespace: "" from "crd.yaml": no '
            'matches for kind "Widget" in version "example.com/v1"\n'
            "ensure CRDs are installed first\n", 1)
    assert run(cluster, "apply") == ("", "error: must specify one of -f and -k\n", 1)


def test_delete_by_name_file_selector_and_all(cluster, tmp_path):
    (tmp_path / "cm.yaml").write_text(CM.format(value="1"))
    cluster.apply(CM.format(value="1"))
    assert run(cluster, "delete -f cm.yaml") == ('configmap "cfg" deleted\n', "", 0)
    assert run(cluster, "delete cm cfg") == (
        "", 'Error from server (NotFound): configmaps "cfg" not found\n', 1)
    # The NotFound is filtered out after the visit: nothing was found, and delete says so.
    assert run(cluster, "delete cm cfg --ignore-not-found") == ("No resources found\n", "", 0)
    cluster.apply(CM.format(value="1").replace("cfg", "a") + "---\n" +
                  CM.format(value="1").replace("cfg", "b"))
    assert run(cluster, "delete cm -l nothing=here") == ("No resources found\n", "", 0)
    assert run(cluster, "delete configmap/a -o name") == ("configmap/a\n", "", 0)
    stdout, _, _ = run(cluster, "delete cm --all")
    assert 'configmap "b" deleted\n' in stdout
    assert run(cluster, "delete cm") == (
        "", "error: resource(s) were provided, but no name was specified\n", 1)
    assert run(cluster, "delete") == (
        "", "error: You must provide one or more resources by argument or filename.\n"
            "Example resource specifications include:\n   '-f rsrc.yaml'\n"
            "   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1)
    assert run(cluster, "delete cm x --cascade=sometimes") == (
        "", 'error: invalid cascade value (sometimes). Must be "background", "foreground", or '
            '"orphan".\n', 1)


def test_delete_job_waits_for_its_pods_in_virtual_time(cluster):
    cluster.apply(job_yaml("long", "sleep 300"))
    cluster.advance(10)
    pod = pod_names(cluster, "long")[0]
    assert run(cluster, "delete job long") == ('job.batch "long" deleted\n', "", 0)
    assert cluster.api.try_get("Job", "long") is None
    before = cluster.now()
    assert run(cluster, f"delete pod {pod}") in (
        (f'pod "{pod}" deleted\n', "", 0),
        ("", f'Error from server (NotFound): pods "{pod}" not found\n', 1))
    assert cluster.api.try_get("Pod", pod) is None
    assert cluster.now() >= before


def test_delete_orphan_keeps_the_pods(cluster):
    cluster.apply(job_yaml("keep", "sleep 300"))
    cluster.advance(10)
    pod = pod_names(cluster, "keep")[0]
    assert run(cluster, "delete job keep --cascade=orphan") == (
        'job.batch "keep" deleted\n', "", 0)
    cluster.advance(5)
    assert cluster.api.try_get("Pod", pod) is not None


def test_wait_for_conditions(cluster):
    cluster.apply(job_yaml("hello", "sleep 3"))
    start = cluster.now()
    assert run(cluster, "wait --for=condition=complete job/hello --timeout=60s") == (
        "job.batch/hello condition met\n", "", 0)
    assert 3 <= cluster.now() - start < 60
    cluster.apply(job_yaml("never", "sleep 600"))
    start = cluster.now()
    assert run(cluster, "wait --for=condition=complete job/never --timeout=30s") == (
        "", "error: timed out waiting for the condition on jobs/never\n", 1)
    assert cluster.now() - start == 30
    assert run(cluster, "wait --for=condition=Failed=false job/never --timeout=0") == (
        "", "error: condition not met for job.batch/never\n", 1)
    assert run(cluster, "wait --for=jsonpath={.status.active}=1 job/never") == (
        "job.batch/never condition met\n", "", 0)
    assert run(cluster, "wait --for=foo job/never") == (
        "", 'error: unrecognized condition: "foo"\n', 1)


def test_wait_for_delete(cluster):
    cluster.apply(CM.format(value="1"))
    assert run(cluster, "wait --for=delete cm/cfg --timeout=1s") == (
        "", "error: timed out waiting for the condition on configmaps/cfg\n", 1)
    cluster.api.delete("ConfigMap", "cfg", "default")
    assert run(cluster, "wait --for=delete cm/cfg") == ("", "", 0)


def test_a_caller_inside_the_clock_can_supply_its_own_waiter(cluster):
    from minicluster.kubectl.main import run_kubectl

    cluster.apply(job_yaml("hello", "sleep 3"))
    calls = []

    def waiter(predicate, timeout, until_idle):
        calls.append((timeout, until_idle))
        return predicate()

    result = run_kubectl(cluster, ["wait", "--for=condition=complete", "job/hello",
                                   "--timeout=5s"], waiter=waiter)
    assert calls == [(5.0, False)]
    assert cluster.now() == 0  # the clock was not driven by kubectl
    assert result.stderr == "error: timed out waiting for the condition on jobs/hello\n"
