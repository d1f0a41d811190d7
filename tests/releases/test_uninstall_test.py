"""helm uninstall and helm test: rows 9-12 of section 12 and corrections 12, 13, 16."""

from __future__ import annotations

import json

from tests.releases.helpers import config_map, hook_job, names
from tests.releases.test_install import job_failed


def smoke_pod(name: str, script: str, policy: str | None = None) -> str:
    extra = f'\n    "helm.sh/hook-delete-policy": {policy}' if policy else ""
    return (f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  annotations:\n"
            f'    "helm.sh/hook": test{extra}\nspec:\n  restartPolicy: Never\n  containers:\n'
            f"  - name: check\n    image: busybox\n    command: [\"sh\", \"-c\", \"{script}\"]\n")


def pod_failed(helm_version: int, name: str) -> str:
    if helm_version >= 4:
        return (f"resource Pod/default/{name} not ready. status: Failed, message: pod {name} "
                "failed")
    return f"1 error occurred:\n\t* pod {name} failed\n\n"


def test_uninstall_deletes_manifest_not_hooks(cluster, write_chart, helm_version):
    chart = write_chart("app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/j.yaml": hook_job("migrate", "pre-install"),
        "templates/pd.yaml": hook_job("backup", "pre-delete"),
    })
    cluster.helm(f"install app {chart}")
    result = cluster.helm("uninstall app")
    assert (result.exit_code, result.stdout, result.stderr) == (0, 'release "app" uninstalled\n', "")
    assert "cfg" not in names(cluster, "ConfigMap")
    assert names(cluster, "Job") == ["backup", "migrate"]  # hook objects are orphaned
    assert cluster.helm("status app").stderr == "Error: release: not found\n"


def test_keep_history_and_already_deleted(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    assert cluster.helm("uninstall app --keep-history").exit_code == 0
    rows = json.loads(cluster.helm("history app -o json").stdout)
    assert [(r["status"], r["description"]) for r in rows] == [
        ("uninstalled", "Uninstallation complete")]
    assert cluster.helm("list").stdout == (
        "NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n")
    assert "uninstalled" in cluster.helm("list --uninstalled").stdout
    again = cluster.helm("uninstall app --keep-history")
    assert again.stderr == 'Error: the release named "app" is already deleted\n'
    assert cluster.helm("uninstall app").exit_code == 0  # purges the kept history
    assert cluster.helm("history app").exit_code == 1


def test_pre_delete_failure_row9_correction16(cluster, write_chart, helm_version):
    chart = write_chart("app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/pd.yaml": hook_job("backup", "pre-delete", script="exit 1"),
    })
    cluster.helm(f"install app {chart}")
    result = cluster.helm("uninstall app")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {job_failed(helm_version, 'backup')}\n"
    assert "cfg" in names(cluster, "ConfigMap")  # nothing deleted
    rows = json.loads(cluster.helm("history app -o json").stdout)
    assert [(r["status"], r["description"]) for r in rows] == [
        ("uninstalling", "Deletion in progress (or silently failed)")]
    # --no-hooks gets past it
    assert cluster.helm("uninstall app --no-hooks").exit_code == 0
    assert "cfg" not in names(cluster, "ConfigMap")


def test_post_delete_failure_row10(cluster, write_chart, helm_version):
    chart = write_chart("app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/pd.yaml": hook_job("notify", "post-delete", script="exit 1"),
    })
    cluster.helm(f"install app {chart}")
    result = cluster.helm("uninstall app")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: uninstallation completed with 1 error(s): {job_failed(helm_version, 'notify')}\n")
    assert "cfg" not in names(cluster, "ConfigMap")
    assert cluster.helm("history app").exit_code == 1  # purged
    assert names(cluster, "Job") == ["notify"]


def test_uninstall_keeps_resource_policy_keep(cluster, write_chart):
    chart = write_chart("app", {
        "templates/a.yaml": config_map("kept", '  annotations:\n    "helm.sh/resource-policy": keep\n'),
        "templates/b.yaml": config_map("gone"),
    })
    cluster.helm(f"install app {chart}")
    result = cluster.helm("uninstall app")
    assert result.stdout == ("These resources were kept due to the resource policy:\n"
                             "[ConfigMap] kept\n\nrelease \"app\" uninstalled\n")
    assert "kept" in names(cluster, "ConfigMap") and "gone" not in names(cluster, "ConfigMap")


def test_uninstall_missing_release(cluster):
    assert cluster.helm("uninstall nope").stderr == (
        "Error: uninstall: Release not loaded: nope: release: not found\n")


def test_helm_test_success_and_status_test_suite(cluster, write_chart, helm_version):
    chart = write_chart("app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/t.yaml": smoke_pod("app-smoke", "echo all good"),
        "templates/NOTES.txt": "notes here\n",
    })
    cluster.helm(f"install app {chart}")
    before = cluster.helm("status app").stdout
    assert "TEST SUITE" not in before  # test hooks exist but never ran: nothing printed
    result = cluster.helm("test app --logs")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[:4] == ["NAME: app", "LAST DEPLOYED: Mon Mar  2 09:00:00 2026",
                         "NAMESPACE: default", "STATUS: deployed"]
    assert "TEST SUITE:     app-smoke\n" in result.stdout
    assert "Phase:          Succeeded\n" in result.stdout
    header = "POD LOGS: app-smoke (check)" if helm_version >= 4 else "POD LOGS: app-smoke"
    assert result.stdout.endswith(f"\n{header}\nall good\n\n")
    assert ("NOTES:" in result.stdout) == (helm_version < 4)
    status = cluster.helm("status app").stdout
    assert "TEST SUITE:     app-smoke\nLast Started:   " in status
    assert "STATUS: deployed" in status


def test_helm_test_failure_row11(cluster, write_chart, helm_version):
    chart = write_chart("app", {"templates/t.yaml": smoke_pod("app-smoke", "exit 1")})
    cluster.helm(f"install app {chart}")
    result = cluster.helm("test app")
    assert result.exit_code == 1
    assert "Phase:          Failed\n" in result.stdout
    assert result.stderr == f"Error: {pod_failed(helm_version, 'app-smoke')}\n"
    assert names(cluster, "Pod") == ["app-smoke"]  # kept (no hook-failed)
    status = cluster.helm("status app").stdout
    assert "STATUS: deployed" in status  # test never changes the release status


def test_logs_versus_delete_policy_correction12(cluster, write_chart, helm_version):
    chart = write_chart("app", {"templates/t.yaml": smoke_pod("app-smoke", "echo hi",
                                                             policy="hook-succeeded")})
    cluster.helm(f"install app {chart}")
    result = cluster.helm("test app --logs")
    if helm_version >= 4:
        assert result.exit_code == 0
        assert "POD LOGS: app-smoke (check)\nhi\n" in result.stdout
    else:
        assert result.exit_code == 1
        assert result.stderr == ('Error: unable to get pod logs for app-smoke: '
                                 'pods "app-smoke" not found\n')
    assert names(cluster, "Pod") == []


def test_helm_test_runs_against_latest_revision_correction13(cluster, write_chart):
    v1 = write_chart("v1/app", {"templates/t.yaml": smoke_pod("smoke-v1", "echo v1")})
    v2 = write_chart("v2/app", {
        "templates/t.yaml": smoke_pod("smoke-v2", "echo v2"),
        "templates/pre.yaml": hook_job("migrate", "pre-upgrade", script="exit 1"),
    })
    cluster.helm(f"install app {v1}")
    cluster.helm(f"upgrade app {v2}")  # fails: revision 2 is `failed`
    result = cluster.helm("test app")
    assert result.exit_code == 0
    assert "TEST SUITE:     smoke-v2\n" in result.stdout
    assert "STATUS: failed\n" in result.stdout


def test_filters(cluster, write_chart):
    chart = write_chart("app", {
        "templates/a.yaml": smoke_pod("t-a", "echo a"),
        "templates/b.yaml": smoke_pod("t-b", "echo b"),
    })
    cluster.helm(f"install app {chart}")
    result = cluster.helm("test app --filter name=t-b")
    assert [r.name for r in result.record.hooks] == ["t-b"]
    result = cluster.helm("test app --filter '!name=t-b'")
    assert [r.name for r in result.record.hooks] == ["t-a"]
