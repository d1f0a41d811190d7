"""The scripted test runtime: shell subset, virtual time, servers, kill, exec and probes."""

from __future__ import annotations

from minicluster.core.clock import VirtualClock
from minicluster.runtime.interface import ContainerSpec, Mount, ProbeSpec
from minicluster.runtime.scripted import ScriptedRuntime, parse_script


def run(command, image="busybox:1.36", env=None, mounts=None, until=None):
    clock = VirtualClock()
    runtime = ScriptedRuntime(clock)
    exited = []
    spec = ContainerSpec(
        id="default/p/c/0", image=image, command=command, env=env or {}, mounts=mounts or []
    )
    proc = runtime.start(spec, exited.append)
    if until is None:
        clock.run_until_idle()
    else:
        clock.advance(until)
    return clock, runtime, proc, exited


def lines(proc, stream=None):
    return [(x.time, x.text) for x in proc.logs() if stream in (None, x.stream)]


def test_echo_sleep_exit_on_the_virtual_clock():
    clock, _, proc, exited = run(["sh", "-c", "echo start; sleep 5\necho done && exit 3"])
    assert lines(proc) == [(0.0, "start"), (5.0, "done")]
    assert proc.exit_code == 3 and proc.reason == "Error" and not proc.running
    assert exited == [proc] and clock.now() == 5.0


def test_success_is_completed_and_on_exit_runs_from_the_clock():
    clock = VirtualClock()
    runtime = ScriptedRuntime(clock)
    exited = []
    proc = runtime.start(ContainerSpec(id="a", image="busybox", command=["true"]), exited.append)
    assert exited == [] and proc.running
    clock.run_due()
    assert exited == [proc] and proc.exit_code == 0 and proc.reason == "Completed"


def test_and_or_lists_and_errexit():
    _, _, proc, _ = run(["sh", "-c", "false || echo rescued; true && echo yes; false && echo no"])
    assert lines(proc) == [(0.0, "rescued"), (0.0, "yes")]
    assert proc.exit_code == 1  # the status of the last list: `false` short-circuited
    _, _, proc, _ = run(["sh", "-c", "set -e\nfalse && echo no\necho after\nfalse\necho never"])
    assert [t for _, t in lines(proc)] == ["after"] and proc.exit_code == 1
    _, _, proc, _ = run(["bash", "-ec", "echo a; false; echo b"])
    assert [t for _, t in lines(proc)] == ["a"] and proc.exit_code == 1


def test_unknown_command_is_127_with_the_shell_wording():
    _, _, proc, _ = run(["sh", "-c", "echo hi\npsql -c 'select 1'"])
    assert lines(proc, "stderr") == [(0.0, "sh: 2: psql: not found")]
    assert proc.exit_code == 127
    _, _, proc, _ = run(["/bin/bash", "-c", "nope"])
    assert [t for _, t in lines(proc, "stderr")] == ["/bin/bash: line 1: nope: command not found"]


def test_variables_quotes_and_redirects():
    _, _, proc, _ = run(
        [
            "sh",
            "-c",
            "echo \"hello $NAME\" '$NAME' ${MISSING:-dflt}; echo oops >&2; echo x >/dev/null",
        ],
        env={"NAME": "world"},
    )
    assert lines(proc, "stdout") == [(0.0, "hello world $NAME dflt")]
    assert lines(proc, "stderr") == [(0.0, "oops")]


def test_files_mounts_and_test_builtin():
    clock = VirtualClock()
    runtime = ScriptedRuntime(clock)
    volume = runtime.new_volume({"greeting": b"hi from configmap\n"})
    _, _, proc, _ = run(
        [
            "sh",
            "-c",
            "cat /etc/cfg/greeting; touch /tmp/ready; [ -f /tmp/ready ] && echo ok; "
            "rm /tmp/ready; test -f /tmp/ready || echo gone; touch /etc/cfg/x",
        ],
        mounts=[Mount("/etc/cfg", volume, read_only=True)],
    )
    assert [t for _, t in lines(proc, "stdout")] == ["hi from configmap", "ok", "gone"]
    assert [t for _, t in lines(proc, "stderr")] == ["touch: /etc/cfg/x: Read-only file system"]
    assert proc.exit_code == 1


def test_script_from_a_mounted_file_and_a_missing_one():
    volume = ScriptedRuntime(VirtualClock()).new_volume({"run.sh": b"echo from file\nexit 4\n"})
    _, _, proc, _ = run(["sh", "/scripts/run.sh"], mounts=[Mount("/scripts", volume)])
    assert [t for _, t in lines(proc)] == ["from file"] and proc.exit_code == 4
    _, _, proc, _ = run(["sh", "/scripts/none.sh"])
    assert [t for _, t in lines(proc)] == ["sh: 0: cannot open /scripts/none.sh: No such file"]
    assert proc.exit_code == 2


def test_servers_run_until_killed_and_scripts_die_on_sigterm():
    clock, runtime, server, exited = run(None, image="postgres:16", until=3600)
    assert server.running and exited == []
    server.kill(30)
    clock.run_due()
    assert server.exit_code == 0 and exited == [server]
    clock, runtime, proc, exited = run(["sh", "-c", "sleep 100; echo late"], until=10)
    assert proc.running
    proc.kill()
    clock.advance(200)
    assert proc.exit_code == 143 and proc.reason == "Error" and lines(proc) == []
    assert clock.now() == 210 and exited == [proc]


def test_a_server_image_with_a_script_command_runs_the_script():
    _, _, proc, _ = run(["sh", "-c", "echo migrate"], image="my-api-server:2")
    assert proc.exit_code == 0 and [t for _, t in lines(proc)] == ["migrate"]


def test_images_known_and_pull_times_are_deterministic():
    runtime = ScriptedRuntime(VirtualClock())
    assert runtime.image_known("busybox:1.36")
    for bad in ("doesnotexist:1", "registry.io/invalid-image", "nonexistent/app"):
        assert not runtime.image_known(bad)
    assert runtime.pull_seconds("busybox") == ScriptedRuntime(VirtualClock()).pull_seconds(
        "busybox"
    )
    assert 0.5 <= runtime.pull_seconds("busybox") <= 3.5
    assert runtime.pull_seconds("busybox") != runtime.pull_seconds("nginx")


def test_exec_and_probes_share_the_container_files():
    clock, runtime, proc, _ = run(["sh", "-c", "sleep 60; touch /tmp/ready; sleep 3600"], until=1)
    probe = ProbeSpec(kind="exec", command=("test", "-f", "/tmp/ready"))
    assert runtime.probe(proc.id, probe) is False
    clock.advance(60)
    assert runtime.probe(proc.id, probe) is True
    done = []
    ex = runtime.exec(proc.id, ["sh", "-c", "rm /tmp/ready; echo removed"], None, done.append)
    clock.run_due()
    assert done == [ex] and ex.exit_code == 0 and [x.text for x in ex.logs()] == ["removed"]
    assert runtime.probe(proc.id, probe) is False
    assert runtime.probe(proc.id, ProbeSpec(kind="http", port=80)) is False  # nothing listens
    _, runtime2, server, _ = run(None, image="nginx:1.27", until=1)
    assert runtime2.probe(server.id, ProbeSpec(kind="http", port=80)) is True


def test_syntax_errors():
    _, _, proc, _ = run(["sh", "-c", "echo 'unterminated"])
    assert proc.exit_code == 2
    assert [t for _, t in lines(proc)] == ["sh: 1: Syntax error: Unterminated quoted string"]
    assert len(parse_script("a && \n b; c").items) == 2


def test_if_elif_else():
    script = (
        'if [ "$MODE" = fast ]; then echo fast\n'
        'elif [ "$MODE" = slow ]; then echo slow; sleep 2\n'
        "else echo other; fi\n"
        "echo after"
    )
    for mode, expected, end in (("fast", ["fast"], 0), ("slow", ["slow"], 2), ("x", ["other"], 0)):
        clock, _, proc, _ = run(["sh", "-c", script], env={"MODE": mode})
        assert [x.text for x in proc.logs()] == expected + ["after"] and clock.now() == end


def test_a_failing_condition_does_not_trigger_errexit():
    _, _, proc, _ = run(
        ["sh", "-c", "set -e\nif false; then echo no; fi\necho yes\nfalse\necho never"]
    )
    assert [x.text for x in proc.logs()] == ["yes"] and proc.exit_code == 1


def test_for_and_while_loops_with_break_and_arithmetic():
    script = (
        "for i in 1 2 3; do echo item $i; done\n"
        "n=0\n"
        "while [ $n -lt 5 ]; do n=$((n + 1)); [ $n -eq 3 ] && continue; "
        "[ $n -eq 4 ] && break; echo n=$n; sleep 1; done\n"
        "until true; do echo never; done\n"
        "echo done $n"
    )
    clock, _, proc, _ = run(["sh", "-c", script])
    assert [x.text for x in proc.logs()] == ["item 1", "item 2", "item 3", "n=1", "n=2", "done 4"]
    assert clock.now() == 2 and proc.exit_code == 0


def test_a_retry_loop_waits_on_the_virtual_clock():
    script = "for i in 1 2 3; do test -f /tmp/up && echo up && exit 0; sleep 5; done; exit 1"
    clock, _, proc, _ = run(["sh", "-c", script])
    assert proc.exit_code == 1 and clock.now() == 15


def test_an_endless_loop_without_sleep_is_stopped():
    _, _, proc, _ = run(["sh", "-c", "while true; do :; done"])
    assert proc.exit_code == 137
    assert proc.logs()[-1].text == "minicluster scripted runtime: step budget exhausted"


def test_loop_syntax_errors():
    _, _, proc, _ = run(["sh", "-c", "if true; then echo x"])
    assert [x.text for x in proc.logs()] == [
        'sh: 1: Syntax error: end of file unexpected (expecting "fi")'
    ]
    _, _, proc, _ = run(["sh", "-c", "echo a; fi"])
    assert proc.exit_code == 2 and proc.logs()[-1].text == 'sh: 1: Syntax error: "fi" unexpected'


def test_command_substitution():
    _, _, proc, _ = run(
        ["sh", "-c", 'echo "host is $(hostname)"; x=$(echo a; echo b); echo "[$x]"; echo $(nope)'],
    )
    assert [x.text for x in proc.logs()] == [
        "host is localhost",
        "[a",
        "b]",
        "sh: 1: nope: not found",
        "",
    ]
