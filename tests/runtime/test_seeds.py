"""The shell scripts of the seed tutorials (/work/shared/seeds): every one parses, and the ones
that need only coreutils run with the output and timing a real cluster would show. Scripts
that need psql, redis-cli or curl wait for the services (tests/runtime/services/)."""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from helpers import run_container  # noqa: E402

from minicluster.runtime.shell.parser import parse  # noqa: E402

# Copied from the tutorials' Job specs (block scalars keep their final newline).
SEED_SCRIPTS = {
    "pre-install-psql": (
        "psql -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} <<EOF\n"
        "CREATE TABLE IF NOT EXISTS agents (\nid SERIAL PRIMARY KEY,\nname VARCHAR(255),\n"
        "created_at TIMESTAMP DEFAULT NOW()\n);\nEOF\n"
    ),
    "post-install-register": (
        "sleep 10 # Wait for service to stabilize\n"
        "curl -X POST http://service-registry:8080/register \\\n"
        "-H \"Content-Type: application/json\" \\\n"
        "-d '{\"name\":\"my-agent\",\"port\":8000}'\n"
    ),
    "pre-delete-pg-dump": (
        "pg_dump -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} \\\n"
        "> /backup/agents_backup_$(date +%s).sql\n"
    ),
    "post-rollback-health": (
        "for i in {1..10}; do\nif curl -f http://my-app:8000/health; then\n"
        "echo \"Rollback successful - service healthy\"\nexit 0\nfi\nsleep 5\ndone\n"
        "echo \"Rollback failed - service not responding\"\nexit 1\n"
    ),
    "test-smoke": (
        "# Test 1: Service responds\ncurl -f http://my-app:8000/health || exit 1\n"
        "# Test 2: Database is accessible\ncurl -f http://my-app:8000/api/agents || exit 1\n"
        "# Test 3: API returns expected format\n"
        "RESPONSE=$(curl -s http://my-app:8000/api/agents)\n"
        "echo \"$RESPONSE\" | grep -q '\"agents\"' || exit 1\necho \"All tests passed\"\n"
    ),
    "test-set-e": (
        "set -e\necho \"Testing API endpoint...\"\ncurl -f http://my-app:8000/health || exit 1\n"
        "echo \"Testing database connectivity...\"\ncurl -f http://my-app:8000/api/agents || exit 1\n"
        "echo \"All tests passed!\"\n"
    ),
    "validate-psql-c": (
        "# Check that migration columns exist\n"
        "psql -c \"SELECT embedding_model, parameters FROM agents LIMIT 1;\" || exit 1\n"
        "echo \"Migration validated successfully\"\n"
    ),
    "cache-bust": "redis-cli -h redis-cache -p 6379 FLUSHALL\necho \"Cache cleared\"\n",
    "final-backup": (
        "pg_dump $DATABASE_URL > /backups/final-$(date +%Y%m%d).sql\n"
        "aws s3 cp /backups/ s3://my-bucket/backups/ --recursive\n"
    ),
    "notify": (
        "curl -X POST \"$SLACK_WEBHOOK\" \\\n-H 'Content-type: application/json' \\\n"
        "-d '{\"text\":\"Release r v1.0 deployed to default\"}'\n"
    ),
    "intentional-failure": "echo \"This hook intentionally fails\"\nexit 1\n",
    "cleanup-test": "echo \"Working...\"\nsleep 5\necho \"Done\"\n",
    "step-1": 'echo "Step 1: Backing up data" && sleep 2',
    "step-2": 'echo "Step 2: Running migration" && sleep 2',
    "step-3": 'echo "Step 3: Verifying migration" && sleep 2',
}


@pytest.mark.parametrize("name", sorted(SEED_SCRIPTS))
def test_every_seed_script_parses(name: str) -> None:
    assert parse(SEED_SCRIPTS[name]).items


@pytest.mark.parametrize(
    ("name", "logs", "status", "seconds"),
    [
        ("step-1", [(0.0, "stdout", "Step 1: Backing up data")], 0, 2.0),
        ("step-2", [(0.0, "stdout", "Step 2: Running migration")], 0, 2.0),
        ("step-3", [(0.0, "stdout", "Step 3: Verifying migration")], 0, 2.0),
        ("intentional-failure", [(0.0, "stdout", "This hook intentionally fails")], 1, 0.0),
        ("cleanup-test", [(0.0, "stdout", "Working..."), (5.0, "stdout", "Done")], 0, 5.0),
    ],
)
def test_coreutils_only_seed_scripts_run(name: str, logs: list, status: int, seconds: float) -> None:
    command = ["sh", "-c", SEED_SCRIPTS[name]] if name.startswith("step") else ["/bin/sh", "-c", SEED_SCRIPTS[name]]
    result = run_container(command, "busybox:latest")
    lines = result.process.logs()  # type: ignore[attr-defined]
    assert [(line.time, line.stream, line.text) for line in lines] == logs
    assert (result.status, result.elapsed) == (status, seconds)


def test_brace_range_is_not_expanded_by_posix_shells() -> None:
    # {1..10} is bash-only: dash and ash loop once over the literal word. Without curl the
    # health check fails once, the loop sleeps 5 s, and the hook fails.
    result = run_container(["/bin/sh", "-c", SEED_SCRIPTS["post-rollback-health"]], "debian:12")
    assert result.stdout == "Rollback failed - service not responding\n"
    assert result.stderr == "/bin/sh: 2: curl: not found\n"
    assert (result.status, result.elapsed) == (1, 5.0)


def test_heredoc_reaches_a_missing_psql_and_date_in_redirect_target() -> None:
    result = run_container(["/bin/sh", "-c", SEED_SCRIPTS["pre-install-psql"]], "debian:12",
                           env={"DB_HOST": "db"})
    assert (result.stderr, result.status) == ("/bin/sh: 1: psql: not found\n", 127)
    result = run_container(["/bin/sh", "-c", SEED_SCRIPTS["pre-delete-pg-dump"]], "debian:12")
    assert result.stderr == "/bin/sh: 1: cannot create /backup/agents_backup_1772442000.sql: Directory nonexistent\n"
    assert result.status == 2
