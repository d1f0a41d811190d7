"""Pattern 12 (exercises 1 and 2): schema init, migrate + validate, and idempotency."""

from __future__ import annotations

import pytest

from tests.seeds.kit import columns, history, names, new_cluster, ok, psql, start_postgres

CHART = "./schema-init"
MIGRATE = "my-app-my-agent-chart-migrate"
BASE = ["id", "name", "model_id", "status", "created_at", "updated_at"]
TWICE = "ERROR:  column \"embedding_model\" of relation \"agents\" already exists\n"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_init_migrate_validate_and_rerun(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    ok(c.helm(f"install my-app {CHART}"))
    assert columns(c, "agents") == BASE
    assert psql(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'agents' "
                   "ORDER BY 1") == ["agents_pkey", "idx_agents_created", "idx_agents_status"]
    assert names(c, "jobs") == []

    plain = "--set migration.ifNotExists=false"
    ok(c.helm(f"upgrade my-app {CHART} {plain}"))
    assert columns(c, "agents") == [*BASE, "embedding_model", "parameters"]
    # validate (hook-succeeded) is gone; migrate (before-hook-creation only) stays.
    assert names(c, "jobs") == [MIGRATE]
    assert ok(c.kubectl(f"logs job/{MIGRATE}")).stdout == "ALTER TABLE\nALTER TABLE\n"

    # Run twice without IF NOT EXISTS: both ALTERs fail, yet psql reading a here-doc without
    # ON_ERROR_STOP exits 0, so the hook and the upgrade "succeed".
    ok(c.helm(f"upgrade my-app {CHART} {plain}"))
    assert TWICE in c.kubectl(f"logs job/{MIGRATE}").stdout
    assert history(c, "my-app")[-1] == ("3", "deployed", "Upgrade complete")

    # With ON_ERROR_STOP the same rerun fails the upgrade.
    failed = c.helm(f"upgrade my-app {CHART} {plain} --set migration.onErrorStop=true")
    assert failed.exit_code == 1
    assert "Error: UPGRADE FAILED: pre-upgrade hooks failed: " in failed.stderr
    assert history(c, "my-app")[-1][:2] == ("4", "failed")

    # IF NOT EXISTS makes the rerun safe, even with ON_ERROR_STOP.
    ok(c.helm(f"upgrade my-app {CHART} --set migration.ifNotExists=true "
              "--set migration.onErrorStop=true"))
    assert TWICE not in c.kubectl(f"logs job/{MIGRATE}").stdout
    assert history(c, "my-app")[-1] == ("5", "deployed", "Upgrade complete")


def test_bare_upgrade_reuses_the_last_deployed_values():
    """`helm upgrade` with no values at all reuses the deployed revision's values."""
    c = new_cluster()
    ok(c.helm(f"install my-app {CHART} --set postgres.enabled=false "
              "--set migration.onErrorStop=true"))
    values = ok(c.helm("get values my-app")).stdout
    assert values == ("USER-SUPPLIED VALUES:\nmigration:\n  onErrorStop: true\npostgres:\n"
                      "  enabled: false\n")
    out = ok(c.helm(f"upgrade my-app {CHART} --dry-run")).stdout
    assert "psql -v ON_ERROR_STOP=1 <<EOF" in out


def test_alter_twice_and_here_doc_exit_code():
    c = new_cluster()
    start_postgres(c)
    script = ("psql -U agents -d agents <<EOF\nCREATE TABLE t2 (id int);\n"
              "ALTER TABLE t2 ADD COLUMN status VARCHAR(50);\n"
              "ALTER TABLE t2 ADD COLUMN status VARCHAR(50);\nEOF\necho exit=$?\n"
              "psql -U agents -d agents -c 'ALTER TABLE t2 ADD COLUMN IF NOT EXISTS status "
              "VARCHAR(50)'\necho exit=$?\n"
              "psql -U agents -d agents -v ON_ERROR_STOP=1 <<EOF\n"
              "ALTER TABLE t2 ADD COLUMN status VARCHAR(50);\nEOF\necho exit=$?\n")
    result = ok(c.kubectl(["exec", "postgres-0", "--", "sh", "-c", script]))
    assert result.stdout == ("CREATE TABLE\nALTER TABLE\nexit=0\nALTER TABLE\nexit=0\n"
                             "exit=3\n")
    assert result.stderr == (
        'ERROR:  column "status" of relation "t2" already exists\n'
        'NOTICE:  column "status" of relation "t2" already exists, skipping\n'
        'ERROR:  column "status" of relation "t2" already exists\n')


def test_sql_now_agrees_with_the_pods_clock():
    """The schema's `created_at TIMESTAMP DEFAULT NOW()` should read the same clock as `date`
    in the pods (the cluster's virtual clock): a learner compares the two."""
    c = new_cluster()
    start_postgres(c)
    pod_epoch = int(ok(c.kubectl("exec postgres-0 -- date +%s")).stdout)
    sql_epoch = int(psql(c, "SELECT extract(epoch FROM now())::bigint")[0])
    assert abs(sql_epoch - pod_epoch) < 60, (sql_epoch, pod_epoch)
