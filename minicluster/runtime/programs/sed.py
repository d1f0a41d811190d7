"""sed: s///, d, p, q, =, a/i/c, y, with line, $, /regex/ and range addresses; -n -e -E -i."""

from __future__ import annotations

import re
from dataclasses import dataclass

from minicluster.runtime.vfs import VfsError

from .context import ProgramContext
from .regex import compile_posix
from .registry import program


class SedError(Exception):
    pass


@dataclass
class Address:
    kind: str  # "line" | "last" | "regex"
    line: int = 0
    regex: re.Pattern[str] | None = None


@dataclass
class Command:
    start: Address | None
    end: Address | None
    negate: bool
    name: str
    regex: re.Pattern[str] | None = None
    replacement: str = ""
    count: int = 1
    global_: bool = False
    print_: bool = False
    text: str = ""
    exit_code: int = 0
    in_range: bool = False


def _read_delimited(script: str, i: int, delim: str) -> tuple[str, int]:
    out = []
    while i < len(script):
        c = script[i]
        if c == "\\" and i + 1 < len(script):
            nxt = script[i + 1]
            out.append(nxt if nxt == delim else "\\" + nxt)
            i += 2
            continue
        if c == delim:
            return "".join(out), i + 1
        out.append(c)
        i += 1
    raise SedError("unterminated `s' command")


def parse_script(script: str, extended: bool) -> list[Command]:
    commands: list[Command] = []
    i = 0
    n = len(script)

    def address() -> Address | None:
        nonlocal i
        if i < n and script[i].isdigit():
            j = i
            while j < n and script[j].isdigit():
                j += 1
            value = int(script[i:j])
            i = j
            return Address("line", line=value)
        if i < n and script[i] == "$":
            i += 1
            return Address("last")
        if i < n and script[i] in "/\\":
            delim = "/"
            if script[i] == "\\":
                delim = script[i + 1]
                i += 1
            text, i = _read_delimited(script, i + 1, delim)
            return Address("regex", regex=compile_posix(text, extended))
        return None

    while i < n:
        while i < n and script[i] in " \t\n;":
            i += 1
        if i >= n:
            break
        start = address()
        end = None
        if start is not None and i < n and script[i] == ",":
            i += 1
            end = address()
        while i < n and script[i] in " \t":
            i += 1
        negate = False
        if i < n and script[i] == "!":
            negate = True
            i += 1
        if i >= n:
            raise SedError("missing command")
        name = script[i]
        i += 1
        cmd = Command(start, end, negate, name)
        if name == "s":
            delim = script[i]
            pattern, i = _read_delimited(script, i + 1, delim)
            replacement, i = _read_delimited(script, i, delim)
            flags_start = i
            while i < n and script[i] not in ";\n}":
                i += 1
            flags = script[flags_start:i].strip()
            ignore = "I" in flags or "i" in flags
            cmd.regex = compile_posix(pattern, extended, ignore) if pattern else None
            cmd.replacement = replacement
            cmd.global_ = "g" in flags
            cmd.print_ = "p" in flags
            digits = re.search(r"\d+", flags)
            cmd.count = int(digits.group(0)) if digits else 1
        elif name == "y":
            delim = script[i]
            src, i = _read_delimited(script, i + 1, delim)
            dst, i = _read_delimited(script, i, delim)
            if len(src) != len(dst):
                raise SedError("strings for `y' command are different lengths")
            cmd.text = src + "\0" + dst
        elif name in "aic":
            if i < n and script[i] == "\\":
                i += 1
                if i < n and script[i] == "\n":
                    i += 1
            while i < n and script[i] in " \t":
                i += 1
            j = script.find("\n", i)
            j = n if j == -1 else j
            cmd.text = script[i:j]
            i = j
        elif name in "qQ":
            m = re.match(r"\s*(\d+)", script[i:])
            if m:
                cmd.exit_code = int(m.group(1))
                i += m.end()
        elif name not in "dpP=nN{}hHgGxl":
            raise SedError(f"unknown command: `{name}'")
        commands.append(cmd)
    return commands


def _matches(addr: Address, line: str, number: int, last: bool) -> bool:
    if addr.kind == "line":
        return number == addr.line
    if addr.kind == "last":
        return last
    assert addr.regex is not None
    return addr.regex.search(line) is not None


def _selected(cmd: Command, line: str, number: int, last: bool) -> bool:
    if cmd.start is None:
        hit = True
    elif cmd.end is None:
        hit = _matches(cmd.start, line, number, last)
    elif cmd.in_range:
        hit = True
        if cmd.end.kind == "line" and number >= cmd.end.line or cmd.end.kind != "line" and _matches(cmd.end, line, number, last):
            cmd.in_range = False
    elif _matches(cmd.start, line, number, last):
        hit = True
        cmd.in_range = not (cmd.end.kind == "line" and cmd.end.line <= number)
    else:
        hit = False
    return hit != cmd.negate


def _expand_replacement(template: str, m: re.Match[str]) -> str:
    out = []
    i = 0
    while i < len(template):
        c = template[i]
        if c == "\\" and i + 1 < len(template):
            nxt = template[i + 1]
            if nxt.isdigit():
                out.append(m.group(int(nxt)) or "")
            elif nxt == "n":
                out.append("\n")
            elif nxt == "t":
                out.append("\t")
            else:
                out.append(nxt)
            i += 2
            continue
        out.append(m.group(0) if c == "&" else c)
        i += 1
    return "".join(out)


def run_sed(ctx: ProgramContext, commands: list[Command], text: str, quiet: bool) -> tuple[str, int | None]:
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    out: list[str] = []
    last_regex: re.Pattern[str] | None = None
    for index, line in enumerate(lines):
        ctx.tick()
        number = index + 1
        last = index == len(lines) - 1
        deleted = False
        append_after: list[str] = []
        for cmd in commands:
            if not _selected(cmd, line, number, last):
                continue
            if cmd.name == "s":
                regex = cmd.regex or last_regex
                if regex is None:
                    continue
                last_regex = regex
                done = 0
                occurrence = 0

                def replace(m: re.Match[str], cmd: Command = cmd) -> str:
                    nonlocal done, occurrence
                    occurrence += 1
                    if (cmd.global_ and occurrence >= cmd.count) or occurrence == cmd.count:
                        done += 1
                        return _expand_replacement(cmd.replacement, m)
                    return m.group(0)

                line = regex.sub(replace, line)
                if done and cmd.print_:
                    out.append(line)
            elif cmd.name == "d":
                deleted = True
                break
            elif cmd.name == "p":
                out.append(line)
            elif cmd.name == "=":
                out.append(str(number))
            elif cmd.name == "a":
                append_after.append(cmd.text)
            elif cmd.name == "i":
                out.append(cmd.text)
            elif cmd.name == "c":
                out.append(cmd.text)
                deleted = True
                break
            elif cmd.name == "y":
                src, dst = cmd.text.split("\0")
                line = line.translate({ord(a): b for a, b in zip(src, dst)})
            elif cmd.name in "qQ":
                if cmd.name == "q" and not quiet:
                    out.append(line)
                out.extend(append_after)
                return "\n".join(out) + ("\n" if out else ""), cmd.exit_code
        if not deleted and not quiet:
            out.append(line)
        out.extend(append_after)
    result = "\n".join(out)
    if out and trailing_newline:
        result += "\n"
    return result, None


@program("sed")
def sed(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    scripts: list[str] = []
    files: list[str] = []
    quiet = False
    in_place = False
    extended = False
    while args:
        arg = args.pop(0)
        if arg == "-e" and args:
            scripts.append(args.pop(0))
        elif arg in ("-n", "--quiet", "--silent"):
            quiet = True
        elif arg.startswith("-i") or arg.startswith("--in-place"):
            in_place = True
        elif arg in ("-E", "-r", "--regexp-extended"):
            extended = True
        elif arg.startswith("-") and len(arg) > 1 and not scripts and arg[1] in "nEr":
            quiet = quiet or "n" in arg
            extended = extended or "E" in arg or "r" in arg
            in_place = in_place or "i" in arg
        else:
            files.append(arg)
    if not scripts:
        if not files:
            ctx.stderr.write("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n")
            return 1 if ctx.flavor == "gnu" else 1
        scripts.append(files.pop(0))
    try:
        commands = parse_script("\n".join(scripts), extended)
    except (SedError, re.error) as err:
        if ctx.flavor == "gnu":
            ctx.error(f"-e expression #1, char {len(scripts[0])}: {err}")
        else:
            ctx.error(str(err))
        return 1
    status = 0
    if in_place:
        for path in files:
            try:
                text = ctx.fs.read_bytes(path, ctx.cwd).decode("utf-8", "surrogateescape")
            except VfsError as err:
                ctx.error(f"can't read {path}: {err.strerror}" if ctx.flavor == "gnu"
                          else f"{path}: {err.strerror}")
                status = 2 if ctx.flavor == "gnu" else 1
                continue
            result, _ = run_sed(ctx, commands, text, quiet)
            try:
                ctx.fs.write_bytes(path, result.encode("utf-8", "surrogateescape"), ctx.cwd)
            except VfsError as err:
                ctx.error(f"couldn't open temporary file {path}: {err.strerror}")
                status = 4
        return status
    text_parts = []
    for path in files or ["-"]:
        try:
            text_parts.append(ctx.read_text(path))
        except VfsError as err:
            ctx.error(f"can't read {path}: {err.strerror}" if ctx.flavor == "gnu"
                      else f"{path}: {err.strerror}")
            status = 2 if ctx.flavor == "gnu" else 1
    result, code = run_sed(ctx, commands, "".join(text_parts), quiet)
    ctx.stdout.write(result)
    return code if code is not None else status
