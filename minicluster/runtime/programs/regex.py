"""POSIX basic/extended regular expressions translated to Python's syntax (grep, sed, expr)."""

from __future__ import annotations

import re

_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": " \\t\\n\\r\\f\\v", "blank": " \\t", "xdigit": "0-9a-fA-F", "punct": "!-/:-@\\[-`{-~",
    "print": " -~", "graph": "!-~", "cntrl": "\\x00-\\x1f",
}


def translate(pattern: str, extended: bool) -> str:
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            i += 2
            if not extended and nxt in "(){}+?|":
                out.append(nxt)
            elif nxt.isdigit() or nxt in "wWsSbB":
                out.append("\\" + nxt)
            elif nxt in "<>":
                out.append(r"\b")
            elif nxt == "n":
                out.append("\\n")
            elif nxt == "t":
                out.append("\\t")
            else:
                out.append(re.escape(nxt))
            continue
        if c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern.startswith("[:", j):
                    end = pattern.find(":]", j)
                    j = end + 2 if end != -1 else j + 1
                    continue
                j += 1
            if j >= n:
                raise re.error("unterminated [")
            body = pattern[i + 1:j]
            negate = body.startswith("^")
            if negate:
                body = body[1:]
            body = re.sub(r"\[:(\w+):\]", lambda m: _CLASSES.get(m.group(1), ""), body.replace("\\", "\\\\"))
            if body.startswith("]"):
                body = "\\]" + body[1:]
            out.append(("[^" if negate else "[") + body + "]")
            i = j + 1
            continue
        if not extended and c in "(){}+?|":
            out.append("\\" + c)
        elif c == "*" and (not out or out[-1] in ("^", "(", "\\(")) and not extended:
            out.append("\\*")
        elif c == "{" and extended and not re.match(r"\{\d*(,\d*)?\}", pattern[i:]):
            out.append("\\{")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def compile_posix(pattern: str, extended: bool, ignore_case: bool = False) -> re.Pattern[str]:
    return re.compile(translate(pattern, extended), re.IGNORECASE if ignore_case else 0)
