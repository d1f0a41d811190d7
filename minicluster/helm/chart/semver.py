"""The subset of Masterminds/semver v3 Helm uses: versions, and constraints (kubeVersion,
dependency version ranges). Constraints: `||` alternatives, comma/space-separated conjunctions,
operators = != > < >= <= =< ~ ~> ^, wildcards x X *, hyphen ranges `1.2 - 1.4`. A prerelease
version only satisfies a constraint that itself names a prerelease (so `>=1.20.0-0` admits
`v1.32.0-gke.1`, `>=1.20.0` does not)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERSION = re.compile(
    r"v?(?P<major>[0-9]+)(?:\.(?P<minor>[0-9]+))?(?:\.(?P<patch>[0-9]+))?"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+(?P<meta>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
_STRICT = re.compile(
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)


class SemverError(ValueError):
    pass


@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    pre: str = ""
    meta: str = ""
    original: str = ""

    def __str__(self) -> str:
        out = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            out += "-" + self.pre
        if self.meta:
            out += "+" + self.meta
        return out

    def key(self) -> tuple:
        return (self.major, self.minor, self.patch)


def _check_pre(pre: str) -> None:
    for part in pre.split("."):
        if part.isdigit() and len(part) > 1 and part[0] == "0":
            raise SemverError("Invalid Prerelease string")


def parse(text: str) -> Version:
    m = _VERSION.fullmatch(text)
    if not m:
        raise SemverError("Invalid Semantic Version")
    pre = m.group("pre") or ""
    if pre:
        _check_pre(pre)
    return Version(int(m.group("major")), int(m.group("minor") or 0),
                   int(m.group("patch") or 0), pre, m.group("meta") or "", text)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except SemverError:
        return False
    return True


def is_strict(text: str) -> bool:
    return _STRICT.fullmatch(text) is not None


def _cmp_pre(a: str, b: str) -> int:
    if a == b:
        return 0
    if not a:
        return 1
    if not b:
        return -1
    pa, pb = a.split("."), b.split(".")
    for x, y in zip(pa, pb):
        if x == y:
            continue
        xd, yd = x.isdigit(), y.isdigit()
        if xd and yd:
            return -1 if int(x) < int(y) else 1
        if xd != yd:
            return -1 if xd else 1
        return -1 if x < y else 1
    return (len(pa) > len(pb)) - (len(pa) < len(pb))


def compare(a: Version, b: Version) -> int:
    if a.key() != b.key():
        return -1 if a.key() < b.key() else 1
    return _cmp_pre(a.pre, b.pre)


# -- constraints -----------------------------------------------------------------------------
# Masterminds/semver v3.5 (constraints.go): ranges `a - b` are rewritten to `>= a, <= b`, `||`
# separates alternatives, each a list of `OP VERSION` terms. A version part that is missing or
# a wildcard makes the term "dirty". A prerelease version only passes an alternative in which
# some term names a prerelease.
_CV = (r"v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?"
       r"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?")
_OPS = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"
_TERM = re.compile(rf"^\s*({_OPS})\s*({_CV})\s*$")
_RANGE = re.compile(rf"\s*({_CV})\s+-\s+({_CV})\s*")
_FIND = re.compile(rf"({_OPS})\s*({_CV})")
_VALID = re.compile(rf"^(\s*({_OPS})\s*({_CV})\s*)((?:\s+|,\s*)({_OPS})\s*({_CV})\s*)*$")


def _is_x(text: str) -> bool:
    return text in ("x", "X", "*")


@dataclass(frozen=True)
class _Term:
    op: str
    con: Version
    dirty: bool = False
    minor_dirty: bool = False
    patch_dirty: bool = False


def _parse_term(text: str) -> _Term:
    if not text:
        return _Term("", Version(0, 0, 0), dirty=True)
    m = _TERM.match(text)
    if not m:
        raise SemverError(f"improper constraint: {text}")
    op, major, minor, patch, pre = m.group(1), m.group(3), m.group(4), m.group(5), m.group(6)
    pre = pre or ""
    minor_part = (minor or "")[1:]
    patch_part = (patch or "")[1:]
    if _is_x(major) or not major:
        return _Term(op, parse(f"0.0.0{pre}"), dirty=True)
    if _is_x(minor_part) or not minor:
        return _Term(op, parse(f"{major}.0.0{pre}"), dirty=True, minor_dirty=True)
    if _is_x(patch_part) or not patch:
        return _Term(op, parse(f"{major}{minor}.0{pre}"), dirty=True, patch_dirty=True)
    return _Term(op, parse(m.group(2)))


def _tilde(v: Version, t: _Term) -> bool:
    c = t.con
    if compare(v, c) < 0:
        return False
    if c.key() == (0, 0, 0) and not t.minor_dirty and not t.patch_dirty:
        return True
    if v.major != c.major:
        return False
    return v.minor == c.minor or t.minor_dirty


def _caret(v: Version, t: _Term) -> bool:
    c = t.con
    if compare(v, c) < 0:
        return False
    if c.major > 0 or t.minor_dirty:
        return v.major == c.major
    if v.major > 0:
        return False
    if c.minor > 0 or t.patch_dirty:
        return v.minor == c.minor
    if v.minor > 0:
        return False
    return v.patch == c.patch


def _check_term(v: Version, t: _Term) -> bool:
    c, op = t.con, t.op
    if op in ("", "="):
        return _tilde(v, t) if t.dirty else compare(v, c) == 0
    if op == "!=":
        if t.dirty:
            if c.major != v.major:
                return True
            if c.minor != v.minor and not t.minor_dirty:
                return True
            if t.minor_dirty:
                return False
            if c.patch != v.patch and not t.patch_dirty:
                return True
            if t.patch_dirty:
                return bool(v.pre or c.pre) and _cmp_pre(v.pre, c.pre) != 0
        return compare(v, c) != 0
    if op == ">":
        if not t.dirty:
            return compare(v, c) > 0
        if v.major != c.major:
            return v.major > c.major
        if t.minor_dirty:
            return False
        if t.patch_dirty:
            return v.minor > c.minor
        return compare(v, c) > 0
    if op == "<":
        return compare(v, c) < 0
    if op in (">=", "=>"):
        return compare(v, c) >= 0
    if op in ("<=", "=<"):
        if not t.dirty:
            return compare(v, c) <= 0
        if v.major > c.major:
            return False
        return not (v.major == c.major and v.minor > c.minor and not t.minor_dirty)
    if op in ("~", "~>"):
        return _tilde(v, t)
    return _caret(v, t)  # "^"


@dataclass(frozen=True)
class Constraints:
    groups: tuple[tuple[_Term, ...], ...]
    text: str

    def check(self, v: Version) -> bool:
        for group in self.groups:
            allow_pre = any(t.con.pre for t in group)
            if v.pre and not allow_pre:
                continue
            if all(_check_term(v, t) for t in group):
                return True
        return False


def _rewrite_ranges(text: str) -> str:
    out = text
    for m in _RANGE.finditer(text):
        out = out.replace(m.group(0), f">= {m.group(1)}, <= {m.group(11)} ", 1)
    return out


def parse_constraint(text: str) -> Constraints:
    """semver.NewConstraint."""
    text = _rewrite_ranges(text)
    groups = []
    for alternative in text.split("||"):
        if not _VALID.match(alternative):
            raise SemverError(f'improper constraint: "{alternative}"')
        found = [m.group(0) for m in _FIND.finditer(alternative)] or [alternative]
        groups.append(tuple(_parse_term(term) for term in found))
    return Constraints(tuple(groups), text)


def is_compatible_range(constraint: str, version: str) -> bool:
    """chartutil.IsCompatibleRange: false when either side does not parse."""
    try:
        return parse_constraint(constraint).check(parse(version))
    except SemverError:
        return False
