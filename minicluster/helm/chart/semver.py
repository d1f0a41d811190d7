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
_OPS = ("!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^")
_PART = r"(?:[0-9]+|[xX*])"
_CVERSION = (
    rf"v?{_PART}(?:\.{_PART})?(?:\.{_PART})?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
_SINGLE = re.compile(rf"\s*(?P<op>!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*(?P<ver>{_CVERSION})\s*")
_HYPHEN = re.compile(rf"\s*(?P<a>{_CVERSION})\s+-\s+(?P<b>{_CVERSION})\s*")


@dataclass(frozen=True)
class _Single:
    op: str
    ver: Version
    dirty_minor: bool  # minor was a wildcard or missing
    dirty_patch: bool
    dirty_major: bool


def _parse_single(op: str, text: str) -> _Single:
    m = re.fullmatch(
        r"v?(?P<ma>[0-9]+|[xX*])(?:\.(?P<mi>[0-9]+|[xX*]))?(?:\.(?P<pa>[0-9]+|[xX*]))?"
        r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+(?P<meta>[0-9A-Za-z.-]+))?",
        text,
    )
    if not m:
        raise SemverError(f"improper constraint: {op}{text}")

    def num(group: str | None) -> tuple[int, bool]:
        if group is None or group in ("x", "X", "*"):
            return 0, True
        return int(group), False

    ma, dma = num(m.group("ma"))
    mi, dmi = num(m.group("mi"))
    pa, dpa = num(m.group("pa"))
    if dma:
        dmi = dpa = True
    elif dmi:
        dpa = True
    ver = Version(ma, mi, pa, m.group("pre") or "", m.group("meta") or "", text)
    return _Single(op or "", ver, dmi, dpa, dma)


def _check_single(c: _Single, v: Version) -> bool:
    if v.pre and not c.ver.pre:
        return False
    op, cv = c.op, c.ver
    if op in ("", "="):
        if c.dirty_major:
            return True
        if c.dirty_minor or c.dirty_patch:
            return _tilde(c, v)
        return compare(v, cv) == 0
    if op == "!=":
        if c.dirty_major:
            return False
        if c.dirty_minor:
            return v.major != cv.major
        if c.dirty_patch:
            return not (v.major == cv.major and v.minor == cv.minor)
        return compare(v, cv) != 0
    if op == ">":
        if c.dirty_major:
            return False
        if c.dirty_minor:
            return v.major > cv.major
        if c.dirty_patch:
            return (v.major, v.minor) > (cv.major, cv.minor)
        return compare(v, cv) > 0
    if op == "<":
        return compare(v, cv) < 0
    if op in (">=", "=>"):
        return compare(v, cv) >= 0
    if op in ("<=", "=<"):
        if c.dirty_major:
            return True
        if c.dirty_minor:
            return v.major <= cv.major
        if c.dirty_patch:
            return (v.major, v.minor) <= (cv.major, cv.minor)
        return compare(v, cv) <= 0
    if op in ("~", "~>"):
        return _tilde(c, v)
    if op == "^":
        return _caret(c, v)
    return False


def _tilde(c: _Single, v: Version) -> bool:
    cv = c.ver
    if compare(v, cv) < 0:
        return False
    if c.dirty_major:
        return True
    if v.major != cv.major:
        return False
    if c.dirty_minor and not c.op.startswith("~") and c.op not in ("", "="):
        return True
    if c.dirty_minor:
        return True
    return v.minor == cv.minor


def _caret(c: _Single, v: Version) -> bool:
    cv = c.ver
    if compare(v, cv) < 0:
        return False
    if c.dirty_major:
        return True
    if cv.major > 0 or c.dirty_minor:
        return v.major == cv.major
    if cv.major != v.major:
        return False
    if cv.minor > 0 or c.dirty_patch:
        return v.minor == cv.minor
    if cv.minor != v.minor:
        return False
    return v.patch == cv.patch


@dataclass(frozen=True)
class Constraints:
    groups: tuple[tuple[_Single, ...], ...]
    text: str

    def check(self, v: Version) -> bool:
        return any(all(_check_single(c, v) for c in group) for group in self.groups)


def parse_constraint(text: str) -> Constraints:
    groups = []
    for alternative in text.split("||"):
        singles: list[_Single] = []
        rest = alternative.strip()
        for part in re.split(r"\s*,\s*", rest) if rest else [""]:
            hm = _HYPHEN.fullmatch(part)
            if hm:
                singles.append(_parse_single(">=", hm.group("a")))
                singles.append(_parse_single("<=", hm.group("b")))
                continue
            pos = 0
            found_any = False
            while pos < len(part):
                m = _SINGLE.match(part, pos)
                if not m or m.end() == pos:
                    raise SemverError(f"improper constraint: {text}")
                singles.append(_parse_single(m.group("op") or "", m.group("ver")))
                pos = m.end()
                found_any = True
            if not found_any:
                raise SemverError(f"improper constraint: {text}")
        groups.append(tuple(singles))
    return Constraints(tuple(groups), text)


def is_compatible_range(constraint: str, version: str) -> bool:
    """chartutil.IsCompatibleRange: false when either side does not parse."""
    try:
        return parse_constraint(constraint).check(parse(version))
    except SemverError:
        return False
