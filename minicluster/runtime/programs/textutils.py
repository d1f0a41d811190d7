"""Text commands: echo printf test [ true false head tail wc grep sed tr cut sort uniq tee
xargs seq expr yes."""

from __future__ import annotations

import re

from minicluster.runtime.shell.errors import ShellError
from minicluster.runtime.shell.fmt import InvalidDirective, echo_text, printf_text
from minicluster.runtime.shell.testexpr import TestEvaluator
from minicluster.runtime.vfs import Dir, File, MountPoint, Symlink, VfsError

from .common import split_flags, usage_error
from .context import ProgramContext
from .regex import compile_posix
from .registry import program


def _gnu(ctx: ProgramContext) -> bool:
    return ctx.flavor == "gnu"


def _read_inputs(
    ctx: ProgramContext, files: list[str], gnu_message: str = "{path}: {error}",
    busybox_message: str = "{path}: {error}",
) -> tuple[list[tuple[str, str]], int]:
    """The texts of the files (stdin for none or "-"); the messages word a failure in GNU and
    BusyBox images ({path} and {error} are filled in)."""
    texts = []
    status = 0
    for path in files or ["-"]:
        try:
            texts.append((path, ctx.read_text(path)))
        except VfsError as err:
            message = gnu_message if _gnu(ctx) else busybox_message
            ctx.error(message.format(path=path, error=err.strerror))
            status = 1
    return texts, status


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@program("echo")
def echo(ctx: ProgramContext, argv: list[str]) -> int:
    ctx.stdout.write(echo_text(argv[1:], interpret_escapes=False, gnu_options=True))
    return 0


@program("printf")
def printf(ctx: ProgramContext, argv: list[str]) -> int:
    if len(argv) < 2:
        return usage_error(ctx, "missing operand")
    status = 0

    def bad(text: str) -> None:
        nonlocal status
        status = 1
        ctx.error(f"'{text}': expected a numeric value" if _gnu(ctx) else f"invalid number '{text}'")

    try:
        ctx.stdout.write(printf_text(argv[1], argv[2:], bad))
    except InvalidDirective as err:
        ctx.error(f"{err}: invalid conversion specification" if _gnu(ctx) else f"{err}: invalid format")
        return 1
    return status


@program("true")
def true(ctx: ProgramContext, argv: list[str]) -> int:
    return 0


@program("false")
def false(ctx: ProgramContext, argv: list[str]) -> int:
    return 1


@program("test", "[")
def test(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    if ctx.name == "[":
        if not args or args[-1] != "]":
            ctx.error("missing ']'" if _gnu(ctx) else "missing ]")
            return 2
        args = args[:-1]
    fs = ctx.fs

    def file_test(op: str, arg: str) -> bool:
        if op in ("-nt", "-ot", "-ef"):
            return False
        node = fs.try_lookup(arg, ctx.cwd, follow=op not in ("L", "h")) if arg else None
        if node is None:
            return False
        return {
            "e": True, "f": isinstance(node, File), "d": isinstance(node, (Dir, MountPoint)),
            "s": not isinstance(node, File) or bool(node.data), "x": bool(node.mode & 0o111),
            "r": True, "w": not fs.is_read_only(arg, ctx.cwd), "L": isinstance(node, Symlink),
            "h": isinstance(node, Symlink),
        }.get(op, False)

    try:
        return 0 if TestEvaluator(args, file_test).run() else 1
    except ShellError as err:
        ctx.error(err.message)
        return 2


def _count_arg(value: str) -> int:
    return int(value.lstrip("+")) if value.lstrip("+-").isdigit() else -1


def _head_tail_args(argv: list[str]) -> list[str]:
    # `head -5` is `head -n 5`
    return [f"-n{a[1:]}" if re.fullmatch(r"-\d+", a) else a for a in argv]


@program("head")
def head(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(_head_tail_args(argv[1:]), with_value="nc")
    n = _count_arg(flags.get("n", "10"))
    if n < 0:
        return usage_error(ctx, f"invalid number of lines: '{flags['n']}'")
    status = 0
    shown = 0
    for path in files or ["-"]:
        try:
            stream = ctx.open_stream(path)
        except VfsError as err:
            if _gnu(ctx):
                ctx.error(f"cannot open '{path}' for reading: {err.strerror}")
            else:
                ctx.error(f"{path}: {err.strerror}")
            status = 1
            continue
        if len(files) > 1:
            ctx.stdout.write(("\n" if shown else "") + f"==> {path} <==\n")
        shown += 1
        if "c" in flags:
            wanted = _count_arg(flags["c"])
            data = ""
            while len(data) < wanted and (chunk := stream.read_chunk()):
                data += chunk
            ctx.stdout.write(data[:wanted])
            continue
        # line by line: head stops reading (and its writer gets SIGPIPE) after n lines
        for _ in range(n):
            line = stream.readline()
            if not line:
                break
            ctx.tick()
            ctx.stdout.write(line)
    return status


@program("tail")
def tail(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(_head_tail_args(argv[1:]), with_value="nc")
    follow = "f" in flags or "F" in flags
    texts, status = _read_inputs(ctx, files, "cannot open '{path}' for reading: {error}",
                                 "can't open '{path}': {error}")
    if files and not texts and not _gnu(ctx):
        ctx.error("no files")
    for index, (path, text) in enumerate(texts):
        if len(files) > 1:
            ctx.stdout.write(("\n" if index else "") + f"==> {path} <==\n")
        spec = flags.get("n", "10")
        lines = _lines(text)
        if spec.startswith("+"):
            ctx.stdout.write("".join(lines[max(0, _count_arg(spec) - 1):]))
        else:
            n = _count_arg(spec)
            ctx.stdout.write("".join(lines[-n:] if n > 0 else []))
    if follow and files:
        ctx.sleep(float("inf"))  # `tail -f` keeps a container alive until it is killed
    return status


@program("wc")
def wc(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(argv[1:])
    wanted = [f for f in "lwc" if f in flags] or ["l", "w", "c"]
    if "m" in flags:
        wanted = ["c"]
    texts, status = _read_inputs(ctx, files)
    rows = []
    for path, text in texts:
        counts = {"l": text.count("\n"), "w": len(text.split()), "c": len(text.encode("utf-8", "surrogateescape"))}
        rows.append(([counts[f] for f in wanted], path if files else ""))
    if len(rows) > 1:
        rows.append(([sum(r[0][i] for r in rows) for i in range(len(wanted))], "total"))
    if _gnu(ctx):
        single = len(wanted) == 1 and len(texts) == 1
        width = 1 if single else (7 if not files or "-" in files else max(
            (len(str(max(r[0]))) for r in rows), default=1))
        for values, name in rows:
            text = " ".join(f"{v:>{width}}" for v in values)
            ctx.stdout.write(text + (f" {name}" if name else "") + "\n")
    else:
        for values, name in rows:
            if len(wanted) == 1:
                text = f"{values[0]}" if not name else f"{values[0]:>9}"
            else:
                text = " ".join(f"{v:>9}" for v in values)
            ctx.stdout.write(text + (f" {name}" if name else "") + "\n")
    return status


@program("grep", "egrep", "fgrep")
def grep(ctx: ProgramContext, argv: list[str]) -> int:
    flags: dict[str, str] = {}
    patterns: list[str] = []
    operands: list[str] = []
    args = argv[1:]
    while args:
        arg = args.pop(0)
        if arg == "--":
            operands.extend(args)
            break
        if arg.startswith("--"):
            continue
        if arg.startswith("-") and len(arg) > 1:
            i = 1
            while i < len(arg):
                letter = arg[i]
                if letter in "eAB" or letter == "C" or letter == "m":
                    value = arg[i + 1:] or (args.pop(0) if args else "")
                    if letter == "e":
                        patterns.append(value)
                    else:
                        flags[letter] = value
                    break
                flags[letter] = ""
                i += 1
        else:
            operands.append(arg)
    if not patterns:
        if not operands:
            ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\n" if _gnu(ctx) else "BusyBox: usage: grep [-HhnlLoqvsrRiwFExz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n")
            return 2
        patterns = operands.pop(0).split("\n")
    extended = "E" in flags or ctx.name == "egrep"
    fixed = "F" in flags or ctx.name == "fgrep"
    ignore = "i" in flags
    regexes = []
    for pat in patterns:
        if fixed:
            text = re.escape(pat)
        else:
            try:
                text = compile_posix(pat, extended).pattern
            except re.error:
                ctx.error("Unmatched [, [^, [:, [., or [=" if _gnu(ctx) else f"bad regex '{pat}'")
                return 2
        if "w" in flags:
            text = r"(?<!\w)(?:" + text + r")(?!\w)"
        if "x" in flags:
            text = r"^(?:" + text + r")$"
        regexes.append(re.compile(text, re.IGNORECASE if ignore else 0))
    files = operands
    status = 1
    error = False
    show_name = ("H" in flags or len(files) > 1) and "h" not in flags
    for path in files or ["-"]:
        try:
            stream = ctx.open_stream(path)
        except VfsError as err:
            error = True
            if "s" not in flags:
                ctx.error(f"{path}: {err.strerror}")
            continue
        count = 0
        label = "(standard input)" if path == "-" else path
        number = 0
        while raw := stream.readline():  # line by line, so that grep -q ends its writer early
            number += 1
            line = raw[:-1] if raw.endswith("\n") else raw
            ctx.tick()
            hits = [m for rx in regexes for m in rx.finditer(line)] if "o" in flags else None
            matched = any(rx.search(line) for rx in regexes)
            if matched == ("v" in flags):
                continue
            count += 1
            status = 0
            if "q" in flags:
                return 0
            if "l" in flags or "c" in flags or "L" in flags:
                continue
            prefix = (f"{label}:" if show_name else "") + (f"{number}:" if "n" in flags else "")
            if hits is not None and "v" not in flags:
                for m in hits:
                    if m.group(0):
                        ctx.stdout.write(prefix + m.group(0) + "\n")
            else:
                ctx.stdout.write(prefix + line + "\n")
        if "c" in flags:
            ctx.stdout.write((f"{label}:" if show_name else "") + f"{count}\n")
        if "l" in flags and count:
            ctx.stdout.write(label + "\n")
        if "L" in flags and not count:
            ctx.stdout.write(label + "\n")
    if error and ("q" not in flags or status != 0):
        return 2
    return status


@program("tee")
def tee(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(argv[1:])
    status = 0
    outputs = []
    for path in files:
        try:
            outputs.append(ctx.open_out(path, append="a" in flags))
        except VfsError as err:
            ctx.error(f"{path}: {err.strerror}")
            status = 1
    while chunk := ctx.stdin.read_chunk():
        ctx.tick()
        ctx.stdout.write(chunk)
        for out in outputs:
            out.write(chunk)
    return status


def _expand_set(text: str) -> list[str]:
    classes = {"[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
               "[:digit:]": "0123456789", "[:space:]": " \t\n\r\f\v", "[:blank:]": " \t",
               "[:punct:]": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
    classes["[:alpha:]"] = classes["[:upper:]"] + classes["[:lower:]"]
    classes["[:alnum:]"] = classes["[:alpha:]"] + classes["[:digit:]"]
    out: list[str] = []
    i = 0
    while i < len(text):
        for name, chars in classes.items():
            if text.startswith(name, i):
                out.extend(chars)
                i += len(name)
                break
        else:
            c = text[i]
            if c == "\\" and i + 1 < len(text):
                c = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(text[i + 1], text[i + 1])
                i += 2
            else:
                i += 1
            if i + 1 < len(text) and text[i] == "-":
                end = text[i + 1]
                out.extend(chr(x) for x in range(ord(c), ord(end) + 1))
                i += 2
            else:
                out.append(c)
    return out


@program("tr")
def tr(ctx: ProgramContext, argv: list[str]) -> int:
    flags, sets = split_flags(argv[1:])
    if not sets:
        return usage_error(ctx, "missing operand")
    data = ctx.stdin.read()
    first = _expand_set(sets[0])
    if "c" in flags or "C" in flags:
        members = set(first)
        first = sorted({c for c in data if c not in members})
    if "d" in flags:
        remove = set(first)
        data = "".join(c for c in data if c not in remove)
        if "s" in flags and len(sets) > 1:
            data = _squeeze(data, set(_expand_set(sets[1])))
        ctx.stdout.write(data)
        return 0
    if len(sets) > 1:
        second = _expand_set(sets[1])
        if second:
            second = second + [second[-1]] * (len(first) - len(second))
            table = {ord(a): b for a, b in zip(first, second)}
            data = data.translate(table)
        if "s" in flags:
            data = _squeeze(data, set(second))
    elif "s" in flags:
        data = _squeeze(data, set(first))
    ctx.stdout.write(data)
    return 0


def _squeeze(data: str, chars: set[str]) -> str:
    out: list[str] = []
    for c in data:
        if out and out[-1] == c and c in chars:
            continue
        out.append(c)
    return "".join(out)


def _ranges(spec: str) -> list[tuple[int, int]]:
    ranges = []
    for part in spec.split(","):
        if "-" in part:
            a, _, b = part.partition("-")
            ranges.append((int(a) if a else 1, int(b) if b else 1 << 30))
        else:
            ranges.append((int(part), int(part)))
    return ranges


@program("cut")
def cut(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(argv[1:], with_value="dfcb")
    if "f" not in flags and "c" not in flags and "b" not in flags:
        return usage_error(ctx, "you must specify a list of bytes, characters, or fields")
    try:
        ranges = _ranges(flags.get("f") or flags.get("c") or flags.get("b") or "")
    except ValueError:
        return usage_error(ctx, "invalid field value")
    delim = flags.get("d", "\t") or "\t"
    texts, status = _read_inputs(ctx, files)
    for _, text in texts:
        for line in text.splitlines():
            if "f" in flags:
                if delim not in line:
                    if "s" not in flags:
                        ctx.stdout.write(line + "\n")
                    continue
                fields = line.split(delim)
                picked = [f for i, f in enumerate(fields, 1) if any(a <= i <= b for a, b in ranges)]
                ctx.stdout.write(delim.join(picked) + "\n")
            else:
                ctx.stdout.write("".join(c for i, c in enumerate(line, 1) if any(a <= i <= b for a, b in ranges)) + "\n")
    return status


def _sort_key(line: str, flags: dict[str, str]) -> object:
    text = line
    if "k" in flags:
        spec = flags["k"].split(",")[0]
        field = int(re.match(r"\d+", spec).group(0)) if re.match(r"\d+", spec) else 1  # type: ignore[union-attr]
        parts = line.split(flags["t"]) if "t" in flags else line.split()
        text = parts[field - 1] if field - 1 < len(parts) else ""
        if "n" in flags["k"]:
            flags = {**flags, "n": ""}
    if "f" in flags:
        text = text.upper()
    if "n" in flags:
        m = re.match(r"\s*(-?\d+(\.\d+)?)", text)
        return (float(m.group(1)) if m else 0.0, line)
    return text


@program("sort")
def sort(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(argv[1:], with_value="ktTo")
    texts, status = _read_inputs(ctx, files, "cannot read: {path}: {error}")
    if status:
        return 2
    lines = [line for _, text in texts for line in text.splitlines()]
    ctx.tick(len(lines))
    lines.sort(key=lambda line: _sort_key(line, flags), reverse="r" in flags)  # type: ignore[arg-type,return-value]
    if "u" in flags:
        seen: set[object] = set()
        unique = []
        for line in lines:
            key = _sort_key(line, flags)
            if key not in seen:
                seen.add(key)
                unique.append(line)
        lines = unique
    if lines:
        ctx.stdout.write("\n".join(lines) + "\n")
    return status


@program("uniq")
def uniq(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags(argv[1:])
    texts, status = _read_inputs(ctx, files[:1])
    groups: list[tuple[str, int]] = []
    for _, text in texts:
        for line in text.splitlines():
            key = line.lower() if "i" in flags else line
            if groups and (groups[-1][0].lower() if "i" in flags else groups[-1][0]) == key:
                groups[-1] = (groups[-1][0], groups[-1][1] + 1)
            else:
                groups.append((line, 1))
    for line, count in groups:
        if "d" in flags and count < 2 or "u" in flags and count > 1:
            continue
        ctx.stdout.write((f"{count:>7} " if "c" in flags else "") + line + "\n")
    return status


@program("xargs")
def xargs(ctx: ProgramContext, argv: list[str]) -> int:
    flags, command = split_flags_until_command(argv[1:], with_value="nIL")
    command = command or ["echo"]
    data = ctx.stdin.read()
    if "I" in flags:
        items = [line for line in data.splitlines() if line.strip()]
        groups = [[part.replace(flags["I"], item) for part in command] for item in items]
    else:
        words = data.split()
        size = int(flags["n"]) if flags.get("n", "").isdigit() else max(1, len(words))
        groups = [command + words[i:i + size] for i in range(0, len(words), size)] or (
            [command] if ctx.flavor == "gnu" or "r" not in flags else []
        )
    status = 0
    for group in groups:
        ctx.tick()
        result = ctx.run(group)
        if result is None:
            ctx.error(f"{group[0]}: No such file or directory")
            return 127
        if result != 0:
            status = 123
    return status


def split_flags_until_command(args: list[str], with_value: str) -> tuple[dict[str, str], list[str]]:
    flags: dict[str, str] = {}
    args = list(args)
    while args and args[0].startswith("-") and len(args[0]) > 1:
        arg = args.pop(0)
        letter = arg[1]
        if letter in with_value:
            flags[letter] = arg[2:] or (args.pop(0) if args else "")
        else:
            for c in arg[1:]:
                flags[c] = ""
    return flags, args


@program("seq")
def seq(ctx: ProgramContext, argv: list[str]) -> int:
    flags, nums = split_flags_until_numbers(argv[1:])
    try:
        values = [float(n) for n in nums]
    except ValueError:
        bad = next(n for n in nums if not _is_float(n))
        ctx.error(f"invalid floating point argument: '{bad}'" if _gnu(ctx) else f"invalid number '{bad}'")
        return 1
    if not values or len(values) > 3:
        return usage_error(ctx, "missing operand")
    first, step, last = 1.0, 1.0, values[-1]
    if len(values) >= 2:
        first = values[0]
    if len(values) == 3:
        step = values[1]
    if step == 0:
        return usage_error(ctx, "invalid Zero increment value: '0'")
    integers = all(float(v).is_integer() for v in values) and all("." not in n for n in nums)
    decimals = max((len(n.split(".")[1]) for n in nums if "." in n), default=0)
    sep = flags.get("s", "\n")
    width = 0
    if "w" in flags:
        width = max(len(str(int(v))) if integers else len(f"{v:.{decimals}f}") for v in (first, last))
    count = 0
    batch: list[str] = []
    x = first
    while (step > 0 and x <= last + 1e-9) or (step < 0 and x >= last - 1e-9):
        text = str(int(x)) if integers else f"{x:.{decimals}f}"
        batch.append(text.zfill(width) if width else text)
        count += 1
        x = first + step * count
        if len(batch) == 1000:  # write as it goes: `seq 1000000 | head -3` ends early
            ctx.tick(10)
            ctx.stdout.write((sep if count > 1000 else "") + sep.join(batch))
            batch = []
    if batch:
        ctx.stdout.write((sep if count > len(batch) else "") + sep.join(batch))
    if count:
        ctx.stdout.write("\n")
    return 0


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def split_flags_until_numbers(args: list[str]) -> tuple[dict[str, str], list[str]]:
    flags: dict[str, str] = {}
    rest: list[str] = []
    args = list(args)
    while args:
        arg = args.pop(0)
        if arg in ("-s", "-f") and args:
            flags[arg[1]] = args.pop(0)
        elif arg[:2] in ("-s", "-f") and len(arg) > 2:
            flags[arg[1]] = arg[2:]
        elif arg == "-w":
            flags["w"] = ""
        else:
            rest.append(arg)
    return flags, rest


@program("expr")
def expr(ctx: ProgramContext, argv: list[str]) -> int:
    tokens = argv[1:]
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError("syntax error")
        pos += 1
        return tokens[pos - 1]

    def as_int(v: str) -> int:
        if not re.fullmatch(r"-?\d+", v):
            raise ValueError("non-integer argument" if _gnu(ctx) else "non-numeric argument")
        return int(v)

    def primary() -> str:
        tok = take()
        if tok == "(":
            v = or_()
            if take() != ")":
                raise ValueError("syntax error")
            return v
        if tok == "length":
            return str(len(primary()))
        return tok

    def match_() -> str:
        v = primary()
        while peek() == ":":
            take()
            pattern = compile_posix(take(), extended=False)
            m = pattern.match(v)
            v = (m.group(1) or "" if pattern.groups else str(len(m.group(0)))) if m else ("" if pattern.groups else "0")
        return v

    def mul() -> str:
        v = match_()
        while peek() in ("*", "/", "%"):
            op = take()
            a, b = as_int(v), as_int(match_())
            if op != "*" and b == 0:
                raise ValueError("division by zero")
            v = str(a * b if op == "*" else int(a / b) if op == "/" else a - b * int(a / b))
        return v

    def add() -> str:
        v = mul()
        while peek() in ("+", "-"):
            op = take()
            a, b = as_int(v), as_int(mul())
            v = str(a + b if op == "+" else a - b)
        return v

    def cmp() -> str:
        v = add()
        while peek() in ("=", "!=", "<", "<=", ">", ">=", "=="):
            op = take()
            w = add()
            try:
                a: object = int(v)
                b: object = int(w)
            except ValueError:
                a, b = v, w
            result = {"=": a == b, "==": a == b, "!=": a != b, "<": a < b, "<=": a <= b,  # type: ignore[operator]
                      ">": a > b, ">=": a >= b}[op]  # type: ignore[operator]
            v = "1" if result else "0"
        return v

    def and_() -> str:
        v = cmp()
        while peek() == "&":
            take()
            w = cmp()
            v = v if v not in ("", "0") and w not in ("", "0") else "0"
        return v

    def or_() -> str:
        v = and_()
        while peek() == "|":
            take()
            w = and_()
            v = v if v not in ("", "0") else w
        return v

    try:
        if not tokens:
            raise ValueError("missing operand")
        value = or_()
        if pos != len(tokens):
            raise ValueError("syntax error")
    except ValueError as err:
        ctx.error(str(err))
        return 2
    except re.error:
        ctx.error("Unmatched ( or \\(" if _gnu(ctx) else "bad regex")
        return 2
    ctx.stdout.write(value + "\n")
    return 1 if value in ("", "0") else 0


@program("yes")
def yes(ctx: ProgramContext, argv: list[str]) -> int:
    text = " ".join(argv[1:]) or "y"
    while True:
        ctx.tick()
        ctx.stdout.write(text + "\n")


from . import sed as _sed  # noqa: E402,F401
