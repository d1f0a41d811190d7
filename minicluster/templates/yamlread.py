"""YAML read the way Helm reads it (sigs.k8s.io/yaml): the one decoder behind values.yaml,
`-f` files, Chart.yaml (helm/chart/goyaml.py) and the fromYaml template functions.

sigs.k8s.io/yaml lets go-yaml v2 (YAML 1.1 typing of plain scalars) build a tree, turns keys
into strings, encodes the tree as JSON and decodes it again. PyYAML's own typing differs from
go-yaml v2, so PyYAML (libyaml when available) only parses and composes nodes here; typing
follows go-yaml v2's resolve.go (sprig/_yamlresolve.py):

| plain scalar            | PyYAML (SafeLoader)     | go-yaml v2 (what Helm sees)        |
|-------------------------|-------------------------|------------------------------------|
| `y`, `Y`, `n`, `N`      | string                  | bool                               |
| `1e3`, `+.5`, `08`      | string / string / error | float 1000 / 0.5 / 8               |
| `0o17`, `0b101`, `1_000`| string / 5 / 1000       | 15 / 5 / 1000                      |
| `2020-01-01`            | datetime.date           | the string "2020-01-01"            |
| `1:20` (base 60)        | 80                      | string "1:20"                      |
| `.inf`, `.nan`          | float                   | load error (JSON cannot hold them) |
| key `y:` / `1.5:`       | "y" / 1.5               | "true" / "1.5"                     |

After the JSON round trip every number is a float64 (a Python float). `decode_go` keeps the
pre-JSON types for callers that convert fields themselves (Chart.yaml's `version: 1.10`).
Errors are `GoYAMLError` carrying Go's text; errors of the YAML-to-JSON conversion already
carry sigs.k8s.io/yaml's "error converting YAML to JSON: " prefix.
"""

from __future__ import annotations

import base64
import math
from typing import Any

import yaml

from .gofmt import format_float, format_float32, go_quote
from .sprig._yamlresolve import resolve_plain

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _BaseLoader = yaml.SafeLoader

CONVERTING = "error converting YAML to JSON: "

_PLAIN = "!go-plain"
_NONSPECIFIC = "!go-nonspecific"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_BINARY = "tag:yaml.org,2002:binary"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_RESOLVABLE = {"", _STR, _BOOL, _INT, _FLOAT, _NULL, _TIMESTAMP}
_KIND_TAGS = {
    "null": _NULL, "bool": _BOOL, "int": _INT, "float": _FLOAT, "timestamp": _TIMESTAMP,
    "merge": _MERGE, "str": _STR,
}


class GoYAMLError(Exception):
    """YAML that sigs.k8s.io/yaml refuses; `text` is the Go error text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _Merge:
    """The `<<` key."""


MERGE_KEY = _Merge()


def resolve(text: str, tag: str = "") -> tuple[str, Any]:
    """(tag, value) of a scalar as go-yaml v2's resolve() types it, given its explicit tag."""
    if tag not in _RESOLVABLE:
        return tag, text
    if tag == _STR:
        return _STR, text
    kind, value = resolve_plain(text, timestamps=tag in ("", _TIMESTAMP))
    if kind == "merge":
        return _MERGE, MERGE_KEY
    return _KIND_TAGS[kind], value


def _short(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Composes nodes only; remembers which scalars were plain and which tags were explicit."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        if kind is yaml.SequenceNode:
            return _SEQ
        return _MAP


# PyYAML's problem texts and go-yaml's for the same fault
_PROBLEMS = (
    ("expected <block end>", "did not find expected key"),
    ("expected the node content", "did not find expected node content"),
    ("expected ',' or ']'", "did not find expected ',' or ']'"),
    ("expected ',' or '}'", "did not find expected ',' or '}'"),
    ("that cannot start any token", "found character that cannot start any token"),
    ("found unexpected end of stream", "found unexpected end of stream"),
    ("expected <document start>", "did not find expected <document start>"),
    ("could not find expected ':'", "could not find expected ':'"),
    ("mapping values are not allowed", "mapping values are not allowed in this context"),
    ("found undefined alias", "unknown anchor"),
)


def go_yaml_message(err: yaml.YAMLError) -> str:
    """go-yaml's text for a PyYAML parse error."""
    problem = getattr(err, "problem", None) or str(err) or "unknown problem parsing YAML content"
    for needle, go_text in _PROBLEMS:
        if needle in problem:
            problem = go_text
            break
    # go-yaml names a line only when a mark is past the first line (marks count from 0, and
    # scanner errors are reported one line further than parser errors).
    problem_mark = getattr(err, "problem_mark", None)
    context_mark = getattr(err, "context_mark", None)
    line = 0
    if problem_mark is not None and problem_mark.line != 0:
        line = problem_mark.line + (1 if isinstance(err, yaml.scanner.ScannerError) else 0)
    elif context_mark is not None:
        line = context_mark.line
    return f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"


def compose_all(text: str) -> list[Any]:
    try:
        return list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise GoYAMLError(go_yaml_message(exc)) from None


def compose(text: str) -> Any:
    """The first document's node tree (go-yaml v2's Unmarshal ignores the documents after it)."""
    loader = _Loader(text)
    try:
        return _first_node(loader)
    except yaml.YAMLError as exc:
        raise GoYAMLError(go_yaml_message(exc)) from None
    finally:
        loader.dispose()


def _first_node(loader: Any) -> Any:
    return loader.get_node() if loader.check_node() else None


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _PLAIN:
        return resolve(node.value)[1]
    if tag == _STR or tag in ("!", _NONSPECIFIC):
        return node.value
    if tag == _BINARY:
        try:
            return base64.b64decode(node.value).decode("utf-8", "replace")
        except ValueError:
            raise GoYAMLError("yaml: !!binary value contains invalid base64 data") from None
    rtag, value = resolve(node.value, tag)
    if tag in ("", rtag) or tag not in _RESOLVABLE:
        return value
    if tag == _FLOAT and rtag == _INT:
        return float(value)
    if rtag == _TIMESTAMP and tag == _STR:
        return value
    raise GoYAMLError(f"yaml: cannot decode {_short(rtag)} `{node.value}` as a {_short(tag)}")


def decode_go(node: Any) -> Any:
    """The value go-yaml v2 decodes into interface{}, keys already turned into strings."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [decode_go(child) for child in node.value]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            # go-yaml treats `<<` as a merge only when it is plain (or tagged !!merge).
            merge = key_node.value == "<<" and key_node.tag in (_PLAIN, _MERGE)
            key = MERGE_KEY if merge else decode_go(key_node)
        else:
            key = decode_go(key_node)
            raise GoYAMLError(f"{CONVERTING}yaml: invalid map key: {go_sharp_v(key)}")
        if key is MERGE_KEY:
            _merge_into(out, value_node)
            continue
        out[_key_string(key, value_node)] = decode_go(value_node)
    return out


def _merge_into(out: dict[str, Any], value_node: Any) -> None:
    if isinstance(value_node, yaml.MappingNode):
        out.update(decode_go(value_node))
        return
    if isinstance(value_node, yaml.SequenceNode):
        # go-yaml v2 applies the listed maps last-to-first, so the first one wins.
        for child in reversed(value_node.value):
            if not isinstance(child, yaml.MappingNode):
                raise GoYAMLError("yaml: map merge requires map or sequence of maps as the value")
            out.update(decode_go(child))
        return
    raise GoYAMLError("yaml: map merge requires map or sequence of maps as the value")


def _key_string(key: Any, value_node: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        if math.isnan(key):
            return ".nan"
        if math.isinf(key):
            return ".inf" if key > 0 else "-.inf"
        return format_float32(key)
    value = decode_go(value_node)
    shown = "<nil>" if value is None else go_sharp_v(value)
    raise GoYAMLError(f"{CONVERTING}unsupported map key of type: %!s(<nil>), key: <nil>, value: {shown}")


def go_sharp_v(value: Any) -> str:
    """Go's %#v of a decoded YAML value, for go-yaml's map-key messages."""
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(go_sharp_v(v) for v in value) + "}"
    if isinstance(value, dict):
        inner = ", ".join(f"{go_sharp_v(k)}:{go_sharp_v(v)}" for k, v in value.items())
        return "map[interface {}]interface {}{" + inner + "}"
    return str(value)


def to_json_value(value: Any) -> Any:
    """The JSON round trip: every number becomes a float64; NaN and Inf cannot be encoded."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            shown = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
            raise GoYAMLError(f"{CONVERTING}json: unsupported value: {shown}")
        return value
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    return {k: to_json_value(v) for k, v in value.items()}


def json_kind(value: Any) -> str:
    """The JSON kind encoding/json names in `cannot unmarshal KIND into Go value of type T`."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    return "number"


def with_json_prefix(text: str) -> str:
    """sigs.k8s.io/yaml's prefix on a go-yaml error (conversion errors already carry one)."""
    return text if text.startswith("error ") else CONVERTING + text


def load_first_document(text: str) -> Any:
    """sigs.k8s.io/yaml.Unmarshal into interface{}: the first document, JSON-typed.

    Raises GoYAMLError whose text always carries the "error converting YAML to JSON" prefix.
    """
    try:
        return to_json_value(decode_go(compose(text)))
    except GoYAMLError as exc:
        raise GoYAMLError(with_json_prefix(exc.text)) from None
