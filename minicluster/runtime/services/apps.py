"""The demo applications the course's charts deploy.

- agent-api (v1, v2): a Django-style web app on port 8000 (PORT). `/health` and
  `/api/agents` read the `agents` table of its Postgres (DATABASE_URL or PG* variables); v2
  selects the `status` column, so before its migration `/health` answers 500 and a readiness
  probe on it fails. `python manage.py migrate` applies the image's migrations once each,
  recording them in `django_migrations` as Django does.
- service-registry: an in-memory registry on 8080: POST /register, GET /agents,
  GET|DELETE /agents/NAME."""

from __future__ import annotations

import json
from typing import Any

from minicluster.runtime.programs.registry import PROGRAMS, program

from .pg_client import ConnectError, ConnParams, from_dbname, from_env, open_session
from .postgres_server import db_error_fields
from .serving import serve_forever

MIGRATIONS = {
    "0001_initial": [
        "CREATE TABLE IF NOT EXISTS agents (id SERIAL PRIMARY KEY, name VARCHAR(255) NOT NULL, "
        "created_at TIMESTAMP DEFAULT NOW())",
    ],
    "0002_agent_status": [
        "ALTER TABLE agents ADD COLUMN IF NOT EXISTS status VARCHAR(50) DEFAULT 'active'",
        "CREATE INDEX IF NOT EXISTS idx_agents_status ON agents(status)",
    ],
}
VERSION_MIGRATIONS = {1: ["0001_initial"], 2: ["0001_initial", "0002_agent_status"]}
Response = tuple[int, dict[str, str], bytes]


def app_version(ctx: Any) -> int:
    """From the image tag: `v1`, `1.0.0` -> 1; `v2`, `2.3`, `latest` -> 2."""
    reference = str(ctx.host.spec.image).split("@", 1)[0]
    tag = reference.rsplit(":", 1)[1] if ":" in reference.rsplit("/", 1)[-1] else "latest"
    major = tag.lstrip("vV").split(".", 1)[0]
    return 1 if major == "1" or major == "0" else 2


def _db_params(ctx: Any) -> ConnParams:
    url = ctx.env.get("DATABASE_URL")
    base = from_dbname(url) if url else ConnParams()
    return base.merged(ConnParams(ctx.env.get("DB_HOST"), ctx.env.get("DB_PORT"),
                                  ctx.env.get("DB_USER"), ctx.env.get("DB_NAME"),
                                  ctx.env.get("DB_PASSWORD"))).merged(from_env(ctx.env))


def _json(status: int, payload: Any) -> Response:
    return status, {"Content-Type": "application/json"}, (json.dumps(payload) + "\n").encode()


class AgentApi:
    def __init__(self, ctx: Any, version: int) -> None:
        self.ctx = ctx
        self.version = version

    def _rows(self) -> list[dict[str, Any]]:
        columns = "id, name, status" if self.version >= 2 else "id, name"
        conn, _ = open_session(self.ctx, _db_params(self.ctx))
        try:
            result = conn.query(f"SELECT {columns} FROM agents ORDER BY id")[-1]
        finally:
            conn.close()
        names = [c["name"] for c in result.columns or []]
        return [{k: (int(v) if k == "id" and v is not None else v) for k, v in zip(names, row)}
                for row in result.rows]

    def http(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Response:
        route = path.split("?", 1)[0].rstrip("/") or "/"
        if route not in ("/health", "/api/agents", "/"):
            return _json(404, {"detail": "Not found."})
        try:
            rows = self._rows()
        except ConnectError as err:
            return _json(500, {"status": "error", "error": str(err).splitlines()[0]})
        except Exception as err:  # noqa: BLE001 - pg8000's errors, imported lazily
            fields = db_error_fields(err)
            if fields is None:
                raise
            return _json(500, {"status": "error", "error": fields.get("M", str(err))})
        if route == "/api/agents":
            return _json(200, {"agents": rows})
        return _json(200, {"status": "ok", "version": f"v{self.version}"})


@program("agent-api")
def agent_api(ctx: Any, argv: list[str]) -> int:
    host = ctx.host
    port = int(ctx.env.get("PORT", "8000"))
    version = app_version(ctx)
    ctx.stdout.write(f"Starting agent-api v{version} on 0.0.0.0:{port}\n")
    ctx.sleep(1.0)  # the app server's start-up
    host.net.listen(host.container_id, port, AgentApi(ctx, version))
    ctx.stdout.write(f"Listening at: http://0.0.0.0:{port}\n")
    try:
        serve_forever(ctx)
    finally:
        host.net.close(host.container_id, port)
    return 0


@program("agent-api-python")
def agent_python(ctx: Any, argv: list[str]) -> int:
    """The app image's python: `manage.py migrate` is the app's; the rest is plain python."""
    args = argv[1:]
    if args[:1] == ["manage.py"] or (args and args[0].endswith("/manage.py")):
        if args[1:2] == ["migrate"]:
            return migrate(ctx)
        ctx.stderr.write(f"Unknown command: '{args[1] if len(args) > 1 else ''}'\n"
                         "Type 'manage.py help' for usage.\n")
        return 1
    return int(PROGRAMS["python3"](ctx, argv))


def migrate(ctx: Any) -> int:
    try:
        conn, _ = open_session(ctx, _db_params(ctx))
    except ConnectError as err:
        ctx.stderr.write("django.db.utils.OperationalError: " + str(err) + "\n")
        return 1
    out = ctx.stdout
    try:
        conn.query("CREATE TABLE IF NOT EXISTS django_migrations (id SERIAL PRIMARY KEY, "
                   "app VARCHAR(255) NOT NULL, name VARCHAR(255) NOT NULL, "
                   "applied TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW())")
        done = {row[0] for row in conn.query(
            "SELECT name FROM django_migrations WHERE app = 'agents'")[-1].rows}
        out.write("Operations to perform:\n  Apply all migrations: agents\nRunning migrations:\n")
        pending = [m for m in VERSION_MIGRATIONS[app_version(ctx)] if m not in done]
        if not pending:
            out.write("  No migrations to apply.\n")
        for name in pending:
            out.write(f"  Applying agents.{name}...")
            conn.query("BEGIN")
            for statement in MIGRATIONS[name]:
                conn.query(statement)
            conn.query(f"INSERT INTO django_migrations (app, name) VALUES ('agents', '{name}')")
            conn.query("COMMIT")
            out.write(" OK\n")
    except Exception as err:  # noqa: BLE001 - pg8000's errors, imported lazily
        fields = db_error_fields(err)
        if fields is None:
            raise
        out.write("\n")
        ctx.stderr.write(f"django.db.utils.ProgrammingError: {fields.get('M', err)}\n")
        return 1
    finally:
        conn.close()
    return 0


class ServiceRegistry:
    def __init__(self) -> None:
        self.agents: dict[str, Any] = {}

    def http(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Response:
        route = path.split("?", 1)[0].rstrip("/")
        if route == "/health":
            return _json(200, {"status": "ok"})
        if route == "/register" and method == "POST":
            try:
                data = json.loads(body.decode() or "{}")
            except ValueError:
                return _json(400, {"error": "invalid JSON"})
            if not isinstance(data, dict) or "name" not in data:
                return _json(400, {"error": "name is required"})
            self.agents[str(data["name"])] = data
            return _json(201, {"registered": data["name"]})
        if route == "/agents" and method == "GET":
            return _json(200, {"agents": sorted(self.agents)})
        if route.startswith("/agents/"):
            name = route[len("/agents/"):]
            if name not in self.agents:
                return _json(404, {"error": f"agent {name} not found"})
            if method == "DELETE":
                del self.agents[name]
                return _json(200, {"deregistered": name})
            return _json(200, self.agents[name])
        return _json(404, {"error": "not found"})


@program("service-registry")
def service_registry(ctx: Any, argv: list[str]) -> int:
    host = ctx.host
    port = int(ctx.env.get("PORT", "8080"))
    host.net.listen(host.container_id, port, ServiceRegistry())
    ctx.stdout.write(f"service-registry listening on :{port}\n")
    try:
        serve_forever(ctx)
    finally:
        host.net.close(host.container_id, port)
    return 0
