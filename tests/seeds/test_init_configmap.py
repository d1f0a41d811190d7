"""Pattern 3: a ConfigMap as a pre-install hook (ready at once) that a weight-0 Job mounts."""

from __future__ import annotations

import pytest

from tests.seeds.kit import names, new_cluster, ok, psql, start_postgres

CHART = "./init-configmap"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_configmap_hook_lifecycle(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    ok(c.helm(f"install my-app {CHART}"))
    # The Job (weight 0) found the ConfigMap (weight -5) and ran its SQL.
    assert psql(c, "SELECT name FROM app_users") == ["appuser"]
    # A non-Job hook has no completion: Helm created it and went on; with only
    # before-hook-creation it stays, while the Job (hook-succeeded) is gone.
    assert names(c, "configmaps") == ["kube-root-ca.crt", "my-app-app", "my-app-init-config"]
    assert names(c, "jobs") == []
    # Hooks are not part of the release manifest.
    manifest = ok(c.helm("get manifest my-app")).stdout
    assert "my-app-app" in manifest and "my-app-init-config" not in manifest
    assert "name: my-app-init-config" in ok(c.helm("get hooks my-app")).stdout

    # pre-install hooks do not run on upgrade: the hook keeps the first install's data.
    ok(c.helm(f"upgrade my-app {CHART} --set appUser=other"))
    data = ok(c.kubectl(["get", "cm", "my-app-init-config", "-o",
                       "jsonpath={.data.init\\.sql}"])).stdout
    assert "VALUES ('appuser')" in data
    assert ok(c.kubectl("get cm my-app-app -o jsonpath={.data.user}")).stdout == "other"

    ok(c.helm("uninstall my-app"))
    # Uninstall deletes the manifest's ConfigMap, never the hook.
    assert names(c, "configmaps") == ["kube-root-ca.crt", "my-app-init-config"]


def test_a_configmap_hook_is_ready_at_once():
    c = new_cluster()
    start = c.now()
    ok(c.helm(f"install my-app {CHART} --set initJob.enabled=false"))
    assert c.now() == start  # nothing to wait for: no Job or Pod among the hooks
    assert names(c, "configmaps") == ["kube-root-ca.crt", "my-app-app", "my-app-init-config"]


TUTORIAL_SQL = ("CREATE DATABASE IF NOT EXISTS myapp;\n"
                "CREATE USER IF NOT EXISTS 'appuser'@'%' IDENTIFIED BY 'password';\n"
                "GRANT ALL ON myapp.* TO 'appuser'@'%';\n")


def test_tutorial_init_sql_is_mysql_not_postgresql():
    c = new_cluster()
    start_postgres(c)
    one = c.kubectl(["exec", "postgres-0", "--", "psql", "-U", "agents", "-d", "agents",
                     "-c", TUTORIAL_SQL])
    assert one.exit_code == 1
    assert one.stderr == ('ERROR:  syntax error at or near "NOT"\n'
                          "LINE 1: CREATE DATABASE IF NOT EXISTS myapp;\n"
                          "                           ^\n"
                          "command terminated with exit code 1\n")
    # From a here-doc every statement fails, and psql still exits 0.
    doc = ok(c.kubectl(["exec", "postgres-0", "--", "sh", "-c",
                        f"psql -U agents -d agents <<'EOF'\n{TUTORIAL_SQL}EOF\necho exit=$?"]))
    assert doc.stdout == "exit=0\n"
    assert doc.stderr.count("ERROR:  syntax error") == 3
