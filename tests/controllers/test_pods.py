"""The kubelet: env and volumes, missing ConfigMaps/Secrets, init containers, probes, logs,
exec and graceful deletion."""

from __future__ import annotations

import pytest

from minicluster.api.errors import ApiError
from minicluster.controllers.podaccess import ExecError, KubeletError

from .conftest import events_of


def pod_yaml(
    script: str,
    *,
    extra_container: str = "",
    pod_extra: str = "",
    restart: str = "Never",
    image: str = "busybox:1.36",
) -> str:
    return f"""
apiVersion: v1
kind: Pod
metadata: {{name: p, labels: {{app: p}}}}
spec:
  restartPolicy: {restart}
{pod_extra}
  containers:
  - name: main
    image: {image}
    command: [sh, -c, {script!r}]
{extra_container}
"""


def stdout(cluster, container=None, previous=False):
    return [x.text for x in cluster.controllers.kubelet.logs("default", "p", container, previous)]


def status(cluster):
    return cluster.api.get("Pod", "p")["status"]


def test_env_values_refs_config_maps_and_secrets(cluster):
    cluster.apply("""
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {MODE: fast, greeting: hello}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {password: s3cret}
""")
    cluster.apply(
        pod_yaml(
            "echo $MODE $GREETING $PASSWORD $POD_NAME $NODE $COMBINED $CFG_MODE",
            extra_container="""    env:
    - {name: GREETING, valueFrom: {configMapKeyRef: {name: cfg, key: greeting}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: COMBINED, value: "$(GREETING)-$(POD_NAME)"}
    envFrom:
    - configMapRef: {name: cfg}
    - {prefix: CFG_, configMapRef: {name: cfg}}""",
        )
    )
    cluster.run_until_idle()
    assert stdout(cluster) == ["fast hello s3cret p minicluster hello-p fast"]
    assert status(cluster)["phase"] == "Succeeded"


def test_missing_config_map_in_env_is_create_container_config_error_until_created(cluster):
    cluster.apply(
        pod_yaml(
            "echo $X",
            extra_container="""    env:
    - {name: X, valueFrom: {configMapKeyRef: {name: late, key: x}}}""",
        )
    )
    cluster.run_until_idle()
    waiting = status(cluster)["containerStatuses"][0]["state"]["waiting"]
    assert waiting == {
        "reason": "CreateContainerConfigError",
        "message": 'configmap "late" not found',
    }
    assert status(cluster)["phase"] == "Pending"
    assert ("Warning", "Failed", 'Error: configmap "late" not found', 1) in events_of(cluster, "p")
    cluster.advance(5)
    cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late}\ndata: {y: '1'}\n")
    cluster.run_until_idle()
    waiting = status(cluster)["containerStatuses"][0]["state"]["waiting"]
    assert waiting["message"] == "couldn't find key x in ConfigMap default/late"
    cluster.api.patch("ConfigMap", "late", "default", {"data": {"x": "found"}})
    cluster.run_until_idle()
    assert stdout(cluster) == ["found"]


def test_missing_secret_volume_is_failed_mount_and_pod_stays_container_creating(cluster):
    cluster.apply(
        pod_yaml(
            "cat /etc/creds/token",
            pod_extra="""  volumes:
  - {name: creds, secret: {secretName: api-token}}""",
            extra_container="""    volumeMounts:
    - {name: creds, mountPath: /etc/creds}""",
        )
    )
    cluster.run_until_idle()
    st = status(cluster)
    assert st["containerStatuses"][0]["state"]["waiting"]["reason"] == "ContainerCreating"
    assert (
        "Warning",
        "FailedMount",
        'MountVolume.SetUp failed for volume "creds" : secret "api-token" not found',
        1,
    ) in events_of(cluster, "p")
    cluster.advance(25)  # retried in the background: the count grows
    counts = [c for _, r, _, c in events_of(cluster, "p") if r == "FailedMount"]
    assert counts == [3]
    cluster.apply(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: api-token}\nstringData: {token: abc}\n"
    )
    cluster.run_until_idle()
    assert stdout(cluster) == ["abc"]


def test_volumes_config_map_files_empty_dir_shared_between_containers(cluster):
    cluster.apply("""
apiVersion: v1
kind: ConfigMap
metadata: {name: scripts}
data: {run.sh: "echo from script; cat /work/shared.txt"}
""")
    cluster.apply("""
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  initContainers:
  - {name: prepare, image: "busybox:1.36", command: [sh, -c, "echo prepared > /work/shared.txt"],
     volumeMounts: [{name: work, mountPath: /work}]}
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, /scripts/run.sh]
    volumeMounts: [{name: work, mountPath: /work}, {name: scripts, mountPath: /scripts}]
  volumes:
  - {name: work, emptyDir: {}}
  - {name: scripts, configMap: {name: scripts}}
""")
    cluster.run_until_idle()
    assert stdout(cluster) == ["from script", "prepared"]
    st = status(cluster)
    assert st["initContainerStatuses"][0]["state"]["terminated"]["reason"] == "Completed"
    assert st["phase"] == "Succeeded"


def test_init_containers_run_in_order_before_app_containers(cluster):
    cluster.apply("""
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  initContainers:
  - {name: first, image: "busybox:1.36", command: [sh, -c, "sleep 2"]}
  - {name: second, image: "busybox:1.36", command: [sh, -c, "sleep 3"]}
  containers:
  - {name: main, image: "busybox:1.36", command: [sh, -c, "sleep 100"]}
""")
    cluster.advance(4)
    st = status(cluster)
    assert st["phase"] == "Pending"
    assert st["containerStatuses"][0]["state"] == {"waiting": {"reason": "PodInitializing"}}
    init = {c["name"]: c for c in st["initContainerStatuses"]}
    initialized = next(c for c in st["conditions"] if c["type"] == "Initialized")
    assert initialized["status"] == "False" and initialized["reason"] == "ContainersNotInitialized"
    cluster.advance(10)
    st = status(cluster)
    init = {c["name"]: c for c in st["initContainerStatuses"]}
    first, second = init["first"]["state"]["terminated"], init["second"]["state"]["terminated"]
    assert first["finishedAt"] <= second["startedAt"]
    assert st["phase"] == "Running"
    main_started = st["containerStatuses"][0]["state"]["running"]["startedAt"]
    assert main_started >= second["finishedAt"]
    starts = [m for _, r, m, _ in events_of(cluster, "p") if r == "Started"]
    assert starts == [
        "Started container first",
        "Started container second",
        "Started container main",
    ]


def test_failing_init_container_with_never_fails_the_pod(cluster):
    cluster.apply("""
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  initContainers:
  - {name: check, image: "busybox:1.36", command: [sh, -c, "exit 3"]}
  containers:
  - {name: main, image: "busybox:1.36", command: [sh, -c, "true"]}
""")
    cluster.run_until_idle()
    st = status(cluster)
    assert st["phase"] == "Failed"
    assert st["initContainerStatuses"][0]["state"]["terminated"]["exitCode"] == 3
    assert "running" not in st["containerStatuses"][0]["state"]


def test_logs_previous_and_waiting_errors(cluster):
    cluster.apply(pod_yaml("echo run; exit 1", restart="OnFailure"))
    with pytest.raises(KubeletError) as info:
        cluster.controllers.kubelet.logs("default", "p")
    assert (
        info.value.message == 'container "main" in pod "p" is waiting to start: ContainerCreating'
    )
    assert isinstance(info.value, ApiError) and info.value.reason == "BadRequest"
    cluster.advance(30)
    assert stdout(cluster) == ["run"]
    assert stdout(cluster, previous=True) == ["run"]
    with pytest.raises(KubeletError) as info:
        cluster.controllers.kubelet.logs("default", "p", "nope")
    assert info.value.message == "container nope is not valid for pod p"
    with pytest.raises(ApiError) as missing:
        cluster.controllers.kubelet.logs("default", "ghost")
    assert missing.value.message == 'pods "ghost" not found'


def test_exec_into_a_running_container_and_a_completed_pod(cluster):
    cluster.apply(pod_yaml("echo up; sleep 100"))
    cluster.advance(10)
    proc = cluster.controllers.kubelet.exec("default", "p", None, ["sh", "-c", "echo $HOSTNAME"])
    cluster.clock.run_due()
    assert [x.text for x in proc.logs()] == ["p"] and proc.exit_code == 0
    cluster.advance(200)
    with pytest.raises(ExecError) as info:
        cluster.controllers.kubelet.exec("default", "p", None, ["true"])
    assert (
        info.value.message
        == "cannot exec into a container in a completed pod; current phase is Succeeded"
    )


def test_graceful_deletion_kills_the_container_and_removes_the_pod(cluster):
    cluster.apply(pod_yaml("sleep 1000"))
    cluster.advance(10)
    marked = cluster.api.delete("Pod", "p", "default")
    assert marked["metadata"]["deletionGracePeriodSeconds"] == 30
    cluster.run_until_idle()
    assert cluster.api.try_get("Pod", "p") is None
    assert events_of(cluster, "p")[-1] == ("Normal", "Killing", "Stopping container main", 1)
    removal = [a for a in cluster.api.action_log if a.kind == "Pod" and a.removed]
    assert removal[0].actor == "kubelet" and removal[0].time == 10


def test_pod_status_fields_while_running(cluster):
    cluster.apply(pod_yaml("sleep 100"))
    cluster.advance(10)
    st = status(cluster)
    assert st["phase"] == "Running" and st["hostIP"] == "172.18.0.2"
    assert st["podIP"].startswith("10.244.0.") and st["podIPs"] == [{"ip": st["podIP"]}]
    assert st["qosClass"] == "BestEffort"
    assert [(c["type"], c["status"]) for c in st["conditions"]] == [
        ("PodReadyToStartContainers", "True"),
        ("Initialized", "True"),
        ("Ready", "True"),
        ("ContainersReady", "True"),
        ("PodScheduled", "True"),
    ]
    cs = st["containerStatuses"][0]
    assert cs["ready"] is True and cs["started"] is True and cs["restartCount"] == 0
    assert cs["containerID"].startswith("containerd://") and len(cs["containerID"]) == 13 + 64
    assert cs["imageID"].startswith("docker.io/library/busybox@sha256:")


def test_crash_loop_back_off_doubles_to_the_cap(cluster):
    cluster.apply(pod_yaml("exit 1", restart="Always"))
    cluster.advance(3000)
    starts = [
        a.time
        for a in cluster.api.action_log
        if a.kind == "Event" and a.verb in ("create", "patch") and a.obj["reason"] == "Started"
    ]
    gaps = [round(b - a) for a, b in zip(starts, starts[1:])]
    # The first restart is immediate (after the 1 s relist); later ones wait 10 s, 20 s ... 300 s.
    assert gaps[:8] == [1, 10, 20, 40, 80, 160, 300, 300]
    cs = status(cluster)["containerStatuses"][0]
    assert cs["restartCount"] == len(starts) - 1
    # Each 10 s re-sync inside a back-off window records BackOff again: 1 + 2 + 4 + 8 + 16
    # + 30 + 30 ... over the windows of 10, 20, 40, 80, 160, 300, 300 ... seconds.
    (backoff,) = [c for _, r, _, c in events_of(cluster, "p") if r == "BackOff"]
    windows = [min(300, 10 * 2**i) for i in range(len(starts) - 2)]
    finished = sum(w // 10 for w in windows)
    assert finished < backoff <= finished + 30  # plus the window still running at 3000 s


def test_pod_active_deadline_kills_and_fails_the_pod(cluster):
    cluster.apply(pod_yaml("echo start; sleep 1000", pod_extra="  activeDeadlineSeconds: 15"))
    cluster.run_until_idle()
    st = status(cluster)
    assert cluster.now() == 15
    assert (st["phase"], st["reason"], st["message"]) == (
        "Failed",
        "DeadlineExceeded",
        "Pod was active on the node longer than the specified deadline",
    )
    term = st["containerStatuses"][0]["state"]["terminated"]
    assert (term["exitCode"], term["reason"]) == (143, "Error")
    assert events_of(cluster, "p")[-2:] == [
        (
            "Normal",
            "DeadlineExceeded",
            "Pod was active on the node longer than the specified deadline",
            1,
        ),
        ("Normal", "Killing", "Stopping container main", 1),
    ]
    assert cluster.api.get("Pod", "p")["metadata"].get("deletionTimestamp") is None
    cluster.api.delete("Pod", "p", "default")  # a failed pod goes at once
    cluster.run_until_idle()
    assert cluster.api.try_get("Pod", "p") is None


def test_crash_back_off_counts_from_the_exit_not_from_the_restart(cluster):
    cluster.apply(pod_yaml("sleep 30; exit 1", restart="Always"))
    cluster.advance(400)
    log = cluster.api.action_log
    starts = [a.time for a in log if a.kind == "Event" and a.obj["reason"] == "Started"]
    # Runs last 30 s; after the first exit the restart is immediate (1 s relist), later ones
    # wait 10 s, 20 s, 40 s ... after the exit.
    exits = [s + 30 for s in starts]
    waits = [round(b - a) for a, b in zip(exits, starts[1:])]
    assert waits[:5] == [1, 10, 20, 40, 80]


def test_a_native_sidecar_runs_beside_the_job_and_stops_after_it(cluster):
    cluster.apply("""
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - {name: proxy, image: "db-proxy-server:1", restartPolicy: Always}
      containers:
      - {name: main, image: "busybox:1.36", command: [sh, -c, "echo migrating; sleep 5"]}
""")
    cluster.clock.run_due()
    name = cluster.api.list("Pod", namespace="default")[0]["metadata"]["name"]
    cluster.advance(8)
    pod = cluster.api.get("Pod", name)
    st = pod["status"]
    assert st["phase"] == "Running"
    assert "running" in st["initContainerStatuses"][0]["state"]
    assert next(c for c in st["conditions"] if c["type"] == "Initialized")["status"] == "True"
    assert cluster.kubectl("get pods").stdout.splitlines()[1].split()[1] == "2/2"
    cluster.run_until_idle()
    pod = cluster.api.get("Pod", name)
    st = pod["status"]
    assert st["phase"] == "Succeeded"
    sidecar = st["initContainerStatuses"][0]["state"]["terminated"]
    assert sidecar["exitCode"] == 0  # the simulated server stops cleanly on SIGTERM
    assert ("Normal", "Killing", "Stopping container proxy", 1) in events_of(cluster, name)
    job = cluster.api.get("Job", "migrate")
    assert [c["type"] for c in job["status"]["conditions"]] == ["SuccessCriteriaMet", "Complete"]
    starts = [m for _, r, m, _ in events_of(cluster, name) if r == "Started"]
    assert starts == ["Started container proxy", "Started container main"]


def test_a_startup_probe_gates_readiness_and_restarts_a_container_that_never_starts(cluster):
    probe = "    startupProbe: {exec: {command: [test, -f, /tmp/up]}, periodSeconds: 5, failureThreshold: 3}"
    cluster.apply(
        pod_yaml("sleep 7; touch /tmp/up; sleep 1000", restart="Always", extra_container=probe)
    )
    cluster.advance(6)
    cs = status(cluster)["containerStatuses"][0]
    assert (cs["started"], cs["ready"]) == (False, False)
    cluster.advance(10)
    cs = status(cluster)["containerStatuses"][0]
    assert (cs["started"], cs["ready"]) == (True, True)
    unhealthy = [m for _, r, m, _ in events_of(cluster, "p") if r == "Unhealthy"]
    assert unhealthy == ["Startup probe failed: "]
    # A container that never becomes started is killed after failureThreshold periods.
    cluster.apply(
        pod_yaml("sleep 1000", restart="Always", extra_container=probe).replace(
            "name: p,", "name: q,"
        )
    )
    cluster.advance(20)
    assert (
        "Normal",
        "Killing",
        "Container main failed startup probe, will be restarted",
        1,
    ) in events_of(cluster, "q")
    assert cluster.api.get("Pod", "q")["status"]["containerStatuses"][0]["restartCount"] == 1
