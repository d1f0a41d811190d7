"""Usage errors and client-side output compared byte for byte with real kubectl 1.32.

Only commands that real kubectl answers without a server are compared; its kubeconfig names
127.0.0.1:1, so nothing can reach a network.
"""

import os
import shlex
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from minicluster.kubectl.main import run_kubectl

pytestmark = [
    pytest.mark.oracle,
    pytest.mark.skipif(shutil.which("kubectl") is None, reason="real kubectl not installed"),
]

KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
  name: c
contexts:
- context: {cluster: c, user: u, namespace: default}
  name: c
current-context: c
users:
- name: u
  user: {token: x}
"""

CASES = [
    "get",
    "get pods --x",
    "get pods -x",
    "get pods -n",
    "get pods --namespace",
    "get pods -o",
    "get pods --watch=maybe",
    "describe",
    "logs",
    "logs a b c",
    "logs -c",
    "exec",
    "delete",
    "apply",
    "wait --for=condition=complete",
    "wait job/x --for=foo",
    "gte pods",
    "zzzzzz",
    "create job x --image=busybox --dry-run=client -o yaml",
    "create job x --image=busybox --dry-run=client -o yaml -- sh -c 'echo hi'",
    "create job x --image=busybox --dry-run=client -n other -o yaml",
    "create job x --image=busybox --dry-run=client",
    "create job x --dry-run=client",
    "create job --image=x --dry-run=client",
    "create configmap cfg --from-literal=a=1 --from-literal=b=two --dry-run=client -o yaml",
    "create configmap c --from-literal=bad --dry-run=client",
    "create namespace foo --dry-run=client -o yaml",
    "create job x --image=busybox --dry-run=client -o name",
    "create job x --image=busybox --dry-run=client -o jsonpath={.spec.template.spec.containers[0].image}",
]


@pytest.fixture(scope="module")
def real_results(tmp_path_factory):
    """Every case run once through real kubectl, in parallel (each start costs ~0.5 s)."""
    path = tmp_path_factory.mktemp("kube") / "config"
    path.write_text(KUBECONFIG)
    env = {**os.environ, "KUBECONFIG": str(path)}

    def call(command):
        return subprocess.run(["kubectl", *shlex.split(command)], capture_output=True, text=True,
                              env=env, timeout=60)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(CASES, pool.map(call, CASES)))


@pytest.mark.parametrize("command", CASES)
def test_matches_real_kubectl(command, real_results, cluster):
    real = real_results[command]
    ours = run_kubectl(cluster, shlex.split(command))
    assert (ours.stdout, ours.stderr, ours.exit_code) == (real.stdout, real.stderr,
                                                          real.returncode)
