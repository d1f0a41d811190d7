"""Each `postgres:*` pod as a database (and a non-superuser role) of the one real server.

Real names are unique per process, Cluster (runtime) and pod, so that two clusters, or forked
grading children sharing the server, never meet; the learner only sees the names the pod's
environment asked for (POSTGRES_USER, POSTGRES_DB), which psql translates back."""

from __future__ import annotations

import atexit
import itertools
import os
import secrets
import weakref
from dataclasses import dataclass, field
from typing import Any

from .postgres_server import SERVER
from .psql_lexer import TIME_KEYWORD_TYPES

PG_PORT = 5432
STATEMENT_TIMEOUT = "10s"  # learner SQL runs in real time: a runaway query must end
_counter = itertools.count(1)
_runtime_tokens: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_ALL: dict[str, PodDatabase] = {}  # real role -> pod, for cleanup at exit


def runtime_token(runtime: Any) -> int:
    if runtime is None:
        return 0
    token = _runtime_tokens.get(runtime)
    if token is None:
        token = _runtime_tokens[runtime] = next(_counter)
    return token


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass
class PodDatabase:
    """What a postgres pod's listener on 5432 is: its learner-visible names and real ones."""

    user: str
    password: str | None
    default_db: str
    prefix: str  # real names start with it
    trust_all: bool = False  # POSTGRES_HOST_AUTH_METHOD=trust
    # The real role's own password (never shown): an external server may demand one.
    role_password: str = field(default_factory=lambda: secrets.token_hex(16))
    databases: dict[str, str] = field(default_factory=dict)  # learner name -> real name
    dropped: bool = False

    @property
    def role(self) -> str:
        return self.prefix + "_r"

    def real_db(self, name: str) -> str | None:
        return self.databases.get(name)

    def learner_name(self, real: str) -> str:
        if real == self.role:
            return self.user
        for name, value in self.databases.items():
            if value == real:
                return name
        return real

    def create_database(self, name: str) -> str:
        real = f"{self.prefix}_d{len(self.databases)}"
        admin = SERVER.admin()
        admin.query(f"CREATE DATABASE {quote_ident(real)} OWNER {quote_ident(self.role)}")
        admin.query(f"REVOKE ALL ON DATABASE {quote_ident(real)} FROM PUBLIC")
        admin.query(f"GRANT ALL ON DATABASE {quote_ident(real)} TO {quote_ident(self.role)}")
        _install_virtual_clock(real)
        self.databases[name] = real
        return real

    def connect(self, database: str, now: str | None = None) -> Any:
        """`now`: the cluster's virtual time (ISO 8601, UTC) that now() returns in it."""
        real = self.databases[database]
        params = {"TimeZone": "UTC"}
        if now is not None:
            params[CLOCK_SETTING] = now
        return SERVER.connect(self.role, real, self.role_password, startup_params=params)

    def drop(self) -> None:
        if self.dropped:
            return
        self.dropped = True
        _ALL.pop(self.role, None)
        admin = SERVER.admin()
        for real in self.databases.values():
            admin.query(f"DROP DATABASE IF EXISTS {quote_ident(real)} WITH (FORCE)")
        admin.query(f"DROP ROLE IF EXISTS {quote_ident(self.role)}")


CLOCK_SCHEMA = "minicluster"
CLOCK_SETTING = "minicluster.now"
# now() and its siblings read the cluster's virtual clock, handed over at connection time; a
# connection without it (the test oracle's) keeps the real clock.
CLOCK_FUNCTIONS = ("now", "transaction_timestamp", "statement_timestamp", "clock_timestamp")
SEARCH_PATH = f'"$user", public, {CLOCK_SCHEMA}, pg_catalog'


def _install_virtual_clock(real_db: str) -> None:
    conn = SERVER.connect(SERVER.admin_role(), real_db)
    try:
        conn.query(f"CREATE SCHEMA {CLOCK_SCHEMA}")
        conn.query(f"GRANT USAGE ON SCHEMA {CLOCK_SCHEMA} TO PUBLIC")
        for name in CLOCK_FUNCTIONS:
            conn.query(
                f"CREATE FUNCTION {CLOCK_SCHEMA}.{name}() RETURNS timestamptz LANGUAGE sql STABLE "
                f"AS $$SELECT coalesce(nullif(current_setting('{CLOCK_SETTING}', true), '')"
                f"::timestamptz, pg_catalog.{name}())$$")
        for keyword, typ in TIME_KEYWORD_TYPES.items():
            body = f"{CLOCK_SCHEMA}.now()::{typ}"
            conn.query(f'CREATE FUNCTION {CLOCK_SCHEMA}."{keyword}"() RETURNS {typ} '
                       f"LANGUAGE sql STABLE AS $$SELECT {body}$$")
            if typ != "date":
                conn.query(
                    f'CREATE FUNCTION {CLOCK_SCHEMA}."{keyword}"(p integer) RETURNS {typ} '
                    f"LANGUAGE sql STABLE AS $$SELECT to_timestamp(round(extract(epoch FROM "
                    f"{CLOCK_SCHEMA}.now())::numeric, p))::{typ}$$")
    finally:
        conn.close()


def create_pod_database(runtime: Any, pod_key: str, env: dict[str, str]) -> PodDatabase:
    """The database a postgres container initialises from its environment."""
    user = env.get("POSTGRES_USER") or "postgres"
    prefix = f"mc{os.getpid()}_{runtime_token(runtime)}_{next(_counter)}"
    pod = PodDatabase(
        user=user, password=env.get("POSTGRES_PASSWORD") or None,
        default_db=env.get("POSTGRES_DB") or user, prefix=prefix,
        trust_all=env.get("POSTGRES_HOST_AUTH_METHOD") == "trust",
    )
    admin = SERVER.admin()
    _prepare_server(admin)
    _sweep_dead_owners(admin)
    admin.query(
        f"CREATE ROLE {quote_ident(pod.role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
        f"NOREPLICATION NOBYPASSRLS PASSWORD {quote_literal(pod.role_password)}"
    )
    admin.query(f"ALTER ROLE {quote_ident(pod.role)} SET statement_timeout = "
                f"{quote_literal(STATEMENT_TIMEOUT)}")
    # pg_catalog last: the virtual clock's now() wins over the built-in one.
    admin.query(f"ALTER ROLE {quote_ident(pod.role)} SET search_path = {SEARCH_PATH}")
    _ALL[pod.role] = pod
    pod.create_database(pod.default_db)
    return pod


_prepared: set[int] = set()


def _prepare_server(admin: Any) -> None:
    """Learner roles may connect only to their own databases."""
    if os.getpid() in _prepared:
        return
    for db in ("postgres", "template1"):
        admin.query(f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC")
    _prepared.add(os.getpid())


def _sweep_dead_owners(admin: Any) -> None:
    """Pods of processes that ended without cleaning up (multiprocessing ends a forked grading
    child with os._exit: no atexit) would fill the shared server; their owners are gone."""
    if SERVER.external:
        return  # other hosts' processes share an external server: their pids mean nothing here
    me = os.getpid()
    for kind, query in (("DATABASE", "SELECT datname FROM pg_database"),
                        ("ROLE", "SELECT rolname FROM pg_roles")):
        for (name,) in admin.query(f"{query} WHERE {'datname' if kind == 'DATABASE' else 'rolname'}"
                                   " ~ '^mc[0-9]+_'")[-1].rows:
            pid = int(name[2:].split("_", 1)[0])
            if pid != me and not _alive(pid):
                force = " WITH (FORCE)" if kind == "DATABASE" else ""
                admin.query(f"DROP {kind} IF EXISTS {quote_ident(name)}{force}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_all() -> None:
    """Drops this process's pod databases (an external server outlives us; a forked grading
    child cleans up its own pods, never its parent's)."""
    for pod in list(_ALL.values()):
        if pod.prefix.startswith(f"mc{os.getpid()}_"):
            try:
                pod.drop()
            except Exception:  # noqa: BLE001 - the server may already be gone at exit
                pass


atexit.register(drop_all)
