"""Redis: one fakeredis server per `redis:*` container (`redis-server`, listening on 6379) and
`redis-cli`, whose replies are printed as redis-cli prints them when its output is not a
terminal (the raw format: strings as they are, integers as digits, nil as an empty line)."""

from __future__ import annotations

from typing import Any

from minicluster.runtime.programs.registry import program

from .serving import serve_forever

REDIS_PORT = 6379
REDIS_VERSION = "7.4.1"


class RedisListener:
    """What a redis container listens with: a fakeredis server and its settings."""

    def __init__(self, password: str | None) -> None:
        import fakeredis  # slow to import: loaded with the first redis container

        self.server = fakeredis.FakeServer()
        self.password = password

    def client(self, db: int) -> Any:
        import fakeredis

        client = fakeredis.FakeStrictRedis(server=self.server, db=db)
        client.response_callbacks.clear()
        return client


def _requirepass(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--requirepass" and i + 1 < len(argv):
            return argv[i + 1]
    return None


@program("redis-docker-entrypoint")
def redis_entrypoint(ctx: Any, argv: list[str]) -> int:
    args = argv[1:] or ["redis-server"]
    if args[0].startswith("-"):
        args = ["redis-server", *args]
    status = ctx.run(args)
    if status is None:
        ctx.stderr.write(f"/usr/local/bin/docker-entrypoint.sh: 16: exec: {args[0]}: not found\n")
        return 127
    return int(status)


@program("redis-server")
def redis_server(ctx: Any, argv: list[str]) -> int:
    host = ctx.host
    stamp = ctx.clock.datetime().strftime("%d %b %Y %H:%M:%S.%f")[:-3]
    out = ctx.stdout
    out.write(f"1:C {stamp} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n")
    out.write(f"1:C {stamp} * Redis version={REDIS_VERSION}, bits=64, commit=00000000, "
              "modified=0, pid=1, just started\n")
    out.write(f"1:M {stamp} * Server initialized\n")
    out.write(f"1:M {stamp} * Ready to accept connections tcp\n")
    host.net.listen(host.container_id, REDIS_PORT, RedisListener(_requirepass(argv)))
    try:
        serve_forever(ctx)
        stamp = ctx.clock.datetime().strftime("%d %b %Y %H:%M:%S.%f")[:-3]
        out.write(f"1:signal-handler ({stamp}) Received SIGTERM scheduling shutdown...\n")
        out.write(f"1:M {stamp} # Redis is now ready to exit, bye bye...\n")
    finally:
        host.net.close(host.container_id, REDIS_PORT)
    return 0


def _format(reply: Any) -> list[str]:
    if reply is None:
        return [""]
    if isinstance(reply, bytes):
        return [reply.decode("utf-8", "replace")]
    if isinstance(reply, bool):
        return ["1" if reply else "0"]
    if isinstance(reply, (int, float)):
        return [str(reply)]
    if isinstance(reply, (list, tuple)):
        lines: list[str] = []
        for item in reply:
            lines.extend(_format(item))
        return lines
    return [str(reply)]


def _info(listener: RedisListener) -> str:
    keys = sum(len(db) for db in listener.server.dbs.values()) if hasattr(
        listener.server, "dbs") else 0
    return (f"# Server\r\nredis_version:{REDIS_VERSION}\r\nredis_mode:standalone\r\n"
            f"tcp_port:{REDIS_PORT}\r\n\r\n# Keyspace\r\ndb0:keys={keys}\r\n")


@program("redis-cli")
def redis_cli(ctx: Any, argv: list[str]) -> int:
    host, port, db, password = "127.0.0.1", REDIS_PORT, 0, None
    fail_on_error = False
    args = argv[1:]
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-h", "-p", "-n", "-a") and i + 1 < len(args) and not words:
            value = args[i + 1]
            if arg == "-h":
                host = value
            elif arg == "-p":
                port = int(value) if value.isdigit() else 0
            elif arg == "-n":
                db = int(value) if value.isdigit() else 0
            else:
                password = value
            i += 2
            continue
        if arg == "-e" and not words:
            # redis-cli exits 0 after an error reply unless -e asks for 1 (redis PR #8136).
            fail_on_error = True
            i += 1
            continue
        if arg in ("--no-auth-warning", "--raw", "--no-raw") and not words:
            i += 1
            continue
        words.append(arg)
        i += 1
    if password is not None and "--no-auth-warning" not in args:
        ctx.stderr.write("Warning: Using a password with '-a' or '-u' option on the command "
                         "line interface may not be safe.\n")
    listener, error = _connect(ctx, host, port)
    if listener is None:
        ctx.stderr.write(f"Could not connect to Redis at {host}:{port}: {error}\n")
        if not words:
            ctx.stdout.write("not connected> \n")
        return 1
    if not words:
        words_list = [line.split() for line in ctx.stdin.read().splitlines() if line.strip()]
    else:
        words_list = [words]
    client = listener.client(db)
    from redis.exceptions import ResponseError
    status = 0
    for command in words_list:
        ctx.tick()
        if listener.password is not None and password != listener.password and \
                command[0].upper() != "AUTH":
            ctx.stdout.write("NOAUTH Authentication required.\n")
            if fail_on_error:
                return 1
            continue
        if command[0].upper() == "INFO":
            ctx.stdout.write(_info(listener).replace("\r\n", "\n"))
            continue
        try:
            reply = client.execute_command(*command)
        except ResponseError as err:
            text = str(err)
            if text.startswith("unknown command '"):
                # Redis quotes the command as it was typed; fakeredis lowercases it.
                quoted = "".join(f"'{arg}' " for arg in command[1:])
                text = f"unknown command '{command[0]}', with args beginning with: {quoted}"
            ctx.stdout.write(f"ERR {text}\n" if not text.startswith(("WRONGTYPE", "ERR"))
                             else f"{text}\n")
            if fail_on_error:
                return 1
            continue
        for line in _format(reply):
            ctx.stdout.write(line + "\n")
    return status


def _connect(ctx: Any, host: str, port: int) -> tuple[RedisListener | None, str]:
    h = ctx.host
    if host in ("127.0.0.1", "localhost", "::1"):
        ids: list[str] | None = [h.container_id]
    else:
        services = ctx.services
        ids = services.resolve(host, h.spec.namespace) if services is not None else None
        if ids is None:
            return None, "Name or service not known"
    for cid in ids or []:
        listener = h.net.listener(cid, port)
        if isinstance(listener, RedisListener):
            return listener, ""
    return None, "Connection refused"
