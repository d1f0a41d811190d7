"""YAML read the way Helm reads values.yaml, `-f` files and Chart.yaml.

Helm decodes YAML with sigs.k8s.io/yaml: go-yaml v2 (YAML 1.1 typing of plain scalars) builds
a tree, keys are turned into strings, the tree is encoded as JSON and decoded again. PyYAML's
own typing differs from go-yaml v2, so here PyYAML (libyaml when available) only parses and
composes nodes; typing is done by `resolve_plain` below, which follows go-yaml v2's resolve.go:

| plain scalar            | PyYAML (SafeLoader)     | go-yaml v2 (what Helm sees)        |
|-------------------------|-------------------------|------------------------------------|
| `y`, `Y`, `n`, `N`      | string                  | bool                               |
| `1e3`, `+.5`, `08`      | string / string / error | float 1000 / 0.5 / 8               |
| `0o17`, `0b101`, `1_000`| string / 5 / 1000       | 15 / 5 / 1000                      |
| `2020-01-01`            | datetime.date           | the string "2020-01-01"            |
| `1:20` (base 60)        | 80                      | string "1:20"                      |
| `.inf`, `.nan`          | float                   | load error (JSON cannot hold them) |
| key `y:` / `1.5:`       | "y" / 1.5               | "true" / "1.5"                     |

After the JSON round trip every number is a float64 (a Python float here). `decode_go` keeps
the pre-JSON types, for Chart.yaml fields that Go converts to strings (`version: 1.10` gives
"1.1", formatted as a float32 with %g).
"""

from __future__ import annotations

import base64
import math
import re
from functools import lru_cache
from typing import Any

import yaml

from .errors import YamlError
from .gofloat import format_float

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _BaseLoader = yaml.SafeLoader

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


class _Merge:
    """The `<<` key."""


MERGE_KEY = _Merge()

_SPECIAL: dict[str, tuple[str, Any]] = {}
for _words, _val, _tag in (
    (("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True, _BOOL),
    (("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False, _BOOL),
    (("", "~", "null", "Null", "NULL"), None, _NULL),
    ((".nan", ".NaN", ".NAN"), math.nan, _FLOAT),
    ((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf, _FLOAT),
    (("-.inf", "-.Inf", "-.INF"), -math.inf, _FLOAT),
    (("<<",), MERGE_KEY, _MERGE),
):
    for _w in _words:
        _SPECIAL[_w] = (_tag, _val)

_YAML_STYLE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_GO_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[iI]nf(?:inity)?|NaN)"
)
_TIMESTAMP_RE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?"
    r"(?:Z|[-+][0-9]{2}:[0-9]{2})?)?"
)
INT64_MIN, INT64_MAX, UINT64_MAX = -(2**63), 2**63 - 1, 2**64 - 1


def go_parse_int(text: str, *, unsigned: bool = False) -> int | None:
    """strconv.ParseInt(text, 0, 64) / ParseUint: prefixes 0x 0o 0b and a bare leading 0 (octal)."""
    s = text
    sign = 1
    if s[:1] in "+-":
        if unsigned:
            return None
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if not s:
        return None
    base = 10
    low = s.lower()
    if low.startswith("0x"):
        base, s = 16, s[2:]
    elif low.startswith("0o"):
        base, s = 8, s[2:]
    elif low.startswith("0b"):
        base, s = 2, s[2:]
    elif len(s) > 1 and s[0] == "0":
        base, s = 8, s[1:]
    if not s or "_" in s or not all(c in "0123456789abcdef"[:base] for c in s.lower()):
        return None
    value = sign * int(s, base)
    if unsigned:
        return value if value <= UINT64_MAX else None
    return value if INT64_MIN <= value <= INT64_MAX else None


def _go_parse_float(text: str) -> float | None:
    if not _GO_FLOAT.fullmatch(text):
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    # strconv.ParseFloat reports overflow as an error; go-yaml then keeps the string.
    if math.isinf(value) and "inf" not in text.lower():
        return None
    return value


def resolve_plain(text: str, tag: str = "") -> tuple[str, Any]:
    """(tag, value) of a scalar, as go-yaml v2's resolve() types it."""
    if tag not in _RESOLVABLE:
        return tag, text
    if tag != _STR and text[:1] in "+-0123456789yYnNtTfFoO~." or (tag != _STR and text == ""):
        if text in _SPECIAL:
            return _SPECIAL[text]
        first = text[:1]
        if first == ".":
            f = _go_parse_float(text)
            if f is not None:
                return _FLOAT, f
        elif first in "+-0123456789":
            if tag in ("", _TIMESTAMP) and _TIMESTAMP_RE.fullmatch(text):
                return _TIMESTAMP, text
            plain = text.replace("_", "")
            iv = go_parse_int(plain)
            if iv is not None:
                return _INT, iv
            uv = go_parse_int(plain, unsigned=True)
            if uv is not None:
                return _INT, uv
            if _YAML_STYLE_FLOAT.fullmatch(plain):
                f = _go_parse_float(plain)
                if f is not None:
                    return _FLOAT, f
            if plain.startswith("0b"):
                digits = plain[2:]
                if digits and set(digits) <= {"0", "1"}:
                    return _INT, int(digits, 2)
            elif plain.startswith("-0b"):
                digits = plain[3:]
                if digits and set(digits) <= {"0", "1"}:
                    return _INT, -int(digits, 2)
    return _STR, text


def _short(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Composes nodes only; remembers which scalars were plain and which tags were explicit."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # noqa: D401
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return _PLAIN
            return _STR
        if kind is yaml.SequenceNode:
            return _SEQ
        return _MAP


def _mark_line(exc: yaml.MarkedYAMLError) -> int:
    # go-yaml reports the problem mark's 0-based line (plus one for scanner errors only),
    # falling back to the context mark; line 0 means "no line".
    if exc.problem_mark is not None and exc.problem_mark.line != 0:
        line = exc.problem_mark.line
        return line + 1 if isinstance(exc, yaml.scanner.ScannerError) else line
    if exc.context_mark is not None:
        return exc.context_mark.line
    return 0


def _yaml_error(exc: yaml.YAMLError) -> YamlError:
    if isinstance(exc, yaml.MarkedYAMLError):
        line = _mark_line(exc)
        where = f"line {line}: " if line else ""
        problem = exc.problem or "unknown problem parsing YAML content"
        problem = problem.replace("mapping values are not allowed here",
                                  "mapping values are not allowed in this context")
        return YamlError(f"yaml: {where}{problem}")
    return YamlError(f"yaml: {exc}")


def compose_all(text: str) -> list[Any]:
    try:
        return list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None


def compose(text: str) -> Any:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.composer.ComposerError as exc:
        if "another document" in str(exc.problem) or "single document" in str(exc.context):
            # go-yaml v2's Unmarshal reads the first document and ignores the rest.
            docs = compose_all(text)
            return docs[0] if docs else None
        raise _yaml_error(exc) from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _PLAIN:
        return resolve_plain(node.value)[1]
    if tag == _STR:
        return node.value
    if tag in ("!", _NONSPECIFIC):
        return node.value
    if tag == _BINARY:
        try:
            return base64.b64decode(node.value).decode("utf-8", "replace")
        except ValueError:
            raise YamlError("yaml: !!binary value contains invalid base64 data") from None
    rtag, value = resolve_plain(node.value, tag)
    if tag in ("", rtag) or tag not in _RESOLVABLE:
        return value
    if tag == _FLOAT and rtag == _INT:
        return float(value)
    if rtag == _TIMESTAMP and tag == _STR:
        return value
    raise YamlError(f"yaml: cannot decode {_short(rtag)} `{node.value}` as a {_short(tag)}")


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
            key = _complex_key(key_node)
        if key is MERGE_KEY:
            _merge_into(out, value_node)
            continue
        out[_key_string(key, value_node)] = decode_go(value_node)
    return out


def _complex_key(node: Any) -> Any:
    raise YamlError("error converting YAML to JSON: yaml: invalid map key: "
                    + ("map[interface {}]interface {}{...}" if isinstance(node, yaml.MappingNode)
                       else "[]interface {}{...}"))


def _merge_into(out: dict[str, Any], value_node: Any) -> None:
    if isinstance(value_node, yaml.MappingNode):
        out.update(decode_go(value_node))
        return
    if isinstance(value_node, yaml.SequenceNode):
        # go-yaml v2 applies the listed maps last-to-first, so the first one wins.
        for child in reversed(value_node.value):
            if not isinstance(child, yaml.MappingNode):
                raise YamlError("yaml: map merge requires map or sequence of maps as the value")
            out.update(decode_go(child))
        return
    raise YamlError("yaml: map merge requires map or sequence of maps as the value")


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
        return format_float(key, bits=32)
    raise YamlError(
        f"error converting YAML to JSON: unsupported map key of type: <nil>, key: <nil>, "
        f"value: {_go_value_repr(decode_go(value_node))}"
    )


def _go_value_repr(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "<nil>"
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
            raise YamlError(f"error converting YAML to JSON: json: unsupported value: {shown}")
        return value
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    return {k: to_json_value(v) for k, v in value.items()}


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def load_map(text: str, go_type: str = "map[string]interface {}") -> dict[str, Any]:
    """sigs.k8s.io/yaml.Unmarshal of one document into a map (`go_type` names it in errors)."""
    try:
        value = to_json_value(decode_go(compose(text)))
    except YamlError as exc:
        raise YamlError(_with_json_prefix(exc)) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise YamlError(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
            f"{_json_type(value)} into Go value of type {go_type}"
        )
    return value


def read_values(text: str) -> dict[str, Any]:
    """common.ReadValues: a single document into chart values (what `helm lint` reads)."""
    return load_map(text, "common.Values")


def load_any(text: str) -> Any:
    """sigs.k8s.io/yaml.Unmarshal into interface{}."""
    return to_json_value(decode_document(text))


@lru_cache(maxsize=32)
def decode_document(text: str) -> Any:
    """decode_go(compose(text)), memoized: Chart.yaml is read twice per load (apiVersion
    dispatch, then the metadata). Callers must not mutate the returned tree."""
    return decode_go(compose(text))


def merge_maps(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """loader.MergeMaps: b wins; maps present in both merge recursively."""
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = value
    return out


def load_values(text: str) -> dict[str, Any]:
    """loader.LoadValues: every YAML document of the stream decoded as a map, merged in order."""
    values: dict[str, Any] = {}
    try:
        nodes = compose_all(text)
    except YamlError as exc:
        raise YamlError(f"cannot unmarshal yaml document: {_with_json_prefix(exc)}") from None
    for node in nodes:
        try:
            current = to_json_value(decode_go(node))
        except YamlError as exc:
            raise YamlError(f"cannot unmarshal yaml document: {_with_json_prefix(exc)}") from None
        if current is None:
            continue
        if not isinstance(current, dict):
            raise YamlError(
                "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: "
                f"json: cannot unmarshal {_json_type(current)} into Go value of type "
                "map[string]interface {}"
            )
        values = merge_maps(values, current)
    return values


def _with_json_prefix(exc: YamlError) -> str:
    msg = exc.message
    return msg if msg.startswith("error ") else f"error converting YAML to JSON: {msg}"
