"""--wait strategies, hook output logs, hook re-creation without before-hook-creation, namespaces."""

from __future__ import annotations

from tests.releases.helpers import config_map, hook_job, names

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: {{ .Values.image }}
"""


def test_output_log_policy(cluster, write_chart, helm_version):
    write_chart("app", {"templates/j.yaml": hook_job(
        "migrate", "pre-install", script="echo step one; echo step two",
        extra_annotations='    "helm.sh/hook-output-log-policy": hook-succeeded')})
    result = cluster.helm("install app ./app")
    assert result.exit_code == 0
    if helm_version >= 4:
        assert result.stderr == 'level=INFO msg="step one\\nstep two"\n'
    else:
        assert result.stderr == "step one\nstep two\n"


def test_output_log_policy_on_failure_only_for_the_failed_hook(cluster, write_chart, helm_version):
    policy = '    "helm.sh/hook-output-log-policy": hook-failed'
    write_chart("app", {
        "templates/a.yaml": hook_job("first", "pre-install", weight="1", script="echo fine",
                                     extra_annotations=policy),
        "templates/b.yaml": hook_job("second", "pre-install", weight="2", script="echo broken; exit 1",
                                     extra_annotations=policy),
    })
    result = cluster.helm("install app ./app")
    assert result.exit_code == 1
    logged = 'level=INFO msg=broken\n' if helm_version >= 4 else "broken\n"
    assert result.stderr.startswith(logged)


def test_wait_for_deployment(cluster, write_chart, helm_version):
    write_chart("app", {"templates/d.yaml": DEPLOYMENT}, values="image: nginx\n")
    start = cluster.now()
    assert cluster.helm("install app ./app --wait --timeout 60s").exit_code == 0
    waited = cluster.now() - start
    assert 0 < waited < 60
    deployment = cluster.api.get("Deployment", "web", "default")
    assert deployment["status"].get("availableReplicas") == 1
    result = cluster.helm("upgrade app ./app --wait --timeout 30s --set image=doesnotexist")
    assert result.exit_code == 1
    if helm_version >= 4:
        assert result.stderr.endswith(
            "Error: UPGRADE FAILED: resource Deployment/default/web not ready. status: "
            "InProgress, message: Pending termination: 1\ncontext deadline exceeded\n")
    else:
        assert result.stderr == "Error: UPGRADE FAILED: context deadline exceeded\n"


def test_without_wait_helm_does_not_wait_for_deployments(cluster, write_chart):
    write_chart("app", {"templates/d.yaml": DEPLOYMENT}, values="image: doesnotexist\n")
    start = cluster.now()
    assert cluster.helm("install app ./app --timeout 30s").exit_code == 0
    assert cluster.now() - start < 1


def test_wait_for_jobs(cluster, write_chart, helm_version):
    job = hook_job("batch", "pre-install", script="sleep 20").replace(
        '  annotations:\n    "helm.sh/hook": pre-install\n', "")
    write_chart("app", {"templates/j.yaml": job})
    start = cluster.now()
    assert cluster.helm("install app ./app --wait --wait-for-jobs").exit_code == 0
    assert cluster.now() - start >= 20
    job = cluster.api.get("Job", "batch", "default")
    assert any(c["type"] == "Complete" for c in job["status"]["conditions"])


def test_wait_true_is_deprecated_in_helm4(cluster, write_chart, helm_version):
    write_chart("app", {"templates/c.yaml": config_map("cfg")})
    result = cluster.helm("install app ./app --wait=true")
    assert result.exit_code == 0
    if helm_version >= 4:
        assert result.stderr == ('level=WARN msg="--wait=true is deprecated (boolean value) and '
                                 'can be replaced with --wait=watcher"\n')
        bad = cluster.helm("install other ./app --wait=sometimes")
        assert bad.exit_code == 1
        assert "invalid wait input" in bad.stderr


def test_hook_recreated_without_before_hook_creation(cluster, write_chart, helm_version):
    """Section 8.6: with the default policy replaced, an existing hook object conflicts (Helm 3,
    client-side) or is applied over (Helm 4 server-side apply: an unchanged, completed Job
    counts as done again)."""
    write_chart("app", {"templates/j.yaml": hook_job("migrate", "pre-install,pre-upgrade",
                                                    policy="hook-failed")})
    assert cluster.helm("install app ./app").exit_code == 0
    uid = cluster.api.get("Job", "migrate", "default")["metadata"]["uid"]
    result = cluster.helm("upgrade app ./app")
    if helm_version >= 4:
        assert result.exit_code == 0, result.stderr
        assert cluster.api.get("Job", "migrate", "default")["metadata"]["uid"] == uid
    else:
        assert result.stderr == (
            "Error: UPGRADE FAILED: pre-upgrade hooks failed: warning: Hook pre-upgrade "
            "app/templates/j.yaml failed: 1 error occurred:\n\t* jobs.batch \"migrate\" already "
            "exists\n\n\n")


def test_namespaces(cluster, write_chart):
    write_chart("app", {"templates/c.yaml": config_map("cfg"),
                        "templates/j.yaml": hook_job("migrate", "pre-install")})
    result = cluster.helm("install app ./app -n team")
    assert result.stderr == ('Error: INSTALLATION FAILED: create: failed to create: namespaces '
                             '"team" not found\n')
    assert cluster.helm("install app ./app -n team --create-namespace").exit_code == 0
    assert names(cluster, "ConfigMap", "team").count("cfg") == 1
    assert names(cluster, "Job", "team") == ["migrate"]
    assert cluster.api.get("Secret", "sh.helm.release.v1.app.v1", "team")
    assert cluster.helm("list -q").stdout == ""
    assert cluster.helm("list -q -n team").stdout == "app\n"


def test_replace_reuses_an_uninstalled_name(cluster, write_chart):
    write_chart("app", {"templates/c.yaml": config_map("cfg")})
    cluster.helm("install app ./app")
    cluster.helm("uninstall app --keep-history")
    result = cluster.helm("install app ./app --replace")
    assert result.exit_code == 0, result.stderr
    assert "REVISION: 2\n" in result.stdout


def test_generate_name(cluster, write_chart):
    write_chart("app", {"templates/c.yaml": config_map("cfg")})
    result = cluster.helm("install ./app --generate-name")
    assert result.exit_code == 0
    assert result.stdout.startswith("NAME: app-1772442000\n")


def test_hook_job_deleted_while_awaited(cluster, write_chart, helm_version):
    """ttlSecondsAfterFinished: 0 removes the Job the instant it completes. Both waiters follow
    a watch, so they see the Complete event before the Deleted one (Helm 3 would also take the
    Deleted event itself as success)."""
    job = hook_job("migrate", "pre-install", script="sleep 2").replace(
        "spec:\n  backoffLimit", "spec:\n  ttlSecondsAfterFinished: 0\n  backoffLimit")
    write_chart("app", {"templates/j.yaml": job})
    result = cluster.helm("install app ./app --timeout 30s")
    assert result.exit_code == 0, result.stderr
    assert cluster.now() < 30
    assert names(cluster, "Job") == []
