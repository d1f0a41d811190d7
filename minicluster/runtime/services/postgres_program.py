"""The `postgres` server process of a postgres:* container, with the official image's
docker-entrypoint.sh in front: it initialises the pod's database from POSTGRES_USER,
POSTGRES_PASSWORD and POSTGRES_DB, listens on 5432, and serves until the container ends.

The pod's data lives as long as its container, unless PGDATA is on a mounted volume (a PVC
of a StatefulSet): then a marker file in the volume lets the next pod find the database."""

from __future__ import annotations

import os
from typing import Any

from minicluster.runtime.programs.registry import program

from .pg_pods import _ALL, PG_PORT, PodDatabase, create_pod_database
from .postgres_server import SERVER
from .serving import serve_forever

DEFAULT_PGDATA = "/var/lib/postgresql/data"
MARKER = ".minicluster-database"
NO_PASSWORD = """Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
"""
INIT_SECONDS = 2.0  # virtual: initdb and the init scripts of the official image
RESTART_SECONDS = 0.5


@program("docker-entrypoint.sh")
def entrypoint(ctx: Any, argv: list[str]) -> int:
    args = argv[1:] or ["postgres"]
    if args[0].startswith("-"):
        args = ["postgres", *args]
    if args[0] != "postgres":
        status = ctx.run(args)
        if status is None:
            ctx.stderr.write(f"/usr/local/bin/docker-entrypoint.sh: line 351: exec: {args[0]}: "
                             "not found\n")
            return 127
        return int(status)
    return serve(ctx, args)


@program("postgres")
def serve(ctx: Any, argv: list[str]) -> int:
    host = ctx.host
    env = ctx.env
    pgdata = env.get("PGDATA") or DEFAULT_PGDATA
    persistent = _on_volume(host, pgdata)
    pod = _existing(ctx, pgdata) if persistent else None
    if pod is None:
        if not env.get("POSTGRES_PASSWORD") and env.get("POSTGRES_HOST_AUTH_METHOD") != "trust":
            ctx.stderr.write(NO_PASSWORD)
            return 1
        _log(ctx, "The files belonging to this database system will be owned by user "
                  '"postgres".')
        ctx.sleep(INIT_SECONDS)
        _use_state_dir(getattr(host, "runtime", None))
        pod = create_pod_database(getattr(host, "runtime", None), host.container_id, env)
        ctx.fs.mkdir(pgdata, parents=True)
        ctx.fs.write_bytes(pgdata + "/PG_VERSION", (_major(host) + "\n").encode())
        ctx.fs.write_bytes(pgdata + "/" + MARKER, pod.prefix.encode())
        _log(ctx, "PostgreSQL init process complete; ready for start up.")
        _log(ctx, "")
    else:
        _log(ctx, "")
        _log(ctx, "PostgreSQL Database directory appears to contain a database; Skipping "
                  "initialization")
        _log(ctx, "")
        ctx.sleep(RESTART_SECONDS)
    stamp = ctx.clock.datetime().strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + " UTC [1]"
    _log(ctx, f"{stamp} LOG:  listening on IPv4 address \"0.0.0.0\", port {PG_PORT}")
    _log(ctx, f"{stamp} LOG:  database system is ready to accept connections")
    host.net.listen(host.container_id, PG_PORT, pod)
    try:
        signum = serve_forever(ctx)
        stamp = ctx.clock.datetime().strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + " UTC [1]"
        # Kubernetes sends SIGTERM (the image's STOPSIGNAL SIGINT is Docker's): a smart shutdown.
        mode = "fast" if signum == 2 else "smart"
        _log(ctx, f"{stamp} LOG:  received {mode} shutdown request")
        _log(ctx, f"{stamp} LOG:  database system is shut down")
    finally:
        host.net.close(host.container_id, PG_PORT)
        if not persistent:
            pod.drop()
    return 0


def _use_state_dir(runtime: Any) -> None:
    """The first cluster with a state_dir to start the server puts its data there."""
    state_dir = getattr(runtime, "state_dir", None)
    if state_dir and not SERVER.started and SERVER.state_dir is None:
        SERVER.state_dir = os.path.join(str(state_dir), "postgres")


def _log(ctx: Any, line: str) -> None:
    ctx.stdout.write(line + "\n")


def _major(host: Any) -> str:
    tag = str(host.spec.image).rsplit(":", 1)[-1] if ":" in str(host.spec.image) else "latest"
    head = tag.split(".")[0].split("-")[0]
    return head if head.isdigit() else "17"


def _on_volume(host: Any, path: str) -> bool:
    for mount in host.spec.mounts:
        mount_path = mount.path.rstrip("/")
        if path == mount_path or path.startswith(mount_path + "/"):
            return not mount.read_only
    return False


def _existing(ctx: Any, pgdata: str) -> PodDatabase | None:
    try:
        prefix = ctx.fs.read_bytes(pgdata + "/" + MARKER).decode()
    except Exception:  # noqa: BLE001 - no marker: a fresh volume
        return None
    pod = _ALL.get(prefix + "_r")
    return pod if pod is not None and not pod.dropped else None
