"""Helpers the coreutils share: option parsing and the two families of error wording."""

from __future__ import annotations

from minicluster.runtime.vfs import VfsError

from .context import ProgramContext


def cant_open(ctx: ProgramContext, path: str, err: VfsError, gnu_verb: str = "") -> None:
    """`cat: can't open 'x': No such file or directory` (BusyBox) or `cat: x: No such...` (GNU)."""
    if ctx.flavor == "busybox":
        ctx.error(f"can't open '{path}': {err.strerror}")
    elif gnu_verb:
        ctx.error(f"{gnu_verb} '{path}': {err.strerror}")
    else:
        ctx.error(f"{path}: {err.strerror}")


def split_flags(argv: list[str], with_value: str = "") -> tuple[dict[str, str], list[str]]:
    """Short options (`-nr`, `-n 5`, `-n5`); letters in with_value take an argument.

    Returns ({letter: value or ""}, operands). `--` ends options; `-` is an operand."""
    flags: dict[str, str] = {}
    operands: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--":
            operands.extend(args)
            break
        if arg.startswith("-") and len(arg) > 1 and not arg[1:].lstrip("-").isdigit() or (
            arg.startswith("-") and len(arg) > 1 and arg[1] in with_value
        ):
            i = 1
            while i < len(arg):
                letter = arg[i]
                if letter in with_value:
                    value = arg[i + 1:] or (args.pop(0) if args else "")
                    flags[letter] = value
                    break
                flags[letter] = ""
                i += 1
        else:
            operands.append(arg)
    return flags, operands


def usage_error(ctx: ProgramContext, message: str) -> int:
    ctx.error(message)
    if ctx.flavor == "gnu":
        ctx.stderr.write(f"Try '{ctx.name} --help' for more information.\n")
    return 1
