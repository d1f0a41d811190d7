"""Pattern 2: a pre-delete pg_dump onto a PVC; the backup Job (no delete policy) and the kept
claim outlive the release, and a failing pre-delete hook stops the uninstall."""

from __future__ import annotations

import re

import pytest

from tests.seeds.kit import history, names, new_cluster, ok, psql, run_pod, start_postgres

CHART = "./pre-delete-backup"
JOB = "my-app-final-backup"


@pytest.mark.parametrize("helm_version", [4, 3])
def test_failed_backup_blocks_uninstall_then_backup_survives_it(helm_version):
    c = new_cluster(helm_version)
    start_postgres(c)
    psql(c, "CREATE TABLE agents (id int, name text); INSERT INTO agents VALUES (1, 'alpha')")
    ok(c.helm(f"install my-app {CHART}"))
    ok(c.helm(f"upgrade my-app {CHART} --set postgres.host=nowhere"))

    blocked = c.helm("uninstall my-app")
    assert blocked.exit_code == 1 and blocked.stdout == ""
    if helm_version == 4:
        assert blocked.stderr == (f"Error: resource Job/default/{JOB} not ready. status: Failed, "
                                  "message: Job Failed. failed: 1/1\n")
    else:
        assert blocked.stderr == (f"Error: 1 error occurred:\n\t* job {JOB} failed: "
                                  "BackoffLimitExceeded\n\n\n")
    # Nothing was deleted and the release is stuck in `uninstalling` (not "still deployed").
    assert history(c, "my-app") == [
        ("1", "superseded", "Install complete"),
        ("2", "uninstalling", "Deletion in progress (or silently failed)")]
    assert "my-app-settings" in names(c, "configmaps")
    logs = c.kubectl(f"logs job/{JOB}")
    assert logs.stdout == ('pg_dump: error: could not translate host name "nowhere" to '
                           "address: Name or service not known\n")

    assert ok(c.helm("rollback my-app 1")).stdout == "Rollback was a success! Happy Helming!\n"
    done = ok(c.helm("uninstall my-app"))
    assert done.stdout == ("These resources were kept due to the resource policy:\n"
                           "[PersistentVolumeClaim] my-app-backups\n\n"
                           'release "my-app" uninstalled\n')
    assert c.helm("history my-app").stderr == "Error: release: not found\n"
    assert "my-app-settings" not in names(c, "configmaps")
    # The hook Job survives the uninstall (no delete policy, and uninstall never deletes hooks).
    assert names(c, "jobs") == [JOB]
    assert c.kubectl(f"get job {JOB} -o jsonpath={{.status.succeeded}}").stdout == "1"
    written = re.fullmatch(r"backup written to (/backups/agents-(\d+)\.sql)\n",
                           ok(c.kubectl(f"logs job/{JOB}")).stdout)
    assert written, c.kubectl(f"logs job/{JOB}").stdout

    check = ok(run_pod(c, "read-backup", "busybox:1.36",
                       'for f in /backups/*; do [ -s "$f" ] && echo "$f has data" '
                       '|| echo "$f is empty"; done\ngrep -c alpha ' + written.group(1),
                       claim="my-app-backups", mount="/backups"))
    # The failed run left an empty file: the shell opens `> file` before pg_dump fails.
    lines = check.stdout.splitlines()
    assert len(lines) == 3 and lines[1:] == [f"{written.group(1)} has data", "1"]
    assert re.fullmatch(r"/backups/agents-\d+\.sql is empty", lines[0])
    assert lines[0] < lines[1]
