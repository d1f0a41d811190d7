"""SandboxRuntime through runtime.interface: virtual time, logs, kill and traps, exec, probes,
volumes, start errors."""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from helpers import collect, run_container, sh  # noqa: E402

from minicluster.core.clock import VirtualClock  # noqa: E402
from minicluster.runtime.interface import ContainerSpec, Mount, ProbeSpec  # noqa: E402
from minicluster.runtime.sandbox import ContainerNotRunning, SandboxRuntime  # noqa: E402


def new_runtime() -> tuple[VirtualClock, SandboxRuntime]:
    clock = VirtualClock()
    return clock, SandboxRuntime(clock, None, None, None)


def start(runtime: SandboxRuntime, script: str, image: str = "busybox:1.36", cid: str = "ns/p/c/0",
          mounts: list[Mount] | None = None, exits: list | None = None):  # type: ignore[no-untyped-def]
    spec = ContainerSpec(id=cid, image=image, command=["sh", "-c", script], mounts=mounts or [],
                         hostname="p")
    return runtime.start(spec, (exits if exits is not None else []).append)


def test_job_like_run_consumes_virtual_not_real_time() -> None:
    clock, runtime = new_runtime()
    script = ('echo "Step 1: Backing up data" && sleep 2\n'
              'for i in 1 2 3; do echo "try $i"; sleep 5; done\n'
              'echo "done at $(date +%H:%M:%S)"\n')
    exits: list = []
    began = time.monotonic()
    process = start(runtime, script, exits=exits)
    assert process.running
    clock.run_until_idle()
    real = time.monotonic() - began
    assert clock.now() == 17.0
    assert real < 2.0
    assert exits == [process]
    assert (process.exit_code, process.reason) == (0, "Completed")
    lines = process.logs()
    assert [(line.time, line.text) for line in lines] == [
        (0.0, "Step 1: Backing up data"), (2.0, "try 1"), (7.0, "try 2"), (12.0, "try 3"),
        (17.0, "done at 09:00:17"),
    ]


def test_on_exit_is_called_from_a_clock_callback() -> None:
    clock, runtime = new_runtime()
    exits: list = []
    process = start(runtime, "exit 3", exits=exits)
    assert exits == []
    clock.run_due()
    assert exits == [process]
    assert (process.exit_code, process.reason) == (3, "Error")


def test_sigterm_is_ignored_by_pid1_without_trap_then_sigkill() -> None:
    clock, runtime = new_runtime()
    process = runtime.start(ContainerSpec(id="a", image="busybox", command=["sleep", "3600"]),
                            lambda p: None)
    clock.advance(5)
    process.kill(grace_seconds=30)
    clock.run_until(lambda: not process.running)
    assert clock.now() == 35.0
    assert process.exit_code == 137


def test_trap_on_term_runs_at_the_next_command() -> None:
    clock, runtime = new_runtime()
    process = start(runtime, "trap 'echo got TERM; exit 0' TERM\n"
                             "while true; do sleep 1; done")
    clock.advance(10.5)
    process.kill(grace_seconds=30)
    clock.run_until(lambda: not process.running)
    assert clock.now() == 11.0
    assert process.exit_code == 0
    assert [line.text for line in process.logs()] == ["got TERM"]


def test_trap_interrupts_wait_at_once() -> None:
    clock, runtime = new_runtime()
    process = start(runtime, "trap 'echo bye; exit 143' TERM; sleep 3600 & wait")
    clock.advance(3)
    process.kill(grace_seconds=30)
    clock.run_until(lambda: not process.running)
    assert clock.now() == 3.0
    assert (process.exit_code, [line.text for line in process.logs()]) == (143, ["bye"])


def test_kill_with_zero_grace_is_sigkill() -> None:
    clock, runtime = new_runtime()
    process = start(runtime, "trap 'echo never' TERM; sleep 100")
    clock.advance(1)
    process.kill(grace_seconds=0)
    assert (process.running, process.exit_code) == (False, 137)


def test_exec_runs_in_the_same_filesystem() -> None:
    clock, runtime = new_runtime()
    main = start(runtime, "echo ready > /tmp/state; sleep 3600", cid="c1")
    clock.advance(1)
    exits: list = []
    process = runtime.exec("c1", ["sh", "-c", "cat /tmp/state; echo oops >&2; exit 4"], None, exits.append)
    clock.run_until(lambda: bool(exits), timeout=5)
    result = collect(process)
    assert (result.stdout, result.stderr, result.status) == ("ready\n", "oops\n", 4)
    assert main.running
    assert main.logs() == []


def test_exec_of_unknown_command_and_of_stopped_container() -> None:
    clock, runtime = new_runtime()
    start(runtime, "sleep 10", cid="c1")
    clock.advance(1)
    exits: list = []
    process = runtime.exec("c1", ["nosuch"], None, exits.append)
    clock.run_until(lambda: bool(exits), timeout=1)
    assert process.exit_code == 127
    assert 'exec: "nosuch": executable file not found in $PATH' in process.message
    clock.run_until_idle()
    try:
        runtime.exec("c1", ["true"], None, exits.append)
    except ContainerNotRunning as err:
        assert "container not found" in str(err)
    else:
        raise AssertionError("exec into a stopped container must fail")


def test_exec_probe_success_failure_and_timeout() -> None:
    clock, runtime = new_runtime()
    start(runtime, "touch /tmp/healthy; sleep 3600", cid="c1")
    clock.advance(1)
    assert runtime.probe("c1", ProbeSpec("exec", command=("cat", "/tmp/healthy")))
    assert not runtime.probe("c1", ProbeSpec("exec", command=("cat", "/tmp/missing")))
    assert not runtime.probe("c1", ProbeSpec("exec", command=("sleep", "5"), timeout_seconds=1))
    assert runtime.probe("c1", ProbeSpec("exec", command=("sleep", "0.5"), timeout_seconds=1))
    assert clock.now() == 1.0  # probes do not move the clock
    # http and tcp probes fail closed while nothing listens
    assert not runtime.probe("c1", ProbeSpec("http", port=8080, path="/healthz"))
    assert not runtime.probe("c1", ProbeSpec("tcp", port=5432))
    assert not runtime.probe("nope", ProbeSpec("exec", command=("true",)))


def test_http_probe_uses_a_registered_listener() -> None:
    clock, runtime = new_runtime()
    start(runtime, "sleep 3600", cid="c1")
    clock.advance(1)

    class Ok:
        def http(self, method, path, headers, body):  # type: ignore[no-untyped-def]
            return (200 if path == "/healthz" else 404), {}, b"ok"

    runtime.network.listen("c1", 8080, Ok())
    assert runtime.probe("c1", ProbeSpec("http", port=8080, path="/healthz"))
    assert not runtime.probe("c1", ProbeSpec("http", port=8080, path="/other"))
    assert runtime.probe("c1", ProbeSpec("tcp", port=8080))


def test_shared_empty_dir_between_containers() -> None:
    clock, runtime = new_runtime()
    volume = runtime.new_volume()
    start(runtime, "echo from-writer > /shared/msg", cid="w", mounts=[Mount("/shared", volume)])
    clock.run_until_idle()
    reader = start(runtime, "cat /data/msg", cid="r", mounts=[Mount("/data", volume)])
    clock.run_until_idle()
    assert [line.text for line in reader.logs()] == ["from-writer"]
    assert volume.read_file("msg") == b"from-writer\n"
    assert volume.list_files() == ["msg"]


def test_read_only_config_volume_and_projected_layout() -> None:
    clock, runtime = new_runtime()
    volume = runtime.new_projected_volume({"init.sql": b"CREATE TABLE t (id int);\n"})
    result = run_container(
        ["sh", "-c", "cat /cfg/init.sql; ls -a /cfg; readlink /cfg/init.sql; echo x > /cfg/new; "
                     "touch /cfg/init.sql; echo status=$?"],
        "debian:12", mounts=[Mount("/cfg", volume, read_only=True)], runtime=runtime, clock=clock)
    assert result.stdout == (
        "CREATE TABLE t (id int);\n.\n..\n..2026_03_02_09_00_00.000000000\n..data\ninit.sql\n"
        "..data/init.sql\nstatus=1\n"
    )
    assert result.stderr == (
        "sh: 1: cannot create /cfg/new: Read-only file system\n"
        "touch: cannot touch '/cfg/init.sql': Read-only file system\n"
    )
    assert volume.list_files() == ["init.sql"]


def test_projected_item_paths_may_name_directories() -> None:
    _, runtime = new_runtime()
    volume = runtime.new_projected_volume({"sql/init.sql": b"x", "top": b"y"}, mode=0o400)
    assert volume.list_files() == ["sql/init.sql", "top"]
    assert volume.read_file("sql/init.sql") == b"x"
    assert volume.fs.lookup("/sql", follow=False).target == "..data/sql"  # type: ignore[attr-defined]


def test_sub_path_mount() -> None:
    clock, runtime = new_runtime()
    volume = runtime.new_volume({"app.conf": b"port=80\n", "dir/x": b"x\n"})
    result = run_container(["sh", "-c", "cat /etc/app.conf; ls /mnt/sub"], "busybox",
                           mounts=[Mount("/etc/app.conf", volume, sub_path="app.conf"),
                                   Mount("/mnt/sub", volume, sub_path="dir")],
                           runtime=runtime, clock=clock)
    assert (result.stdout, result.stderr) == ("port=80\nx\n", "")


def test_command_not_in_path_is_a_start_error() -> None:
    result = run_container(["psql -c 'select 1'"], "debian:12")
    assert (result.status, result.reason) == (128, "StartError")
    assert result.process.message == (  # type: ignore[attr-defined]
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
        "runc create failed: unable to start container process: exec: \"psql -c 'select 1'\": "
        "executable file not found in $PATH: unknown"
    )


def test_image_defaults_entrypoint_and_args() -> None:
    # busybox's CMD is sh, which reads an empty stdin and exits 0 at once
    assert run_container(None, "busybox").status == 0
    result = run_container(None, "busybox", args=["echo", "from args"])
    assert result.stdout == "from args\n"
    # args replace CMD but keep the (empty) ENTRYPOINT: "-c" is not a command
    result = run_container(None, "ubuntu:24.04", args=["-c", "echo $0"])
    assert (result.status, result.reason) == (128, "StartError")
    result = run_container(["bash", "-c", 'echo "$0 $1"', "name", "arg"], "ubuntu:24.04")
    assert result.stdout == "name arg\n"
    result = run_container(["/bin/sh", "-c", "echo $0"], "ubuntu:24.04")
    assert result.stdout == "/bin/sh\n"


def test_environment_hostname_and_kubelet_files() -> None:
    result = sh('echo "$HOSTNAME $HOME $GREETING"; cat /etc/hostname; hostname; '
                'head -1 /etc/hosts; cat /etc/resolv.conf', env={"GREETING": "hi"})
    assert result.stdout == (
        "pod /root hi\npod\npod\n# Kubernetes-managed hosts file.\n"
        "search default.svc.cluster.local svc.cluster.local cluster.local\n"
        "nameserver 10.96.0.10\noptions ndots:5\n"
    )


def test_long_running_loop_lets_run_until_idle_return() -> None:
    clock, runtime = new_runtime()
    process = start(runtime, "while true; do echo tick; sleep 60; done")
    clock.run_until_idle()
    assert process.running
    assert 300 <= clock.now() <= 360
    ticks = len(process.logs())
    clock.advance(600)
    assert len(process.logs()) == ticks + 10


def test_a_server_program_handles_sigterm_as_pid1() -> None:
    from minicluster.runtime.image_catalog import DEBIAN
    from minicluster.runtime.images import register_image
    from minicluster.runtime.programs.registry import program

    @program("test-server")
    def server(ctx, argv):  # type: ignore[no-untyped-def]
        ctx.host.net.listen(ctx.host.container_id, 8080, object())
        ctx.stdout.write("listening\n")
        signum = ctx.host.wait_for_signal()
        ctx.stdout.write(f"got signal {signum}, shutting down\n")
        ctx.sleep(2)
        return 0

    register_image(DEBIAN.with_programs({"/usr/local/bin/test-server": "test-server"},
                                        repository="minicluster-test/server", cmd=("test-server",)))
    clock, runtime = new_runtime()
    process = runtime.start(ContainerSpec(id="s", image="minicluster-test/server:1"), lambda p: None)
    clock.advance(10)
    assert runtime.probe("s", ProbeSpec("tcp", port=8080))
    process.kill(grace_seconds=30)
    clock.run_until(lambda: not process.running)
    assert (clock.now(), process.exit_code, process.reason) == (12.0, 0, "Completed")
    assert [line.text for line in process.logs()] == ["listening", "got signal 15, shutting down"]
    assert not runtime.probe("s", ProbeSpec("tcp", port=8080))


def test_signals_sent_from_inside_the_container() -> None:
    result = sh("sleep 100 & echo start; kill -9 1; echo never", image="busybox")
    assert (result.stdout, result.status, result.elapsed) == ("start\n", 137, 0.0)
    result = sh("(sleep 1; kill -9 1) & sleep 50; echo never", image="busybox")
    assert (result.stdout, result.status, result.elapsed) == ("", 137, 1.0)
    result = sh('trap "echo term; exit 3" TERM; kill 1; echo after')
    assert (result.stdout, result.status) == ("term\n", 3)
    result = sh("kill $$; echo after")  # PID 1 ignores a signal it does not handle
    assert (result.stdout, result.status) == ("after\n", 0)
