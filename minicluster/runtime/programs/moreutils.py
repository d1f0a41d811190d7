"""More coreutils: base64, md5sum/sha1sum/sha256sum, mktemp, tac, find."""

from __future__ import annotations

import base64 as b64
import binascii
import hashlib
from typing import Any

from minicluster.runtime.shell.patterns import match as glob_match
from minicluster.runtime.streams import decode, encode
from minicluster.runtime.vfs import Dir, File, MountPoint, Symlink, VfsError

from .common import cant_open, split_flags
from .context import ProgramContext
from .registry import program


def _gnu(ctx: ProgramContext) -> bool:
    return ctx.flavor == "gnu"


def _read_bytes(ctx: ProgramContext, path: str) -> bytes:
    if path == "-":
        return encode(ctx.stdin.read())
    return encode(ctx.open_in(path).read())


@program("base64")
def base64(ctx: ProgramContext, argv: list[str]) -> int:
    flags, files = split_flags([a.replace("--decode", "-d").replace("--wrap", "-w") for a in argv[1:]],
                               with_value="w")
    path = files[0] if files else "-"
    try:
        data = _read_bytes(ctx, path)
    except VfsError as err:
        ctx.error(f"{path}: {err.strerror}")
        return 1
    if "d" in flags:
        text = b"".join(data.split())
        try:
            ctx.stdout.write(decode(b64.b64decode(text, validate=True)))
        except (binascii.Error, ValueError):
            valid = text.rstrip(b"=")
            try:
                ctx.stdout.write(decode(b64.b64decode(valid + b"=" * (-len(valid) % 4))))
            except (binascii.Error, ValueError):
                pass
            ctx.error("invalid input")
            return 1
        return 0
    encoded = b64.b64encode(data).decode()
    width = int(flags.get("w") or 76)
    if width:
        lines = [encoded[i:i + width] for i in range(0, len(encoded), width)]
    else:
        lines = [encoded]
    ctx.stdout.write("\n".join(lines) + ("\n" if encoded or width else ""))
    return 0


def _hash_program(algorithm: str) -> Any:
    def run(ctx: ProgramContext, argv: list[str]) -> int:
        flags, files = split_flags(argv[1:])
        status = 0
        for path in files or ["-"]:
            try:
                data = _read_bytes(ctx, path)
            except VfsError as err:
                if _gnu(ctx):
                    ctx.error(f"{path}: {err.strerror}")
                else:
                    cant_open(ctx, path, err)
                status = 1
                continue
            ctx.stdout.write(f"{hashlib.new(algorithm, data).hexdigest()}  {path}\n")
        return status

    return run


program("md5sum")(_hash_program("md5"))
program("sha1sum")(_hash_program("sha1"))
program("sha256sum")(_hash_program("sha256"))


@program("mktemp")
def mktemp(ctx: ProgramContext, argv: list[str]) -> int:
    flags, args = split_flags(argv[1:], with_value="p")
    template = args[0] if args else "tmp.XXXXXXXXXX"
    directory = flags.get("p") or ("/tmp" if not args or "/" not in template else "")
    stem = template.rstrip("X")
    count = len(template) - len(stem)
    if count < 3:
        ctx.error(f"too few X's in template '{template}'")
        return 1
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    rand = getattr(ctx.host.runtime, "rand", None)
    for attempt in range(100):
        if rand is not None:
            suffix = rand.stream("mktemp").string(count, alphabet)
        else:
            suffix = f"{attempt:0{count}d}"[-count:]
        path = (directory.rstrip("/") + "/" if directory else "") + stem + suffix
        if not ctx.fs.exists(path, ctx.cwd):
            try:
                if "d" in flags:
                    ctx.fs.mkdir(path, ctx.cwd, mode=0o700)
                else:
                    ctx.fs.write_bytes(path, b"", ctx.cwd)
                    ctx.fs.chmod(path, 0o600, ctx.cwd)
            except VfsError as err:
                ctx.error(f"failed to create {'directory' if 'd' in flags else 'file'} via template "
                          f"'{path[:-count] + 'X' * count}': {err.strerror}")
                return 1
            ctx.stdout.write(path + "\n")
            return 0
    return 1


@program("tac")
def tac(ctx: ProgramContext, argv: list[str]) -> int:
    _, files = split_flags(argv[1:])
    status = 0
    for path in files or ["-"]:
        try:
            text = ctx.read_text(path)
        except VfsError as err:
            ctx.error(f"failed to open '{path}' for reading: {err.strerror}" if _gnu(ctx) else f"{path}: {err.strerror}")
            status = 1
            continue
        lines = text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        ctx.stdout.write("".join(reversed(lines)))
    return status


@program("find")
def find(ctx: ProgramContext, argv: list[str]) -> int:
    """find PATH... [-maxdepth N] [-mindepth N] [-name P] [-iname P] [-type f|d|l] [-print]
    [-delete]: tests are ANDed (with `!`/-not), in the order given."""
    args = argv[1:]
    roots: list[str] = []
    while args and not args[0].startswith("-") and args[0] not in ("!", "("):
        roots.append(args.pop(0))
    roots = roots or ["."]
    max_depth, min_depth = 1 << 30, 0
    tests: list[tuple[bool, str, str]] = []
    delete = False
    negate = False
    while args:
        opt = args.pop(0)
        if opt in ("!", "-not"):
            negate = True
            continue
        if opt in ("-maxdepth", "-mindepth", "-name", "-iname", "-type", "-path") and not args:
            ctx.error(f"missing argument to `{opt}'")
            return 1
        if opt == "-maxdepth":
            max_depth = int(args.pop(0))
        elif opt == "-mindepth":
            min_depth = int(args.pop(0))
        elif opt in ("-name", "-iname", "-type", "-path"):
            tests.append((negate, opt, args.pop(0)))
        elif opt == "-delete":
            delete = True
        elif opt in ("-print", "-a", "-and"):
            pass
        else:
            ctx.error(f"unknown predicate `{opt}'" if _gnu(ctx) else f"unrecognized: {opt}")
            return 1
        negate = False
    fs = ctx.fs
    status = 0
    found: list[str] = []

    def passes(path: str, node: Any) -> bool:
        name = path.rstrip("/").rsplit("/", 1)[-1] or path
        for neg, opt, value in tests:
            if opt == "-name":
                ok = glob_match(value, name)
            elif opt == "-iname":
                ok = glob_match(value.lower(), name.lower())
            elif opt == "-path":
                ok = glob_match(value, path)
            else:
                kind = "d" if isinstance(node, (Dir, MountPoint)) else "l" if isinstance(node, Symlink) else "f" if isinstance(node, File) else "c"
                ok = kind == value
            if ok == neg:
                return False
        return True

    def walk(path: str, node: Any, depth: int) -> None:
        ctx.tick()
        if depth >= min_depth and passes(path, node):
            found.append(path)
        directory = fs.as_dir(node) if not isinstance(node, Symlink) else None
        if directory is not None and depth < max_depth:
            for name in sorted(directory.children):
                child = path.rstrip("/") + "/" + name if path != "/" else "/" + name
                walk(child, directory.children[name], depth + 1)

    for root in roots:
        node = fs.try_lookup(root, ctx.cwd, follow=True)
        if node is None:
            ctx.error(f"'{root}': No such file or directory" if _gnu(ctx) else f"{root}: No such file or directory")
            status = 1
            continue
        walk(root, node, 0)
    for path in found:
        if delete:
            try:
                node = fs.lookup(path, ctx.cwd, follow=False)
                if fs.as_dir(node) is not None and not isinstance(node, Symlink):
                    continue
                fs.unlink(path, ctx.cwd)
            except VfsError as err:
                ctx.error(f"cannot delete '{path}': {err.strerror}")
                status = 1
        else:
            ctx.stdout.write(path + "\n")
    if delete:
        for path in reversed(found):
            node = fs.try_lookup(path, ctx.cwd, follow=False)
            if node is not None and fs.as_dir(node) is not None:
                try:
                    fs.rmdir(path, ctx.cwd)
                except VfsError as err:
                    ctx.error(f"cannot delete '{path}': {err.strerror}")
                    status = 1
    return status



@program("which")
def which(ctx: ProgramContext, argv: list[str]) -> int:
    """Debian's (debianutils) and BusyBox's which: paths of commands, status 1 if one is missing."""
    flags, names = split_flags(argv[1:])
    status = 0
    for name in names:
        path = ctx.resolve_command(name)
        if path is None:
            status = 1
            continue
        ctx.stdout.write(path + "\n")
    return status


@program("nohup")
def nohup(ctx: ProgramContext, argv: list[str]) -> int:
    if len(argv) < 2:
        ctx.error("missing operand")
        return 125 if _gnu(ctx) else 1
    status = ctx.run(argv[1:])
    if status is None:
        ctx.error(f"failed to run command '{argv[1]}': No such file or directory" if _gnu(ctx)
                  else f"can't execute '{argv[1]}': No such file or directory")
        return 127
    return status
