"""The service images: postgres, redis, curl, the demo apps, and the BusyBox network
applets (wget, nc) added to the busybox and alpine images."""

from __future__ import annotations

from minicluster.runtime.image_catalog import (
    ALPINE,
    BUSYBOX,
    DEBIAN,
    DEFAULT_PATH,
    PYTHON,
    VERSION_TAG,
)
from minicluster.runtime.images import register_image
from minicluster.runtime.programs.registry import program

POSTGRES_CLIENTS = {"/usr/bin/psql": "psql", "/usr/bin/pg_dump": "pg_dump",
                    "/usr/bin/pg_isready": "pg_isready", "/usr/bin/createdb": "createdb"}
APP_TAGS = r"latest|v?\d+(\.\d+)*([-.][a-z0-9.]+)*"
MANAGE_PY = b"""#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agentapi.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
"""

POSTGRES = register_image(DEBIAN.with_programs(
    {**POSTGRES_CLIENTS, "/usr/local/bin/docker-entrypoint.sh": "docker-entrypoint.sh",
     "/usr/lib/postgresql/bin/postgres": "postgres"},
    repository="postgres", tag_pattern=VERSION_TAG + r"|(\d+(\.\d+)*-)?(alpine|bookworm|bullseye)",
    entrypoint=("docker-entrypoint.sh",), cmd=("postgres",), size_bytes=150_000_000,
    env={"PATH": DEFAULT_PATH + ":/usr/lib/postgresql/bin", "PGDATA": "/var/lib/postgresql/data",
         "LANG": "en_US.utf8"},
    description="PostgreSQL: every pod a database of one real server; psql, pg_dump, "
                "pg_isready, createdb",
))
REDIS = register_image(DEBIAN.with_programs(
    {"/usr/local/bin/docker-entrypoint.sh": "redis-docker-entrypoint",
     "/usr/local/bin/redis-server": "redis-server", "/usr/local/bin/redis-cli": "redis-cli"},
    repository="redis", tag_pattern=VERSION_TAG + r"|(\d+(\.\d+)*-)?(alpine|bookworm)",
    entrypoint=("docker-entrypoint.sh",), cmd=("redis-server",), size_bytes=45_000_000,
    description="Redis 7 (fakeredis) on 6379 and redis-cli",
))


@program("curl-entrypoint")
def curl_entrypoint(ctx, argv):  # type: ignore[no-untyped-def]
    """curlimages/curl's /entrypoint.sh: options go to curl, anything else is exec'd."""
    args = argv[1:] or ["curl"]
    if args[0].startswith("-"):
        args = ["curl", *args]
    status = ctx.run(args)
    if status is None:
        ctx.stderr.write(f"/entrypoint.sh: exec: line 11: {args[0]}: not found\n")
        return 127
    return status


CURL_PROGRAMS = {"/usr/bin/curl": "curl", "/entrypoint.sh": "curl-entrypoint",
                 "/usr/bin/wget": "wget", "/usr/bin/nc": "nc"}
CURL = register_image(ALPINE.with_programs(
    CURL_PROGRAMS, repository="curlimages/curl", tag_pattern=VERSION_TAG,
    entrypoint=("/entrypoint.sh",), cmd=("curl",), size_bytes=12_000_000,
    description="curl 8 on Alpine",
))
# The seeds' `curl:latest` and `myregistry/test-runner:v1` (documented aliases of curlimages/curl).
register_image(ALPINE.with_programs(
    CURL_PROGRAMS, repository="curl", tag_pattern=VERSION_TAG, entrypoint=("/entrypoint.sh",),
    cmd=("curl",), size_bytes=12_000_000, description="alias of curlimages/curl (seeds)"))
register_image(ALPINE.with_programs(
    CURL_PROGRAMS, repository="myregistry/test-runner", tag_pattern=APP_TAGS,
    entrypoint=("/entrypoint.sh",), cmd=("curl",), size_bytes=12_000_000,
    description="alias of curlimages/curl (seeds)"))

AGENT_PROGRAMS = {"/usr/local/bin/agent-api": "agent-api",
                  "/usr/local/bin/python": "agent-api-python",
                  "/usr/local/bin/python3": "agent-api-python", **POSTGRES_CLIENTS,
                  "/usr/bin/curl": "curl"}
for repository in ("agent-api", "my-app", "myregistry/agent-api", "myregistry/my-app"):
    register_image(PYTHON.with_programs(
        AGENT_PROGRAMS, repository=repository, tag_pattern=APP_TAGS, cmd=("agent-api",),
        files={**PYTHON.files, "/app/manage.py": MANAGE_PY}, working_dir="/app",
        size_bytes=160_000_000, description="demo agent API (v1; v2 needs the status column)",
    ))
register_image(PYTHON.with_programs(
    {"/usr/local/bin/service-registry": "service-registry", "/usr/bin/curl": "curl"},
    repository="service-registry", tag_pattern=APP_TAGS, cmd=("service-registry",),
    size_bytes=60_000_000, description="demo service registry on 8080",
))
register_image(DEBIAN.with_programs(
    POSTGRES_CLIENTS, repository="backup-tool", tag_pattern=APP_TAGS, size_bytes=90_000_000,
    description="seed alias: Debian with the PostgreSQL client tools (no aws CLI)",
))
register_image(BUSYBOX.with_programs({"/bin/wget": "wget", "/bin/nc": "nc"}))
register_image(ALPINE.with_programs({"/usr/bin/wget": "wget", "/usr/bin/nc": "nc"}))
