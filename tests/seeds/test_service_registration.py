"""Pattern 6: post-install registration with curl POST, post-delete deregistration."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.seeds.kit import EXAMPLES, names, new_cluster, ok, run_pod

LIST = "curl -s http://service-registry:8080/agents"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_register_and_deregister(helm_version):
    c = new_cluster(helm_version)
    c.apply(Path(EXAMPLES, "service-registration", "registry.yaml").read_text())
    ok(c.kubectl("rollout status deployment/service-registry --timeout=60s"))
    start = c.now()
    ok(c.helm("install my-app ./service-registration"))
    # Helm waited for the Job, including its `sleep 10`.
    assert c.now() - start >= 10
    assert ok(c.kubectl("logs job/my-app-register")).stdout == '{"registered": "my-agent"}\n'
    assert ok(run_pod(c, "list-1", "curlimages/curl", LIST)).stdout == '{"agents": ["my-agent"]}\n'

    assert ok(c.helm("uninstall my-app")).stdout == 'release "my-app" uninstalled\n'
    # No delete policy: both hook Jobs outlive the release.
    assert names(c, "jobs") == ["my-app-deregister", "my-app-register"]
    assert "my-app-agent" not in names(c, "configmaps")
    assert ok(run_pod(c, "list-2", "curlimages/curl", LIST)).stdout == '{"agents": []}\n'
