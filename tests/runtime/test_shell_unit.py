"""Interpreter pieces on their own: the parser's tree and positions, arithmetic, patterns,
and what differs between dash, BusyBox ash and bash."""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from helpers import run_container, sh  # noqa: E402

from minicluster.runtime.shell import ast as A  # noqa: E402
from minicluster.runtime.shell.arith import Arithmetic  # noqa: E402
from minicluster.runtime.shell.errors import ShellError, ShellSyntaxError  # noqa: E402
from minicluster.runtime.shell.parser import parse  # noqa: E402
from minicluster.runtime.shell.patterns import match, remove_affix  # noqa: E402


def test_parser_builds_a_tree_with_line_numbers() -> None:
    tree = parse("echo a\nif true; then\n  x=1 cmd >out 2>&1\nfi | cat &\n")
    assert len(tree.items) == 2
    first, background = tree.items[0]
    assert not background
    simple = first.first.commands[0]
    assert isinstance(simple, A.SimpleCommand) and simple.line == 1
    second, background = tree.items[1]
    assert background
    pipeline = second.first
    assert isinstance(pipeline.commands[0], A.If) and isinstance(pipeline.commands[1], A.SimpleCommand)
    inner = pipeline.commands[0].clauses[0][1].items[0][0].first.commands[0]
    assert isinstance(inner, A.SimpleCommand)
    assert inner.line == 3
    assert [a.name for a in inner.assigns] == ["x"]
    assert [(r.fd, r.op, r.target.raw) for r in inner.redirects] == [(None, ">", "out"), (2, ">&", "1")]


def test_heredoc_bodies_are_attached_in_order() -> None:
    tree = parse("cat <<A <<-'B'\n$x\nA\n\tliteral $y\n\tB\necho after\n")
    redirects = tree.items[0][0].first.commands[0].redirects
    first, second = redirects[0].heredoc, redirects[1].heredoc
    assert (first.delimiter, first.quoted, first.body.raw) == ("A", False, "$x\n")
    assert (second.delimiter, second.quoted, second.strip_tabs, second.body.raw) == ("B", True, True, "literal $y\n")
    assert tree.items[1][0].first.commands[0].line == 6


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        ("if true; then echo; fi fi", '"fi" unexpected', 1),
        ("if true; then", 'end of file unexpected (expecting "fi")', 1),
        ("while :\ndo\necho\n", 'end of file unexpected (expecting "done")', 4),
        ("case x in a) echo;; esac esac", '"esac" unexpected', 1),
        ("echo 'open", "Unterminated quoted string", 1),
        ("echo ${x", "Missing '}'", 1),
        ("f(", 'end of file unexpected (expecting ")")', 1),
    ],
)
def test_syntax_errors_use_dash_wording(source: str, message: str, line: int) -> None:
    with pytest.raises(ShellSyntaxError) as caught:
        parse(source)
    assert (caught.value.message, caught.value.line) == (message, line)


def arith(text: str, env: dict[str, str] | None = None) -> int:
    values = dict(env or {})
    return Arithmetic(text, values.get, values.__setitem__).evaluate()


def test_arithmetic_precedence_and_assignment() -> None:
    assert arith("1 + 2 * 3 - 4 / 2") == 5
    assert arith("(1 + 2) * 3 << 1") == 18
    assert arith("1 < 2 && 2 < 3 || 0") == 1
    assert arith("x ? 10 : 20", {"x": "0"}) == 20
    assert arith("-7 / 2") == -3 and arith("-7 % 2") == -1
    assert arith("0x10 + 010 + 10") == 34
    assert arith("~0 & 0xff ^ 1 | 2") == 254
    env = {"n": "4"}
    assert Arithmetic("n *= 2", env.get, env.__setitem__).evaluate() == 8 and env["n"] == "8"
    assert arith("9223372036854775807 + 1") == -9223372036854775808
    with pytest.raises(ShellError) as caught:
        arith("1 / 0")
    assert caught.value.message == 'arithmetic expression: division by zero: "1 / 0"'
    with pytest.raises(ShellError):
        arith("x", {"x": "abc"})


def test_patterns() -> None:
    assert match("*.txt", "a.txt") and not match("*.txt", "a.md")
    assert match("[!0-9]?", "ab") and not match("[!0-9]?", "1b")
    assert match("[[:upper:]]*", "Hello")
    assert match("\\*", "*") and not match("\\*", "x")
    assert remove_affix("archive.tar.gz", ".*", "%") == "archive.tar"
    assert remove_affix("archive.tar.gz", ".*", "%%") == "archive"
    assert remove_affix("/usr/local/bin", "*/", "##") == "bin"


def test_busybox_ash_dialect() -> None:
    result = sh('echo "a\\tb"; echo -e "c\\td"; set -o pipefail; false | true; echo $?; nosuch; '
                'source /etc/passwd 2>/dev/null; echo done', image="busybox:1.36")
    assert result.stdout == "a\\tb\nc\td\n1\ndone\n"
    assert result.stderr == "/bin/sh: nosuch: not found\n"


def test_dash_rejects_pipefail_and_source() -> None:
    result = sh("set -o pipefail; echo never")
    assert (result.stdout, result.stderr, result.status) == (
        "", "/bin/sh: 1: set: Illegal option -o pipefail\n", 2)
    result = sh("source /etc/hostname")
    assert result.stderr == "/bin/sh: 1: source: not found\n"


def test_bash_dialect_double_brackets_and_messages() -> None:
    result = run_container(["bash", "-c", '[[ abc == a* && -n "$HOME" ]] && echo match; '
                                          'set -o pipefail; false | true; echo $?; nosuch'], "debian:12")
    assert result.stdout == "match\n1\n"
    assert result.stderr == "bash: line 1: nosuch: command not found\n"
    result = run_container(["bash", "-c", "if then"], "debian:12")
    assert result.stderr == ("bash: -c: line 1: syntax error near unexpected token `then'\n"
                             "bash: -c: line 1: `if then'\n")


def test_script_files_shebangs_and_permissions() -> None:
    result = sh("printf '#!/bin/sh\\necho script $1\\n' > /tmp/s.sh; /tmp/s.sh x; echo $?; "
                "chmod +x /tmp/s.sh; /tmp/s.sh y; printf 'echo plain\\n' > /tmp/p; chmod 755 /tmp/p; "
                "/tmp/p; sh /tmp/nosuch; echo $?; cd /tmp && ./s.sh z")
    assert result.stdout == "126\nscript y\nplain\n2\nscript z\n"
    assert result.stderr == ("/bin/sh: 1: /tmp/s.sh: Permission denied\n"
                             "sh: 0: cannot open /tmp/nosuch: No such file\n")


def test_globbing_on_the_virtual_filesystem() -> None:
    result = sh("mkdir /d; touch /d/b.txt /d/a.txt /d/.hidden /d/c.md; echo /d/*.txt; cd /d; "
                "echo *; echo .*; echo nomatch*; echo '*'")
    assert result.stdout == "/d/a.txt /d/b.txt\na.txt b.txt c.md\n. .. .hidden\nnomatch*\n*\n"


def test_read_and_while_loop_over_a_file() -> None:
    result = sh("printf 'a 1\\nb 2\\n' > /tmp/in; while read k v; do echo \"$v=$k\"; done < /tmp/in; "
                "exec 3>/tmp/out; echo to-fd3 >&3; cat /tmp/out")
    assert result.stdout == "1=a\n2=b\nto-fd3\n"


def test_timeout_and_job_control_on_the_virtual_clock() -> None:
    result = sh("timeout 5 sleep 100; echo $?; timeout 5 sh -c 'sleep 1; echo inner'; echo $?; "
                "timeout 3 sh -c 'until [ -f /tmp/ready ]; do sleep 1; done'; echo $?; "
                "sleep 100 & sleep 50 & kill %1; wait %1; echo $?; kill %2; wait; echo done")
    assert result.stdout == "124\ninner\n0\n124\n143\ndone\n"
    assert result.elapsed == 9.0


def test_wait_for_a_file_another_container_writes() -> None:
    from minicluster.core.clock import VirtualClock
    from minicluster.runtime.interface import Mount
    from minicluster.runtime.sandbox import SandboxRuntime

    clock = VirtualClock()
    runtime = SandboxRuntime(clock, None, None, None)
    shared = runtime.new_volume()
    waiter = runtime.start(
        __import__("minicluster.runtime.interface", fromlist=["ContainerSpec"]).ContainerSpec(
            id="w", image="busybox", mounts=[Mount("/s", shared)],
            command=["sh", "-c", "until [ -f /s/ready ]; do sleep 2; done; echo saw $(cat /s/ready)"]),
        lambda p: None)
    clock.advance(7)
    shared.write_file("ready", b"go\n")
    clock.run_until_idle()
    assert [(line.time, line.text) for line in waiter.logs()] == [(8.0, "saw go")]


def test_pipeline_stages_run_together() -> None:
    result = sh("(echo a; sleep 5; echo b) | cat")
    assert [(line.time, line.text) for line in result.process.logs()] == [(0.0, "a"), (5.0, "b")]  # type: ignore[attr-defined]
    result = sh("yes | head -2; while true; do echo x; done | head -1; seq 1000000 | head -1; "
                "set -o pipefail; yes | head -1; echo $?", image="busybox")
    assert result.stdout == "y\ny\nx\n1\ny\n141\n"
    result = sh("seq 3000 | sort -rn | head -2 | tr '\\n' ' '; echo")
    assert result.stdout == "3000 2999 \n"


def test_exec_probe_with_a_pipeline() -> None:
    from minicluster.core.clock import VirtualClock
    from minicluster.runtime.interface import ContainerSpec, ProbeSpec
    from minicluster.runtime.sandbox import SandboxRuntime

    clock = VirtualClock()
    runtime = SandboxRuntime(clock, None, None, None)
    runtime.start(ContainerSpec(id="c", image="busybox", command=["sh", "-c", "echo ok > /tmp/s; sleep 99"]),
                  lambda p: None)
    clock.advance(1)
    assert runtime.probe("c", ProbeSpec("exec", command=("sh", "-c", "cat /tmp/s | grep -q ok")))
    assert not runtime.probe("c", ProbeSpec("exec", command=("sh", "-c", "cat /tmp/s | grep -q no")))


def test_bash_and_ash_dynamic_variables() -> None:
    from minicluster.core.clock import VirtualClock
    from minicluster.core.rand import SeededRandom
    from minicluster.runtime.sandbox import SandboxRuntime

    def random_pair(seed: int) -> str:
        clock = VirtualClock()
        runtime = SandboxRuntime(clock, SeededRandom(seed), None, None)
        return run_container(["bash", "-c", "echo $RANDOM $RANDOM; sleep 3; echo $SECONDS $UID $PPID"],
                             "debian", runtime=runtime, clock=clock).stdout

    first = random_pair(1)
    assert first == random_pair(1) != random_pair(2)
    numbers, rest = first.split("\n", 1)
    assert all(0 <= int(n) <= 32767 for n in numbers.split()) and rest == "3 0 0\n"
    assert sh("echo [$RANDOM] [$SECONDS]").stdout == "[] []\n"  # dash has neither
