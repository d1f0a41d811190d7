"""Attempts to escape the sandbox: host files, host processes, sockets, Python evaluation,
runaway output and recursion."""

from __future__ import annotations

import builtins
import os
import socket
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from helpers import run_container, sh  # noqa: E402

from minicluster.core.clock import VirtualClock  # noqa: E402
from minicluster.runtime.budget import Limits  # noqa: E402
from minicluster.runtime.sandbox import SandboxRuntime  # noqa: E402


def test_etc_passwd_is_the_images() -> None:
    result = sh("cat /etc/passwd | head -1", image="busybox:1.36")
    assert result.stdout == "root:x:0:0:root:/root:/bin/sh\n"
    result = sh("grep -c . /etc/passwd", image="debian:12")
    assert result.stdout == "12\n"


def test_dot_dot_stays_inside_the_container() -> None:
    result = sh("cat ../../../../../etc/hostname; cd /../../..; pwd; ls /tmp/../../..; "
                "cat /proc/self/../../etc/hostname")
    assert result.stdout == "pod\n/\nbin\ndev\netc\nhome\nlib\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\npod\n"
    assert result.stderr == ""


def test_host_environment_does_not_leak(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINICLUSTER_HOST_SECRET", "s3cret")
    result = sh("env; cat /proc/self/environ | tr '\\0' '\\n'; echo ${MINICLUSTER_HOST_SECRET:-unset}")
    assert "s3cret" not in result.stdout
    assert result.stdout.endswith("unset\n")


def test_symlink_loops_and_absolute_links_stay_virtual() -> None:
    result = sh("ln -s /b /a; ln -s /a /b; cat /a; ln -s /etc/shadow /tmp/s; cat /tmp/s; "
                "ln -s / /tmp/root; ls /tmp/root/etc/hostname")
    assert result.stderr == (
        "cat: /a: Too many levels of symbolic links\n"
        "cat: /tmp/s: No such file or directory\n"
    )
    assert result.stdout == "/tmp/root/etc/hostname\n"


def test_no_host_file_process_or_socket_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the sandbox touched the host: {args!r}")

    clock = VirtualClock()
    runtime = SandboxRuntime(clock, None, None, None)
    script = ("echo hi > /tmp/f; cat /tmp/f /etc/os-release | wc -l; ls -la /; date; sleep 3; "
              "mkdir -p /a/b; cp /tmp/f /a/b/g; sed -i s/hi/ho/ /a/b/g; cat /a/b/g; "
              "python3 -c 'print(1)'; env | sort | head -2; x=$(id); echo $x; [ -f /a/b/g ]; "
              "find / 2>/dev/null; nc -z localhost 80; curl http://example.com; exit 0")
    monkeypatch.setattr(builtins, "open", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    monkeypatch.setattr(os, "system", forbidden)
    monkeypatch.setattr(os, "execv", forbidden)
    monkeypatch.setattr(socket, "socket", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    result = run_container(["sh", "-c", script], "debian:12", runtime=runtime, clock=clock)
    monkeypatch.undo()
    assert result.status == 0
    assert "\nho\nHOME=/root\n" in result.stdout
    assert "sh: 1: python3: not found" in result.stderr
    assert "sh: 1: nc: not found" in result.stderr
    assert "sh: 1: curl: not found" in result.stderr


def test_python_code_is_never_evaluated() -> None:
    result = run_container(["python3", "-c", "__import__('os').system('id')"], "python:3.12")
    assert result.status == 2
    assert result.stderr == (
        "python3: the minicluster sandbox runs only print() of literals and sys.exit(n) in python3 -c\n"
    )
    result = run_container(["python3", "-c", "print('ok', 42); import sys; sys.exit(3)"], "python:3.12")
    assert (result.stdout, result.status) == ("ok 42\n", 3)


def small_runtime(**limits: float) -> tuple[VirtualClock, SandboxRuntime]:
    clock = VirtualClock()
    return clock, SandboxRuntime(clock, None, None, None, limits=Limits(**limits))  # type: ignore[arg-type]


def test_runaway_loop_is_stopped_with_a_message() -> None:
    clock, runtime = small_runtime(steps_between_yields=5000)
    result = run_container(["sh", "-c", "echo start; while true; do :; done"], "busybox",
                           runtime=runtime, clock=clock)
    assert (result.stdout, result.status, result.reason) == ("start\n", 137, "Error")
    assert result.stderr == (
        "minicluster sandbox: process killed: more than 5000 steps without sleeping "
        "(an endless loop?)\n"
    )


def test_loop_that_sleeps_is_not_a_runaway() -> None:
    clock, runtime = small_runtime(steps_between_yields=5000)
    result = run_container(["sh", "-c", "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); "
                            "[ $((i % 500)) -eq 0 ] && sleep 1; done; echo $i"], "busybox",
                           runtime=runtime, clock=clock)
    assert (result.stdout, result.status, result.elapsed) == ("3000\n", 0, 6.0)


def test_huge_output_is_truncated() -> None:
    clock, runtime = small_runtime(log_bytes=1000, steps_between_yields=20000)
    result = run_container(["sh", "-c", "while true; do echo 0123456789; done"], "debian",
                           runtime=runtime, clock=clock)
    lines = result.process.logs()  # type: ignore[attr-defined]
    assert len(lines) == 91
    assert lines[-1].text == "minicluster sandbox: log truncated after 1000 bytes"
    assert result.status == 137


def test_deep_recursion_is_bounded() -> None:
    result = sh("f() { f; }; f; echo never")
    assert result.status == 137
    assert result.stderr == (
        "minicluster sandbox: process killed: function nesting deeper than 60 calls (f)\n"
    )


def test_file_budget_and_command_substitution_budget() -> None:
    clock, runtime = small_runtime(file_bytes=10_000)
    result = run_container(["sh", "-c", "while true; do echo 0123456789 >> /tmp/big; sleep 0.001; done"],
                           "debian", runtime=runtime, clock=clock)
    assert result.status == 137
    assert result.stderr == (
        "minicluster sandbox: process killed: more than 10000 bytes written to files\n"
    )
