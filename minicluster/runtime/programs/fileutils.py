"""File commands: cat ls mkdir rm rmdir cp mv touch chmod ln basename dirname pwd readlink."""

from __future__ import annotations

from datetime import timedelta

from minicluster.runtime.vfs import Dir, File, MountPoint, Node, Symlink, VfsError, normalize

from .common import cant_open, split_flags, usage_error
from .context import ProgramContext
from .registry import program


def _gnu(ctx: ProgramContext) -> bool:
    return ctx.flavor == "gnu"


@program("cat")
def cat(ctx: ProgramContext, argv: list[str]) -> int:
    _, files = split_flags(argv[1:])
    status = 0
    for path in files or ["-"]:
        try:
            stream = ctx.open_stream(path)
            while chunk := stream.read_chunk():  # stream, so that `producer | cat` is live
                ctx.tick()
                ctx.stdout.write(chunk)
        except VfsError as err:
            if err.errno == "EISDIR" and not _gnu(ctx):
                ctx.error("read error: Is a directory")
            else:
                cant_open(ctx, path, err)
            status = 1
    return status


def _mode_string(node: Node) -> str:
    kind = "d" if isinstance(node, (Dir, MountPoint)) else "l" if isinstance(node, Symlink) else \
        "-" if isinstance(node, File) else "c"
    bits = ""
    for shift in (6, 3, 0):
        part = (node.mode >> shift) & 7
        bits += ("r" if part & 4 else "-") + ("w" if part & 2 else "-") + ("x" if part & 1 else "-")
    if node.mode & 0o1000:
        bits = bits[:-1] + ("t" if bits[-1] == "x" else "T")
    return kind + bits


@program("ls")
def ls(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:])
    fs = ctx.fs
    long = "l" in flags
    show_all = "a" in flags
    almost_all = "A" in flags
    status = 0
    entries_files: list[str] = []
    dirs: list[str] = []
    for path in paths or ["."]:
        node = fs.try_lookup(path, ctx.cwd, follow=not (long and "d" in flags))
        if node is None:
            if fs.try_lookup(path, ctx.cwd, follow=False) is not None:
                entries_files.append(path)
                continue
            if _gnu(ctx):
                ctx.error(f"cannot access '{path}': No such file or directory")
                status = 2
            else:
                ctx.error(f"{path}: No such file or directory")
                status = 1
            continue
        if fs.as_dir(node) is not None and "d" not in flags:
            dirs.append(path)
        else:
            entries_files.append(path)
    out: list[str] = []

    def line(path: str, name: str) -> str:
        if not long:
            return name
        node = fs.lookup(path, ctx.cwd, follow=False)
        size = fs.size(node)
        when = ctx.clock.epoch + timedelta(seconds=node.mtime)
        stamp = when.strftime("%b ") + f"{when.day:>2}" + when.strftime(" %H:%M")
        target = f" -> {node.target}" if isinstance(node, Symlink) else ""
        links = 2 if isinstance(node, (Dir, MountPoint)) else 1
        if _gnu(ctx):
            return f"{_mode_string(node)} {links} root root {size:>5} {stamp} {name}{target}"
        return f"{_mode_string(node)} {links:>4} root     root     {size:>9} {stamp} {name}{target}"

    for path in sorted(entries_files):
        out.append(line(path, path))
    for index, path in enumerate(sorted(dirs)):
        names = fs.listdir(path, ctx.cwd)
        if show_all:
            names = [".", ".."] + names
        elif not almost_all:
            names = [n for n in names if not n.startswith(".")]
        if len(dirs) + len(entries_files) > 1:
            if out or index:
                out.append("")
            out.append(f"{path}:")
        if long:
            out.append(f"total {4 * len(names)}" if _gnu(ctx) else f"total {4 * len(names)}")
        for name in names:
            child = path.rstrip("/") + "/" + name if name not in (".", "..") else path + "/" + name
            out.append(line(child, name))
    if out:
        ctx.stdout.write("\n".join(out) + "\n")
    return status


@program("mkdir")
def mkdir(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:], with_value="m")
    if not paths:
        return usage_error(ctx, "missing operand")
    status = 0
    for path in paths:
        try:
            if "p" in flags and ctx.fs.is_dir(path, ctx.cwd):
                continue
            ctx.fs.mkdir(path, ctx.cwd, parents="p" in flags)
        except VfsError as err:
            verb = "cannot create directory" if _gnu(ctx) else "can't create directory"
            ctx.error(f"{verb} '{path}': {err.strerror}")
            status = 1
    return status


@program("rm")
def rm(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:])
    recursive = "r" in flags or "R" in flags
    force = "f" in flags
    if not paths and not force:
        return usage_error(ctx, "missing operand")
    status = 0
    fs = ctx.fs
    verb = "cannot remove" if _gnu(ctx) else "can't remove"
    for path in paths:
        node = fs.try_lookup(path, ctx.cwd, follow=False)
        try:
            if node is None:
                if force:
                    continue
                raise VfsError("ENOENT", path)
            if fs.as_dir(node) is not None and not isinstance(node, Symlink):
                if not recursive:
                    if _gnu(ctx):
                        ctx.error(f"cannot remove '{path}': Is a directory")
                    else:
                        ctx.error(f"'{path}' is a directory")
                    status = 1
                    continue
                if normalize(path, ctx.cwd) == "/":
                    ctx.error("it is dangerous to operate recursively on '/'")
                    status = 1
                    continue
                fs.remove_tree(path, ctx.cwd)
            else:
                fs.unlink(path, ctx.cwd)
        except VfsError as err:
            ctx.error(f"{verb} '{path}': {err.strerror}")
            status = 1
    return status


@program("rmdir")
def rmdir(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:])
    status = 0
    for path in paths:
        try:
            ctx.fs.rmdir(path, ctx.cwd)
        except VfsError as err:
            ctx.error(f"failed to remove '{path}': {err.strerror}" if _gnu(ctx) else f"'{path}': {err.strerror}")
            status = 1
    return status


def _copy_node(node: Node) -> Node:
    from minicluster.runtime.vfs import copy_tree

    return copy_tree(node)


@program("cp", "mv")
def cp_mv(ctx: ProgramContext, argv: list[str]) -> int:
    moving = ctx.name == "mv"
    flags, paths = split_flags(argv[1:])
    if len(paths) < 2:
        return usage_error(ctx, f"missing destination file operand after '{paths[0]}'" if paths else "missing file operand")
    fs = ctx.fs
    *sources, dest = paths
    dest_is_dir = fs.is_dir(dest, ctx.cwd)
    if len(sources) > 1 and not dest_is_dir:
        ctx.error(f"target '{dest}' is not a directory")
        return 1
    status = 0
    stat_verb = "cannot stat" if _gnu(ctx) else "can't stat"
    for src in sources:
        node = fs.try_lookup(src, ctx.cwd, follow=not moving)
        if node is None:
            if moving and not _gnu(ctx):
                stat_verb = "can't rename"
            ctx.error(f"{stat_verb} '{src}': No such file or directory")
            status = 1
            continue
        target = dest.rstrip("/") + "/" + src.rstrip("/").rsplit("/", 1)[-1] if dest_is_dir else dest
        try:
            if moving:
                fs.rename(src, target, ctx.cwd)
                continue
            if fs.as_dir(node) is not None:
                if not ({"r", "R", "a"} & set(flags)):
                    ctx.error(f"-r not specified; omitting directory '{src}'" if _gnu(ctx) else f"omitting directory '{src}'")
                    status = 1
                    continue
                source_dir = fs.as_dir(node)
                assert source_dir is not None
                if fs.exists(target, ctx.cwd):
                    raise VfsError("EEXIST", target)
                fs.mkdir(target, ctx.cwd)
                new = fs.as_dir(fs.lookup(target, ctx.cwd))
                assert new is not None
                for name, child in source_dir.children.items():
                    new.children[name] = _copy_node(child)
            else:
                data = fs.read_bytes(src, ctx.cwd)
                ctx.host.budget.file_bytes(len(data))
                fs.write_bytes(target, data, ctx.cwd)
                if isinstance(node, File):
                    fs.chmod(target, node.mode & 0o7777, ctx.cwd)
        except VfsError as err:
            verb = "cannot create regular file" if _gnu(ctx) else "can't create"
            if moving:
                verb = "cannot move" if _gnu(ctx) else "can't move"
            ctx.error(f"{verb} '{target}': {err.strerror}")
            status = 1
    return status


@program("touch")
def touch(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:], with_value="dtr")
    if not paths:
        return usage_error(ctx, "missing file operand")
    status = 0
    for path in paths:
        try:
            if "c" in flags and not ctx.fs.exists(path, ctx.cwd):
                continue
            ctx.fs.touch(path, ctx.cwd)
        except VfsError as err:
            ctx.error(f"cannot touch '{path}': {err.strerror}" if _gnu(ctx) else f"{path}: {err.strerror}")
            status = 1
    return status


def _parse_mode(spec: str, current: int) -> int | None:
    if spec.isdigit():
        return int(spec, 8)
    mode = current & 0o7777
    for clause in spec.split(","):
        who = ""
        i = 0
        while i < len(clause) and clause[i] in "ugoa":
            who += clause[i]
            i += 1
        if i >= len(clause) or clause[i] not in "+-=":
            return None
        op = clause[i]
        perms = clause[i + 1:]
        bits = 0
        for p in perms:
            if p not in "rwxX":
                return None
            bits |= {"r": 4, "w": 2, "x": 1, "X": 1}[p]
        mask = 0
        for w in who or "a":
            mask |= {"u": 0o700, "g": 0o070, "o": 0o007, "a": 0o777}[w]
        value = (bits << 6 | bits << 3 | bits) & mask
        if op == "+":
            mode |= value
        elif op == "-":
            mode &= ~value
        else:
            mode = (mode & ~mask) | value
    return mode


@program("chmod")
def chmod(ctx: ProgramContext, argv: list[str]) -> int:
    args = [a for a in argv[1:] if a not in ("-R", "-v", "-f")]
    if len(args) < 2:
        return usage_error(ctx, "missing operand")
    spec, *paths = args
    status = 0
    for path in paths:
        node = ctx.fs.try_lookup(path, ctx.cwd)
        if node is None:
            ctx.error(f"cannot access '{path}': No such file or directory" if _gnu(ctx) else f"{path}: No such file or directory")
            status = 1
            continue
        mode = _parse_mode(spec, node.mode)
        if mode is None:
            return usage_error(ctx, f"invalid mode: '{spec}'")
        try:
            ctx.fs.chmod(path, mode, ctx.cwd)
        except VfsError as err:
            ctx.error(f"changing permissions of '{path}': {err.strerror}" if _gnu(ctx) else f"{path}: {err.strerror}")
            status = 1
    return status


@program("ln")
def ln(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:])
    if len(paths) != 2:
        return usage_error(ctx, "missing file operand")
    target, link = paths
    if ctx.fs.is_dir(link, ctx.cwd):
        link = link.rstrip("/") + "/" + target.rstrip("/").rsplit("/", 1)[-1]
    try:
        if "f" in flags and ctx.fs.try_lookup(link, ctx.cwd, follow=False) is not None:
            ctx.fs.unlink(link, ctx.cwd)
        if "s" in flags:
            ctx.fs.symlink(target, link, ctx.cwd)
        else:
            data = ctx.fs.read_bytes(target, ctx.cwd)
            ctx.fs.write_bytes(link, data, ctx.cwd)
    except VfsError as err:
        ctx.error(f"failed to create symbolic link '{link}': {err.strerror}" if _gnu(ctx) else f"{link}: {err.strerror}")
        return 1
    return 0


@program("basename")
def basename(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    if not args:
        return usage_error(ctx, "missing operand")
    name = args[0].rstrip("/") or "/"
    name = name.rsplit("/", 1)[-1] if name != "/" else "/"
    if len(args) > 1 and name.endswith(args[1]) and name != args[1]:
        name = name[: -len(args[1])]
    ctx.stdout.write(name + "\n")
    return 0


@program("dirname")
def dirname(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    if not args:
        return usage_error(ctx, "missing operand")
    path = args[0].rstrip("/")
    if "/" not in path:
        result = "/" if args[0].startswith("/") else "."
    else:
        result = path.rsplit("/", 1)[0].rstrip("/") or "/"
    ctx.stdout.write(result + "\n")
    return 0


@program("pwd")
def pwd(ctx: ProgramContext, argv: list[str]) -> int:
    ctx.stdout.write(ctx.cwd + "\n")
    return 0


@program("readlink")
def readlink(ctx: ProgramContext, argv: list[str]) -> int:
    flags, paths = split_flags(argv[1:])
    status = 0
    for path in paths:
        if "f" in flags:
            ctx.stdout.write(ctx.fs.realpath(path, ctx.cwd) + "\n")
            continue
        node = ctx.fs.try_lookup(path, ctx.cwd, follow=False)
        if isinstance(node, Symlink):
            ctx.stdout.write(node.target + "\n")
        else:
            status = 1
    return status

