"""A cluster that lives on between command-line invocations.

A running container is a greenlet paused in the middle of a script, which cannot be saved to
disk. So the state directory keeps a journal instead of a snapshot: every command with its argv,
the host files it named (charts, manifests, values files) and how much virtual time passed
before it. Loading replays the journal on a fresh cluster with the same seed; since the cluster
is deterministic, the replay reaches exactly the state the learner left.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minicluster.core.errors import StateError

FORMAT_VERSION = 1
JOURNAL = "journal.json"
# Host files a command may name that the journal keeps; a larger file or tree is refused so a
# mistaken `-f /` cannot fill the state directory.
MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024
MAX_SNAPSHOT_FILES = 2000
# Virtual time follows the wall clock between commands, as on a real cluster, but a learner
# coming back the next day should not find a day's worth of CronJobs: cap the gap.
MAX_IDLE_GAP = 3600.0
SKIP_DIRS = {".git", ".minicluster", "__pycache__", ".venv", "node_modules", ".ipynb_checkpoints"}


def default_state_dir(cwd: str) -> str:
    return os.environ.get("MINICLUSTER_STATE") or os.path.join(cwd, ".minicluster")


@dataclass
class Entry:
    tool: str  # "helm" | "kubectl" | "advance"
    argv: list[str]
    cwd: str
    gap: float  # virtual seconds that passed before the command
    files: dict[str, str] = field(default_factory=dict)  # path under a named root -> base64
    roots: list[str] = field(default_factory=list)  # the paths as typed in argv

    def to_json(self) -> dict[str, Any]:
        return {"tool": self.tool, "argv": self.argv, "cwd": self.cwd, "gap": self.gap,
                "files": self.files, "roots": self.roots}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(data["tool"], list(data["argv"]), data["cwd"], float(data["gap"]),
                   dict(data.get("files", {})), list(data.get("roots", [])))


@dataclass
class Journal:
    seed: int = 0
    helm_version: int = 4
    clock_mode: str = "wall"  # "wall": virtual time follows real time between commands
    last_wall: float | None = None
    entries: list[Entry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        from minicluster import __version__

        return {
            "format": FORMAT_VERSION,
            "kit_version": __version__,
            "seed": self.seed,
            "helm_version": self.helm_version,
            "clock_mode": self.clock_mode,
            "last_wall": self.last_wall,
            "entries": [e.to_json() for e in self.entries],
        }


def load_journal(state_dir: str) -> Journal:
    path = Path(state_dir) / JOURNAL
    if not path.exists():
        if Path(state_dir).exists() and any(Path(state_dir).iterdir()):
            raise StateError(
                f"error: {state_dir} is not a minicluster state directory (no {JOURNAL}); "
                "move it away or pass --state DIR"
            )
        return Journal(helm_version=int(os.environ.get("MINICLUSTER_HELM_VERSION", "4")),
                       clock_mode=os.environ.get("MINICLUSTER_CLOCK", "wall"))
    try:
        data = json.loads(path.read_text())
        fmt = int(data["format"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StateError(
            f"error: the cluster state in {state_dir} is corrupt ({exc.__class__.__name__}); "
            "run `minicluster reset` to start a new cluster"
        ) from None
    if fmt > FORMAT_VERSION:
        raise StateError(
            f"error: the cluster state in {state_dir} was written by a newer minicluster "
            f"({data.get('kit_version', '?')}); upgrade minicluster or run `minicluster reset`"
        )
    try:
        return Journal(
            seed=int(data["seed"]),
            helm_version=int(data["helm_version"]),
            clock_mode=str(data.get("clock_mode", "wall")),
            last_wall=data.get("last_wall"),
            entries=[Entry.from_json(e) for e in data["entries"]],
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StateError(
            f"error: the cluster state in {state_dir} is corrupt ({exc}); "
            "run `minicluster reset` to start a new cluster"
        ) from None


def save_journal(state_dir: str, journal: Journal) -> None:
    os.makedirs(state_dir, exist_ok=True)
    target = Path(state_dir) / JOURNAL
    # Write then rename, so an interrupted save never leaves half a journal.
    fd, tmp = tempfile.mkstemp(dir=state_dir, prefix=".journal-")
    with os.fdopen(fd, "w") as fh:
        json.dump(journal.to_json(), fh)
    os.replace(tmp, target)


def wall_gap(journal: Journal) -> float:
    now = time.time()
    gap = 0.0
    if journal.clock_mode == "wall" and journal.last_wall is not None:
        gap = min(max(0.0, now - journal.last_wall), MAX_IDLE_GAP)
    journal.last_wall = now
    return round(gap, 3)


def snapshot_paths(argv: list[str], cwd: str) -> tuple[dict[str, str], list[str]]:
    """The host files and directories an argv names, as base64.

    Returns the files keyed `<root index>/<relative path>` and the roots as typed."""
    files: dict[str, str] = {}
    roots: list[str] = []
    total = 0
    candidates: list[str] = []
    for arg in argv:
        # `--set-file key=path`, `-f=path` and plain paths all end with the path.
        for piece in (arg, arg.split("=", 1)[-1]):
            if piece and not piece.startswith("-") and piece not in candidates:
                candidates.append(piece)
    for typed in candidates:
        host = typed if os.path.isabs(typed) else os.path.join(cwd, typed)
        if os.path.isfile(host):
            walk = [(host, "")]
        elif os.path.isdir(host):
            walk = []
            for root, dirs, names in os.walk(host):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(names):
                    full = os.path.join(root, name)
                    walk.append((full, os.path.relpath(full, host)))
        else:
            continue
        index = len(roots)
        roots.append(typed)
        for full, rel in walk:
            if len(files) >= MAX_SNAPSHOT_FILES:
                raise StateError(f"error: {typed} holds too many files to remember")
            data = Path(full).read_bytes()
            total += len(data)
            if total > MAX_SNAPSHOT_BYTES:
                raise StateError(f"error: {typed} is too large to remember (over 20 MiB)")
            files[f"{index}/{rel}" if rel else f"{index}"] = base64.b64encode(data).decode()
    return files, roots


def materialize(entry: Entry, root: str) -> tuple[str, list[str]]:
    """Write an entry's files under `root`; return the cwd and argv to replay it with.

    Every path the command named is rewritten to its private copy, so replaying never reads
    the host's current files (which the learner may have edited since)."""
    cwd = os.path.join(root, "cwd")
    os.makedirs(cwd, exist_ok=True)
    copies: dict[str, str] = {}
    for index, typed in enumerate(entry.roots):
        base = os.path.join(root, f"root{index}", os.path.basename(typed.rstrip("/")) or "x")
        copies[typed] = base
        prefix = f"{index}/"
        for key, b64 in entry.files.items():
            if key == str(index):
                target = base
            elif key.startswith(prefix):
                target = os.path.join(base, key[len(prefix):])
            else:
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            Path(target).write_bytes(base64.b64decode(b64))
    argv = []
    for arg in entry.argv:
        if arg in copies:
            arg = copies[arg]
        elif "=" in arg and arg.split("=", 1)[-1] in copies:
            head, tail = arg.split("=", 1)
            arg = f"{head}={copies[tail]}"
        argv.append(arg)
    return cwd, argv
