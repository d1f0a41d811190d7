""".helmignore, with the semantics of helm's pkg/ignore (not git's).

Rules are tried in order and the first that decides wins. A pattern without `/` is matched
against the base name only; with `/` against the whole chart-relative path; a leading `/`
anchors it (same thing here); a trailing `/` restricts it to directories. `**` is refused.
A negated rule `!p` *ignores* every path that does not match p and stops at those that do
(Helm's quirk: `!keep.txt` alone hides everything else). `templates/.?*` is always appended.
Matching is Go's filepath.Match: `*` and `?` do not cross `/`, classes `[a-z]`, `[^a]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ChartError

HELMIGNORE = ".helmignore"


class BadPattern(ChartError):
    def __init__(self) -> None:
        super().__init__("syntax error in pattern")


def _translate(pattern: str) -> re.Pattern[str]:
    """Go filepath.Match pattern -> regex; raises BadPattern where Go reports ErrBadPattern."""
    out = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\":
            i += 1
            if i >= n:
                raise BadPattern()
            out.append(re.escape(pattern[i]))
        elif ch == "[":
            i += 1
            negate = i < n and pattern[i] == "^"
            if negate:
                i += 1
            ranges = []
            first = True
            while True:
                if i >= n:
                    raise BadPattern()
                if pattern[i] == "]" and not first:
                    break
                first = False
                lo, i = _class_char(pattern, i)
                hi = lo
                if i < n and pattern[i] == "-":
                    hi, i = _class_char(pattern, i + 1)
                    if hi < lo:
                        raise BadPattern()
                ranges.append(re.escape(lo) if lo == hi else f"{re.escape(lo)}-{re.escape(hi)}")
            body = "".join(ranges)
            out.append(f"[^/{body}]" if negate else f"(?:(?!/)[{body}])")
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z", re.S)


def _class_char(pattern: str, i: int) -> tuple[str, int]:
    if i >= len(pattern) or pattern[i] in "-]":
        raise BadPattern()
    if pattern[i] == "\\":
        i += 1
        if i >= len(pattern):
            raise BadPattern()
    return pattern[i], i + 1


def go_match(pattern: str, name: str) -> bool:
    """filepath.Match(pattern, name); BadPattern for malformed patterns."""
    return _translate(pattern).match(name) is not None


@dataclass
class _Rule:
    raw: str
    regex: re.Pattern[str]
    negate: bool
    must_dir: bool
    basename_only: bool

    def matches(self, path: str) -> bool:
        target = path.rsplit("/", 1)[-1] if self.basename_only else path
        return self.regex.match(target) is not None


class Rules:
    def __init__(self) -> None:
        self.rules: list[_Rule] = []

    @classmethod
    def parse(cls, text: str) -> Rules:
        rules = cls()
        for line in text.lstrip("\ufeff").splitlines():
            rules.add(line)
        return rules

    def add_defaults(self) -> None:
        self.add("templates/.?*")

    def add(self, line: str) -> None:
        rule = line.strip()
        if not rule or rule.startswith("#"):
            return
        if "**" in rule:
            raise ChartError("double-star (**) syntax is not supported")
        _translate(rule)  # Helm refuses a .helmignore whose pattern Go cannot compile
        raw = rule
        negate = rule.startswith("!")
        if negate:
            rule = rule[1:]
        must_dir = rule.endswith("/")
        if must_dir:
            rule = rule[:-1]
        anchored = rule.startswith("/")
        if anchored:
            rule = rule[1:]
        try:
            regex = _translate(rule)
        except BadPattern:
            regex = re.compile(r"(?!)")  # Helm logs "failed to compile" and never matches
        basename_only = not anchored and "/" not in rule
        self.rules.append(_Rule(raw, regex, negate, must_dir, basename_only))

    def ignore(self, path: str, is_dir: bool) -> bool:
        if path in ("", ".", "./"):
            return False
        for rule in self.rules:
            if rule.negate:
                if rule.must_dir and not is_dir:
                    return True
                if not rule.matches(path):
                    return True
                continue
            if rule.must_dir and not is_dir:
                continue
            if rule.matches(path):
                return True
        return False
