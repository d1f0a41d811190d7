"""The registry of `helm` subcommands.

Each subcommand lives in its own module under helm/commands/ and registers itself:

    @helm_command("template", summary="locally render templates")
    def template(ctx: HelmContext, argv: list[str]) -> CommandResult: ...

`minicluster.helm.main.run_helm` looks the first word of argv up here. Keeping a registry (not
a routing table) lets `docs/supported.md` and `helm --help` be generated from what exists.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from minicluster.core.result import CommandResult


@dataclass(frozen=True)
class HelmCommand:
    name: str
    summary: str
    run: Callable[[Any, list[str]], CommandResult]
    aliases: tuple[str, ...] = ()


COMMANDS: dict[str, HelmCommand] = {}


def helm_command(
    name: str, summary: str, aliases: tuple[str, ...] = ()
) -> Callable[[Callable[[Any, list[str]], CommandResult]], Callable[[Any, list[str]], CommandResult]]:
    def register(fn: Callable[[Any, list[str]], CommandResult]) -> Callable[[Any, list[str]], CommandResult]:
        command = HelmCommand(name, summary, fn, aliases)
        for key in (name, *aliases):
            if key in COMMANDS:
                raise ValueError(f"helm command {key!r} registered twice")
            COMMANDS[key] = command
        return fn

    return register


def load_all() -> dict[str, HelmCommand]:
    """Import every module of this package so that each registers its commands."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return COMMANDS
