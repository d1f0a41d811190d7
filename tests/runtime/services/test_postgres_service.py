"""The embedded server behind postgres pods: isolation between pods and clusters, the pod's
life cycle, PVC-backed data, fork() safety, libpq's connection texts and the sandbox walls."""

from __future__ import annotations

import os
from pathlib import Path

from minicluster.runtime.interface import Mount
from minicluster.runtime.services.postgres_server import SERVER

from .conftest import CLIENT_ENV, POSTGRES_ENV
from .helpers import Net


def _pod(net: Net, name: str = "postgres"):  # type: ignore[no-untyped-def]
    return net.runtime.network.listener(net.processes[name].id, 5432)


def _database_exists(real: str) -> bool:
    rows = SERVER.admin().query(f"SELECT count(*) FROM pg_database WHERE datname = '{real}'")
    return rows[-1].rows == [["1"]]


def test_two_clusters_never_share_a_database(pg_net) -> None:  # type: ignore[no-untyped-def]
    other = Net()
    other.serve("postgres", "postgres:15", POSTGRES_ENV)
    assert _pod(other).real_db("agents") != _pod(pg_net).real_db("agents")
    made = other.run("psql -c 'CREATE TABLE only_here (a int)' && psql -c '\\dt only_here'",
                     env=CLIENT_ENV)
    assert made.status == 0 and "only_here" in made.stdout
    seen = pg_net.run("psql -c '\\dt only_here'", env=CLIENT_ENV)
    assert (seen.stdout, seen.stderr, seen.status) == (
        "", 'Did not find any relation named "only_here".\n', 0)


def test_pod_end_drops_its_database_and_role() -> None:
    net = Net()
    process = net.serve("db", "postgres:15", POSTGRES_ENV)
    pod = _pod(net, "db")
    real = pod.real_db("agents")
    assert _database_exists(real)
    process.kill(0)  # type: ignore[attr-defined]
    net.clock.run_until_idle()
    assert not _database_exists(real)
    gone = net.run("psql -h db -c 'select 1'", env={**CLIENT_ENV, "PGHOST": "db"})
    assert gone.stderr == ('psql: error: connection to server at "db" (10.96.0.10), port 5432 '
                           "failed: Connection refused\n\tIs the server running on that host and "
                           "accepting TCP/IP connections?\n")
    assert gone.status == 2


def test_data_on_a_volume_outlives_the_pod() -> None:
    net = Net()
    volume = net.runtime.new_volume()
    mounts = [Mount("/var/lib/postgresql/data", volume)]
    first = net.serve("db", "postgres:15", POSTGRES_ENV, mounts=mounts)
    env = {**CLIENT_ENV, "PGHOST": "db"}
    assert net.run("psql -c 'CREATE TABLE kept (a int)'", env=env).status == 0
    first.kill(0)  # type: ignore[attr-defined]
    net.clock.run_until_idle()
    second = net.serve("db", "postgres:15", POSTGRES_ENV, mounts=mounts)
    logs = [line.text for line in second.logs()]  # type: ignore[attr-defined]
    assert "PostgreSQL Database directory appears to contain a database; Skipping initialization" in logs
    assert "kept" in net.run("psql -c '\\dt'", env=env).stdout


def test_missing_password_stops_the_server_like_the_image() -> None:
    net = Net()
    process = net.serve("db", "postgres:15", {"POSTGRES_USER": "app"})
    assert process.exit_code == 1  # type: ignore[attr-defined]
    text = "".join(line.text + "\n" for line in process.logs())  # type: ignore[attr-defined]
    assert text.startswith("Error: Database is uninitialized and superuser password is not "
                           "specified.\n")


def test_libpq_connection_texts(pg_net) -> None:  # type: ignore[no-untyped-def]
    socket = pg_net.run("psql -U app -c 'select 1'")
    assert (socket.stderr, socket.status) == (
        'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" '
        "failed: No such file or directory\n\tIs the server running locally and accepting "
        "connections on that socket?\n", 2)
    no_pw = pg_net.run("psql -h postgres -U app -d agents -c 'select 1'")
    assert no_pw.stderr == ('psql: error: connection to server at "postgres" (10.96.0.10), port '
                            "5432 failed: fe_sendauth: no password supplied\n")
    bad_db = pg_net.run("psql -d nope -c 'select 1'", env=CLIENT_ENV)
    assert bad_db.stderr == ('psql: error: connection to server at "postgres" (10.96.0.10), port '
                             '5432 failed: FATAL:  database "nope" does not exist\n')
    url = pg_net.run("psql postgresql://app:s3cret@postgres:5432/agents -At -c 'select 7'")
    assert (url.stdout, url.status) == ("7\n", 0)
    start = pg_net.clock.now()
    fqdn = pg_net.run("pg_isready -h postgres.default.svc.cluster.local; echo $?; "
                      "pg_isready -h nowhere; echo $?; pg_isready -h 10.9.9.9 -t 5; echo $?")
    assert pg_net.clock.now() - start == 5
    assert fqdn.stdout == ("postgres.default.svc.cluster.local:5432 - accepting connections\n0\n"
                           "nowhere:5432 - no response\n2\n10.9.9.9:5432 - no response\n2\n")


def test_learner_sql_cannot_leave_the_sandbox(pg_net, tmp_path) -> None:  # type: ignore[no-untyped-def]
    host_file = tmp_path / "secret.txt"
    host_file.write_text("host secret\n")
    other = Net()
    other.serve("postgres", "postgres:15", POSTGRES_ENV)
    foreign = _pod(other).real_db("agents")
    script = (f"psql -c '\\i {host_file}'; psql -c '\\! id'; psql -c '\\o |cat'; "
              f"psql -d {foreign} -c 'select 1'; "
              f"psql -h {Path(SERVER.socket_path() or '').parent} -c 'select 1'; "
              "pg_dump -f /tmp/dump.sql; ls /tmp; "
              "psql -At -c \"select current_setting('data_directory')\"")
    run = pg_net.run(script, env=CLIENT_ENV)
    assert f"{host_file}: No such file or directory" in run.stderr
    assert "\\! is not available in the minicluster sandbox" in run.stderr
    assert "\\o is not available in the minicluster sandbox" in run.stderr
    assert f'FATAL:  database "{foreign}" does not exist' in run.stderr
    assert "failed: No such file or directory" in run.stderr
    assert run.stdout.startswith("dump.sql\n")
    assert not Path("/tmp/dump.sql").exists()
    assert ('ERROR:  permission denied to examine "data_directory"\nDETAIL:  Only roles with '
            'privileges of the "pg_read_all_settings" role may examine this parameter.\n'
            ) in run.stderr
    curl = pg_net.run("curl -sS file:///etc/passwd", image="curlimages/curl:8.11.1")
    assert (curl.stderr, curl.status) == ('curl: (1) Protocol "file" not supported\n', 1)


def test_a_forked_child_uses_its_own_connections(pg_net) -> None:  # type: ignore[no-untyped-def]
    parent_admin = SERVER.admin()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a grading worker with a cluster of its own
        status = 1
        try:
            os.close(read)
            net = Net()
            net.serve("postgres", "postgres:15", POSTGRES_ENV)
            run = net.run("psql -At -c 'CREATE TABLE t (a int)' -c 'select count(*) from t'",
                          env=CLIENT_ENV)
            child_admin = SERVER.admin()
            ok = run.stdout == "CREATE TABLE\n0\n" and child_admin is not parent_admin
            os.write(write, b"ok" if ok else (run.stdout + run.stderr).encode()[:500])
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    message = os.read(read, 1000)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert (message, status) == (b"ok", 0)
    # The parent's connection is untouched by the child's.
    assert SERVER.admin() is parent_admin
    assert parent_admin.query("select 1")[-1].rows == [["1"]]
    run = pg_net.run("psql -At -c 'select 2'", env=CLIENT_ENV)
    assert run.stdout == "2\n"


def test_sigterm_shuts_the_server_down_at_once() -> None:
    net = Net()
    process = net.serve("db", "postgres:15", POSTGRES_ENV)
    real = _pod(net, "db").real_db("agents")
    start = net.clock.now()
    process.kill(30)  # type: ignore[attr-defined]
    net.clock.run_until_idle()
    assert (process.exit_code, net.clock.now() - start) == (0, 0)  # type: ignore[attr-defined]
    lines = [line.text for line in process.logs()]  # type: ignore[attr-defined]
    assert lines[-2].endswith("LOG:  received smart shutdown request")
    assert lines[-1].endswith("LOG:  database system is shut down")
    assert not _database_exists(real)


def test_an_external_server_from_the_environment(pg_net) -> None:  # type: ignore[no-untyped-def]
    """MINICLUSTER_POSTGRES_URL: a fresh process uses the given server (here: this one's)."""
    import subprocess
    import sys

    socket_dir = Path(SERVER.socket_path() or "").parent
    root = str(Path(__file__).parents[3])
    command = "psql -At -c 'select 40 + 2' && pg_dump -s | grep -c 'PostgreSQL database dump'"
    script = (
        f"import sys; sys.path.insert(0, {root!r})\n"
        "from tests.runtime.services.helpers import Net\n"
        "from minicluster.runtime.services.postgres_server import SERVER\n"
        f"net = Net(); net.serve('postgres', 'postgres:15', {POSTGRES_ENV!r})\n"
        f"run = net.run({command!r}, env={CLIENT_ENV!r})\n"
        "import os; print(run.stdout + run.stderr, SERVER.socket_path(), SERVER.start_seconds,"
        " os.getpid())\n"
    )
    url = f"postgresql://postgres@/postgres?host={socket_dir}"
    env = {**os.environ, "MINICLUSTER_POSTGRES_URL": url}
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", script], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    *lines, pid = done.stdout.rsplit(" ", 1)
    assert " ".join(lines) == "42\n2\n None None", done.stderr
    # Its pods' databases were dropped when it exited: the external server outlives it.
    left = SERVER.admin().query(
        f"SELECT count(*) FROM pg_database WHERE datname LIKE 'mc{pid.strip()}\\_%'")
    assert left[-1].rows == [["0"]]


def test_pg_dump_restores_into_another_pod() -> None:
    net = Net()
    net.serve("db-a", "postgres:15", POSTGRES_ENV, ip="10.96.0.11")
    net.serve("db-b", "postgres:15", POSTGRES_ENV, ip="10.96.0.12")
    env = {**CLIENT_ENV, "PGHOST": "db-a"}
    made = net.run("psql -q <<EOF\nCREATE TABLE agents (id SERIAL PRIMARY KEY, name TEXT);\n"
                   "INSERT INTO agents (name) VALUES ('alpha'), ('beta');\n"
                   "GRANT SELECT ON agents TO app;\nALTER TABLE agents OWNER TO app;\nEOF\n"
                   "pg_dump > /tmp/backup.sql && psql -h db-b -f /tmp/backup.sql > /dev/null && "
                   "psql -h db-b -c 'SELECT * FROM agents' -c '\\dt'", env=env)
    assert made.stderr == ""
    assert made.stdout == (" id | name  \n----+-------\n  1 | alpha\n  2 | beta\n(2 rows)\n\n"
                           "         List of tables\n Schema |  Name  | Type  | Owner \n"
                           "--------+--------+-------+-------\n public | agents | table | app\n"
                           "(1 row)\n\n")
    denied = net.run("psql -c 'GRANT SELECT ON agents TO nobody'", env=env)
    assert denied.stderr == 'ERROR:  role "nobody" does not exist\n'


def test_createdb_adds_a_database_to_the_pod() -> None:
    net = Net()
    net.serve("postgres", "postgres:15", POSTGRES_ENV)
    run = net.run("createdb reports && psql -d reports -At -c 'select current_setting("
                  "$$server_version_num$$)::int > 150000'; createdb reports; echo $?",
                  env=CLIENT_ENV)
    assert run.stdout == "t\n1\n"
    assert run.stderr == ('createdb: error: database creation failed: ERROR:  database '
                          '"reports" already exists\n')


def test_the_server_lives_in_the_clusters_state_dir(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A fresh process whose first postgres pod belongs to a runtime with a state_dir."""
    import subprocess
    import sys

    root = str(Path(__file__).parents[3])
    script = (
        f"import sys; sys.path.insert(0, {root!r})\n"
        "from tests.runtime.services.helpers import Net\n"
        "from minicluster.runtime.services.postgres_server import SERVER\n"
        f"net = Net(); net.runtime.state_dir = {str(tmp_path)!r}\n"
        f"net.serve('postgres', 'postgres:15', {POSTGRES_ENV!r})\n"
        f"run = net.run('psql -At -c \"select 1\"', env={CLIENT_ENV!r})\n"
        "print(run.stdout.strip(), SERVER.data_dir.startswith("
        f"{str(tmp_path / 'postgres')!r}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MINICLUSTER_POSTGRES_URL"}
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", script], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.stdout == "1 True\n", done.stderr
    assert not list((tmp_path / "postgres").iterdir())  # removed when the process ended


def test_output_file_and_database_list(pg_net) -> None:  # type: ignore[no-untyped-def]
    run = pg_net.run("psql -At -o /tmp/out.txt -c 'select 5'; cat /tmp/out.txt; psql -l",
                     env=CLIENT_ENV)
    assert run.stdout.splitlines()[:5] == [
        "5",
        "                                                 List of databases",
        "   Name    | Owner | Encoding | Locale Provider |  Collate   |   Ctype    | Locale | "
        "ICU Rules | Access privileges ",
        "-----------+-------+----------+-----------------+------------+------------+--------+"
        "-----------+-------------------",
        " agents    | app   | UTF8     | libc            | en_US.utf8 | en_US.utf8 |        | "
        "          | ",
    ]
    assert run.stdout.splitlines()[-4:] == [
        " template1 | app   | UTF8     | libc            | en_US.utf8 | en_US.utf8 |        | "
        "          | =c/app           +",
        "           |       |          |                 |            |            |        | "
        "          | app=CTc/app",
        "(4 rows)",
        "",
    ]


def test_backslash_copy_uses_the_containers_files(pg_net) -> None:  # type: ignore[no-untyped-def]
    run = pg_net.run(
        "psql -q -c 'CREATE TABLE IF NOT EXISTS hosts (name text)'\n"
        "psql <<'EOF'\n\\copy hosts from '/etc/hostname'\n"
        "\\copy (SELECT name FROM hosts) to '/tmp/names.txt'\n"
        "\\copy hosts to /nonexist/x\nDROP TABLE hosts;\nEOF\ncat /tmp/names.txt",
        env=CLIENT_ENV)
    hostname = run.stdout.splitlines()[-1]
    assert hostname.startswith("client-")  # the container's /etc/hostname, not the host's
    assert run.stdout == f"COPY 1\nCOPY 1\nDROP TABLE\n{hostname}\n"
    assert run.stderr == "/nonexist/x: No such file or directory\n"


def test_stale_data_directories_are_swept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from minicluster.runtime.services.postgres_server import _sweep_stale

    stale, fresh, live, other = (tmp_path / n for n in (
        "minicluster-pg-stale", "minicluster-pg-fresh", "minicluster-pg-live", "unrelated"))
    for path in (stale, fresh, live, other):
        (path / "data").mkdir(parents=True)
    (live / "data" / "postmaster.pid").write_text(f"{os.getpid()}\n/data\n")
    for path in (stale, live, other):
        os.utime(path, (1, 1))
    _sweep_stale(tmp_path, now=fresh.stat().st_mtime)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "minicluster-pg-fresh", "minicluster-pg-live", "unrelated"]


def test_a_huge_result_is_stopped_by_the_sandbox(pg_net) -> None:  # type: ignore[no-untyped-def]
    run = pg_net.run("psql -At -c \"SELECT repeat('x', 1000) FROM generate_series(1, 50000)\"; "
                     "echo status=$?; psql -At -c 'select 1'", env=CLIENT_ENV)
    # Like every sandbox budget, it ends the container (137); the server is unharmed.
    assert (run.stdout, run.status) == ("", 137)
    assert run.stderr == ("minicluster sandbox: process killed: query result larger than "
                          "16777216 bytes\n")
    assert pg_net.run("psql -At -c 'select 1'", env=CLIENT_ENV).stdout == "1\n"
    copy = pg_net.run("psql -c \"COPY (SELECT repeat('x', 1000) FROM generate_series(1, 50000)) "
                      "TO STDOUT\"", env=CLIENT_ENV)
    assert (copy.stdout, copy.status) == ("", 137)


def test_localhost_and_ip_addresses_as_libpq_names_them(pg_net) -> None:  # type: ignore[no-untyped-def]
    local = pg_net.exec("postgres", ["psql", "-h", "localhost", "-U", "app", "-d", "agents",
                                     "-At", "-c", "select 1"])
    assert (local.stdout, local.status) == ("1\n", 0)  # pg_hba: trust for ::1 and 127.0.0.1
    run = pg_net.run("psql -h localhost -U app -c 'select 1'; PGPASSWORD=bad psql -h 10.96.0.10 "
                     "-U app -d agents -c 'select 1'; psql -h 10.1.2.3 -c 'select 1'", env=CLIENT_ENV)
    refused = "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"
    assert run.stderr == (
        f'psql: error: connection to server at "localhost" (::1), port 5432 failed: {refused}'
        f'connection to server at "localhost" (127.0.0.1), port 5432 failed: {refused}'
        'psql: error: connection to server at "10.96.0.10", port 5432 failed: FATAL:  password '
        'authentication failed for user "app"\n'
        'psql: error: connection to server at "10.1.2.3", port 5432 failed: Connection timed out\n'
        "\tIs the server running on that host and accepting TCP/IP connections?\n")


def test_pods_of_a_vanished_process_are_swept(pg_net) -> None:  # type: ignore[no-untyped-def]
    """A forked grading child ends with os._exit (no atexit): the next pod creation drops
    what it left behind."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            net = Net()
            net.serve("postgres", "postgres:15", POSTGRES_ENV)
            os.write(write, _pod(net).real_db("agents").encode())
        finally:
            os._exit(0)
    os.close(write)
    left_behind = os.read(read, 200).decode()
    os.close(read)
    os.waitpid(pid, 0)
    assert left_behind.startswith(f"mc{pid}_") and _database_exists(left_behind)
    Net().serve("postgres", "postgres:15", POSTGRES_ENV)
    assert not _database_exists(left_behind)
    assert _database_exists(_pod(pg_net).real_db("agents"))  # ours are untouched


def test_sql_time_is_the_clusters_virtual_time(pg_net) -> None:  # type: ignore[no-untyped-def]
    pg_net.clock.advance(3600)
    run = pg_net.run("date -u '+%Y-%m-%d %H:%M:%S'; psql -At -c \"SELECT to_char(now(), "
                     "'YYYY-MM-DD HH24:MI:SS'), now() = transaction_timestamp()\"; "
                     "psql -At -c 'SELECT localtimestamp(0), CURRENT_DATE'; psql -c '\\dn'",
                     env=CLIENT_ENV)
    date, sql, keywords, *schemas = run.stdout.splitlines()
    assert sql == date + "|t"
    assert keywords == f"{date}|{date[:10]}"  # the SQL keywords too
    assert "minicluster" not in "\n".join(schemas)  # the clock's schema is not the learner's
