"""The seed tutorials' scripts, as written, in Jobs of a whole cluster (SandboxRuntime on the
virtual clock): PostgreSQL, Redis, the service registry, the demo app and its probes."""

from __future__ import annotations

import pytest

from minicluster.runtime.services import webhook_sink

from .cluster_fixtures import APP, DB_ENV, PG_ENV, PLATFORM, pod_ready, run_job, without_meter
from .helpers import make_cluster

SCHEMA_INIT = """psql -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} <<EOF
CREATE TABLE IF NOT EXISTS agents (
id SERIAL PRIMARY KEY,
name VARCHAR(255),
created_at TIMESTAMP DEFAULT NOW()
);
EOF
"""
MIGRATE_V2 = """psql -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} <<EOF
ALTER TABLE agents ADD COLUMN status VARCHAR(50) DEFAULT 'active';
CREATE INDEX idx_agents_status ON agents(status);
EOF
"""
EXERCISE_1 = """psql <<EOF
CREATE TABLE IF NOT EXISTS agents (
id SERIAL PRIMARY KEY,
name VARCHAR(255) NOT NULL,
model_id VARCHAR(50),
status VARCHAR(50) DEFAULT 'initialized',
created_at TIMESTAMP DEFAULT NOW(),
updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_agents_status ON agents(status);
CREATE INDEX IF NOT EXISTS idx_agents_created ON agents(created_at);
EOF
"""
EXERCISE_2_MIGRATE = """psql <<EOF
ALTER TABLE agents ADD COLUMN IF NOT EXISTS embedding_model VARCHAR(100);
ALTER TABLE agents ADD COLUMN IF NOT EXISTS parameters JSONB DEFAULT '{}';
EOF
"""
EXERCISE_2_VALIDATE = """# Check that migration columns exist
psql -c "SELECT embedding_model, parameters FROM agents LIMIT 1;" || exit 1
echo "Migration validated successfully"
"""
REGISTER = """sleep 10 # Wait for service to stabilize
curl -X POST http://service-registry:8080/register \\
-H "Content-Type: application/json" \\
-d '{"name":"my-agent","port":8000}'
"""
SMOKE = """# Test 1: Service responds
curl -f http://my-app:8000/health || exit 1
# Test 2: Database is accessible
curl -f http://my-app:8000/api/agents || exit 1
# Test 3: API returns expected format
RESPONSE=$(curl -s http://my-app:8000/api/agents)
echo "$RESPONSE" | grep -q '"agents"' || exit 1
echo "All tests passed"
"""
VERIFY_ROLLBACK = """for i in {1..10}; do
if curl -f http://my-app:8000/health; then
echo "Rollback successful - service healthy"
exit 0
fi
sleep 5
done
echo "Rollback failed - service not responding"
exit 1
"""
NOTIFY = """curl -X POST "$SLACK_WEBHOOK" \\
-H 'Content-type: application/json' \\
-d '{"text":"Release demo v1.0.0 deployed to default"}'
"""


@pytest.fixture()
def cluster():  # type: ignore[no-untyped-def]
    c = make_cluster()
    c.apply(PLATFORM)
    c.advance(30)
    assert pod_ready(c, "app=postgres")
    return c


def test_schema_init_migration_and_validation(cluster) -> None:  # type: ignore[no-untyped-def]
    assert run_job(cluster, "db-schema-init", "postgres:15", SCHEMA_INIT, DB_ENV) == (
        "Complete", "CREATE TABLE\n")
    # Re-running the idempotent init: the NOTICE goes to stderr, the status stays 0.
    state, logs = run_job(cluster, "db-schema-init-2", "postgres:15", SCHEMA_INIT, DB_ENV)
    assert (state, logs) == ("Complete", 'NOTICE:  relation "agents" already exists, skipping\n'
                                         "CREATE TABLE\n")
    assert run_job(cluster, "db-migrate-v2", "postgres:15", MIGRATE_V2, DB_ENV) == (
        "Complete", "ALTER TABLE\nCREATE INDEX\n")
    # Not idempotent: the second run prints errors yet exits 0 (no ON_ERROR_STOP), as psql does.
    state, logs = run_job(cluster, "db-migrate-v2-again", "postgres:15", MIGRATE_V2, DB_ENV)
    assert state == "Complete"
    assert logs == ('ERROR:  column "status" of relation "agents" already exists\n'
                    'ERROR:  relation "idx_agents_status" already exists\n')
    stop = MIGRATE_V2.replace("psql -h", "psql -v ON_ERROR_STOP=1 -h")
    state, logs = run_job(cluster, "db-migrate-stop", "postgres:15", stop, DB_ENV)
    assert (state, logs) == ("Failed",
                             'ERROR:  column "status" of relation "agents" already exists\n')
    assert run_job(cluster, "migrate-ex2", "postgres:15", EXERCISE_2_MIGRATE, PG_ENV) == (
        "Complete", "ALTER TABLE\nALTER TABLE\n")
    assert run_job(cluster, "validate-ex2", "postgres:15", EXERCISE_2_VALIDATE, PG_ENV) == (
        "Complete", " embedding_model | parameters \n-----------------+------------\n(0 rows)\n\n"
                    "Migration validated successfully\n")
    tables = cluster.kubectl(["exec", "postgres-0", "--", "psql", "-U", "app", "-d", "agents",
                              "-c", "\\dt"])
    assert (tables.stdout, tables.exit_code) == (
        "         List of tables\n Schema |  Name  | Type  | Owner \n"
        "--------+--------+-------+-------\n public | agents | table | app\n(1 row)\n\n", 0)
    # Without -U, psql connects as the exec's OS user (root), a role the image never created.
    bare = cluster.kubectl(["exec", "postgres-0", "--", "psql", "-c", "\\dt"])
    assert (bare.stderr, bare.exit_code) == (
        'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" '
        'failed: FATAL:  role "root" does not exist\ncommand terminated with exit code 2\n', 2)


def test_exercise_one_and_validation_failure(cluster) -> None:  # type: ignore[no-untyped-def]
    assert run_job(cluster, "db-init", "postgres:15", EXERCISE_1, PG_ENV) == (
        "Complete", "CREATE TABLE\nCREATE INDEX\nCREATE INDEX\n")
    state, logs = run_job(cluster, "validate", "postgres:15", EXERCISE_2_VALIDATE, PG_ENV)
    assert state == "Failed"
    assert logs == ('ERROR:  column "embedding_model" does not exist\n'
                    "LINE 1: SELECT embedding_model, parameters FROM agents LIMIT 1;\n"
                    "               ^\n")


def test_wrong_password_and_unknown_host(cluster) -> None:  # type: ignore[no-untyped-def]
    env = [e for e in PG_ENV if e["name"] != "PGPASSWORD"] + [
        {"name": "PGPASSWORD", "value": "wrong"}]
    state, logs = run_job(cluster, "bad-pw", "postgres:15", "psql -c 'select 1'", env)
    assert state == "Failed"
    ip = cluster.api.get("Service", "postgres")["spec"]["clusterIP"]
    assert logs == (f'psql: error: connection to server at "postgres" ({ip}), port 5432 '
                    'failed: FATAL:  password authentication failed for user "app"\n')
    state, logs = run_job(cluster, "bad-host", "postgres:15",
                          "psql -h postgress -U app -c 'select 1'; echo status=$?", PG_ENV)
    assert logs == ('psql: error: could not translate host name "postgress" to address: '
                    "Name or service not known\nstatus=2\n")


def test_pg_dump_seed_fails_without_its_volume_mount(cluster) -> None:  # type: ignore[no-untyped-def]
    run_job(cluster, "init", "postgres:15", SCHEMA_INIT, DB_ENV)
    script = ("pg_dump -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} \\\n"
              "> /backup/agents_backup_$(date +%s).sql\n")
    state, logs = run_job(cluster, "export-data", "postgres:15", script, DB_ENV)
    # The seed declares the PVC volume but never mounts it: /backup does not exist.
    assert state == "Failed"
    assert "cannot create /backup/agents_backup_" in logs
    ok = ("mkdir -p /backup && pg_dump -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} "
          "> /backup/b.sql && grep -E '^(CREATE TABLE|ALTER TABLE ONLY|-- Name: agents;)' "
          "/backup/b.sql")
    state, logs = run_job(cluster, "export-ok", "postgres:15", ok, DB_ENV)
    assert state == "Complete"
    assert logs.splitlines()[:2] == ["-- Name: agents; Type: TABLE; Schema: public; Owner: app",
                                     "CREATE TABLE public.agents ("]


def test_redis_cache_bust(cluster) -> None:  # type: ignore[no-untyped-def]
    assert pod_ready(cluster, "app=redis")
    state, logs = run_job(cluster, "invalidate-cache", "redis:7",
                          ["redis-cli", "-h", "redis-cache", "FLUSHALL"])
    assert (state, logs) == ("Complete", "OK\n")
    script = ("redis-cli -h redis-cache -p 6379 SET k v; redis-cli -h redis-cache GET k; "
              "redis-cli -h redis-cache GET missing; redis-cli -h redis-cache KEYS '*'; "
              "redis-cli -h redis-cache DEL k; redis-cli -h redis-cache PING; "
              "redis-cli -h redis-cache -p 6379 FLUSHALL\necho \"Cache cleared\"")
    assert run_job(cluster, "cache-bust", "redis:7", script) == (
        "Complete", "OK\nv\n\nk\n1\nPONG\nOK\nCache cleared\n")
    state, logs = run_job(cluster, "cache-miss", "redis:7",
                          ["redis-cli", "-h", "redis", "FLUSHALL"])
    assert (state, logs) == ("Failed",
                             "Could not connect to Redis at redis:6379: Name or service not known\n")


def test_service_registry_register_and_cleanup(cluster) -> None:  # type: ignore[no-untyped-def]
    state, logs = run_job(cluster, "register-service", "curl:latest", REGISTER)
    assert state == "Complete"
    lines = logs.splitlines()
    # curl's meter goes to stderr: a pod's stdout is not a terminal.
    assert lines[0].startswith("  % Total    % Received % Xferd")
    assert lines[2] == '{"registered": "my-agent"}'
    assert lines[3].startswith("100    27  100    27")
    state, logs = run_job(cluster, "cleanup-registry", "curl:latest",
                          "curl -s -X DELETE http://service-registry:8080/agents/my-app; "
                          "curl -fsS -X DELETE http://service-registry:8080/agents/my-agent")
    assert (state, logs) == ("Complete", '{"error": "agent my-app not found"}\n'
                                         '{"deregistered": "my-agent"}\n')
    names = ("service-registry", "service-registry.default", "service-registry.default.svc",
             "service-registry.default.svc.cluster.local")
    script = "; ".join(f"curl -s http://{name}:8080/health" for name in names)
    state, logs = run_job(cluster, "dns-forms", "curlimages/curl:latest", script)
    assert (state, logs) == ("Complete", '{"status": "ok"}\n' * 4)


def test_app_v1_smoke_test_and_rollback_check(cluster) -> None:  # type: ignore[no-untyped-def]
    run_job(cluster, "migrate", "my-app:1.0.0", ["python", "manage.py", "migrate"],
            [{"name": "DATABASE_URL", "valueFrom": {"secretKeyRef": {"name": "db-secret",
                                                                    "key": "url"}}}])
    cluster.apply(APP % {"tag": "1.0.0"})
    cluster.advance(30)
    assert pod_ready(cluster, "app=my-app")
    state, logs = run_job(cluster, "smoke-test", "curlimages/curl:latest", SMOKE)
    assert (state, without_meter(logs)) == (
        "Complete", '{"status": "ok", "version": "v1"}\n{"agents": []}\nAll tests passed\n')
    state, logs = run_job(cluster, "verify-rollback", "curl:latest", VERIFY_ROLLBACK)
    assert (state, without_meter(logs)) == (
        "Complete", '{"status": "ok", "version": "v1"}\nRollback successful - service healthy\n')


def test_app_v2_needs_its_migration(cluster) -> None:  # type: ignore[no-untyped-def]
    env = [{"name": "DATABASE_URL", "valueFrom": {"secretKeyRef": {"name": "db-secret",
                                                                  "key": "url"}}}]
    state, logs = run_job(cluster, "migrate-v1", "my-app:1.0.0",
                          ["python", "manage.py", "migrate"], env)
    assert (state, logs) == ("Complete", "Operations to perform:\n  Apply all migrations: "
                             "agents\nRunning migrations:\n  Applying agents.0001_initial... OK\n")
    cluster.apply(APP % {"tag": "2.0.0"})
    cluster.advance(40)
    assert not pod_ready(cluster, "app=my-app")  # /health answers 500: no status column
    state, logs = run_job(cluster, "smoke", "curlimages/curl:latest",
                          "curl -fsS http://my-app:8000/health; echo status=$?")
    assert logs == ("curl: (7) Failed to connect to my-app port 8000 after 0 ms: Could not "
                    "connect to server\nstatus=7\n")
    state, logs = run_job(cluster, "migrate-v2", "my-app:2.0.0",
                          ["python", "manage.py", "migrate", "--noinput"], env)
    assert logs.endswith("  Applying agents.0002_agent_status... OK\n")
    state, logs = run_job(cluster, "migrate-v2-again", "my-app:2.0.0",
                          ["python", "manage.py", "migrate"], env)
    assert logs.endswith("Running migrations:\n  No migrations to apply.\n")
    cluster.advance(20)
    assert pod_ready(cluster, "app=my-app")


def test_notification_reaches_the_webhook_sink(cluster) -> None:  # type: ignore[no-untyped-def]
    env = [{"name": "SLACK_WEBHOOK", "value": "https://hooks.slack.com/services/T0/B0/XYZ"}]
    state, logs = run_job(cluster, "notify", "curlimages/curl:latest", NOTIFY, env)
    assert (state, without_meter(logs)) == ("Complete", "ok\n")
    requests = webhook_sink(cluster.runtime).requests
    assert [(r.method, r.url, r.json()) for r in requests] == [
        ("POST", "https://hooks.slack.com/services/T0/B0/XYZ",
         {"text": "Release demo v1.0.0 deployed to default"})]
    state, logs = run_job(cluster, "notify-bad", "curlimages/curl:latest",
                          "curl -sS -X POST https://hooks.slack.invalid/x; echo status=$?")
    assert logs == "curl: (6) Could not resolve host: hooks.slack.invalid\nstatus=6\n"


def test_seed_final_backup_with_backup_tool(cluster) -> None:  # type: ignore[no-untyped-def]
    env = [{"name": "DATABASE_URL", "valueFrom": {"secretKeyRef": {"name": "db-secret",
                                                                  "key": "url"}}}]
    script = ("pg_dump $DATABASE_URL > /backups/final-$(date +%Y%m%d).sql\n"
              "aws s3 cp /backups/ s3://my-bucket/backups/ --recursive\n")
    state, logs = run_job(cluster, "final-backup", "backup-tool:latest", script, env)
    # As written it cannot work: /backups is not mounted and the image has no aws CLI.
    assert state == "Failed"
    lines = logs.splitlines()
    assert lines[0].startswith("/bin/sh: 1: cannot create /backups/final-")
    assert lines[1] == "/bin/sh: 2: aws: not found"
    fixed = "mkdir -p /backups && pg_dump $DATABASE_URL > /backups/f.sql && wc -l < /backups/f.sql"
    state, logs = run_job(cluster, "final-backup-fixed", "backup-tool:latest", fixed, env)
    assert state == "Complete" and int(logs) > 10
