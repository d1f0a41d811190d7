"""helm install: section 8.1 and rows 1-3 and 12 of section 12 of helm-hooks-semantics.md, in
Helm 4 and Helm 3 modes."""

from __future__ import annotations

from tests.releases.helpers import config_map, hook_job, names

TIMEOUT_H4 = ("resource Job/default/{name} not ready. status: InProgress, message: Job in "
              "progress\ncontext deadline exceeded")


def job_failed(helm_version: int, name: str) -> str:
    if helm_version >= 4:
        return (f"resource Job/default/{name} not ready. status: Failed, message: Job Failed. "
                "failed: 1/1")
    return f"1 error occurred:\n\t* job {name} failed: BackoffLimitExceeded\n\n"


def history(cluster, name="app"):
    return [(r["revision"], r["status"], r["description"])
            for r in __import__("json").loads(cluster.helm(f"history {name} -o json").stdout)]


def test_install_success_prints_the_status_block(cluster, write_chart, helm_version):
    write_chart("app", {
        "templates/job.yaml": hook_job("migrate", "pre-install", script="echo migrating"),
        "templates/cm.yaml": config_map("{{ .Release.Name }}-config"),
        "templates/NOTES.txt": "Thanks for installing {{ .Release.Name }}.\n",
    })
    result = cluster.helm("install app ./app")
    assert result.exit_code == 0, result.stderr
    description = "DESCRIPTION: Install complete\n" if helm_version >= 4 else ""
    assert result.stdout == (
        "NAME: app\n"
        "LAST DEPLOYED: Mon Mar  2 09:00:00 2026\n"
        "NAMESPACE: default\n"
        "STATUS: deployed\n"
        "REVISION: 1\n"
        f"{description}"
        "TEST SUITE: None\n"
        "NOTES:\n"
        "Thanks for installing app.\n"
    )
    assert result.stderr == ""
    assert "app-config" in names(cluster, "ConfigMap")
    # the hook ran and, with the default before-hook-creation policy, is still there (row 12)
    assert names(cluster, "Job") == ["migrate"]
    job = cluster.api.get("Job", "migrate", "default")
    assert any(c["type"] == "Complete" for c in job["status"]["conditions"])
    assert history(cluster) == [(1, "deployed", "Install complete")]
    record = result.record
    assert [(h.name, h.event, h.phase) for h in record.hooks] == [
        ("migrate", "pre-install", "Succeeded")]


def test_hooks_do_not_get_helm_ownership_metadata(cluster, write_chart):
    """Correction 22: only manifest resources are labelled managed-by Helm."""
    write_chart("app", {
        "templates/job.yaml": hook_job("migrate", "pre-install"),
        "templates/cm.yaml": config_map("cfg"),
    })
    assert cluster.helm("install app ./app").exit_code == 0
    cm = cluster.api.get("ConfigMap", "cfg", "default")["metadata"]
    assert cm["labels"]["app.kubernetes.io/managed-by"] == "Helm"
    assert cm["annotations"]["meta.helm.sh/release-name"] == "app"
    assert cm["annotations"]["meta.helm.sh/release-namespace"] == "default"
    job = cluster.api.get("Job", "migrate", "default")["metadata"]
    assert "app.kubernetes.io/managed-by" not in (job.get("labels") or {})
    assert "meta.helm.sh/release-name" not in (job.get("annotations") or {})


def test_pre_install_failure_row1(cluster, write_chart, helm_version):
    write_chart("app", {
        "templates/job.yaml": hook_job("migrate", "pre-install", script="echo boom; exit 1"),
        "templates/cm.yaml": config_map("cfg"),
    })
    result = cluster.helm("install app ./app")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: INSTALLATION FAILED: failed pre-install: {job_failed(helm_version, 'migrate')}\n")
    assert history(cluster) == [
        (1, "failed", f'Release "app" failed: failed pre-install: {job_failed(helm_version, "migrate")}')]
    assert "cfg" not in names(cluster, "ConfigMap")  # A never created
    assert names(cluster, "Job") == ["migrate"]  # the failed hook is kept (no hook-failed)


def test_pre_install_failure_with_hook_failed_policy_deletes_the_job(cluster, write_chart):
    write_chart("app", {"templates/job.yaml": hook_job(
        "migrate", "pre-install", script="exit 1", policy="hook-failed")})
    assert cluster.helm("install app ./app").exit_code == 1
    assert names(cluster, "Job") == []


def test_post_install_failure_row2_and_correction2(cluster, write_chart, helm_version):
    write_chart("app", {
        "templates/job.yaml": hook_job("notify", "post-install", script="exit 1"),
        "templates/cm.yaml": config_map("cfg"),
    })
    result = cluster.helm("install app ./app")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: INSTALLATION FAILED: failed post-install: {job_failed(helm_version, 'notify')}\n")
    assert history(cluster)[0][:2] == (1, "failed")
    assert "cfg" in names(cluster, "ConfigMap")  # A created
    assert names(cluster, "Job") == ["notify"]


def test_atomic_install_uninstalls_runs_delete_hooks_keeps_hook_objects_row3(
        cluster, write_chart, helm_version):
    """Row 3 and correction 17."""
    write_chart("app", {
        "templates/job.yaml": hook_job("migrate", "pre-install", script="exit 1"),
        "templates/backup.yaml": hook_job("backup", "pre-delete", script="echo backup"),
        "templates/cm.yaml": config_map("cfg"),
    })
    flag = "--rollback-on-failure" if helm_version >= 4 else "--atomic"
    result = cluster.helm(f"install app ./app {flag}")
    assert result.exit_code == 1
    word = "rollback-on-failure" if helm_version >= 4 else "atomic"
    assert result.stderr == (
        f"Error: INSTALLATION FAILED: release app failed, and has been uninstalled due to {word} "
        f"being set: failed pre-install: {job_failed(helm_version, 'migrate')}\n")
    assert cluster.helm("history app").stderr == "Error: release: not found\n"
    assert cluster.api.list("Secret", namespace="default", label_selector="owner=helm") == []
    assert names(cluster, "Job") == ["backup", "migrate"]  # hooks stay; pre-delete ran
    assert "cfg" not in names(cluster, "ConfigMap")


def test_atomic_is_a_deprecated_alias_in_helm4(cluster, write_chart, helm_version):
    write_chart("app", {"templates/job.yaml": hook_job("migrate", "pre-install", script="exit 1")})
    result = cluster.helm("install app ./app --atomic")
    assert "has been uninstalled due to" in result.stderr
    if helm_version >= 4:
        assert result.stderr.startswith(
            "Flag --atomic has been deprecated, use --rollback-on-failure instead\n")
        assert "rollback-on-failure being set" in result.stderr


def test_hook_timeout_and_default_backoff_correction11(cluster, write_chart, helm_version):
    """Correction 11: a failing Job with the default backoffLimit hits the timeout first."""
    job = hook_job("migrate", "pre-install", script="exit 1").replace("backoffLimit: 0", "backoffLimit: 6")
    write_chart("app", {"templates/job.yaml": job})
    start = cluster.now()
    result = cluster.helm("install app ./app --timeout 60s")
    assert result.exit_code == 1
    if helm_version >= 4:
        expected = TIMEOUT_H4.format(name="migrate")
    else:
        expected = "1 error occurred:\n\t* timed out waiting for the condition\n\n"
    assert result.stderr == f"Error: INSTALLATION FAILED: failed pre-install: {expected}\n"
    assert cluster.now() - start == 60.0


def test_timeout_applies_to_each_hook_correction10(cluster, write_chart):
    """Correction 10: three 40 s hooks finish under --timeout 60s (no overall deadline)."""
    write_chart("app", {
        f"templates/j{i}.yaml": hook_job(f"step-{i}", "pre-install", weight=str(i), script="sleep 40")
        for i in range(3)
    })
    result = cluster.helm("install app ./app --timeout 60s")
    assert result.exit_code == 0, result.stderr
    assert cluster.now() > 120


def test_hooks_are_awaited_without_wait_correction9(cluster, write_chart):
    write_chart("app", {
        "templates/a.yaml": hook_job("first", "pre-install", weight="1", script="sleep 30"),
        "templates/b.yaml": hook_job("second", "pre-install", weight="2", script="echo hi"),
    })
    result = cluster.helm("install app ./app")
    runs = result.record.hooks
    assert [r.name for r in runs] == ["first", "second"]
    assert runs[1].started_at >= runs[0].finished_at >= 30


def test_order_is_weight_then_name_not_kind_correction4(cluster, write_chart):
    sa = ('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: zeta\n  annotations:\n'
          '    "helm.sh/hook": pre-install\n')
    cm = ('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alpha\n  annotations:\n'
          '    "helm.sh/hook": pre-install\n')
    write_chart("app", {
        "templates/sa.yaml": sa,
        "templates/cm.yaml": cm,
        "templates/job.yaml": hook_job("alpha", "pre-install"),
    })
    result = cluster.helm("install app ./app")
    assert [(r.kind, r.name) for r in result.record.hooks] == [
        ("ConfigMap", "alpha"), ("Job", "alpha"), ("ServiceAccount", "zeta")]


def test_hook_succeeded_deletes_only_after_all_hooks_in_reverse_correction6(cluster, write_chart):
    cm = ('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: init-config\n  annotations:\n'
          '    "helm.sh/hook": pre-install\n    "helm.sh/hook-weight": "-5"\n'
          '    "helm.sh/hook-delete-policy": hook-succeeded\n')
    write_chart("app", {
        "templates/cm.yaml": cm,
        "templates/job.yaml": hook_job("migrate", "pre-install", policy="hook-succeeded",
                                       script="sleep 5"),
    })
    result = cluster.helm("install app ./app")
    assert result.exit_code == 0
    cm_run, job_run = result.record.hooks
    # the ConfigMap still existed while the Job ran; both deleted afterwards, Job first
    assert cm_run.deleted_at >= job_run.finished_at
    assert job_run.deleted_at <= cm_run.deleted_at
    deletes = [a.name for a in cluster.api.action_log if a.verb == "delete"
               and a.kind in ("Job", "ConfigMap")]
    assert deletes == ["migrate", "init-config"]
    assert names(cluster, "Job") == []


def test_earlier_hook_succeeded_hooks_are_cleaned_when_a_later_one_fails_correction7(
        cluster, write_chart):
    write_chart("app", {
        "templates/a.yaml": hook_job("first", "pre-install", weight="1", policy="hook-succeeded"),
        "templates/b.yaml": hook_job("second", "pre-install", weight="2", script="exit 1"),
    })
    assert cluster.helm("install app ./app").exit_code == 1
    assert names(cluster, "Job") == ["second"]


def test_unknown_hook_event_drops_the_resource_correction8(cluster, write_chart, helm_version):
    write_chart("app", {
        "templates/t.yaml": hook_job("legacy-test", "test-failure"),
        "templates/ok.yaml": hook_job("smoke", "test-success"),
    })
    result = cluster.helm("install app ./app")
    assert result.exit_code == 0
    if helm_version >= 4:
        assert result.stderr == 'level=INFO msg="skipping unknown hooks" hookTypes=test-failure\n'
    else:
        assert result.stderr == (
            'manifest_sorter.go:199: info: skipping unknown hook: "test-failure"\n')
    hooks = cluster.helm("get hooks app").stdout
    assert "name: smoke" in hooks and "legacy-test" not in hooks
    assert names(cluster, "Job") == []


def test_resource_policy_keep_is_ignored_for_hooks_correction5(cluster, write_chart):
    write_chart("app", {"templates/j.yaml": hook_job(
        "migrate", "pre-install", policy="hook-succeeded",
        extra_annotations='    "helm.sh/resource-policy": keep')})
    assert cluster.helm("install app ./app").exit_code == 0
    assert names(cluster, "Job") == []


def test_release_is_stored_pending_before_hooks_run_correction19(cluster, write_chart):
    write_chart("app", {"templates/j.yaml": hook_job("migrate", "pre-install")})
    cluster.helm("install app ./app")
    secret_writes = [(a.verb, a.obj["metadata"]["labels"]["status"]) for a in cluster.api.action_log
                     if a.kind == "Secret" and a.name == "sh.helm.release.v1.app.v1"]
    assert secret_writes[:2] == [("create", "pending-install"), ("update", "pending-install")]
    assert secret_writes[-1] == ("update", "deployed")
    first_job = next(i for i, a in enumerate(cluster.api.action_log) if a.kind == "Job")
    first_secret = next(i for i, a in enumerate(cluster.api.action_log) if a.kind == "Secret"
                        and a.name.startswith("sh.helm"))
    assert first_secret < first_job


def test_name_in_use(cluster, write_chart, helm_version):
    write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    assert cluster.helm("install app ./app").exit_code == 0
    result = cluster.helm("install app ./app")
    assert result.exit_code == 1
    if helm_version >= 4:
        assert result.stderr == (
            'level=ERROR msg="release name check failed" error="cannot reuse a name that is '
            'still in use"\n'
            "Error: INSTALLATION FAILED: release name check failed: cannot reuse a name that is "
            "still in use\n")
    else:
        assert result.stderr == (
            "Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n")


def test_no_hooks_stores_but_does_not_run_hooks(cluster, write_chart):
    write_chart("app", {"templates/j.yaml": hook_job("migrate", "pre-install")})
    assert cluster.helm("install app ./app --no-hooks").exit_code == 0
    assert names(cluster, "Job") == []
    assert "name: migrate" in cluster.helm("get hooks app").stdout


def test_dry_run_prints_hooks_and_manifest_and_stores_nothing(cluster, write_chart, helm_version):
    write_chart("app", {
        "templates/j.yaml": hook_job("migrate", "pre-install"),
        "templates/cm.yaml": config_map("cfg"),
    })
    result = cluster.helm("install app ./app --dry-run")
    assert result.exit_code == 0
    assert "STATUS: pending-install\n" in result.stdout
    assert "HOOKS:\n---\n# Source: app/templates/j.yaml\n" in result.stdout
    assert "MANIFEST:\n---\n# Source: app/templates/cm.yaml\n" in result.stdout
    assert cluster.api.list("Secret", namespace="default", label_selector="owner=helm") == []
    assert names(cluster, "Job") == []


def test_missing_name(cluster, write_chart):
    write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    result = cluster.helm("install ./app")
    assert result.stderr == (
        "Error: INSTALLATION FAILED: must either provide a name or specify --generate-name\n")


def test_existing_unowned_resource_blocks_install(cluster, write_chart, helm_version):
    cluster.apply(config_map("cfg"))
    write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    result = cluster.helm("install app ./app")
    prefix = ("unable to continue with install: " if helm_version >= 4 else
              "rendered manifests contain a resource that already exists. Unable to continue "
              "with install: ")
    assert result.stderr == (
        f"Error: INSTALLATION FAILED: {prefix}ConfigMap \"cfg\" in namespace \"default\" exists "
        "and cannot be imported into the current release: invalid ownership metadata; label "
        "validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"; "
        "annotation validation error: missing key \"meta.helm.sh/release-name\": must be set to "
        "\"app\"; annotation validation error: missing key \"meta.helm.sh/release-namespace\": "
        "must be set to \"default\"\n")


def test_unquoted_weight_is_rejected_by_the_apiserver_correction21(cluster, write_chart,
                                                                   helm_version):
    """Helm's sorter reads `helm.sh/hook-weight: 5` as 5, but the object then carries a number
    in `annotations`, which the 1.32 apiserver refuses to decode (client-side validation is
    skipped because the server does field validation)."""
    job = hook_job("migrate", "pre-install").replace(
        '"helm.sh/hook": pre-install', '"helm.sh/hook": pre-install\n    helm.sh/hook-weight: 5')
    write_chart("app", {"templates/j.yaml": job})
    result = cluster.helm("install app ./app")
    decode = ('Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number into '
              "Go struct field ObjectMeta.metadata.annotations of type string")
    if helm_version >= 4:
        inner = f"server-side apply failed for object default/migrate batch/v1, Kind=Job: {decode}"
    else:
        inner = f"1 error occurred:\n\t* {decode}\n\n"
    assert result.stderr == ("Error: INSTALLATION FAILED: failed pre-install: warning: Hook "
                             f"pre-install app/templates/j.yaml failed: {inner}\n")


def test_record_of_a_failed_install(cluster, write_chart):
    write_chart("app", {"templates/j.yaml": hook_job("migrate", "pre-install", script="exit 1")})
    record = cluster.helm("install app ./app").record
    assert (record.action, record.release, record.revision, record.status) == (
        "install", "app", 1, "failed")
    assert record.error.startswith("failed pre-install: ")
    (run,) = record.hooks
    assert (run.name, run.kind, run.event, run.weight, run.phase) == (
        "migrate", "Job", "pre-install", 0, "Failed")
    assert run.delete_policies == ["before-hook-creation"]
    assert run.started_at == 0.0 and run.finished_at > run.created_at >= run.started_at
    assert run.deleted_at is None


def test_capabilities_and_lookup_come_from_the_cluster(cluster, write_chart):
    cluster.apply(config_map("existing"))
    write_chart("app", {"templates/c.yaml": (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n"
        '  job: {{ .Capabilities.APIVersions.Has "batch/v1/Job" | quote }}\n'
        '  nope: {{ .Capabilities.APIVersions.Has "example.com/v1" | quote }}\n'
        '  seen: {{ (lookup "v1" "ConfigMap" .Release.Namespace "existing").data.k | quote }}\n'
        '  revision: {{ .Release.Revision | quote }}\n'
        '  upgrade: {{ .Release.IsUpgrade | quote }}\n')})
    assert cluster.helm("install app ./app").exit_code == 0
    assert cluster.api.get("ConfigMap", "cfg", "default")["data"] == {
        "job": "true", "nope": "false", "seen": "v", "revision": "1", "upgrade": "false"}
    assert cluster.helm("upgrade app ./app").exit_code == 0
    data = cluster.api.get("ConfigMap", "cfg", "default")["data"]
    assert (data["revision"], data["upgrade"]) == ("2", "true")


def test_take_ownership_and_labels(cluster, write_chart):
    cluster.apply(config_map("cfg"))
    write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    assert cluster.helm("install app ./app --take-ownership --labels team=blue").exit_code == 0
    owned = cluster.api.get("ConfigMap", "cfg", "default")["metadata"]
    assert owned["labels"]["app.kubernetes.io/managed-by"] == "Helm"
    secret = cluster.api.get("Secret", "sh.helm.release.v1.app.v1", "default")
    assert secret["metadata"]["labels"]["team"] == "blue"
    bad = cluster.helm("install other ./app --labels owner=me")
    assert bad.stderr == (
        "Error: INSTALLATION FAILED: user supplied labels contains system reserved label name. "
        "System labels: [name owner status version createdAt modifiedAt]\n")
