"""curl, wget, nc and redis-cli against servers in other containers: texts and exit codes."""

from __future__ import annotations

import pytest

from .conftest import POSTGRES_ENV
from .helpers import Net

CURL = "curlimages/curl:8.11.1"


@pytest.fixture(scope="module")
def net() -> Net:
    net = Net()
    net.serve("postgres", "postgres:15", POSTGRES_ENV)
    url = "postgresql://app:s3cret@postgres:5432/agents"
    # agent-api v2 before any migration: /health answers 500 (no agents table).
    net.serve("api", "agent-api:v2", {"DATABASE_URL": url}, ip="10.96.0.20")
    net.serve("registry", "service-registry:1.0", ip="10.96.0.30")
    net.serve("cache", "redis:7", ip="10.96.0.40")
    return net


def test_curl_fail_and_write_out(net: Net) -> None:
    run = net.run("curl -f http://api:8000/health; echo status=$?", image=CURL)
    assert run.stdout == "status=22\n"
    assert run.stderr.endswith("curl: (22) The requested URL returned error: 500\n")
    quiet = net.run("curl -sf http://api:8000/health; echo status=$?; "
                    "curl -sSf http://api:8000/health; echo status=$?; "
                    "curl -s -o /dev/null -w '%{http_code}\\n' http://api:8000/health; "
                    "curl -s -w '%{http_code}\\n' http://nohost/; echo status=$?", image=CURL)
    assert quiet.stdout == "status=22\nstatus=22\n500\n000\nstatus=6\n"
    assert quiet.stderr == "curl: (22) The requested URL returned error: 500\n"
    body = net.run("curl -s http://api:8000/health", image=CURL)
    assert body.stdout == '{"status": "error", "error": "relation \\"agents\\" does not exist"}\n'


def test_curl_connection_errors(net: Net) -> None:
    run = net.run("curl -sS http://nohost:8000/; echo $?; curl -sS http://api:9999/; echo $?; "
                  "curl -sS --max-time 5 http://10.0.0.99/; echo $?", image=CURL)
    assert run.stdout == "6\n7\n28\n"
    assert run.stderr == ("curl: (6) Could not resolve host: nohost\n"
                          "curl: (7) Failed to connect to api port 9999 after 0 ms: Could not "
                          "connect to server\n"
                          "curl: (28) Failed to connect to 10.0.0.99 port 80 after 5000 ms: "
                          "Timeout was reached\n")
    empty = net.run("curl -sS http://postgres:5432/; echo $?", image=CURL)
    assert (empty.stdout, empty.stderr) == ("52\n", "curl: (52) Empty reply from server\n")


def test_curl_retry_waits_on_the_virtual_clock(net: Net) -> None:
    start = net.clock.now()
    run = net.run("curl -sf --retry 2 http://api:8000/health; echo $?", image=CURL)
    assert net.clock.now() - start == pytest.approx(3.0)
    assert run.stdout == "22\n"
    assert run.stderr == ("Warning: Problem : HTTP error. Will retry in 1 second. 2 retries left.\n"
                          "Warning: Problem : HTTP error. Will retry in 2 seconds. 1 retry left.\n")


def test_curl_methods_headers_and_output_file(net: Net) -> None:
    run = net.run("curl -s -X POST http://registry:8080/register -H 'Content-Type: "
                  "application/json' -d '{\"name\":\"a1\",\"port\":8000}' -o /tmp/r.json; "
                  "cat /tmp/r.json; curl -s http://registry:8080/agents/a1; "
                  "curl -sI http://registry:8080/agents/a1", image=CURL)
    assert run.stdout == ('{"registered": "a1"}\n{"name": "a1", "port": 8000}\n'
                          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")


def test_wget_and_nc(net: Net) -> None:
    run = net.run("wget -qO- http://registry:8080/health; echo $?; wget -q http://nohost/; "
                  "echo $?; wget -qO- http://api:8000/health; echo $?; nc -z registry 8080; "
                  "echo $?; nc -z registry 9999; echo $?; nc -zv cache 6379", image="busybox:1.36")
    assert run.stdout == '{"status": "ok"}\n0\n1\n1\n0\n1\n'
    assert run.stderr == ("wget: bad address 'nohost'\n"
                          "wget: server returned error: HTTP/1.1 500 Internal Server Error\n"
                          "cache (10.96.0.40:6379) open\n")


def test_redis_cli_replies(net: Net) -> None:
    run = net.run("redis-cli -h cache SET greeting hello; redis-cli -h cache GET greeting; "
                  "redis-cli -h cache GET nothing; redis-cli -h cache INCR n; "
                  "redis-cli -h cache -n 1 GET greeting; redis-cli -h cache NoSuch x; echo $?; "
                  "redis-cli -e -h cache NoSuch; echo $?; "
                  "redis-cli -h cache -p 6380 PING; echo $?", image="redis:7")
    assert run.stdout == ("OK\nhello\n\n1\n\nERR unknown command 'NoSuch', with args beginning "
                          "with: 'x' \n0\nERR unknown command 'NoSuch', with args beginning with: \n1\n1\n")
    assert run.stderr == "Could not connect to Redis at cache:6380: Connection refused\n"
