"""Server-side table rows on hand-written objects (printers.go semantics)."""

from datetime import datetime, timezone

from minicluster.kubectl.printing.table import TableOptions, table_lines
from minicluster.kubectl.printing.tabwriter import kubectl_table_writer

NOW = datetime(2026, 3, 2, 9, 10, 0, tzinfo=timezone.utc)
T0 = "2026-03-02T09:00:00Z"


def render(kind, objects, **options):
    writer = kubectl_table_writer()
    writer.write(table_lines(kind, objects, NOW, TableOptions(**options)))
    return writer.getvalue()


def pod(name, phase="Running", statuses=None, init=None, init_statuses=None, deleting=False,
        containers=("main",), conditions=None):
    meta = {"name": name, "namespace": "default", "creationTimestamp": T0}
    if deleting:
        meta["deletionTimestamp"] = "2026-03-02T09:09:30Z"
    spec = {"containers": [{"name": c, "image": "busybox"} for c in containers]}
    if init:
        spec["initContainers"] = [{"name": c, "image": "busybox"} for c in init]
    status = {"phase": phase, "containerStatuses": statuses or []}
    if init_statuses is not None:
        status["initContainerStatuses"] = init_statuses
    if conditions is not None:
        status["conditions"] = conditions
    return {"kind": "Pod", "metadata": meta, "spec": spec, "status": status}


def cs(state, ready=False, restarts=0, last=None, name="main"):
    out = {"name": name, "state": state, "ready": ready, "restartCount": restarts}
    if last:
        out["lastState"] = {"terminated": {"finishedAt": last, "exitCode": 1, "reason": "Error"}}
    return out


def test_pod_statuses():
    pods = [
        pod("a-pending", phase="Pending"),
        pod("b-creating", phase="Pending",
            statuses=[cs({"waiting": {"reason": "ContainerCreating"}})]),
        pod("c-running", statuses=[cs({"running": {"startedAt": T0}}, ready=True)]),
        pod("d-completed", phase="Succeeded",
            statuses=[cs({"terminated": {"exitCode": 0, "reason": "Completed"}})]),
        pod("e-error", phase="Failed",
            statuses=[cs({"terminated": {"exitCode": 2, "reason": "Error"}})]),
        pod("f-crash", statuses=[cs({"waiting": {"reason": "CrashLoopBackOff"}}, restarts=3,
                                    last="2026-03-02T09:09:35Z")]),
        pod("g-pull", phase="Pending", statuses=[cs({"waiting": {"reason": "ErrImagePull"}})]),
        pod("h-init", phase="Pending", init=["setup"],
            init_statuses=[cs({"running": {"startedAt": T0}}, name="setup")],
            statuses=[cs({"waiting": {"reason": "PodInitializing"}})]),
        pod("i-initerr", phase="Pending", init=["setup"],
            init_statuses=[cs({"terminated": {"exitCode": 1, "reason": "Error"}}, name="setup")]),
        pod("j-terminating", deleting=True,
            statuses=[cs({"running": {"startedAt": T0}}, ready=True)]),
        pod("k-exitcode", phase="Failed", statuses=[cs({"terminated": {"exitCode": 3}})]),
        pod("l-notready", containers=("a", "b"), conditions=[{"type": "Ready", "status": "False"}],
            statuses=[cs({"terminated": {"exitCode": 0, "reason": "Completed"}}, name="a"),
                      cs({"running": {"startedAt": T0}}, ready=True, name="b")]),
    ]
    assert render("Pod", pods) == (
        "NAME            READY   STATUS              RESTARTS      AGE\n"
        "a-pending       0/1     Pending             0             10m\n"
        "b-creating      0/1     ContainerCreating   0             10m\n"
        "c-running       1/1     Running             0             10m\n"
        "d-completed     0/1     Completed           0             10m\n"
        "e-error         0/1     Error               0             10m\n"
        "f-crash         0/1     CrashLoopBackOff    3 (25s ago)   10m\n"
        "g-pull          0/1     ErrImagePull        0             10m\n"
        "h-init          0/1     Init:0/1            0             10m\n"
        "i-initerr       0/1     Init:Error          0             10m\n"
        "j-terminating   1/1     Terminating         0             10m\n"
        "k-exitcode      0/1     ExitCode:3          0             10m\n"
        "l-notready      1/2     NotReady            0             10m\n"
    )


def job(name, conditions=(), succeeded=0, start=None, done=None, completions=1,
        parallelism=1, deleting=False):
    meta = {"name": name, "namespace": "default", "creationTimestamp": T0}
    if deleting:
        meta["deletionTimestamp"] = T0
    status = {"conditions": [{"type": t, "status": "True"} for t in conditions],
              "succeeded": succeeded}
    if start:
        status["startTime"] = start
    if done:
        status["completionTime"] = done
    spec = {"parallelism": parallelism,
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u1"}},
            "template": {"spec": {"containers": [{"name": "c", "image": "busybox:1.36"},
                                                 {"name": "d", "image": "nginx"}]}}}
    if completions is not None:
        spec["completions"] = completions
    return {"kind": "Job", "metadata": meta, "spec": spec, "status": status}


def test_job_status_column_precedence_and_durations():
    jobs = [
        job("complete", ["SuccessCriteriaMet", "Complete"], 1, T0, "2026-03-02T09:00:05Z"),
        job("failed", ["FailureTarget", "Failed"], 0, T0),
        job("terminating", [], 0, T0, deleting=True),
        job("suspended", ["Suspended"], 0),
        job("target", ["FailureTarget"], 0, T0),
        job("running", ["SuccessCriteriaMet"], 0, "2026-03-02T09:07:09Z"),
        job("workqueue", [], 2, T0, completions=None, parallelism=3),
    ]
    assert render("Job", jobs) == (
        "NAME          STATUS          COMPLETIONS   DURATION   AGE\n"
        "complete      Complete        1/1           5s         10m\n"
        "failed        Failed          0/1           10m        10m\n"
        "terminating   Terminating     0/1           10m        10m\n"
        "suspended     Suspended       0/1                      10m\n"
        "target        FailureTarget   0/1           10m        10m\n"
        "running       Running         0/1           2m51s      10m\n"
        "workqueue     Running         2/1 of 3      10m        10m\n"
    )


def test_job_wide_and_kind_prefix_and_namespace():
    text = render("Job", [job("hello", ["Complete"], 1, T0, T0)], wide=True,
                  kind_prefix="job.batch", with_namespace=True)
    assert text == (
        "NAMESPACE   NAME              STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   "
        "IMAGES               SELECTOR\n"
        "default     job.batch/hello   Complete   1/1           0s         10m   c,d          "
        "busybox:1.36,nginx   batch.kubernetes.io/controller-uid=u1\n"
    )


def test_no_headers_and_show_labels():
    obj = {"kind": "ConfigMap", "metadata": {"name": "cfg", "creationTimestamp": T0,
                                             "labels": {"b": "2", "a": "1"}},
           "data": {"x": "1"}, "binaryData": {"y": "AA=="}}
    assert render("ConfigMap", [obj], show_labels=True) == (
        "NAME   DATA   AGE   LABELS\n"
        "cfg    2      10m   a=1,b=2\n"
    )
    assert render("ConfigMap", [obj], no_headers=True) == "cfg   2     10m\n"


def test_events_rows_use_first_seen_fallbacks_and_counts():
    events = [
        {"kind": "Event", "metadata": {"name": "hello.1"}, "type": "Normal",
         "reason": "SuccessfulCreate", "message": "Created pod: hello-x7k2p ",
         "involvedObject": {"kind": "Job", "name": "hello"},
         "firstTimestamp": "2026-03-02T09:09:48Z", "lastTimestamp": "2026-03-02T09:09:48Z",
         "count": 1, "source": {"component": "job-controller"}},
        {"kind": "Event", "metadata": {"name": "hello-x7k2p.2"}, "type": "Normal",
         "reason": "Scheduled", "message": "Successfully assigned default/hello-x7k2p to node-1",
         "involvedObject": {"kind": "Pod", "name": "hello-x7k2p"},
         "eventTime": "2026-03-02T09:09:47.123456Z", "reportingComponent": "default-scheduler",
         "reportingInstance": "default-scheduler-node-1"},
    ]
    assert render("Event", events) == (
        "LAST SEEN   TYPE     REASON             OBJECT            MESSAGE\n"
        "12s         Normal   SuccessfulCreate   job/hello         Created pod: hello-x7k2p\n"
        "12s         Normal   Scheduled          pod/hello-x7k2p   Successfully assigned "
        "default/hello-x7k2p to node-1\n"
    )
    wide = render("Event", events, wide=True).splitlines()
    assert wide[0].split() == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE",
                               "MESSAGE", "FIRST", "SEEN", "COUNT", "NAME"]
    assert "default-scheduler, default-scheduler-node-1" in wide[2]


def test_services_ports_and_external_ips():
    svcs = [
        {"kind": "Service", "metadata": {"name": "web", "creationTimestamp": T0},
         "spec": {"type": "NodePort", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
                  "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"},
                            {"port": 53, "protocol": "UDP"}]}},
        {"kind": "Service", "metadata": {"name": "lb", "creationTimestamp": T0},
         "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.11"], "ports": []}},
        {"kind": "Service", "metadata": {"name": "headless", "creationTimestamp": T0},
         "spec": {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"],
                  "ports": [{"port": 5432, "protocol": "TCP"}]}},
    ]
    assert render("Service", svcs) == (
        "NAME       TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)               AGE\n"
        "web        NodePort       10.96.0.10   <none>        80:30080/TCP,53/UDP   10m\n"
        "lb         LoadBalancer   10.96.0.11   <pending>     <none>                10m\n"
        "headless   ClusterIP      None         <none>        5432/TCP              10m\n"
    )


def test_roles_use_the_default_table_and_rolebindings_their_own():
    role = {"kind": "Role", "metadata": {"name": "reader", "creationTimestamp": T0}}
    assert render("Role", [role]) == (
        "NAME     CREATED AT\n"
        "reader   2026-03-02T09:00:00Z\n"
    )
    binding = {"kind": "RoleBinding", "metadata": {"name": "rb", "creationTimestamp": T0},
               "roleRef": {"kind": "Role", "name": "reader"},
               "subjects": [{"kind": "ServiceAccount", "name": "default", "namespace": "ns"}]}
    assert render("RoleBinding", [binding], wide=True) == (
        "NAME   ROLE          AGE   USERS   GROUPS   SERVICEACCOUNTS\n"
        "rb     Role/reader   10m                    ns/default\n"
    )


def test_cells_cut_at_newlines():
    cm = {"kind": "Secret", "metadata": {"name": "s\nx", "creationTimestamp": T0},
          "type": "Opaque", "data": {}}
    assert render("Secret", [cm]).splitlines()[1] == "s...   Opaque   0      10m"
