"""User values from the command line (helm pkg/cli/values Options.MergeValues).

Order: `-f` files (merged, later wins), then `--set-json`, `--set`, `--set-string`,
`--set-file`, `--set-literal`, each applied over what came before.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from typing import Any

from . import goyaml, strvals
from .errors import ValuesError, YamlError

ReadFile = Callable[[str], str | bytes]


def host_reader(base_dir: str | None = None, stdin: str | None = None) -> ReadFile:
    """A reader for values files given on the command line, relative to `base_dir`."""

    def read(path: str) -> str:
        if path.strip() == "-":
            if stdin is None:
                raise ValuesError("reading values from stdin is not supported here")
            return stdin
        full = path if os.path.isabs(path) or base_dir is None else os.path.join(base_dir, path)
        try:
            with open(full, encoding="utf-8", errors="replace") as fh:
                return fh.read()
        except FileNotFoundError:
            raise ValuesError(f"open {path}: no such file or directory") from None
        except IsADirectoryError:
            raise ValuesError(f"read {path}: is a directory") from None

    return read


def parse_value_flags(
    values_files: Sequence[str] = (),
    set: Sequence[str] = (),  # noqa: A002 - the flag's name
    set_string: Sequence[str] = (),
    set_json: Sequence[str] = (),
    set_file: Sequence[str] = (),
    read_file: ReadFile | None = None,
    set_literal: Sequence[str] = (),
) -> dict[str, Any]:
    """The user-supplied values map. Raises ValuesError with Helm's message."""
    raw_reader = read_file or host_reader()

    def reader(path: str) -> str:
        data = raw_reader(path)
        # Callers may hand back bytes (a file read in binary); Go reads bytes and converts.
        return data.decode("utf-8", "replace") if isinstance(data, bytes) else data

    base: dict[str, Any] = {}
    for path in values_files:
        text = reader(path)
        try:
            current = goyaml.load_values(text)
        except YamlError as exc:
            raise ValuesError(f"failed to parse {path}: {exc.message}") from None
        base = goyaml.merge_maps(base, current)
    for value in set_json:
        trimmed = value.strip()
        if trimmed.startswith("{"):
            try:
                parsed = json.loads(trimmed)
            except ValueError:
                raise ValuesError(f"failed parsing --set-json data JSON: {value}") from None
            if not isinstance(parsed, dict):
                raise ValuesError(f"failed parsing --set-json data JSON: {value}")
            base = goyaml.merge_maps(base, goyaml.to_json_value(parsed))
        else:
            try:
                strvals.parse_into(value, base, "json")
            except ValuesError:
                raise ValuesError(f"failed parsing --set-json data {value}") from None
    for flag, items, mode in (("--set", set, "typed"), ("--set-string", set_string, "string"),
                              ("--set-file", set_file, "file"),
                              ("--set-literal", set_literal, "literal")):
        for value in items:
            try:
                strvals.parse_into(value, base, mode, reader if mode == "file" else None)
            except ValuesError as exc:
                raise ValuesError(f"failed parsing {flag} data: {exc.message}") from None
    return base


def add_value_flags(fs: Any) -> Any:
    """The values flags every rendering command takes (`-f` splits on commas, as in Helm)."""
    fs.slice("values", short="f", help="specify values in a YAML file or a URL (can specify multiple)")
    fs.array("set", help="set values on the command line")
    fs.array("set-string", help="set STRING values on the command line")
    fs.array("set-file", help="set values from respective files specified via the command line")
    fs.array("set-json", help="set JSON values on the command line")
    fs.array("set-literal", help="set a literal STRING value on the command line")
    return fs


def values_from_flags(parsed: Any, read_file: ReadFile) -> dict[str, Any]:
    """parse_value_flags over the values flags of a parsed command line."""
    return parse_value_flags(
        values_files=parsed["values"], set=parsed["set"], set_string=parsed["set-string"],
        set_json=parsed["set-json"], set_file=parsed["set-file"], read_file=read_file,
        set_literal=parsed["set-literal"],
    )
