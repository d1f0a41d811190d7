"""Volumes: directory trees shared by the containers that mount them.

A VolumeTree is mounted by reference, so a file one container writes into an emptyDir or a PVC
is seen by the others at once. ConfigMap and Secret volumes can use the kubelet's atomic-writer
layout (`..data` -> `..<timestamp>` and one symlink per key) with `projected_volume`."""

from __future__ import annotations

from typing import Any

from .vfs import Dir, File, FileSystem, MountPoint, Symlink, new_dir


class VolumeTree:
    def __init__(self, files: dict[str, bytes] | None = None, now: Any = lambda: 0.0) -> None:
        self.root: Dir = new_dir(0o777)
        self.fs = FileSystem(self.root, now)
        for path, data in (files or {}).items():
            self.write_file(path, data)

    def write_file(self, path: str, data: bytes) -> None:
        parent = "/" + path.strip("/").rsplit("/", 1)[0] if "/" in path.strip("/") else "/"
        self.fs.mkdir(parent, parents=True)
        self.fs.write_bytes("/" + path.strip("/"), data)

    def read_file(self, path: str) -> bytes:
        return self.fs.read_bytes("/" + path.strip("/"))

    def list_files(self) -> list[str]:
        """Regular files, relative to the volume root, following the `..data` symlinks."""
        out: list[str] = []

        def walk(directory: Dir, prefix: str) -> None:
            for name, node in sorted(directory.children.items()):
                path = prefix + name
                if isinstance(node, (Dir, MountPoint)):
                    walk(node if isinstance(node, Dir) else node.root, path + "/")
                elif isinstance(node, File):
                    out.append(path)
                elif isinstance(node, Symlink) and not name.startswith(".."):
                    if self.fs.is_file("/" + path):
                        out.append(path)
                    else:  # an item path with directories links a directory into `..data`
                        target = self.fs.as_dir(self.fs.try_lookup("/" + path))
                        if isinstance(target, Dir):
                            walk(target, path + "/")

        walk(self.root, "")
        return [p for p in out if not p.startswith("..")]


def projected_volume(files: dict[str, bytes], timestamp: str, now: Any = lambda: 0.0,
                     mode: int = 0o644) -> VolumeTree:
    """The layout the kubelet writes for configMap/secret volumes: keys are symlinks into
    `..data`, itself a symlink to a timestamped directory (so updates swap atomically)."""
    volume = VolumeTree(now=now)
    stamp = f"..{timestamp}"
    volume.fs.mkdir("/" + stamp)
    for key, data in files.items():
        # an item's path may name sub-directories (items: [{key: k, path: conf/app.yaml}])
        volume.write_file(f"{stamp}/{key}", data)
        volume.fs.chmod(f"/{stamp}/{key.strip('/')}", mode)
    volume.fs.symlink(stamp, "/..data")
    for key in files:
        top = key.split("/", 1)[0]
        if volume.fs.try_lookup("/" + top, follow=False) is None:
            volume.fs.symlink(f"..data/{top}", "/" + top)
    return volume
