"""Command-line flags parsed the way cobra/pflag parse them for helm and kubectl.

Both real tools use spf13/pflag, so the same rules and error texts serve both: long flags
`--name value` or `--name=value`, shorthands `-n value`, `-nvalue`, grouped booleans `-ab`,
`--flag=false` for booleans, repeated flags accumulating into arrays, `--` ending the flags, and
flags interspersed with positional arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .duration import DurationError, parse_duration
from .errors import MiniclusterError


class FlagError(MiniclusterError):
    """A usage error; front ends print it as `Error: <message>` (helm) or `error: ...` (kubectl)."""


@dataclass
class Flag:
    name: str
    kind: str  # bool | string | int | duration | array | slice | count
    default: Any
    short: str | None = None
    help: str = ""
    no_opt_default: str | None = None  # value used when given without `=value` (bools)


def _to_bool(text: str) -> bool:
    # strconv.ParseBool
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def _to_int(text: str) -> int:
    try:
        return int(text, 0) if text.lower().startswith(("0x", "0o", "0b")) else int(text)
    except ValueError:
        raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax') from None


_CONVERT: dict[str, Callable[[str], Any]] = {
    "bool": _to_bool,
    "string": str,
    "int": _to_int,
    "duration": parse_duration,
}


@dataclass
class ParsedFlags:
    values: dict[str, Any]
    positionals: list[str]
    changed: set[str] = field(default_factory=set)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


class FlagSet:
    def __init__(self, command: str = "") -> None:
        self.command = command
        self.flags: dict[str, Flag] = {}
        self.shorts: dict[str, str] = {}

    def add(self, name: str, kind: str, default: Any, short: str | None = None, help: str = "",
            no_opt_default: str | None = None) -> FlagSet:
        if kind == "bool" and no_opt_default is None:
            no_opt_default = "true"
        self.flags[name] = Flag(name, kind, default, short, help, no_opt_default)
        if short:
            self.shorts[short] = name
        return self

    def bool(self, name: str, default: bool = False, short: str | None = None,
             help: str = "") -> FlagSet:
        return self.add(name, "bool", default, short, help)

    def string(self, name: str, default: str = "", short: str | None = None,
               help: str = "", no_opt_default: str | None = None) -> FlagSet:
        return self.add(name, "string", default, short, help, no_opt_default)

    def int(self, name: str, default: int = 0, short: str | None = None,
            help: str = "") -> FlagSet:
        return self.add(name, "int", default, short, help)

    def duration(self, name: str, default: float = 0.0, help: str = "") -> FlagSet:
        return self.add(name, "duration", default, None, help)

    def array(self, name: str, short: str | None = None, help: str = "") -> FlagSet:
        """Repeatable, each occurrence one item (pflag StringArray: --set, -f in helm)."""
        return self.add(name, "array", None, short, help)

    def slice(self, name: str, short: str | None = None, help: str = "") -> FlagSet:
        """Repeatable, each occurrence split on commas (pflag StringSlice)."""
        return self.add(name, "slice", None, short, help)

    def _set(self, values: dict[str, Any], flag: Flag, raw: str, shown: str) -> None:
        if flag.kind in ("array", "slice"):
            items = raw.split(",") if flag.kind == "slice" else [raw]
            values.setdefault(flag.name, []).extend(items)
            return
        try:
            values[flag.name] = _CONVERT[flag.kind](raw)
        except (ValueError, DurationError) as exc:
            raise FlagError(f'invalid argument "{raw}" for "{shown}" flag: {exc}') from None

    def parse(self, argv: list[str]) -> ParsedFlags:
        values: dict[str, Any] = {}
        changed: set[str] = set()
        positionals: list[str] = []
        i = 0
        while i < len(argv):
            arg = argv[i]
            i += 1
            if arg == "--":
                positionals.extend(argv[i:])
                break
            if arg.startswith("--") and len(arg) > 2:
                name, eq, raw = arg[2:].partition("=")
                flag = self.flags.get(name)
                if flag is None:
                    raise FlagError(f"unknown flag: --{name}")
                if not eq:
                    if flag.no_opt_default is not None:
                        raw = flag.no_opt_default
                    elif i < len(argv):
                        raw = argv[i]
                        i += 1
                    else:
                        raise FlagError(f"flag needs an argument: --{name}")
                self._set(values, flag, raw, f"--{name}")
                changed.add(flag.name)
            elif arg.startswith("-") and len(arg) > 1:
                shorts = arg[1:]
                j = 0
                while j < len(shorts):
                    c = shorts[j]
                    long_name = self.shorts.get(c)
                    if long_name is None:
                        raise FlagError(f"unknown shorthand flag: '{c}' in {arg}")
                    name = long_name
                    flag = self.flags[name]
                    rest = shorts[j + 1 :]
                    shown = f"-{c}, --{name}"
                    if rest.startswith("="):
                        self._set(values, flag, rest[1:], shown)
                    elif flag.no_opt_default is not None:
                        self._set(values, flag, flag.no_opt_default, shown)
                        changed.add(name)
                        j += 1
                        continue
                    elif rest:
                        self._set(values, flag, rest, shown)
                    elif i < len(argv):
                        self._set(values, flag, argv[i], shown)
                        i += 1
                    else:
                        raise FlagError(f"flag needs an argument: '{c}' in -{c}")
                    changed.add(name)
                    break
            else:
                positionals.append(arg)
        for name, flag in self.flags.items():
            if name not in values:
                values[name] = [] if flag.kind in ("array", "slice") else flag.default
        return ParsedFlags(values, positionals, changed)
