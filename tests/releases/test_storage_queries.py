"""Release storage (section 11) and the read-only commands: status, history, list, get."""

from __future__ import annotations

import base64
import gzip
import json

from tests.releases.helpers import config_map, hook_job


def stored_json(cluster, name="app", version=1):
    secret = cluster.api.get("Secret", f"sh.helm.release.v1.{name}.v{version}", "default")
    outer = base64.b64decode(secret["data"]["release"])  # the API's base64
    inner = base64.b64decode(outer)  # Helm's own base64
    assert inner[:3] == b"\x1f\x8b\x08"  # gzip
    return secret, json.loads(gzip.decompress(inner))


def test_secret_shape_and_double_encoding(cluster, write_chart, helm_version):
    chart = write_chart("app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/t.yaml": hook_job("smoke", "test"),
        "templates/j.yaml": hook_job("migrate", "pre-install", weight="-1"),
    })
    cluster.helm(f"install app {chart} --set a=1")
    secret, data = stored_json(cluster)
    assert secret["type"] == "helm.sh/release.v1"
    labels = secret["metadata"]["labels"]
    assert {k: labels[k] for k in ("name", "owner", "status", "version")} == {
        "name": "app", "owner": "helm", "status": "deployed", "version": "1"}
    assert "modifiedAt" in labels and "createdAt" not in labels  # rebuilt by the last Update
    assert data["name"] == "app" and data["version"] == 1 and data["namespace"] == "default"
    assert data["info"]["status"] == "deployed"
    assert data["info"]["description"] == "Install complete"
    assert data["config"] == {"a": 1}
    assert data["manifest"].startswith("---\n# Source: app/templates/cm.yaml\n")
    hooks = {h["name"]: h for h in data["hooks"]}
    assert hooks["migrate"]["weight"] == -1
    assert hooks["migrate"]["delete_policies"] == ["before-hook-creation"]  # defaulted, persisted
    assert hooks["migrate"]["last_run"]["phase"] == "Succeeded"
    assert "weight" not in hooks["smoke"]
    if helm_version >= 4:
        assert hooks["smoke"]["last_run"] == {"phase": ""}
        assert "deleted" not in data["info"]
        assert data["apply_method"] == "ssa"
    else:
        assert hooks["smoke"]["last_run"] == {"started_at": "", "completed_at": "", "phase": ""}
        assert data["info"]["deleted"] == ""
        assert "apply_method" not in data
    assert data["info"]["first_deployed"] == "2026-03-02T09:00:00Z"


def test_history_table_and_status_block(cluster, write_chart, helm_version):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    cluster.advance(3600)
    cluster.helm(f"upgrade app {chart} --description 'second try'")
    assert cluster.helm("history app").stdout == (
        "REVISION\tUPDATED                 \tSTATUS    \tCHART    \tAPP VERSION\tDESCRIPTION     \n"
        "1       \tMon Mar  2 09:00:00 2026\tsuperseded\tapp-0.1.0\t1.0.0      \tInstall complete\n"
        "2       \tMon Mar  2 10:00:00 2026\tdeployed  \tapp-0.1.0\t1.0.0      \tsecond try      \n")
    assert json.loads(cluster.helm("history app --max 1 -o json").stdout) == [
        {"revision": 2, "updated": "2026-03-02T10:00:00Z", "status": "deployed",
         "chart": "app-0.1.0", "app_version": "1.0.0", "description": "second try"}]
    status = cluster.helm("status app --revision 1").stdout
    head = ("NAME: app\nLAST DEPLOYED: Mon Mar  2 09:00:00 2026\nNAMESPACE: default\n"
            "STATUS: superseded\nREVISION: 1\n")
    if helm_version >= 4:
        # Helm 4 always shows the description and the live resources
        assert status == (head + "DESCRIPTION: Install complete\nRESOURCES:\n==> v1/ConfigMap\n"
                          "NAME   DATA   AGE\ncfg    1      60m\n\n\nTEST SUITE: None\n")
        assert cluster.helm("status app --show-desc").stderr == "Error: unknown flag: --show-desc\n"
    else:
        assert status == head + "TEST SUITE: None\n"
        assert "DESCRIPTION: second try\n" in cluster.helm("status app --show-desc").stdout
        assert "==> v1/ConfigMap\n" in cluster.helm("status app --show-resources").stdout


def test_list_filters_and_table(cluster, write_chart):
    good = write_chart("good", {"templates/cm.yaml": config_map("good-cfg")})
    bad = write_chart("bad", {"templates/j.yaml": hook_job("j", "pre-install", script="exit 1")})
    cluster.helm(f"install web {good}")
    cluster.helm(f"install broken {bad}")
    short = cluster.helm("list -q").stdout
    assert short == "broken\nweb\n"
    assert cluster.helm("list --failed -q").stdout == "broken\n"
    assert cluster.helm("list --deployed -q").stdout == "web\n"
    rows = json.loads(cluster.helm("list -o json").stdout)
    assert [(r["name"], r["status"], r["revision"]) for r in rows] == [
        ("broken", "failed", "1"), ("web", "deployed", "1")]
    assert cluster.helm("list -A -q").stdout == "broken\nweb\n"
    assert cluster.helm("list -n other -q").stdout == ""


def test_list_updated_is_go_time_string(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    out = cluster.helm("list").stdout.splitlines()
    assert out[0] == "NAME\tNAMESPACE\tREVISION\tUPDATED                      \tSTATUS  \tCHART    \tAPP VERSION"
    assert out[1] == "app \tdefault  \t1       \t2026-03-02 09:00:00 +0000 UTC\tdeployed\tapp-0.1.0\t1.0.0      "


def test_get_subcommands(cluster, write_chart, helm_version):
    chart = write_chart("app", {
        "templates/cm.yaml": config_map("cfg"),
        "templates/j.yaml": hook_job("migrate", "pre-install"),
        "templates/NOTES.txt": "hello {{ .Release.Name }}\n",
    }, values="replicas: 1\n")
    cluster.helm(f"install app {chart}")
    assert cluster.helm("get values app").stdout == "USER-SUPPLIED VALUES:\nnull\n"
    assert cluster.helm("get values app --all").stdout == "COMPUTED VALUES:\nreplicas: 1\n"
    cluster.helm(f"upgrade app {chart} --set replicas=3")
    assert cluster.helm("get values app").stdout == "USER-SUPPLIED VALUES:\nreplicas: 3\n"
    assert cluster.helm("get values app --revision 1 -o json").stdout == "null\n"
    manifest = cluster.helm("get manifest app").stdout
    # Helm 4 keeps each document's trailing newline, Helm 3 trims it; Println adds one more.
    tail = "\n\n\n" if helm_version >= 4 else "\n\n"
    assert manifest == ("---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\n"
                        "metadata:\n  name: cfg\ndata:\n  k: v" + tail)
    hooks = cluster.helm("get hooks app").stdout
    assert hooks.startswith("---\n# Source: app/templates/j.yaml\napiVersion: batch/v1\nkind: Job\n")
    assert cluster.helm("get notes app").stdout == "NOTES:\nhello app\n\n"
    metadata = cluster.helm("get metadata app").stdout
    assert metadata.startswith("NAME: app\nCHART: app\nVERSION: 0.1.0\nAPP_VERSION: 1.0.0\n")
    assert "REVISION: 2\nSTATUS: deployed\nDEPLOYED_AT: 2026-03-02T09:00:" in metadata
    everything = cluster.helm("get all app").stdout
    assert "USER-SUPPLIED VALUES:\nreplicas: 3\n\nCOMPUTED VALUES:\nreplicas: 3\n\nHOOKS:\n" in everything
    assert "MANIFEST:\n---\n# Source: app/templates/cm.yaml" in everything
    assert everything.endswith("NOTES:\nhello app\n")
    assert cluster.helm("get values nope").stderr == "Error: release: not found\n"


def test_status_json(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    data = json.loads(cluster.helm("status app -o json").stdout)
    assert data["info"]["status"] == "deployed" and data["version"] == 1


def test_release_survives_between_cluster_commands_via_secrets(cluster, write_chart):
    """The release lives only in the Secrets: a fresh storage view reads it back."""
    from minicluster.helm.storage import ReleaseStorage

    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    rel = ReleaseStorage(cluster, "default", cluster.helm_version).last("app")
    assert (rel.name, rel.version, rel.status, rel.chart_label) == ("app", 1, "deployed", "app-0.1.0")


def test_list_time_format(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    out = cluster.helm(["list", "--time-format", "2006-01-02 15:04:05Z0700"]).stdout
    assert out.splitlines()[1].split("\t")[3] == "2026-03-02 09:00:00Z"


def test_help_pages(cluster, helm_version):
    page = cluster.helm("install --help")
    assert page.exit_code == 0
    assert page.stdout.startswith("install a chart\n\nUsage:\n  helm install [NAME] [CHART] [flags]\n")
    assert ("--rollback-on-failure" in page.stdout) == (helm_version >= 4)
    assert "      --timeout duration " in page.stdout and "(default 5m0s)" in page.stdout
    assert cluster.helm("history -h").stdout.startswith("fetch release history\n")


def test_list_selector_matches_release_secret_labels(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("{{ .Release.Name }}-cfg")})
    cluster.helm(f"install blue {chart} --labels team=blue")
    cluster.helm(f"install red {chart} --labels team=red")
    assert cluster.helm("list -q -l team=blue").stdout == "blue\n"
    assert cluster.helm("list -q -l status=deployed,team!=blue").stdout == "red\n"


def test_get_all_template(cluster, write_chart):
    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg"),
                                "templates/j.yaml": hook_job("migrate", "pre-install")})
    cluster.helm(f"install app {chart}")
    template = ("{{.Release.Name}} {{.Release.Info.Status}} {{.Release.Version}} "
                "{{range .Release.Hooks}}{{.Name}}={{.LastRun.Phase}} {{end}}"
                "{{.Release.Info.LastDeployed}}")
    result = cluster.helm(["get", "all", "app", "--template", template])
    assert result.stdout == "app deployed 1 migrate=Succeeded 2026-03-02 09:00:00 +0000 UTC"
    broken = cluster.helm(["get", "all", "app", "--template", "{{.Release.Name"])
    assert broken.stderr == "Error: template: _:1: unclosed action\n"


def test_release_records_are_decoded_once_per_version_across_commands(
        cluster, write_chart, monkeypatch):
    import minicluster.helm.storage as storage

    chart = write_chart("app", {"templates/cm.yaml": config_map("cfg")})
    cluster.helm(f"install app {chart}")
    cluster.helm(f"upgrade app {chart}")
    decoded = []
    real = storage.release_from_json
    monkeypatch.setattr(storage, "release_from_json",
                        lambda *a, **k: decoded.append(1) or real(*a, **k))
    first = cluster.helm("history app").stdout
    assert cluster.helm("history app").stdout == first
    assert cluster.helm("status app").exit_code == 0
    assert len(decoded) <= 2  # each stored revision at most once, whichever command asks
    # A Secret edited by hand (new resourceVersion) is read again, not served from memory.
    secret = cluster.api.get("Secret", "sh.helm.release.v1.app.v2", "default")
    _, data = stored_json(cluster, version=2)
    data["info"]["description"] = "edited by hand"
    inner = base64.b64encode(gzip.compress(json.dumps(data).encode())).decode()
    secret["data"]["release"] = base64.b64encode(inner.encode()).decode()
    cluster.api.update(secret)
    assert "edited by hand" in cluster.helm("history app").stdout
