"""Pattern 4: post-install / post-upgrade notification with curl to a chat webhook."""

from __future__ import annotations

import pytest

from minicluster.runtime.services import webhook_sink
from tests.seeds.kit import history, names, new_cluster, ok

CHART = "./notify-webhook"
URL = "https://hooks.slack.com/services/T000/B000/XXXX"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_notifications_and_a_failing_webhook(helm_version):
    c = new_cluster(helm_version)
    sink = webhook_sink(c.runtime)
    ok(c.helm(f"install my-app {CHART}"))
    ok(c.helm(f"upgrade my-app {CHART}"))
    assert [(r.method, r.url, r.json()) for r in sink.requests] == [
        ("POST", URL, {"text": "Release my-app v2.1.0 revision 1 deployed to default"}),
        ("POST", URL, {"text": "Release my-app v2.1.0 revision 2 deployed to default"})]
    assert names(c, "jobs") == []

    failed = c.helm(f"upgrade my-app {CHART} --set webhookUrl=https://hooks.example.invalid/x")
    assert failed.exit_code == 1 and failed.stdout == ""
    if helm_version == 4:
        error = ("post-upgrade hooks failed: resource Job/default/my-app-notify not ready. "
                 "status: Failed, message: Job Failed. failed: 1/1")
        assert failed.stderr == (f'level=WARN msg="upgrade failed" name=my-app error="{error}"\n'
                                 f"Error: UPGRADE FAILED: {error}\n")
    else:
        assert failed.stderr == ("Error: UPGRADE FAILED: post-upgrade hooks failed: 1 error "
                                 "occurred:\n\t* job my-app-notify failed: BackoffLimitExceeded"
                                 "\n\n\n")
    assert len(sink.requests) == 2
    # hook-failed deleted the failed Job: nothing left to `kubectl logs`.
    assert names(c, "jobs") == []
    assert [r[:2] for r in history(c, "my-app")] == [
        ("1", "superseded"), ("2", "deployed"), ("3", "failed")]


@pytest.mark.parametrize("helm_version", [4, 3])
def test_failed_post_install_is_a_failed_install(helm_version):
    c = new_cluster(helm_version)
    failed = c.helm(f"install my-app {CHART} --set webhookUrl=https://hooks.example.invalid/x")
    assert failed.exit_code == 1 and failed.stdout == ""
    if helm_version == 4:
        error = ("failed post-install: resource Job/default/my-app-notify not ready. "
                 "status: Failed, message: Job Failed. failed: 1/1")
        assert failed.stderr == f"Error: INSTALLATION FAILED: {error}\n"
        assert history(c, "my-app") == [("1", "failed", f'Release "my-app" failed: {error}')]
    else:
        assert failed.stderr == ("Error: INSTALLATION FAILED: failed post-install: 1 error "
                                 "occurred:\n\t* job my-app-notify failed: BackoffLimitExceeded"
                                 "\n\n\n")
        assert history(c, "my-app")[0][:2] == ("1", "failed")
    # The manifest was applied before the post-install hook ran, and is not removed.
    assert names(c, "secrets") == ["my-app-slack", "sh.helm.release.v1.my-app.v1"]
    assert names(c, "jobs") == []


def test_custom_content_type_replaces_curls_default():
    """curl matches header names case-insensitively: `-H 'Content-type: application/json'`
    replaces the `Content-Type: application/x-www-form-urlencoded` that `-d` would add."""
    c = new_cluster()
    ok(c.helm(f"install my-app {CHART}"))
    headers = webhook_sink(c.runtime).requests[0].headers
    content_types = {k: v for k, v in headers.items() if k.lower() == "content-type"}
    assert content_types == {"Content-type": "application/json"}
