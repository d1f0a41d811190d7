"""echo and printf, shared by the shell builtins and the /bin/echo, /usr/bin/printf programs."""

from __future__ import annotations

import re
from collections.abc import Callable

from .arith import parse_number

_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                   "\\": "\\", "e": "\x1b"}


class StopOutput(Exception):
    """`\\c`: print nothing more."""


def backslash_escapes(text: str, echo_style: bool) -> str:
    """Escapes of echo (octal as \\0NNN) or printf's %b; raises StopOutput at \\c with the text so far."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 >= len(text):
            out.append(c)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "c":
            raise StopOutput("".join(out))
        if nxt in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[nxt])
            i += 2
        elif nxt == "0" or (not echo_style and nxt in "1234567"):
            j = i + 2
            limit = j + 3
            while j < len(text) and j < limit and text[j] in "01234567":
                j += 1
            digits = text[i + 2:j] if nxt == "0" else text[i + 1:j]
            out.append(chr(int(digits or "0", 8) & 0xFF))
            i = j
        else:
            out.append("\\" + nxt)
            i += 2
    return "".join(out)


def echo_text(args: list[str], interpret_escapes: bool, gnu_options: bool) -> str:
    """The output of echo. dash: only -n, escapes always; GNU/BusyBox/bash: -n -e -E."""
    newline = True
    escapes = interpret_escapes
    while args and re.fullmatch(r"-[neE]+", args[0]) and (gnu_options or args[0] == "-n"):
        flags = args.pop(0)[1:]
        for f in flags:
            if f == "n":
                newline = False
            elif f == "e":
                escapes = True
            elif f == "E":
                escapes = False
    text = " ".join(args)
    if escapes:
        try:
            text = backslash_escapes(text, echo_style=False)
        except StopOutput as stop:
            return str(stop)
    return text + ("\n" if newline else "")


_SPEC = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(.?)")


class InvalidDirective(Exception):
    pass


def printf_text(
    fmt: str, args: list[str], numeric_error: Callable[[str], None]
) -> str:
    """The output of printf FORMAT ARGS...; numeric_error reports a bad number (status 1)."""
    out: list[str] = []
    args = list(args)
    fmt = _format_escapes(fmt)
    try:
        while True:
            consumed = _printf_once(fmt, args, out, numeric_error)
            if not args or consumed == 0:
                break
    except StopOutput:
        pass
    return "".join(out)


def _format_escapes(fmt: str) -> str:
    # printf's format understands the escapes (octal without the leading 0) but %% stays
    try:
        return backslash_escapes(fmt, echo_style=False)
    except StopOutput as stop:
        return str(stop)


def _printf_once(fmt: str, args: list[str], out: list[str], numeric_error: Callable[[str], None]) -> int:
    consumed = 0
    pos = 0

    def take() -> str | None:
        nonlocal consumed
        if args:
            consumed += 1
            return args.pop(0)
        return None

    for m in _SPEC.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, width, prec, conv = m.groups()
        if conv not in "diouxXcsbeEfgG%" or not conv:
            raise InvalidDirective(m.group(0))
        if conv == "%":
            out.append("%")
            continue
        if width == "*":
            width = str(_int_arg(take(), numeric_error))
        if prec == "*":
            prec = str(_int_arg(take(), numeric_error))
        arg = take()
        spec = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
        if conv in "sc":
            value = arg or ""
            if conv == "c":
                value = value[:1]
                out.append((spec + "s") % value if value else (spec + "s") % "")
            else:
                out.append((spec + "s") % value)
        elif conv == "b":
            try:
                value = backslash_escapes(arg or "", echo_style=True)
            except StopOutput as stop:
                out.append((spec + "s") % str(stop))
                raise
            out.append((spec + "s") % value)
        elif conv in "diouxX":
            number = _int_arg(arg, numeric_error)
            if conv in "ouxX" and number < 0:
                number &= (1 << 64) - 1
            out.append((spec + ("d" if conv in "iu" else conv)) % number)
        else:
            out.append((spec + conv) % _float_arg(arg, numeric_error))
    out.append(fmt[pos:])
    return consumed


def _int_arg(arg: str | None, numeric_error: Callable[[str], None]) -> int:
    if arg is None or arg == "":
        return 0
    if arg[0] in "'\"":
        return ord(arg[1]) if len(arg) > 1 else 0
    value = parse_number(arg)
    if value is None:
        m = re.match(r"\s*[-+]?\d+", arg)
        numeric_error(arg)
        return int(m.group(0)) if m else 0
    return value


def _float_arg(arg: str | None, numeric_error: Callable[[str], None]) -> float:
    if arg is None or arg == "":
        return 0.0
    try:
        return float(arg)
    except ValueError:
        numeric_error(arg)
        return 0.0
