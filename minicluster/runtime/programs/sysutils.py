"""System commands: date sleep env printenv id whoami hostname uname kill nproc."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from minicluster.runtime.budget import Interrupted

from .common import usage_error
from .context import ProgramContext
from .registry import program

_SLEEP = re.compile(r"^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$")


@program("sleep")
def sleep(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    if not args:
        return usage_error(ctx, "missing operand")
    total = 0.0
    for arg in args:
        if arg in ("infinity", "inf"):
            total = float("inf")
            continue
        m = _SLEEP.match(arg)
        if not m:
            if ctx.flavor == "gnu":
                return usage_error(ctx, f"invalid time interval '{arg}'")
            ctx.error(f"invalid number '{arg}'")
            return 1
        total += float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    ctx.sleep(total)
    return 0


def _strftime(moment: datetime, fmt: str) -> str:
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        code = fmt[i + 1]
        i += 2
        if code == "s":
            out.append(str(int(moment.timestamp())))
        elif code == "N":
            out.append(f"{moment.microsecond * 1000:09d}")
        elif code == "z":
            out.append("+0000")
        elif code == "Z":
            out.append("UTC")
        elif code == "e":
            out.append(f"{moment.day:>2}")
        elif code == "k":
            out.append(f"{moment.hour:>2}")
        elif code == "P":
            out.append(moment.strftime("%p").lower())
        elif code in "aAbBcdDFgGhHIjmMnprRStTuUVwWxXyY%":
            out.append(moment.strftime("%" + code))
        else:
            out.append("%" + code)
    return "".join(out)


@program("date")
def date(ctx: ProgramContext, argv: list[str]) -> int:
    moment = ctx.clock.epoch + timedelta(seconds=ctx.clock.now())
    fmt = "%a %b %e %H:%M:%S %Z %Y"
    args = argv[1:]
    while args:
        arg = args.pop(0)
        if arg in ("-u", "--utc", "--universal"):
            continue
        if arg.startswith("+"):
            fmt = arg[1:]
        elif arg.startswith("-I") or arg.startswith("--iso-8601"):
            spec = arg[2:] if arg.startswith("-I") else arg.partition("=")[2]
            spec = spec or "date"
            fmt = {"date": "%Y-%m-%d", "hours": "%Y-%m-%dT%H+00:00",
                   "minutes": "%Y-%m-%dT%H:%M+00:00", "seconds": "%Y-%m-%dT%H:%M:%S+00:00",
                   "ns": "%Y-%m-%dT%H:%M:%S,%N+00:00"}.get(spec, "%Y-%m-%d")
        elif arg in ("-R", "--rfc-email"):
            fmt = "%a, %d %b %Y %H:%M:%S +0000"
        elif arg in ("-d", "--date") and args or arg.startswith("--date="):
            value = arg.partition("=")[2] if arg.startswith("--date=") else args.pop(0)
            parsed = _parse_date(value, moment)
            if parsed is None:
                ctx.error(f"invalid date '{value}'" if ctx.flavor == "gnu" else f"invalid date '{value}'")
                return 1
            moment = parsed
        else:
            return usage_error(ctx, f"invalid date '{arg}'" if not arg.startswith("-") else f"invalid option -- '{arg.lstrip('-')[:1]}'")
    ctx.stdout.write(_strftime(moment, fmt) + "\n")
    return 0


def _parse_date(value: str, now: datetime) -> datetime | None:
    if value.startswith("@") and re.fullmatch(r"@-?\d+", value):
        return datetime.fromtimestamp(int(value[1:]), tz=timezone.utc)
    if value in ("now", ""):
        return now
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.rstrip("Z"), fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    m = re.fullmatch(r"(-?\d+) (second|minute|hour|day)s?( ago)?", value)
    if m:
        amount = int(m.group(1)) * {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[m.group(2)]
        return now + timedelta(seconds=-amount if m.group(3) else amount)
    return None


@program("timeout")
def timeout(ctx: ProgramContext, argv: list[str]) -> int:
    """Runs a command with a deadline on the virtual clock: 124 when it expires while the
    command sleeps or waits (a command that never yields is stopped by the step budget)."""
    args = argv[1:]
    signal_name = "TERM"
    while args and args[0].startswith("-") and len(args[0]) > 1:
        opt = args.pop(0)
        if opt in ("-s", "--signal") and args:
            signal_name = args.pop(0)
        elif opt.startswith("--signal="):
            signal_name = opt.partition("=")[2]
        elif opt in ("-k", "--kill-after") and args:
            args.pop(0)
    if len(args) < 2:
        return usage_error(ctx, "missing operand")
    m = _SLEEP.match(args[0])
    if not m:
        if ctx.flavor == "gnu":
            return usage_error(ctx, f"invalid time interval '{args[0]}'")
        ctx.error(f"invalid number '{args[0]}'")
        return 1
    seconds = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    job = ctx.host.current()
    token = object()
    timer = ctx.clock.call_later(seconds, lambda: job.interrupt(Interrupted(token))) if seconds > 0 else None
    try:
        status = ctx.run(args[1:])
    except Interrupted as stop:
        if stop.token is not token:
            raise
        return 124 if signal_name.upper().removeprefix("SIG") != "KILL" else 137
    finally:
        if timer is not None:
            timer.cancel()
    if status is None:
        ctx.error(f"failed to run command '{args[1]}': No such file or directory" if ctx.flavor == "gnu" else f"can't execute '{args[1]}': No such file or directory")
        return 127
    return status


@program("env")
def env(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    environment = dict(ctx.env)
    while args and args[0].startswith("-"):
        opt = args.pop(0)
        if opt in ("-i", "-"):
            environment = {}
        elif opt == "-u" and args:
            environment.pop(args.pop(0), None)
        elif opt == "--":
            break
    while args and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", args[0]):
        name, _, value = args.pop(0).partition("=")
        environment[name] = value
    if not args:
        for name, value in environment.items():
            ctx.stdout.write(f"{name}={value}\n")
        return 0
    # like execvp, fall back to the default search path when PATH is unset
    search = dict(environment)
    search.setdefault("PATH", "/bin:/usr/bin")
    path = ctx.child(env=search).resolve_command(args[0])
    status = None if path is None else ctx.child(env=environment).exec_file(path, args)
    if status is None:
        ctx.error(f"'{args[0]}': No such file or directory" if ctx.flavor == "gnu" else f"can't execute '{args[0]}': No such file or directory")
        return 127
    return status


@program("printenv")
def printenv(ctx: ProgramContext, argv: list[str]) -> int:
    if len(argv) == 1:
        for name, value in ctx.env.items():
            ctx.stdout.write(f"{name}={value}\n")
        return 0
    status = 0
    for name in argv[1:]:
        if name in ctx.env:
            ctx.stdout.write(ctx.env[name] + "\n")
        else:
            status = 1
    return status


@program("id")
def id_(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    if "-u" in args:
        ctx.stdout.write(("root" if "-n" in args else "0") + "\n")
    elif "-g" in args:
        ctx.stdout.write(("root" if "-n" in args else "0") + "\n")
    else:
        ctx.stdout.write(f"uid=0(root) gid=0(root) groups={ctx.host.image.groups}\n")
    return 0


@program("whoami")
def whoami(ctx: ProgramContext, argv: list[str]) -> int:
    ctx.stdout.write("root\n")
    return 0


@program("hostname")
def hostname(ctx: ProgramContext, argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] in ("-i", "-I"):
        ip = None
        if ctx.services is not None:
            ip = ctx.services.pod_ip(ctx.host.spec.hostname, ctx.host.spec.namespace)
        ctx.stdout.write((ip or "127.0.0.1") + ("\n" if argv[1] == "-i" else " \n"))
        return 0
    ctx.stdout.write(ctx.host.spec.hostname + "\n")
    return 0


@program("uname")
def uname(ctx: ProgramContext, argv: list[str]) -> int:
    flags = "".join(a.lstrip("-") for a in argv[1:]) or "s"
    parts = {"s": "Linux", "n": ctx.host.spec.hostname, "r": "6.8.0-minicluster",
             "v": "#1 SMP PREEMPT_DYNAMIC", "m": "x86_64", "o": "GNU/Linux" if ctx.flavor == "gnu" else "Linux"}
    order = "snrvmo" if "a" in flags else "".join(c for c in "snrvmo" if c in flags)
    ctx.stdout.write(" ".join(parts[c] for c in order) + "\n")
    return 0


@program("nproc")
def nproc(ctx: ProgramContext, argv: list[str]) -> int:
    ctx.stdout.write("2\n")
    return 0


@program("kill")
def kill(ctx: ProgramContext, argv: list[str]) -> int:
    from minicluster.runtime.shell.interp import SIGNALS

    args = argv[1:]
    signum = 15
    if args and args[0].startswith("-") and len(args[0]) > 1:
        raw = args.pop(0)[1:]
        if raw == "s" and args:
            raw = args.pop(0)
        name = raw.upper().removeprefix("SIG")
        signum = int(raw) if raw.isdigit() else SIGNALS.get(name, -1)
        if signum < 0:
            ctx.error(f"bad signal name '{raw}'" if ctx.flavor == "busybox" else f"{raw}: invalid signal specification")
            return 1
    status = 0
    for raw in args:
        if not raw.isdigit() or not ctx.host.signal(int(raw), signum):
            ctx.error(f"can't kill pid {raw}: No such process" if ctx.flavor == "busybox" else f"({raw}) - No such process")
            status = 1
    return status
