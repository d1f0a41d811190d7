"""`.Files`: a chart's non-template files, with Helm's accessor methods (pkg/engine/files.go)."""

from __future__ import annotations

import base64
import posixpath
import re
from collections.abc import Iterable

from minicluster.templates.gotypes import StringSlice

from .model import ChartFile
from .yamlout import to_yaml as _to_yaml


def _glob_regex(pattern: str) -> re.Pattern[str] | None:
    """gobwas/glob with `/` as separator: `*` `?` stay within a segment, `**` crosses them,
    `[a-z]` `[!a]` classes, `{a,b}` alternatives. None when the pattern does not compile."""
    out: list[str] = []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if pattern.startswith("**", i):
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                return None
            body = pattern[i + 1:end]
            neg = body.startswith("!")
            if neg:
                body = body[1:]
            out.append(("[^" if neg else "[") + body.replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        elif ch == "{":
            depth += 1
            out.append("(?:")
        elif ch == "}" and depth:
            depth -= 1
            out.append(")")
        elif ch == "," and depth:
            out.append("|")
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    if depth:
        return None
    try:
        return re.compile("".join(out) + r"\Z", re.S)
    except re.error:
        return None


class Files(dict):
    """Helm's `files` type: map[string][]byte with methods. A map, so `.Files.some` is a key
    lookup (missing: an empty []byte, printed `[]`), `range` and `index` work, `toJson`
    encodes base64 values; methods win over keys, as in Go."""

    go_type = "engine.files"
    go_zero = b""

    def __init__(self, files: Iterable[ChartFile] | dict[str, bytes] = ()) -> None:
        if isinstance(files, dict):
            super().__init__(files)
        else:
            super().__init__((f.name, f.data) for f in files)

    def GetBytes(self, name: str) -> bytes:
        return self.get(name, b"")

    def Get(self, name: str) -> str:
        return self.GetBytes(name).decode("utf-8", "replace")

    def Glob(self, pattern: str) -> Files:
        regex = _glob_regex(pattern) or re.compile(r".*\Z", re.S)
        return Files({k: v for k, v in self.items() if regex.match(k)})

    def Lines(self, path: str) -> StringSlice:
        if path not in self:
            return StringSlice()
        text = self[path].decode("utf-8", "replace")
        if text.endswith("\n"):
            text = text[:-1]
        return StringSlice(text.split("\n"))

    def AsConfig(self) -> str:
        if not self:
            return ""
        return _to_yaml({posixpath.basename(k): v.decode("utf-8", "replace")
                         for k, v in self.items()})

    def AsSecrets(self) -> str:
        if not self:
            return ""
        return _to_yaml({posixpath.basename(k): base64.b64encode(v).decode()
                         for k, v in self.items()})
