"""`kubectl rollout status` on the virtual clock (polymorphichelpers' status viewers)."""

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
"""


def test_rollout_status_follows_the_deployment_until_it_is_available(cluster):
    cluster.apply(DEPLOYMENT)
    result = cluster.kubectl("rollout status deployment/web")
    lines = result.stdout.splitlines()
    assert lines[0] == "Waiting for deployment spec update to be observed..."
    assert 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are ' \
           "available..." in lines
    assert lines[-1] == 'deployment "web" successfully rolled out'
    assert (result.stderr, result.exit_code) == ("", 0)
    assert cluster.api.get("Deployment", "web")["status"]["availableReplicas"] == 2
    again = cluster.kubectl("rollout status deployment/web")
    assert again.stdout == 'deployment "web" successfully rolled out\n'


def test_rollout_status_errors(cluster):
    cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n")
    result = cluster.kubectl("rollout status configmap/cfg")
    assert (result.stderr, result.exit_code) == (
        "error: no status viewer has been implemented for ConfigMap\n", 1)
    result = cluster.kubectl("rollout status deployment/nope")
    assert result.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'
