"""`minicluster` — the kit's command line.

    minicluster [--state DIR] helm ARGS...       helm against the persisted cluster
    minicluster [--state DIR] kubectl ARGS...    kubectl against the persisted cluster
    minicluster reset [--seed N] [--helm-version 3|4] [--clock wall|manual]
    minicluster advance DURATION                 move virtual time forward (e.g. 30s, 5m)
    minicluster timeline [RELEASE]               the hook timeline as text
    minicluster tour                             a narrated, headless run through the hook lifecycle
    minicluster lab list|start|check ...         the labs and their checks
    minicluster grade LAB SUBMISSIONS_DIR        batch-grade a class
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable

from minicluster.core.duration import DurationError, parse_duration
from minicluster.core.errors import MiniclusterError
from minicluster.core.result import CommandResult

USAGE = """minicluster: an offline Kubernetes + Helm for learning Helm hooks

Usage:
  minicluster [--state DIR] COMMAND [ARGS...]

Commands:
  helm ARGS...        run helm against the cluster (e.g. minicluster helm install my-app ./chart)
  kubectl ARGS...     run kubectl against the cluster (e.g. minicluster kubectl get jobs)
  reset               forget the cluster and start a new one
  advance DURATION    let virtual time pass (e.g. 30s, 5m)
  timeline [RELEASE]  print the hook timeline
  tour                a narrated run through the hook lifecycle
  lab                 list, start and check the labs
  grade               grade a folder of submissions
  version             print the kit's version

The cluster's state lives in ./.minicluster (or --state DIR, or $MINICLUSTER_STATE).
"""


def _emit(result: CommandResult) -> int:
    if result.stdout:
        sys.stdout.write(result.stdout)
    if result.stderr:
        sys.stderr.write(result.stderr)
    sys.stdout.flush()
    return result.exit_code


def cmd_tool(tool: str) -> Callable[[list[str], str, str], int]:
    def run(args: list[str], state_dir: str, cwd: str) -> int:
        from .session import run_tool

        return _emit(run_tool(tool, args, state_dir, cwd))

    return run


def cmd_reset(args: list[str], state_dir: str, cwd: str) -> int:
    from .state import Journal, save_journal

    journal = Journal(helm_version=int(os.environ.get("MINICLUSTER_HELM_VERSION", "4")),
                      clock_mode=os.environ.get("MINICLUSTER_CLOCK", "wall"))
    it = iter(args)
    for arg in it:
        key, _, value = arg.partition("=")
        if key in ("--seed", "--helm-version", "--clock") and not value:
            value = next(it, "")
        if key == "--seed" and value.lstrip("-").isdigit():
            journal.seed = int(value)
        elif key == "--helm-version" and value in ("3", "4"):
            journal.helm_version = int(value)
        elif key == "--clock" and value in ("wall", "manual"):
            journal.clock_mode = value
        else:
            sys.stderr.write(f"error: reset: unexpected argument {arg!r}\n"
                             "usage: minicluster reset [--seed N] [--helm-version 3|4] "
                             "[--clock wall|manual]\n")
            return 2
    if os.path.isdir(state_dir):
        if not os.path.exists(os.path.join(state_dir, "journal.json")) and os.listdir(state_dir):
            sys.stderr.write(f"error: {state_dir} is not a minicluster state directory; "
                             "not removing it\n")
            return 1
        shutil.rmtree(state_dir)
    save_journal(state_dir, journal)
    print(f"A new cluster is ready (seed {journal.seed}, Helm {journal.helm_version}, "
          f"clock {journal.clock_mode}).")
    return 0


def cmd_advance(args: list[str], state_dir: str, cwd: str) -> int:
    from .session import advance

    if len(args) != 1:
        sys.stderr.write("usage: minicluster advance DURATION   (e.g. 30s, 5m, 1h)\n")
        return 2
    try:
        seconds = parse_duration(args[0])
    except DurationError as exc:
        sys.stderr.write(f"error: {exc.message}\n")
        return 2
    if seconds < 0:
        sys.stderr.write("error: time only moves forward\n")
        return 2
    cluster = advance(state_dir, cwd, seconds)
    print(f"Virtual time is now {cluster.clock.timestamp()}.")
    return 0


def cmd_timeline(args: list[str], state_dir: str, cwd: str) -> int:
    from .session import open_cluster

    cluster, _ = open_cluster(state_dir, cwd)
    release = args[0] if args else None
    print(cluster.timeline(release).text(), end="")
    return 0


def cmd_tour(args: list[str], state_dir: str, cwd: str) -> int:
    from .tour import run_tour

    return run_tour(args)


def cmd_lab(args: list[str], state_dir: str, cwd: str) -> int:
    from minicluster.grading.cli import lab_main

    return lab_main(args, cwd)


def cmd_grade(args: list[str], state_dir: str, cwd: str) -> int:
    from minicluster.grading.cli import grade_main

    return grade_main(args, cwd)


def cmd_version(args: list[str], state_dir: str, cwd: str) -> int:
    from minicluster import __version__

    print(f"minicluster {__version__}")
    return 0


COMMANDS: dict[str, Callable[[list[str], str, str], int]] = {
    "helm": cmd_tool("helm"),
    "kubectl": cmd_tool("kubectl"),
    "reset": cmd_reset,
    "advance": cmd_advance,
    "timeline": cmd_timeline,
    "tour": cmd_tour,
    "lab": cmd_lab,
    "grade": cmd_grade,
    "version": cmd_version,
}


def main(argv: list[str] | None = None) -> int:
    from .state import default_state_dir

    args = list(sys.argv[1:] if argv is None else argv)
    cwd = os.getcwd()
    state_dir = None
    while args and args[0].startswith("--state"):
        flag = args.pop(0)
        if "=" in flag:
            state_dir = flag.split("=", 1)[1]
        elif args:
            state_dir = args.pop(0)
        else:
            sys.stderr.write("error: --state needs a directory\n")
            return 2
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        sys.stderr.write(f'error: unknown command "{args[0]}" for "minicluster"\n'
                         "Run 'minicluster --help' for usage.\n")
        return 2
    state_dir = os.path.abspath(state_dir or default_state_dir(cwd))
    try:
        return command(args[1:], state_dir, cwd)
    except MiniclusterError as exc:
        sys.stderr.write(exc.message.rstrip("\n") + "\n")
        return exc.exit_code or 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
