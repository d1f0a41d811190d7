"""The layering of docs/architecture.md, enforced: each package imports only the layers below it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "minicluster"

# package -> the minicluster packages it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "templates": {"core"},
    "api": {"core"},
    "runtime": {"core"},
    "controllers": {"core", "api", "runtime"},
    "helm": {"core", "templates", "api"},
    "kubectl": {"core", "api"},
    "cluster": {"core", "api", "controllers", "runtime", "templates", "helm", "kubectl", "notebook"},
    "cli": {"*"},
    "notebook": {"*"},
    "grading": {"*"},
    "server": {"*"},
    "__init__": {"cluster", "notebook"},
    "__main__": {"cli"},
}
# What `controllers` may take from `runtime`: the contract only, never an implementation.
CONTROLLERS_RUNTIME_MODULES = {"runtime.interface"}
# Direct wall-clock or global-randomness use is banned outside these modules.
CLOCK_RANDOM_OWNERS = {"core/clock.py", "core/rand.py", "cli/state.py", "grading/worker.py",
                       "notebook/progress.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _imported(path: Path) -> list[tuple[str, int]]:
    rel = path.relative_to(PACKAGE).with_suffix("")
    package_parts = list(rel.parts[:-1])
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("minicluster."):
                    found.append((alias.name.removeprefix("minicluster."), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                if not node.module:
                    found += [(".".join(base + [a.name]), node.lineno) for a in node.names]
                    continue
            elif node.module and node.module.startswith("minicluster"):
                target = node.module.removeprefix("minicluster").lstrip(".")
            else:
                continue
            found.append((target, node.lineno))
    return found


def _layer(module: str) -> str:
    return module.split(".")[0] if module else "__init__"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    own = rel.parts[0].removesuffix(".py")
    allowed = ALLOWED.get(own)
    assert allowed is not None, f"{rel}: top-level package {own!r} has no layer in ALLOWED"
    for target, line in _imported(path):
        layer = _layer(target)
        if layer == own or "*" in allowed:
            continue
        assert layer in allowed, f"{rel}:{line} imports minicluster.{target} ({own} -> {layer})"
        if own == "controllers" and layer == "runtime":
            assert target in CONTROLLERS_RUNTIME_MODULES, (
                f"{rel}:{line}: controllers may use only the runtime contract, not {target}"
            )


BANNED_CALLS = ("time.time(", "time.sleep(", "datetime.now(", "datetime.utcnow(", "time.monotonic(",
                "random.random(", "random.randint(", "random.choice(", "random.seed(")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_wall_clock_or_global_random(path: Path) -> None:
    rel = str(path.relative_to(PACKAGE))
    if rel in CLOCK_RANDOM_OWNERS:
        return
    text = path.read_text()
    for banned in BANNED_CALLS:
        assert banned not in text, f"{rel} calls {banned}...): use the cluster's clock/rand"


# Learner code runs inside the simulator; nothing there may reach host processes or sockets.
# The embedded PostgreSQL server is the one service the kit starts as a process, and pgtools
# runs the wheel's real pg_dump against the sandboxed database only, with an allow-list of flags
# and no shell.
HOST_ACCESS = (r"^\s*import subprocess\b", r"^\s*from subprocess\b", r"^\s*import socket\b",
               r"^\s*from socket\b", r"\bos\.system\(", r"\bos\.popen\(", r"\bos\.exec",
               r"\bos\.spawn", r"\bpty\.")
HOST_ACCESS_ALLOWED_PREFIXES = ("runtime/services/postgres", "runtime/services/pgtools.py",
                                "cli/", "grading/", "notebook/")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_simulator_never_reaches_host_processes(path: Path) -> None:
    rel = str(path.relative_to(PACKAGE))
    if rel.startswith(HOST_ACCESS_ALLOWED_PREFIXES):
        return
    text = path.read_text()
    for banned in HOST_ACCESS:
        found = re.search(banned, text, re.MULTILINE)
        assert found is None, f"{rel} uses {found.group(0)!r}: the simulator never touches the host"
