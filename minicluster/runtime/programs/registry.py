"""The program registry: every command a container can run is a Python function registered
under its name with @program. Images list which of them they ship and where."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ProgramContext

ProgramFn = Callable[["ProgramContext", list[str]], int]
PROGRAMS: dict[str, ProgramFn] = {}

# An image's executables are files whose content starts with this marker and names the program.
PROGRAM_MAGIC = b"\x7fELF minicluster-program "


def program(*names: str) -> Callable[[ProgramFn], ProgramFn]:
    """Register `def run(ctx, argv) -> int` under one or more names."""

    def register(fn: ProgramFn) -> ProgramFn:
        for name in names:
            PROGRAMS[name] = fn
        return fn

    return register


def program_file(name: str) -> bytes:
    return PROGRAM_MAGIC + name.encode() + b"\n"


def program_name(data: bytes) -> str | None:
    if data.startswith(PROGRAM_MAGIC):
        return data[len(PROGRAM_MAGIC):].decode().strip()
    return None
