"""How a client program in a container reaches a postgres pod: libpq's connection
parameters (options, PG* variables, a postgresql:// URL), DNS through the cluster, the pod's
listener on the port, and the official image's authentication rules, with libpq's texts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from .pg_pods import PG_PORT, PodDatabase

SOCKET_DIR = "/var/run/postgresql"


class ConnectError(Exception):
    """A libpq connection failure, worded as libpq words it (without the program prefix)."""


@dataclass
class ConnParams:
    host: str | None = None
    port: str | None = None
    user: str | None = None
    dbname: str | None = None
    password: str | None = None

    def merged(self, other: ConnParams) -> ConnParams:
        return ConnParams(*(a if a is not None else b for a, b in zip(
            (self.host, self.port, self.user, self.dbname, self.password),
            (other.host, other.port, other.user, other.dbname, other.password))))


def from_env(env: dict[str, str]) -> ConnParams:
    return ConnParams(env.get("PGHOST") or None, env.get("PGPORT") or None,
                      env.get("PGUSER") or None, env.get("PGDATABASE") or None,
                      env.get("PGPASSWORD"))


def is_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


def from_dbname(text: str) -> ConnParams:
    """`-d` may be a URL or key=value string as well as a database name."""
    if is_url(text):
        parsed = urlparse(text)
        query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return ConnParams(
            parsed.hostname or query.get("host"),
            str(parsed.port) if parsed.port else query.get("port"),
            unquote(parsed.username) if parsed.username else query.get("user"),
            unquote(parsed.path.lstrip("/")) or query.get("dbname"),
            unquote(parsed.password) if parsed.password else query.get("password"))
    if "=" in text:
        pairs = dict(part.split("=", 1) for part in text.split() if "=" in part)
        return ConnParams(pairs.get("host"), pairs.get("port"), pairs.get("user"),
                          pairs.get("dbname"), pairs.get("password"))
    return ConnParams(dbname=text)


def virtual_now(ctx: Any) -> str:
    """The cluster's virtual time, which the pod's now() returns."""
    moment = ctx.clock.datetime()
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return text + ("+00" if moment.utcoffset() is None else moment.strftime("%z"))


def default_user(ctx: Any) -> str:
    return str(ctx.env.get("USER") or "root")


@dataclass
class Target:
    pod: PodDatabase
    user: str
    dbname: str
    description: str  # `connection to server at "h" (ip), port 5432` / `on socket "..."`
    host: str
    port: int
    local: bool


def locate(ctx: Any, params: ConnParams) -> tuple[PodDatabase | None, str, str, int, bool]:
    """(pod or None, libpq's description of the attempt, host, port, local)."""
    port = int(params.port or PG_PORT)
    host = params.host or ""
    host_obj = ctx.host
    if host == "" or host.startswith("/"):
        directory = host or SOCKET_DIR
        where = f'connection to server on socket "{directory}/.s.PGSQL.{port}"'
        pod = host_obj.net.listener(host_obj.container_id, port) if directory == SOCKET_DIR else None
        if not isinstance(pod, PodDatabase):
            raise ConnectError(f"{where} failed: No such file or directory\n\tIs the server "
                               "running locally and accepting connections on that socket?")
        return pod, where, "", port, True
    refused = "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?"
    if host in ("localhost", "127.0.0.1", "::1"):
        listener = host_obj.net.listener(host_obj.container_id, port)
        # libpq tries every address of the name: localhost is ::1, then 127.0.0.1.
        addresses = ["::1", "127.0.0.1"] if host == "localhost" else [host]
        if not isinstance(listener, PodDatabase) or listener.dropped:
            raise ConnectError("\n".join(f"{_where(host, ip, port)} failed: {refused}"
                                          for ip in addresses))
        return listener, _where(host, addresses[0], port), host, port, True
    services = ctx.services
    ids = services.resolve(host, host_obj.spec.namespace) if services is not None else None
    if ids is None and _is_ip(host):
        # An address no pod has: the SYNs go unanswered until the kernel gives up.
        ctx.sleep(float(ctx.env.get("PGCONNECT_TIMEOUT") or CONNECT_TIMEOUT))
        raise ConnectError(f"{_where(host, host, port)} failed: Connection timed out\n"
                           "\tIs the server running on that host and accepting TCP/IP connections?")
    if ids is None:
        raise ConnectError(f'could not translate host name "{host}" to address: '
                           "Name or service not known")
    ip = services.pod_ip(host, host_obj.spec.namespace) or host
    where = _where(host, ip, port)
    for cid in ids:
        listener = host_obj.net.listener(cid, port)
        if isinstance(listener, PodDatabase) and not listener.dropped:
            return listener, where, host, port, False
        if listener is not None:
            raise ConnectError(f"{where} failed: server closed the connection unexpectedly\n"
                               "\tThis probably means the server terminated abnormally\n"
                               "\tbefore or while processing the request.")
    raise ConnectError(f"{where} failed: {refused}")


CONNECT_TIMEOUT = 127  # Linux's SYN retries (tcp_syn_retries = 6)


def _is_ip(host: str) -> bool:
    parts = host.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def _where(host: str, ip: str, port: int) -> str:
    """libpq names the address it tried, unless the host was already one."""
    if host == ip:
        return f'connection to server at "{host}", port {port}'
    return f'connection to server at "{host}" ({ip}), port {port}'


def open_session(ctx: Any, params: ConnParams) -> tuple[Any, Target]:
    """Connect as libpq would, checking the image's pg_hba rules; raises ConnectError."""
    pod, where, host, port, local = locate(ctx, params)
    assert pod is not None
    user = params.user or default_user(ctx)
    dbname = params.dbname or user
    needs_password = not local and not pod.trust_all
    if needs_password:
        if params.password is None or params.password == "":
            raise ConnectError(f"{where} failed: fe_sendauth: no password supplied")
        if user != pod.user or params.password != pod.password:
            raise ConnectError(f'{where} failed: FATAL:  password authentication failed for '
                               f'user "{user}"')
    elif user != pod.user:
        raise ConnectError(f'{where} failed: FATAL:  role "{user}" does not exist')
    if pod.real_db(dbname) is None:
        if dbname == "postgres" or (dbname == "template1"):
            pod.create_database(dbname)
        else:
            raise ConnectError(f'{where} failed: FATAL:  database "{dbname}" does not exist')
    conn = pod.connect(dbname, virtual_now(ctx))
    return conn, Target(pod, user, dbname, where, host, port, local)
