"""Endpoints follow pod readiness; the cluster network resolves Service and pod DNS names."""

from __future__ import annotations

from minicluster.controllers.network import ClusterNetwork

APP = """
apiVersion: v1
kind: Service
metadata: {name: web, labels: {app: web}}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: [sh, -c, "sleep 20; touch /tmp/ready; sleep infinity"]
        ports: [{name: http, containerPort: 8080}]
        readinessProbe:
          exec: {command: [test, -f, /tmp/ready]}
          periodSeconds: 5
          failureThreshold: 2
"""


def endpoints(cluster):
    ep = cluster.api.get("Endpoints", "web")
    (subset,) = ep.get("subsets") or [{}]
    return (
        [a["targetRef"]["name"] for a in subset.get("addresses", [])],
        [a["targetRef"]["name"] for a in subset.get("notReadyAddresses", [])],
        subset.get("ports"),
    )


def test_endpoints_follow_readiness(cluster):
    cluster.apply(APP)
    cluster.advance(10)
    pods = sorted(p["metadata"]["name"] for p in cluster.api.list("Pod", namespace="default"))
    ready, not_ready, ports = endpoints(cluster)
    assert ready == [] and sorted(not_ready) == pods
    assert ports == [{"name": "http", "port": 8080, "protocol": "TCP"}]
    assert cluster.api.get("Endpoints", "web")["metadata"]["labels"] == {"app": "web"}
    cluster.advance(30)
    ready, not_ready, _ = endpoints(cluster)
    assert sorted(ready) == pods and not_ready == []
    unhealthy = [e for e in cluster.api.list("Event") if e["reason"] == "Unhealthy"]
    assert unhealthy and unhealthy[0]["message"].startswith("Readiness probe failed:")
    # Break one pod's readiness: after failureThreshold periods it leaves the addresses.
    proc = cluster.controllers.kubelet.exec("default", pods[0], "app", ["rm", "/tmp/ready"])
    cluster.advance(11)
    assert proc.exit_code == 0
    ready, not_ready, _ = endpoints(cluster)
    assert ready == [pods[1]] and not_ready == [pods[0]]
    pod = cluster.api.get("Pod", pods[0])
    ready_cond = next(c for c in pod["status"]["conditions"] if c["type"] == "Ready")
    assert ready_cond["status"] == "False" and ready_cond["reason"] == "ContainersNotReady"
    assert ready_cond["message"] == "containers with unready status: [app]"
    deployment = cluster.api.get("Deployment", "web")["status"]
    assert deployment["readyReplicas"] == 1 and deployment["unavailableReplicas"] == 1


def test_the_first_readiness_check_keeps_the_cluster_busy_but_later_ones_do_not(cluster):
    cluster.apply(APP.replace("sleep 20; ", ""))
    cluster.run_until_idle()
    ready, not_ready, _ = endpoints(cluster)
    assert len(ready) == 2 and not_ready == []
    assert cluster.now() < 10


def test_cluster_network_resolves_service_and_pod_names(cluster):
    cluster.apply(APP.replace("sleep 20; ", ""))
    cluster.apply("""
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: postgres, image: "postgres:16"}]
""")
    cluster.run_until_idle()
    net = ClusterNetwork(cluster)
    web_pods = sorted(
        p["metadata"]["name"]
        for p in cluster.api.list("Pod", namespace="default")
        if p["metadata"]["name"].startswith("web-")
    )
    expected = sorted(f"default/{name}/app/0" for name in web_pods)
    for host in ("web", "web.default", "web.default.svc", "web.default.svc.cluster.local"):
        assert sorted(net.resolve(host, "default")) == expected, host
    assert net.resolve("web", "other") is None
    assert net.resolve("web.default", "other") is not None
    assert net.resolve("nothing", "default") is None
    service_ip = cluster.api.get("Service", "web")["spec"]["clusterIP"]
    assert net.pod_ip("web", "default") == service_ip
    # StatefulSet pods have stable DNS names under their headless Service.
    db1 = cluster.api.get("Pod", "db-1")
    assert net.resolve("db-1.db", "default") == ["default/db-1/postgres/0"]
    assert net.resolve("db-1.db.default.svc.cluster.local", "x") == ["default/db-1/postgres/0"]
    assert net.pod_ip("db-1.db.default", "x") == db1["status"]["podIP"]
    assert sorted(net.resolve("db", "default")) == [
        "default/db-0/postgres/0",
        "default/db-1/postgres/0",
    ]
    # A pod IP resolves to that pod.
    assert net.resolve(db1["status"]["podIP"], "default") == ["default/db-1/postgres/0"]
    assert cluster.api.get("Endpoints", "db")["subsets"][0]["addresses"][1]["hostname"] == "db-1"


def test_a_pods_own_hostname_and_pod_a_records(cluster):
    cluster.apply(APP.replace("sleep 20; ", ""))
    cluster.run_until_idle()
    net = ClusterNetwork(cluster)
    pod = sorted(cluster.api.list("Pod", namespace="default"), key=lambda p: p["metadata"]["name"])[
        0
    ]
    name, ip = pod["metadata"]["name"], pod["status"]["podIP"]
    assert net.pod_ip(name, "default") == ip
    assert net.resolve(name, "default") == [f"default/{name}/app/0"]
    dashed = ip.replace(".", "-")
    assert net.pod_ip(f"{dashed}.default.pod.cluster.local", "x") == ip
    assert net.resolve(f"{dashed}.default.pod", "x") == [f"default/{name}/app/0"]
    assert net.resolve("10-9-9-9.default.pod", "x") is None
