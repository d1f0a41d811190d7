"""helm upgrade and helm rollback: rows 4-8 of section 12 and corrections 1-3, 14, 15, 18, 20."""

from __future__ import annotations

import json

from tests.releases.helpers import config_map, hook_job, names
from tests.releases.test_install import job_failed


def history(cluster, name="app"):
    return [(r["revision"], r["status"], r["description"])
            for r in json.loads(cluster.helm(f"history {name} -o json").stdout)]


def two_versions(write_chart, upgrade_hook_script="echo migrating", extra=None):
    v1 = write_chart("v1/app", {"templates/cm.yaml": config_map("cfg")})
    files = {
        "templates/cm.yaml": config_map("cfg"),
        "templates/new.yaml": config_map("added-in-v2"),
        "templates/pre.yaml": hook_job("migrate", "pre-upgrade", script=upgrade_hook_script),
    }
    files.update(extra or {})
    v2 = write_chart("v2/app", files, version="0.2.0")
    return v1, v2


def test_upgrade_success(cluster, write_chart, helm_version):
    v1, v2 = two_versions(write_chart)
    assert cluster.helm(f"install app {v1}").exit_code == 0
    result = cluster.helm(f"upgrade app {v2}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('Release "app" has been upgraded. Happy Helming!\nNAME: app\n')
    assert "REVISION: 2\n" in result.stdout
    assert history(cluster) == [(1, "superseded", "Install complete"),
                                (2, "deployed", "Upgrade complete")]
    assert "added-in-v2" in names(cluster, "ConfigMap")


def test_pre_upgrade_failure_row4_and_correction1(cluster, write_chart, helm_version):
    v1, v2 = two_versions(write_chart, upgrade_hook_script="echo boom; exit 1")
    cluster.helm(f"install app {v1}")
    result = cluster.helm(f"upgrade app {v2}")
    assert result.exit_code == 1
    error = f"pre-upgrade hooks failed: {job_failed(helm_version, 'migrate')}"
    warn = ""
    if helm_version >= 4:
        quoted = json.dumps(error)  # Go %q of these texts equals JSON quoting
        warn = f'level=WARN msg="upgrade failed" name=app error={quoted}\n'
    assert result.stderr == f"{warn}Error: UPGRADE FAILED: {error}\n"
    # nothing rolled back: v1 stays deployed, v2 failed, resources unchanged
    assert history(cluster) == [(1, "deployed", "Install complete"),
                                (2, "failed", f'Upgrade "app" failed: {error}')]
    assert "added-in-v2" not in names(cluster, "ConfigMap")
    status = cluster.helm("status app").stdout
    assert "STATUS: failed\n" in status and "REVISION: 2\n" in status


def test_post_upgrade_failure_row5_and_correction2(cluster, write_chart, helm_version):
    v1 = write_chart("v1/app", {"templates/cm.yaml": config_map("cfg")})
    v2 = write_chart("v2/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/new.yaml": config_map("added-in-v2"),
        "templates/post.yaml": hook_job("cache-bust", "post-upgrade", script="exit 1"),
    })
    cluster.helm(f"install app {v1}")
    result = cluster.helm(f"upgrade app {v2}")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: UPGRADE FAILED: post-upgrade hooks failed: {job_failed(helm_version, 'cache-bust')}\n")
    assert [h[:2] for h in history(cluster)] == [(1, "deployed"), (2, "failed")]
    assert "added-in-v2" in names(cluster, "ConfigMap")  # the cluster runs v2 already


def test_atomic_upgrade_rolls_back_row6(cluster, write_chart, helm_version):
    v1 = write_chart("v1/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/rb.yaml": hook_job("v1-pre-rollback", "pre-rollback"),
    })
    v2 = write_chart("v2/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/pre.yaml": hook_job("migrate", "pre-upgrade", script="exit 1"),
        "templates/rb.yaml": hook_job("v2-pre-rollback", "pre-rollback"),
    })
    cluster.helm(f"install app {v1}")
    flag = "--rollback-on-failure" if helm_version >= 4 else "--atomic"
    result = cluster.helm(f"upgrade app {v2} {flag}")
    assert result.exit_code == 1
    word = "rollback-on-failure" if helm_version >= 4 else "atomic"
    error = f"pre-upgrade hooks failed: {job_failed(helm_version, 'migrate')}"
    assert result.stderr.endswith(
        f"Error: UPGRADE FAILED: release app failed, and has been rolled back due to {word} "
        f"being set: {error}\n")
    assert history(cluster) == [(1, "superseded", "Install complete"),
                                (2, "failed", f'Upgrade "app" failed: {error}'),
                                (3, "deployed", "Rollback to 1")]
    # the target revision's rollback hook ran (correction 18), not the new chart's
    assert "v1-pre-rollback" in names(cluster, "Job")
    assert "v2-pre-rollback" not in names(cluster, "Job")


def test_upgrade_runs_against_deployed_after_failure_and_pending_blocks(cluster, write_chart):
    v1, v2 = two_versions(write_chart, upgrade_hook_script="exit 1")
    cluster.helm(f"install app {v1}")
    cluster.helm(f"upgrade app {v2}")
    v3 = write_chart("v3/app", {"templates/cm.yaml": config_map("cfg")}, version="0.3.0")
    assert cluster.helm(f"upgrade app {v3}").exit_code == 0
    assert [h[:2] for h in history(cluster)] == [(1, "superseded"), (2, "failed"), (3, "deployed")]


def test_upgrade_install_after_failed_install_upgrades_correction20(cluster, write_chart,
                                                                   helm_version):
    chart = write_chart("app", {
        "templates/pi.yaml": hook_job("pre-inst", "pre-install", script="exit 1"),
        "templates/pu.yaml": hook_job("pre-upg", "pre-upgrade"),
    })
    first = cluster.helm(f"upgrade --install app {chart}")
    assert first.stdout == 'Release "app" does not exist. Installing it now.\n'
    # no INSTALLATION FAILED prefix when reached through upgrade --install
    assert first.stderr == f"Error: failed pre-install: {job_failed(helm_version, 'pre-inst')}\n"
    second = cluster.helm(f"upgrade --install app {chart}")
    assert second.exit_code == 0, second.stderr
    assert second.stdout.startswith('Release "app" has been upgraded.')
    assert [r.name for r in second.record.hooks] == ["pre-upg"]


def test_cleanup_on_fail_deletes_only_created_resources_correction14(cluster, write_chart):
    v1 = write_chart("v1/app", {"templates/cm.yaml": config_map("cfg")})
    v2 = write_chart("v2/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/new.yaml": config_map("added-in-v2"),
        "templates/post.yaml": hook_job("post", "post-upgrade", script="exit 1"),
    })
    cluster.helm(f"install app {v1}")
    assert cluster.helm(f"upgrade app {v2} --cleanup-on-fail").exit_code == 1
    assert "added-in-v2" not in names(cluster, "ConfigMap")
    assert "cfg" in names(cluster, "ConfigMap")
    assert names(cluster, "Job") == ["post"]  # hooks are never cleaned


def test_cleanup_on_fail_does_nothing_for_pre_upgrade_failures(cluster, write_chart):
    v1, v2 = two_versions(write_chart, upgrade_hook_script="exit 1")
    cluster.helm(f"install app {v1}")
    cluster.helm(f"upgrade app {v2} --cleanup-on-fail")
    assert names(cluster, "Job") == ["migrate"]


def test_default_policy_deletes_previous_run_on_next_upgrade_correction3(cluster, write_chart):
    chart = write_chart("app", {
        "templates/j.yaml": hook_job("migrate", "pre-install,pre-upgrade")})
    cluster.helm(f"install app {chart}")
    uid1 = cluster.api.get("Job", "migrate", "default")["metadata"]["uid"]
    result = cluster.helm(f"upgrade app {chart}")
    assert result.exit_code == 0
    uid2 = cluster.api.get("Job", "migrate", "default")["metadata"]["uid"]
    assert uid1 != uid2
    assert result.record.hooks[0].delete_policies == ["before-hook-creation"]


def test_pruning_and_resource_policy_keep(cluster, write_chart):
    v1 = write_chart("v1/app", {
        "templates/a.yaml": config_map("dropped"),
        "templates/b.yaml": config_map("kept", '  annotations:\n    "helm.sh/resource-policy": keep\n'),
        "templates/c.yaml": config_map("stays"),
    })
    v2 = write_chart("v2/app", {"templates/c.yaml": config_map("stays")})
    cluster.helm(f"install app {v1}")
    assert cluster.helm(f"upgrade app {v2}").exit_code == 0
    present = names(cluster, "ConfigMap")
    assert "dropped" not in present and "kept" in present and "stays" in present


def test_history_max_prunes_but_keeps_the_deployed(cluster, write_chart):
    chart = write_chart("app", {"templates/c.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    for _ in range(4):
        cluster.helm(f"upgrade app {chart} --history-max 3")
    assert [h[0] for h in history(cluster)] == [3, 4, 5]


def test_rollback_success_and_hooks_of_target(cluster, write_chart, helm_version):
    v1 = write_chart("v1/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/rb.yaml": hook_job("restore-v1", "pre-rollback,post-rollback"),
    })
    v2 = write_chart("v2/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/new.yaml": config_map("added-in-v2"),
        "templates/rb.yaml": hook_job("restore-v2", "pre-rollback"),
    })
    cluster.helm(f"install app {v1}")
    cluster.helm(f"upgrade app {v2}")
    result = cluster.helm("rollback app")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "Rollback was a success! Happy Helming!\n", "")
    assert [(r.name, r.event) for r in result.record.hooks] == [
        ("restore-v1", "pre-rollback"), ("restore-v1", "post-rollback")]
    assert history(cluster) == [(1, "superseded", "Install complete"),
                                (2, "superseded", "Upgrade complete"),
                                (3, "deployed", "Rollback to 1")]
    assert "added-in-v2" not in names(cluster, "ConfigMap")


def test_pre_rollback_failure_leaves_pending_rollback_row7_correction15(cluster, write_chart,
                                                                        helm_version):
    v1 = write_chart("v1/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/rb.yaml": hook_job("restore", "pre-rollback", script="exit 1"),
    })
    v2 = write_chart("v2/app", {"templates/cm.yaml": config_map("cfg"),
                                "templates/new.yaml": config_map("added-in-v2")})
    cluster.helm(f"install app {v1}")
    cluster.helm(f"upgrade app {v2}")
    result = cluster.helm("rollback app 1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {job_failed(helm_version, 'restore')}\n"
    assert history(cluster)[-1] == (3, "pending-rollback", "Rollback to 1")
    assert "added-in-v2" in names(cluster, "ConfigMap")  # A unchanged
    blocked = cluster.helm(f"upgrade app {v2}")
    assert blocked.stderr.endswith(
        "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n")
    # the stuck hook is stored as Running (its final phase never written)
    stored = json.loads(cluster.helm("status app -o json").stdout)
    phases = {h["name"]: h["last_run"]["phase"] for h in stored["hooks"]}
    assert phases["restore"] == "Running"


def test_post_rollback_failure_row8(cluster, write_chart, helm_version):
    v1 = write_chart("v1/app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/rb.yaml": hook_job("verify", "post-rollback", script="exit 1"),
    })
    v2 = write_chart("v2/app", {"templates/cm.yaml": config_map("cfg"),
                                "templates/new.yaml": config_map("added-in-v2")})
    cluster.helm(f"install app {v1}")
    cluster.helm(f"upgrade app {v2}")
    result = cluster.helm("rollback app 1")
    assert result.stderr == f"Error: {job_failed(helm_version, 'verify')}\n"
    assert [h[:2] for h in history(cluster)] == [(1, "superseded"), (2, "deployed"),
                                                 (3, "pending-rollback")]
    assert "added-in-v2" not in names(cluster, "ConfigMap")  # rolled back


def test_rollback_errors(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    assert cluster.helm("rollback nope").stderr == "Error: release: not found\n"
    cluster.helm(f"install app {chart}")
    assert cluster.helm("rollback app 7").stderr == "Error: release has no 7 version\n"
    assert cluster.helm("rollback app").stderr == "Error: release has no 0 version\n"
    assert cluster.helm("rollback app -1").exit_code == 1


def test_upgrade_without_release(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    assert cluster.helm(f"upgrade app {chart}").stderr == (
        'Error: UPGRADE FAILED: "app" has no deployed releases\n')


def test_reuse_values(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n"
        "  a: {{ .Values.a | quote }}\n  b: {{ .Values.b | quote }}\n")}, values="a: one\nb: two\n")
    cluster.helm(f"install app {chart} --set a=custom")
    cluster.helm(f"upgrade app {chart}")  # no values given: the last ones are reused
    assert cluster.api.get("ConfigMap", "cfg", "default")["data"] == {"a": "custom", "b": "two"}
    cluster.helm(f"upgrade app {chart} --set b=new")
    assert cluster.api.get("ConfigMap", "cfg", "default")["data"] == {"a": "one", "b": "new"}
    cluster.helm(f"upgrade app {chart} --set a=again --reuse-values")
    assert cluster.api.get("ConfigMap", "cfg", "default")["data"] == {"a": "again", "b": "new"}


def test_chart_errors_are_prefixed_only_by_install(cluster):
    assert cluster.helm("install app ./nope").stderr == (
        'Error: INSTALLATION FAILED: path "./nope" not found\n')
    assert cluster.helm("upgrade app ./nope").stderr == 'Error: path "./nope" not found\n'
    result = cluster.helm("upgrade --install app ./nope")
    assert (result.stdout, result.stderr) == (
        'Release "app" does not exist. Installing it now.\n', 'Error: path "./nope" not found\n')
