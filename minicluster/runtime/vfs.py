"""A container's filesystem, entirely in memory.

Each container gets its own tree built from its image (file contents are immutable bytes shared
with the image until a container writes them), plus the kubelet-managed files (/etc/hosts,
/etc/hostname, /etc/resolv.conf), device files, and the volumes mounted into it. Paths never
leave the tree: `..` stops at the root and nothing here ever touches the host's files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ERRNO_TEXT = {
    "ENOENT": "No such file or directory",
    "ENOTDIR": "Not a directory",
    "EISDIR": "Is a directory",
    "EROFS": "Read-only file system",
    "EEXIST": "File exists",
    "ENOTEMPTY": "Directory not empty",
    "EACCES": "Permission denied",
    "ELOOP": "Too many levels of symbolic links",
    "EINVAL": "Invalid argument",
    "EBUSY": "Resource busy",
    "EXDEV": "Invalid cross-device link",
}


class VfsError(Exception):
    def __init__(self, errno: str, path: str = "") -> None:
        super().__init__(f"{path}: {ERRNO_TEXT[errno]}")
        self.errno = errno
        self.path = path
        self.strerror = ERRNO_TEXT[errno]


@dataclass
class Node:
    mode: int
    mtime: float = 0.0


@dataclass
class File(Node):
    data: bytes = b""


@dataclass
class Dir(Node):
    children: dict[str, Node] = field(default_factory=dict)


@dataclass
class Symlink(Node):
    target: str = ""


@dataclass
class Device(Node):
    kind: str = "null"  # "null" | "zero" | "stdout" | "stderr" | "stdin"


@dataclass
class MountPoint(Node):
    root: Dir = field(default_factory=lambda: Dir(0o40777))
    read_only: bool = False


S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR = 0o040000, 0o100000, 0o120000, 0o020000


def new_dir(mode: int = 0o755, mtime: float = 0.0) -> Dir:
    return Dir(S_IFDIR | mode, mtime)


def normalize(path: str, cwd: str = "/") -> str:
    """An absolute path with `.`, `..` and repeated slashes resolved lexically."""
    if not path.startswith("/"):
        path = cwd.rstrip("/") + "/" + path
    parts: list[str] = []
    for piece in path.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    return "/" + "/".join(parts)


class FileSystem:
    MAX_SYMLINKS = 40

    def __init__(self, root: Dir | None = None, now: Callable[[], float] = lambda: 0.0) -> None:
        self.root = root if root is not None else new_dir()
        self.now = now

    # -- resolution -------------------------------------------------------------------------
    def _walk(self, path: str, cwd: str, follow_last: bool) -> tuple[Dir | None, str, Node | None, bool, str]:
        """(parent dir, last name, node or None, read-only?, canonical path)."""
        links = 0
        pending = [p for p in normalize_keep_dots(path, cwd)]
        stack: list[tuple[Dir, bool]] = [(self.root, False)]
        names: list[str] = []
        while pending:
            name = pending.pop(0)
            if name == ".":
                continue
            if name == "..":
                if len(stack) > 1:
                    stack.pop()
                    names.pop()
                continue
            parent, read_only = stack[-1]
            node = parent.children.get(name)
            last = not pending
            if isinstance(node, Symlink) and (not last or follow_last):
                links += 1
                if links > self.MAX_SYMLINKS:
                    raise VfsError("ELOOP", path)
                target = node.target
                if target.startswith("/"):
                    stack = [(self.root, False)]
                    names = []
                pending = [p for p in target.split("/") if p] + pending
                continue
            if last:
                return parent, name, node, read_only, "/" + "/".join(names + [name])
            if node is None:
                raise VfsError("ENOENT", path)
            if isinstance(node, MountPoint):
                stack.append((node.root, read_only or node.read_only))
            elif isinstance(node, Dir):
                stack.append((node, read_only))
            else:
                raise VfsError("ENOTDIR", path)
            names.append(name)
        parent, read_only = stack[-1]
        return None, "", parent, read_only, "/" + "/".join(names)

    def lookup(self, path: str, cwd: str = "/", follow: bool = True) -> Node:
        _, _, node, _, _ = self._walk(path, cwd, follow)
        if node is None:
            raise VfsError("ENOENT", path)
        return node

    def try_lookup(self, path: str, cwd: str = "/", follow: bool = True) -> Node | None:
        try:
            return self.lookup(path, cwd, follow)
        except VfsError:
            return None

    def realpath(self, path: str, cwd: str = "/") -> str:
        return self._walk(path, cwd, True)[4]

    @staticmethod
    def as_dir(node: Node | None) -> Dir | None:
        if isinstance(node, MountPoint):
            return node.root
        return node if isinstance(node, Dir) else None

    def _writable_parent(self, path: str, cwd: str, follow: bool = True) -> tuple[Dir, str, Node | None]:
        parent, name, node, read_only, _ = self._walk(path, cwd, follow)
        if parent is None:
            raise VfsError("EISDIR", path)
        if read_only or (isinstance(node, MountPoint) and node.read_only):
            raise VfsError("EROFS", path)
        return parent, name, node

    # -- queries ----------------------------------------------------------------------------
    def exists(self, path: str, cwd: str = "/") -> bool:
        return self.try_lookup(path, cwd) is not None

    def is_dir(self, path: str, cwd: str = "/") -> bool:
        return self.as_dir(self.try_lookup(path, cwd)) is not None

    def is_file(self, path: str, cwd: str = "/") -> bool:
        return isinstance(self.try_lookup(path, cwd), (File, Device))

    def is_executable(self, path: str, cwd: str = "/") -> bool:
        node = self.try_lookup(path, cwd)
        return isinstance(node, File) and bool(node.mode & 0o111)

    def is_read_only(self, path: str, cwd: str = "/") -> bool:
        try:
            parent, _, node, read_only, _ = self._walk(path, cwd, True)
        except VfsError:
            return False
        return read_only or (isinstance(node, MountPoint) and node.read_only)

    def listdir(self, path: str, cwd: str = "/") -> list[str]:
        node = self.lookup(path, cwd)
        directory = self.as_dir(node)
        if directory is None:
            raise VfsError("ENOTDIR", path)
        return sorted(directory.children)

    def size(self, node: Node) -> int:
        if isinstance(node, File):
            return len(node.data)
        if isinstance(node, Symlink):
            return len(node.target)
        return 4096 if isinstance(node, (Dir, MountPoint)) else 0

    # -- reading and writing ----------------------------------------------------------------
    def read_bytes(self, path: str, cwd: str = "/") -> bytes:
        node = self.lookup(path, cwd)
        if self.as_dir(node) is not None:
            raise VfsError("EISDIR", path)
        if isinstance(node, Device):
            return b"\0" * 4096 if node.kind == "zero" else b""
        assert isinstance(node, File)
        return node.data

    def write_bytes(self, path: str, data: bytes, cwd: str = "/", append: bool = False) -> None:
        parent, name, node = self._writable_parent(path, cwd)
        if isinstance(node, Device):
            return
        if self.as_dir(node) is not None:
            raise VfsError("EISDIR", path)
        if isinstance(node, File):
            node.data = node.data + data if append else data
            node.mtime = self.now()
        else:
            parent.children[name] = File(S_IFREG | 0o644, self.now(), data)

    def mkdir(self, path: str, cwd: str = "/", parents: bool = False, mode: int = 0o755) -> None:
        if parents:
            current = "/"
            for piece in normalize(path, cwd).strip("/").split("/"):
                if not piece:
                    continue
                current = current.rstrip("/") + "/" + piece
                node = self.try_lookup(current)
                if node is None:
                    self.mkdir(current, mode=mode)
                elif self.as_dir(node) is None:
                    raise VfsError("ENOTDIR", path)
            return
        parent, name, node = self._writable_parent(path, cwd, follow=False)
        if node is not None:
            raise VfsError("EEXIST", path)
        parent.children[name] = new_dir(mode, self.now())

    def unlink(self, path: str, cwd: str = "/") -> None:
        parent, name, node = self._writable_parent(path, cwd, follow=False)
        if node is None:
            raise VfsError("ENOENT", path)
        if isinstance(node, MountPoint):
            raise VfsError("EBUSY", path)
        if isinstance(node, Dir):
            raise VfsError("EISDIR", path)
        del parent.children[name]

    def rmdir(self, path: str, cwd: str = "/") -> None:
        parent, name, node = self._writable_parent(path, cwd, follow=False)
        if node is None:
            raise VfsError("ENOENT", path)
        if isinstance(node, MountPoint):
            raise VfsError("EBUSY", path)
        if not isinstance(node, Dir):
            raise VfsError("ENOTDIR", path)
        if node.children:
            raise VfsError("ENOTEMPTY", path)
        del parent.children[name]

    def remove_tree(self, path: str, cwd: str = "/") -> None:
        parent, name, node = self._writable_parent(path, cwd, follow=False)
        if node is None:
            raise VfsError("ENOENT", path)
        if isinstance(node, MountPoint):
            raise VfsError("EBUSY", path)
        del parent.children[name]

    def rename(self, src: str, dst: str, cwd: str = "/") -> None:
        sparent, sname, snode = self._writable_parent(src, cwd, follow=False)
        if snode is None:
            raise VfsError("ENOENT", src)
        dparent, dname, dnode = self._writable_parent(dst, cwd, follow=False)
        if self.as_dir(dnode) is not None:
            target = self.as_dir(dnode)
            assert target is not None
            target.children[sname] = snode
        else:
            dparent.children[dname] = snode
        del sparent.children[sname]

    def symlink(self, target: str, path: str, cwd: str = "/") -> None:
        parent, name, node = self._writable_parent(path, cwd, follow=False)
        if node is not None:
            raise VfsError("EEXIST", path)
        parent.children[name] = Symlink(S_IFLNK | 0o777, self.now(), target)

    def chmod(self, path: str, mode: int, cwd: str = "/") -> None:
        if self.is_read_only(path, cwd):
            raise VfsError("EROFS", path)
        node = self.lookup(path, cwd)
        node.mode = (node.mode & ~0o7777) | (mode & 0o7777)

    def touch(self, path: str, cwd: str = "/") -> None:
        node = self.try_lookup(path, cwd)
        if node is None:
            self.write_bytes(path, b"", cwd)
        else:
            if self.is_read_only(path, cwd):
                raise VfsError("EROFS", path)
            node.mtime = self.now()

    # -- mounts -----------------------------------------------------------------------------
    def mount(self, path: str, root: Dir, read_only: bool = False) -> None:
        self.mkdir(path, parents=True)
        parent, name, _, _, _ = self._walk(path, "/", False)
        assert parent is not None
        parent.children[name] = MountPoint(S_IFDIR | 0o777, self.now(), root, read_only)

    def mount_file(self, path: str, node: File, read_only: bool = False) -> None:
        """A subPath mount of a single file (shared node: writes are seen by the volume)."""
        parent_path = path.rsplit("/", 1)[0] or "/"
        self.mkdir(parent_path, parents=True)
        parent, name, _, _, _ = self._walk(path, "/", False)
        assert parent is not None
        parent.children[name] = node


def normalize_keep_dots(path: str, cwd: str) -> list[str]:
    """Path components with `..` left in place so that symlinks resolve before `..` applies."""
    if not path.startswith("/"):
        path = cwd.rstrip("/") + "/" + path
    return [p for p in path.split("/") if p]


def copy_tree(node: Node) -> Node:
    """A structural copy: directories are new, file contents (immutable bytes) are shared."""
    if isinstance(node, Dir):
        return Dir(node.mode, node.mtime, {k: copy_tree(v) for k, v in node.children.items()})
    if isinstance(node, File):
        return File(node.mode, node.mtime, node.data)
    if isinstance(node, Symlink):
        return Symlink(node.mode, node.mtime, node.target)
    if isinstance(node, Device):
        return Device(node.mode, node.mtime, node.kind)
    return node  # mount points are shared by design
