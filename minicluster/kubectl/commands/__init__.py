"""The registry of `kubectl` subcommands.

Each subcommand lives in its own module and registers itself with the flags it accepts:

    @kubectl_command("get", "Display one or many resources", flags=get_flags)
    def get(ctx: KubectlContext, flags: ParsedFlags) -> None: ...

`run_kubectl` parses the flags (its own plus kubectl's global ones), calls the command, and
renders whatever it raises. Output goes through `ctx.write` / `ctx.warn`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from minicluster.core.flags import FlagSet


def _no_flags(fs: FlagSet) -> None:
    return None


@dataclass(frozen=True)
class KubectlCommand:
    name: str
    summary: str
    run: Callable[[Any, Any], int | None]
    flags: Callable[[FlagSet], None] = _no_flags
    aliases: tuple[str, ...] = ()
    # Commands whose positional arguments after `--` belong to another program (exec).
    passthrough: bool = False


COMMANDS: dict[str, KubectlCommand] = {}


def kubectl_command(name: str, summary: str, flags: Callable[[FlagSet], None] = _no_flags,
                    aliases: tuple[str, ...] = (), passthrough: bool = False
                    ) -> Callable[[Callable[[Any, Any], int | None]], Callable[[Any, Any], int | None]]:
    def register(fn: Callable[[Any, Any], int | None]) -> Callable[[Any, Any], int | None]:
        command = KubectlCommand(name, summary, fn, flags, aliases, passthrough)
        for key in (name, *aliases):
            if key in COMMANDS:
                raise ValueError(f"kubectl command {key!r} registered twice")
            COMMANDS[key] = command
        return fn

    return register


def load_all() -> dict[str, KubectlCommand]:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return COMMANDS
