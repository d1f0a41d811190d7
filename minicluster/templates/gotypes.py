"""How Go values are held in Python while a template runs.

The engine and every template function share this mapping, so that type-sensitive behaviour
(`eq` refusing to compare int with float64, `%v` printing 1e+06, `kindOf` answering "int64")
matches Go:

| Go                       | Python                                   |
|--------------------------|------------------------------------------|
| nil / missing value      | None                                     |
| bool                     | bool                                     |
| int                      | int                                      |
| int64                    | Int64 (subclass of int)                  |
| other ints/uints         | GoInt subclasses below                   |
| float64                  | float                                    |
| string                   | str                                      |
| []interface{}            | list                                     |
| []string                 | StringSlice (subclass of list)           |
| map[string]interface{}   | dict (insertion order is irrelevant; Go sorts keys when printing) |
| structs (.Release, .Chart, .Capabilities, .Files) | GoStruct subclasses |
| []byte                   | bytes                                    |
"""

from __future__ import annotations


class GoInt(int):
    """Base of the sized/unsigned integer types; a plain `int` is Go's int."""

    go_type = "int"

    def __repr__(self) -> str:
        return f"{self.go_type}({int(self)})"


class Int64(GoInt):
    go_type = "int64"


class Int32(GoInt):
    go_type = "int32"


class Uint64(GoInt):
    go_type = "uint64"


class Uint32(GoInt):
    go_type = "uint32"


class Uint8(GoInt):
    go_type = "uint8"


class StringSlice(list):
    """[]string, e.g. what splitList or keys return."""

    go_type = "[]string"


class Values(dict):
    """Helm's common.Values (the top-level object and `.Values`): a named map type, so `%T`
    prints `common.Values` and Sprig's `dig` refuses it, as in Helm 4. Its exported Go methods
    (YAML, Table, AsMap, PathValue) win over keys of the same name, as in Go."""

    go_type = "common.Values"
    go_methods = frozenset({"YAML", "Table", "AsMap", "PathValue", "Encode"})

    def YAML(self) -> str:
        from .goyaml import to_yaml

        return to_yaml(dict(self))

    def Table(self, name: str) -> Values:
        from .functions import FunctionError

        table: dict = self
        for part in name.split("."):
            value = table.get(part, _NO_KEY) if isinstance(table, dict) else _NO_KEY
            if not isinstance(value, dict):
                raise FunctionError(f'"{part}" is not a table')
            table = value
        return Values(table) if type(table) is not Values else table

    def AsMap(self) -> dict:
        return self

    def Encode(self, w: object) -> None:
        # needs an io.Writer, which no template value is
        from .functions import FunctionError

        raise FunctionError("templates cannot call Encode")

    def PathValue(self, path: str) -> object:
        from .functions import FunctionError

        if path == "":
            raise FunctionError("YAML path cannot be empty")
        *tables, key = path.split(".")
        table: dict = self
        for part in tables:
            value = table.get(part, _NO_KEY)
            if not isinstance(value, dict):
                raise FunctionError(f'"{key}" is not a value')
            table = value
        value = table.get(key, _NO_KEY)
        if value is _NO_KEY or isinstance(value, dict):
            raise FunctionError(f'"{key}" is not a value')
        return value


_NO_KEY = object()


class GoStruct:
    """A Go struct: fields are attributes; methods are callables looked up by name."""

    go_type = "struct"


def go_type_name(value: object) -> str:
    """The Go type name of a value as `printf "%T"` and `typeOf` report it."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, GoInt):
        return value.go_type
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bytes):
        return "[]uint8"
    if isinstance(value, StringSlice):
        return "[]string"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, dict):
        return "map[string]interface {}"
    return getattr(value, "go_type", type(value).__name__)
