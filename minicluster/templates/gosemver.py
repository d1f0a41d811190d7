"""Masterminds/semver v3, the one implementation for Sprig's semver functions and for Helm's
chart versions, kubeVersion and dependency ranges: coercing version parsing, strict (SemVer 2)
validation and constraint checking.

Written here rather than taken from a Python semver library because none reproduces
Masterminds' rules: coercion of "1.2" to 1.2.0, its error texts, x-ranges with "dirty"
segments, and pre-release versions matching only constraints that carry a pre-release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .gofmt import go_quote
from .gotypes import GoStruct, Uint64

_NUM = "0123456789"
_ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + _NUM)
_SPACE = r"[\t\n\f\r ]"
_LOOSE = re.compile(
    r"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?"
    r"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
    r"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
)
UINT64_MAX = (1 << 64) - 1


class SemverError(ValueError):
    pass


INVALID = "invalid semantic version"


def _parse_segment(text: str) -> int:
    value = int(text)
    if value > UINT64_MAX:
        raise SemverError(
            f'error parsing version segment: strconv.ParseUint: parsing "{text}": '
            "value out of range"
        )
    return value


def _validate_prerelease(pre: str) -> None:
    for part in pre.split("."):
        if part == "":
            raise SemverError("invalid prerelease string")
        if all(c in _NUM for c in part):
            if len(part) > 1 and part[0] == "0":
                raise SemverError("version segment starts with 0")
        elif not all(c in _ALLOWED for c in part):
            raise SemverError("invalid prerelease string")


def _validate_metadata(meta: str) -> None:
    for part in meta.split("."):
        if part == "" or not all(c in _ALLOWED for c in part):
            raise SemverError("invalid metadata string")


@dataclass(frozen=True)
class Version(GoStruct):
    major: int
    minor: int
    patch: int
    pre: str = ""
    metadata: str = ""
    original: str = ""

    go_type = "*semver.Version"
    go_kind = "ptr"

    # -- template-visible methods ----------------------------------------------------------
    def Major(self) -> Uint64:  # noqa: N802 - Go method names
        return Uint64(self.major)

    def Minor(self) -> Uint64:  # noqa: N802
        return Uint64(self.minor)

    def Patch(self) -> Uint64:  # noqa: N802
        return Uint64(self.patch)

    def Prerelease(self) -> str:  # noqa: N802
        return self.pre

    def Metadata(self) -> str:  # noqa: N802
        return self.metadata

    def Original(self) -> str:  # noqa: N802
        return self.original

    def String(self) -> str:  # noqa: N802
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            text += "-" + self.pre
        if self.metadata:
            text += "+" + self.metadata
        return text

    def Compare(self, other: Version) -> int:  # noqa: N802
        return compare(self, other)

    def LessThan(self, other: Version) -> bool:  # noqa: N802
        return compare(self, other) < 0

    def LessThanEqual(self, other: Version) -> bool:  # noqa: N802
        return compare(self, other) <= 0

    def GreaterThan(self, other: Version) -> bool:  # noqa: N802
        return compare(self, other) > 0

    def GreaterThanEqual(self, other: Version) -> bool:  # noqa: N802
        return compare(self, other) >= 0

    def Equal(self, other: Version) -> bool:  # noqa: N802
        return compare(self, other) == 0

    def _v_prefix(self) -> str:
        return "v" if self.original.startswith("v") else ""

    def _next(self, **changes: object) -> VersionValue:
        bumped = replace(self, pre="", metadata="", **changes)  # type: ignore[arg-type]
        fields = {f: getattr(bumped, f) for f in ("major", "minor", "patch", "pre", "metadata")}
        return VersionValue(**fields, original=self._v_prefix() + bumped.String())  # type: ignore[arg-type]

    def IncPatch(self) -> VersionValue:  # noqa: N802
        if self.pre:
            return self._next()
        return self._next(patch=self.patch + 1)

    def IncMinor(self) -> VersionValue:  # noqa: N802
        return self._next(minor=self.minor + 1, patch=0)

    def IncMajor(self) -> VersionValue:  # noqa: N802
        return self._next(major=self.major + 1, minor=0, patch=0)

    def json_value(self) -> str:
        return self.String()

    def __str__(self) -> str:
        return self.String()


@dataclass(frozen=True)
class VersionValue(Version):
    """A semver.Version value, not a pointer: what IncPatch/IncMinor/IncMajor return.

    text/template cannot take its address, so the methods with pointer receivers (Compare and
    the comparisons) cannot be called on it, and %T names it without the star.
    """

    go_type = "semver.Version"
    go_kind = "struct"
    go_unaddressable_methods = frozenset(
        {"Compare", "LessThan", "LessThanEqual", "GreaterThan", "GreaterThanEqual", "Equal", "Original"}
    )


def parse_version(text: str) -> Version:
    """semver.NewVersion with coercion ("1.2" -> 1.2.0, leading "v" allowed)."""
    match = _LOOSE.fullmatch(text)
    if not match:
        raise SemverError(INVALID)
    major = _parse_segment(match.group(1))
    minor = _parse_segment(match.group(2)[1:]) if match.group(2) else 0
    patch = _parse_segment(match.group(3)[1:]) if match.group(3) else 0
    pre = match.group(5) or ""
    meta = match.group(8) or ""
    if pre:
        _validate_prerelease(pre)
    if meta:
        _validate_metadata(meta)
    return Version(major, minor, patch, pre, meta, text)


def is_valid(text: str) -> bool:
    """Whether semver.NewVersion accepts the text (Chart.yaml `version`)."""
    try:
        parse_version(text)
    except SemverError:
        return False
    return True


_STRICT = re.compile(
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)


def is_strict(text: str) -> bool:
    """Whether semver.StrictNewVersion accepts the text: three parts, no "v", no leading zeros."""
    match = _STRICT.fullmatch(text)
    if match is None:
        return False
    try:
        if match.group(4):
            _validate_prerelease(match.group(4))
        for segment in match.group(1, 2, 3):
            _parse_segment(segment)
    except SemverError:
        return False
    return True


def _compare_part(a: str, b: str) -> int:
    if a == b:
        return 0
    if a == "":
        return -1
    if b == "":
        return 1
    a_num = a.isascii() and a.isdigit() and int(a) <= UINT64_MAX
    b_num = b.isascii() and b.isdigit() and int(b) <= UINT64_MAX
    if not a_num and not b_num:
        return 1 if a > b else -1
    if not b_num:
        return -1
    if not a_num:
        return 1
    return 1 if int(a) > int(b) else -1


def _compare_prerelease(a: str, b: str) -> int:
    left, right = a.split("."), b.split(".")
    for i in range(max(len(left), len(right))):
        result = _compare_part(left[i] if i < len(left) else "", right[i] if i < len(right) else "")
        if result:
            return result
    return 0


def compare(a: Version, b: Version) -> int:
    if b is None:  # a nil *Version argument: Go dereferences it and panics
        raise RuntimeError("runtime error: invalid memory address or nil pointer dereference")
    for x, y in ((a.major, b.major), (a.minor, b.minor), (a.patch, b.patch)):
        if x != y:
            return -1 if x < y else 1
    if not a.pre and not b.pre:
        return 0
    if not a.pre:
        return 1
    if not b.pre:
        return -1
    return _compare_prerelease(a.pre, b.pre)


# -- constraints ------------------------------------------------------------------------------

_CV = (
    r"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?"
    r"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
    r"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
)
_OPS = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"
_CONSTRAINT = re.compile(rf"^{_SPACE}*({_OPS}){_SPACE}*({_CV}){_SPACE}*$")
_RANGE = re.compile(rf"{_SPACE}*({_CV}){_SPACE}+-{_SPACE}+({_CV}){_SPACE}*")
_FIND = re.compile(rf"({_OPS}){_SPACE}*({_CV})")
_VALID = re.compile(
    rf"^({_SPACE}*({_OPS}){_SPACE}*({_CV}){_SPACE}*)"
    rf"((?:{_SPACE}+|,{_SPACE}*)({_OPS}){_SPACE}*({_CV}){_SPACE}*)*$"
)


def _is_x(text: str) -> bool:
    return text in ("x", "*", "X")


@dataclass(frozen=True)
class _Constraint:
    op: str
    version: Version
    dirty: bool
    minor_dirty: bool
    patch_dirty: bool

    def check(self, v: Version, include_pre: bool) -> bool:
        if v.pre and not include_pre:
            return False
        return _CHECKS[self.op](v, self)


def _parse_constraint(text: str) -> _Constraint:
    match = _CONSTRAINT.match(text)
    if not match:
        raise SemverError(f"improper constraint: {go_quote(text)}")
    op, whole = match.group(1), match.group(2)
    major, minor, patch, pre = match.group(3), match.group(4), match.group(5), match.group(6) or ""
    dirty = minor_dirty = patch_dirty = False
    version_text = whole
    if _is_x(major) or major == "":
        version_text, dirty = "0.0.0" + pre, True
    elif minor is None or _is_x(minor[1:]):
        version_text, dirty, minor_dirty = f"{major}.0.0{pre}", True, True
    elif patch is None or _is_x(patch[1:]):
        version_text, dirty, patch_dirty = f"{major}{minor}.0{pre}", True, True
    try:
        version = parse_version(version_text)
    except SemverError:
        raise SemverError("constraint parser error") from None
    return _Constraint(op, version, dirty, minor_dirty, patch_dirty)


def _not_equal(v: Version, c: _Constraint) -> bool:
    con = c.version
    if c.dirty:
        if con.major != v.major:
            return True
        if con.minor != v.minor and not c.minor_dirty:
            return True
        if c.minor_dirty:
            return False
        if con.patch != v.patch and not c.patch_dirty:
            return True
        if c.patch_dirty:
            if v.pre or con.pre:
                return _compare_prerelease(v.pre, con.pre) != 0
            return False
    return compare(v, con) != 0


def _greater(v: Version, c: _Constraint) -> bool:
    con = c.version
    if not c.dirty:
        return compare(v, con) == 1
    if v.major != con.major:
        return v.major > con.major
    if c.minor_dirty:
        return False
    if c.patch_dirty:
        return v.minor > con.minor
    return compare(v, con) == 1


def _less(v: Version, c: _Constraint) -> bool:
    return compare(v, c.version) < 0


def _greater_equal(v: Version, c: _Constraint) -> bool:
    return compare(v, c.version) >= 0


def _less_equal(v: Version, c: _Constraint) -> bool:
    con = c.version
    if not c.dirty:
        return compare(v, con) <= 0
    if v.major > con.major:
        return False
    if v.major == con.major and v.minor > con.minor and not c.minor_dirty:
        return False
    return True


def _tilde(v: Version, c: _Constraint) -> bool:
    con = c.version
    if compare(v, con) < 0:
        return False
    if (con.major, con.minor, con.patch) == (0, 0, 0) and not c.minor_dirty and not c.patch_dirty:
        return True
    if v.major != con.major:
        return False
    return not (v.minor != con.minor and not c.minor_dirty)


def _tilde_or_equal(v: Version, c: _Constraint) -> bool:
    if c.dirty:
        return _tilde(v, c)
    return compare(v, c.version) == 0


def _caret(v: Version, c: _Constraint) -> bool:
    con = c.version
    if compare(v, con) < 0:
        return False
    if con.major > 0 or c.minor_dirty:
        return v.major == con.major
    if v.major > 0:
        return False
    if con.minor > 0 or c.patch_dirty:
        return v.minor == con.minor
    if v.minor > 0:
        return False
    return con.patch == v.patch


_CHECKS = {
    "": _tilde_or_equal,
    "=": _tilde_or_equal,
    "!=": _not_equal,
    ">": _greater,
    "<": _less,
    ">=": _greater_equal,
    "=>": _greater_equal,
    "<=": _less_equal,
    "=<": _less_equal,
    "~": _tilde,
    "~>": _tilde,
    "^": _caret,
}


def _rewrite_ranges(text: str) -> str:
    for match in _RANGE.finditer(text):
        replacement = f">= {match.group(1)}, <= {match.group(11)} "
        text = text.replace(match.group(0), replacement, 1)
    return text


@dataclass(frozen=True)
class Constraints:
    alternatives: tuple[tuple[_Constraint, ...], ...]
    contains_pre: tuple[bool, ...]

    def check(self, version: Version) -> bool:
        for group, has_pre in zip(self.alternatives, self.contains_pre):
            if all(c.check(version, has_pre) for c in group):
                return True
        return False


def parse_constraints(text: str) -> Constraints:
    """semver.NewConstraint; raises SemverError (`improper constraint: "..."`)."""
    text = _rewrite_ranges(text)
    groups = []
    has_pre = []
    for alternative in text.split("||"):
        if not _VALID.match(alternative):
            raise SemverError(f"improper constraint: {go_quote(alternative)}")
        found = [m.group(0) for m in _FIND.finditer(alternative)] or [alternative]
        parsed = tuple(_parse_constraint(part) for part in found)
        groups.append(parsed)
        has_pre.append(any(c.version.pre for c in parsed))
    return Constraints(tuple(groups), tuple(has_pre))


def is_compatible_range(constraint: str, version: str) -> bool:
    """chartutil.IsCompatibleRange: false when either side does not parse."""
    try:
        return parse_constraints(constraint).check(parse_version(version))
    except SemverError:
        return False
