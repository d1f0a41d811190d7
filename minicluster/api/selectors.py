"""Label and field selectors with apimachinery's grammar, semantics and parse errors.

`app=web,tier!=db`, `env in (a,b)`, `env notin (c)`, `key`, `!key`, `n>5`: requirements are
ANDed; `!=`, `notin` and `!key` match objects without the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import messages as m
from .clone import as_dict, as_list, dicts
from .validation import names
from .validation.field import go_quote

_SPECIAL = "=!(),><"
# Longest first, so that `!=` and `==` win over `!` and `=`.
_SYMBOLS = ("!=", "==", "=", "!", "(", ")", ",", ">", "<")


class SelectorError(ValueError):
    """A selector that does not parse; the text is apimachinery's."""


@dataclass(frozen=True)
class Requirement:
    key: str
    operator: str  # in notin = == != exists !  gt lt
    values: tuple[str, ...] = ()

    def matches(self, labels: dict[str, str]) -> bool:
        op = self.operator
        present = self.key in labels
        if op in ("in", "=", "=="):
            return present and labels[self.key] in self.values
        if op in ("notin", "!="):
            return not present or labels[self.key] not in self.values
        if op == "exists":
            return present
        if op == "!":
            return not present
        if not present:
            return False
        try:
            have, want = int(labels[self.key]), int(self.values[0])
        except ValueError:
            return False
        return have > want if op == "gt" else have < want


@dataclass(frozen=True)
class LabelSelector:
    requirements: tuple[Requirement, ...] = ()

    def matches(self, labels: dict[str, str] | None) -> bool:
        labels = labels or {}
        return all(r.matches(labels) for r in self.requirements)

    def empty(self) -> bool:
        return not self.requirements

    def equality_terms(self) -> list[tuple[str, str]]:
        """(key, value) pairs every match must carry: usable to narrow a search by index."""
        return [(r.key, r.values[0]) for r in self.requirements
                if r.operator in ("=", "==") or (r.operator == "in" and len(r.values) == 1)]


# -- lexer ------------------------------------------------------------------------------------
def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, literal) pairs; kinds: id in notin sym end."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c in _SPECIAL:
            sym = next(s for s in _SYMBOLS if text.startswith(s, i))
            out.append(("sym", sym))
            i += len(sym)
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _SPECIAL:
            j += 1
        word = text[i:j]
        out.append((word if word in ("in", "notin") else "id", word))
        i = j
    out.append(("end", ""))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.pos = 0

    def peek(self, values: bool = True) -> tuple[str, str]:
        kind, lit = self.toks[self.pos]
        # Inside values, the keywords are ordinary identifiers.
        if values and kind in ("in", "notin"):
            kind = "id"
        return kind, lit

    def take(self, values: bool = True) -> tuple[str, str]:
        tok = self.peek(values)
        if self.pos < len(self.toks) - 1:
            self.pos += 1
        return tok

    @staticmethod
    def _is(tok: tuple[str, str], *syms: str) -> bool:
        return tok[0] == "sym" and tok[1] in syms

    def parse(self) -> LabelSelector:
        reqs: list[Requirement] = []
        while True:
            tok = self.peek()
            if tok[0] == "id" or self._is(tok, "!"):
                try:
                    reqs.append(self.requirement())
                except SelectorError as exc:
                    raise SelectorError(m.SEL_UNABLE_TO_PARSE.format(error=exc)) from None
                nxt = self.take()
                if nxt[0] == "end":
                    return LabelSelector(tuple(reqs))
                if self._is(nxt, ","):
                    after = self.peek()
                    if not (after[0] == "id" or self._is(after, "!")):
                        raise SelectorError(m.SEL_IDENTIFIER_AFTER_COMMA.format(found=after[1]))
                    continue
                raise SelectorError(m.SEL_COMMA_OR_END.format(found=nxt[1]))
            if tok[0] == "end":
                return LabelSelector(tuple(reqs))
            raise SelectorError(m.SEL_START.format(found=tok[1]))

    def requirement(self) -> Requirement:
        operator = ""
        tok = self.take()
        if self._is(tok, "!"):
            operator = "!"
            tok = self.take()
        if tok[0] != "id":
            raise SelectorError(m.SEL_IDENTIFIER.format(found=tok[1]))
        key = tok[1]
        _check_key(key, "<nil>")
        after = self.peek()
        if after[0] == "end" or self._is(after, ","):
            operator = operator or "exists"
        if operator in ("!", "exists"):
            return Requirement(key, operator)
        op_tok = self.take(values=False)
        op = {"in": "in", "notin": "notin"}.get(op_tok[0])
        if op is None and op_tok[0] == "sym":
            op = {"=": "=", "==": "==", "!=": "!=", ">": "gt", "<": "lt"}.get(op_tok[1])
        if op is None:
            raise SelectorError(m.SEL_OPERATOR.format(found=op_tok[1]))
        values = self.set_values() if op in ("in", "notin") else self.exact_value()
        return new_requirement(key, op, values)

    def exact_value(self) -> list[str]:
        tok = self.peek()
        if tok[0] == "end" or self._is(tok, ","):
            return [""]
        tok = self.take()
        if tok[0] == "id":
            return [tok[1]]
        raise SelectorError(m.SEL_IDENTIFIER.format(found=tok[1]))

    def set_values(self) -> list[str]:
        tok = self.take()
        if not self._is(tok, "("):
            raise SelectorError(m.SEL_OPEN_PAREN.format(found=tok[1]))
        tok = self.peek()
        if tok[0] == "id" or self._is(tok, ","):
            values = self.identifiers()
            closing = self.take()
            if not self._is(closing, ")"):
                raise SelectorError(m.SEL_CLOSE_PAREN.format(found=tok[1]))
            return sorted(values)
        if self._is(tok, ")"):
            self.take()
            return [""]
        raise SelectorError(m.SEL_COMMA_CLOSE_OR_IDENTIFIER.format(found=tok[1]))

    def identifiers(self) -> set[str]:
        values: set[str] = set()
        while True:
            tok = self.take()
            if tok[0] == "id":
                values.add(tok[1])
                nxt = self.peek()
                if self._is(nxt, ","):
                    continue
                if self._is(nxt, ")"):
                    return values
                raise SelectorError(m.SEL_COMMA_OR_CLOSE.format(found=nxt[1]))
            if self._is(tok, ","):
                if not values:
                    values.add("")
                nxt = self.peek()
                if self._is(nxt, ")"):
                    values.add("")
                    return values
                if self._is(nxt, ","):
                    self.take()
                    values.add("")
                continue
            raise SelectorError(m.SEL_COMMA_OR_IDENTIFIER.format(found=tok[1]))


def _check_key(key: str, path: str) -> None:
    errs = names.qualified_name(key)
    if errs:
        raise SelectorError(f"{path}: Invalid value: {go_quote(key)}: {'; '.join(errs)}")


def new_requirement(key: str, op: str, values: list[str], path: str = "") -> Requirement:
    """apimachinery NewRequirement: the checks every requirement passes, parsed or built."""
    prefix = f"{path}." if path else ""
    errors: list[str] = []
    key_errs = names.qualified_name(key)
    if key_errs:
        errors.append(f"{prefix}key: Invalid value: {go_quote(key)}: {'; '.join(key_errs)}")
    shown = "[]string{" + ", ".join(go_quote(v) for v in values) + "}"
    if op in ("in", "notin") and not values:
        errors.append(f"{prefix}values: Invalid value: {shown}: {m.SEL_EMPTY_SET}")
    if op in ("=", "==", "!=") and len(values) != 1:
        errors.append(f"{prefix}values: Invalid value: {shown}: {m.SEL_ONE_VALUE}")
    if op in ("gt", "lt"):
        if len(values) != 1:
            errors.append(f"{prefix}values: Invalid value: {shown}: {m.SEL_GT_LT_ONE_VALUE}")
        for i, value in enumerate(values):
            try:
                int(value, 10)
            except ValueError:
                errors.append(f"{prefix}values[{i}]: Invalid value: {go_quote(value)}: "
                              + m.SEL_GT_LT_INTEGER)
    for i, value in enumerate(values):
        value_errs = names.label_value(value)
        if value_errs:
            errors.append(f"{prefix}values[{i}][{key}]: Invalid value: {go_quote(value)}: "
                          + "; ".join(value_errs))
    if errors:
        raise SelectorError(errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]")
    return Requirement(key, op, tuple(values))


def parse_label_selector(text: str | None) -> LabelSelector:
    if text is None or not text.strip():
        return LabelSelector()
    return _Parser(text).parse()


def from_label_selector(spec: dict[str, Any] | None) -> LabelSelector | None:
    """A metav1.LabelSelector (matchLabels + matchExpressions). None matches nothing; {} all."""
    if spec is None:
        return None
    reqs = [Requirement(k, "=", (str(v),)) for k, v in sorted(as_dict(spec.get("matchLabels")).items())]
    ops = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}
    for expr in dicts(spec.get("matchExpressions")):
        op = ops.get(expr.get("operator", ""))
        if op is None:
            raise SelectorError(m.SEL_BAD_OPERATOR.format(operator=expr.get("operator")))
        reqs.append(Requirement(expr.get("key", ""), op, tuple(as_list(expr.get("values")))))
    return LabelSelector(tuple(reqs))


def format_label_selector(spec: dict[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: `app=web,tier in (a,b)`; `<none>` for an empty selector."""
    if not spec:
        return "<none>"
    parts = [f"{k}={v}" for k, v in sorted(as_dict(spec.get("matchLabels")).items())]
    for expr in dicts(spec.get("matchExpressions")):
        op, key = expr.get("operator"), str(expr.get("key", ""))
        values = [str(v) for v in as_list(expr.get("values"))]
        if op == "In":
            parts.append(f"{key} in ({','.join(sorted(values))})")
        elif op == "NotIn":
            parts.append(f"{key} notin ({','.join(sorted(values))})")
        elif op == "Exists":
            parts.append(key)
        elif op == "DoesNotExist":
            parts.append(f"!{key}")
    return ",".join(parts) or "<none>"


# -- field selectors --------------------------------------------------------------------------
def _path(*keys: str) -> Callable[[dict[str, Any]], str]:
    def get(obj: dict[str, Any]) -> str:
        cur: Any = obj
        for key in keys:
            cur = cur.get(key) if isinstance(cur, dict) else None
        if cur is None:
            return ""
        if isinstance(cur, bool):
            return "true" if cur else "false"
        return str(cur)

    return get


_COMMON_FIELDS = {"metadata.name": _path("metadata", "name"),
                  "metadata.namespace": _path("metadata", "namespace")}
_KIND_FIELDS: dict[str, dict[str, Callable[[dict[str, Any]], str]]] = {
    "Pod": {f: _path(*f.split(".")) for f in (
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
        "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName")},
    "Event": {f: _path(*f.split(".")) for f in (
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
        "involvedObject.fieldPath", "reason", "reportingComponent", "type")}
    | {"source": _path("source", "component")},
    "Secret": {"type": _path("type")},
    "Namespace": {"status.phase": _path("status", "phase")},
    "Node": {"spec.unschedulable": _path("spec", "unschedulable")},
    "Job": {"status.successful": _path("status", "succeeded")},
    "ReplicaSet": {"status.replicas": _path("status", "replicas")},
}


@dataclass(frozen=True)
class FieldSelector:
    terms: tuple[tuple[str, str, str], ...] = ()  # (field, "=" | "!=", value)
    getters: tuple[Callable[[dict[str, Any]], str], ...] = ()

    def matches(self, obj: dict[str, Any]) -> bool:
        for (_, op, value), get in zip(self.terms, self.getters):
            if (get(obj) == value) != (op == "="):
                return False
        return True

    def empty(self) -> bool:
        return not self.terms

    def value_of(self, field: str) -> str | None:
        for name, op, value in self.terms:
            if name == field and op == "=":
                return value
        return None


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, cur, i = [], "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur += text[i : i + 2]
            i += 2
            continue
        if c == sep:
            parts.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    parts.append(cur)
    return parts


def _unescape(value: str) -> str:
    return value.replace("\\,", ",").replace("\\=", "=").replace("\\\\", "\\")


def parse_field_selector(text: str | None, kind: str) -> FieldSelector:
    if text is None or not text.strip():
        return FieldSelector()
    terms, getters = [], []
    supported = _COMMON_FIELDS | _KIND_FIELDS.get(kind, {})
    for part in _split_unescaped(text, ","):
        if not part:
            continue
        for token, op in (("!=", "!="), ("==", "="), ("=", "=")):  # noqa: B007
            idx = part.find(token)
            if idx >= 0:
                field, value = part[:idx], _unescape(part[idx + len(token):])
                break
        else:
            raise SelectorError(m.FIELD_SEL_SYNTAX.format(text=text, part=part))
        if field not in supported:
            # Kinds with their own field label conversion word it one way, the rest the other.
            if kind in _KIND_FIELDS:
                raise SelectorError(m.FIELD_SEL_NOT_SUPPORTED.format(field=field))
            raise SelectorError(m.FIELD_SEL_UNKNOWN.format(field=field))
        terms.append((field, op, value))
        getters.append(supported[field])
    return FieldSelector(tuple(terms), tuple(getters))
