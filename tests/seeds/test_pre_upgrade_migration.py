"""Pattern 1: a pre-upgrade backup (weight 0) and a migration (weight 5) gated by
.Values.migrations.enabled, whose command, backoffLimit and deadline come from values."""

from __future__ import annotations

import pytest
import yaml

from tests.seeds.kit import (
    history,
    names,
    new_cluster,
    ok,
    psql,
    start_postgres,
    status_block,
    without_time,
)

CHART = "./pre-upgrade-migration"
MIGRATE = "my-app-agent-app-migrate"


def _migrate_job(c, *flags: str) -> dict | None:
    out = ok(c.helm(["template", "my-app", CHART, *flags])).stdout
    jobs = [d for d in yaml.safe_load_all(out) if d and d["metadata"]["name"] == MIGRATE]
    return jobs[0] if jobs else None


def test_values_gate_and_defaults():
    c = new_cluster()
    job = _migrate_job(c)
    assert job["metadata"]["annotations"] == {
        "helm.sh/hook": "pre-upgrade", "helm.sh/hook-weight": "5",
        "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"}
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert (job["spec"]["backoffLimit"], job["spec"]["activeDeadlineSeconds"]) == (1, 120)
    assert _migrate_job(c, "--set", "migrations.enabled=false") is None
    # `default` treats 0 as empty: asking for no retries silently gives 3.
    zero = _migrate_job(c, "--set", "migrations.backoffLimit=0", "--set", "migrations.timeout=0")
    assert (zero["spec"]["backoffLimit"], zero["spec"]["activeDeadlineSeconds"]) == (3, 300)
    # toYaml | nindent 12 leaves "command: " with a trailing blank, as real Helm does.
    out = ok(c.helm(["template", "my-app", CHART, "--show-only",
                     "templates/migrate-job.yaml"])).stdout
    assert ("          command: \n            - python\n            - manage.py\n"
            "            - migrate\n            - --noinput\n") in out


@pytest.mark.parametrize("helm_version", [4, 3])
def test_upgrade_runs_backup_then_migration(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    installed = ok(c.helm(f"install my-app {CHART}"))
    assert without_time(installed.stdout) == status_block(
        "my-app", "deployed", 1, "Install complete", helm_version)
    # Pre-upgrade hooks do not run on install.
    assert names(c, "jobs") == []
    assert psql(c, "SELECT to_regclass('django_migrations') IS NULL") == ["t"]

    upgraded = ok(c.helm(f"upgrade my-app {CHART} --set image.tag=v2"))
    assert without_time(upgraded.stdout) == (
        'Release "my-app" has been upgraded. Happy Helming!\n'
        + status_block("my-app", "deployed", 2, "Upgrade complete", helm_version))
    assert upgraded.stderr == ""
    # The backup (weight 0) saw no migration table yet: it ran before the migration (weight 5).
    assert psql(c, "SELECT revision, migrated FROM backup_log") == ["2|0"]
    assert psql(c, "SELECT name FROM django_migrations ORDER BY id") == [
        "0001_initial", "0002_agent_status"]
    # hook-succeeded: both Jobs are gone once the whole pre-upgrade phase succeeded.
    assert names(c, "jobs") == []
    assert history(c, "my-app") == [("1", "superseded", "Install complete"),
                                     ("2", "deployed", "Upgrade complete")]


@pytest.mark.parametrize("helm_version", [4, 3])
def test_failed_migration_blocks_upgrade_then_rollback_and_uninstall(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    ok(c.helm(f"install my-app {CHART}"))
    failed = c.helm(["upgrade", "my-app", CHART, "--set-json",
                     'migrations.command=["sh","-c","echo migrating; exit 3"]',
                     "--set", "migrations.backoffLimit=0"])
    assert failed.exit_code == 1
    assert failed.stdout == ""
    # backoffLimit 0 became 3 through `default`: 4 failed pods.
    if helm_version == 4:
        error = (f"pre-upgrade hooks failed: resource Job/default/{MIGRATE} not ready. "
                 "status: Failed, message: Job Failed. failed: 4/1")
        assert failed.stderr == (
            f'level=WARN msg="upgrade failed" name=my-app error="{error}"\n'
            f"Error: UPGRADE FAILED: {error}\n")
    else:
        error = ("pre-upgrade hooks failed: 1 error occurred:\n"
                 f"\t* job {MIGRATE} failed: BackoffLimitExceeded\n\n")
        assert failed.stderr == f"Error: UPGRADE FAILED: {error}\n"
    rows = history(c, "my-app")
    assert rows[0] == ("1", "deployed", "Install complete")
    assert rows[1][:2] == ("2", "failed")
    assert rows[1][2].startswith('Upgrade "my-app" failed: pre-upgrade hooks failed: ')
    # The succeeded backup was cleaned up when the later hook failed; the failed one stays.
    assert names(c, "jobs") == [MIGRATE]
    assert len(names(c, f"pods -l job-name={MIGRATE}")) == 4
    # The tutorial's `kubectl get jobs -l app.kubernetes.io/instance=...` finds this hook only
    # because the chart labels it itself; Helm labels no hook.
    assert names(c, "jobs -l app.kubernetes.io/instance=my-app") == [MIGRATE]
    logs = c.kubectl(f"logs job/{MIGRATE}")
    assert logs.stdout == "migrating\n"
    assert logs.stderr.startswith("Found 4 pods, using pod/my-app-agent-app-migrate-")

    assert ok(c.helm("rollback my-app 1")).stdout == "Rollback was a success! Happy Helming!\n"
    assert [r[:2] for r in history(c, "my-app")] == [
        ("1", "superseded"), ("2", "failed"), ("3", "deployed")]
    assert history(c, "my-app")[2][2] == "Rollback to 1"

    assert ok(c.helm("uninstall my-app")).stdout == 'release "my-app" uninstalled\n'
    # Uninstall never deletes hooks.
    assert names(c, "jobs") == [MIGRATE]
