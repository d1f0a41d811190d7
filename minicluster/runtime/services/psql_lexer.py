"""Splits psql input into statements and backslash commands as psql's own lexer does:
a `;` ends a statement only outside quotes, dollar quotes, comments and parentheses; a
backslash outside quotes starts a meta-command that runs to the end of the line; whitespace
and comments before a statement are not sent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_DOLLAR = re.compile(r"\$([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)?\$")


@dataclass
class Item:
    kind: str  # "sql" | "meta" | "eof-sql" (an unterminated statement sent at end of input)
    text: str
    line: int  # the input line where it ended: psql's error prefix uses it


_VARIABLE = re.compile(r":(?:'([A-Za-z_][A-Za-z0-9_]*)'|\"([A-Za-z_][A-Za-z0-9_]*)\"|([A-Za-z_][A-Za-z0-9_]*))")


def scan(text: str, variables: dict[str, str] | None = None) -> Iterator[Item]:
    """`variables`: psql's, interpolated as :name, :'name' (a literal), :"name" (an identifier)."""
    return Scanner(text, variables).items()


class Scanner:
    """The lexer's position is shared with its caller so that `COPY ... FROM STDIN` can take
    the data lines that follow the statement (up to a line `\\.`) out of the input."""

    def __init__(self, text: str, variables: dict[str, str] | None = None) -> None:
        self.text = text
        self.variables = variables
        self.i = 0
        self.line = 1

    def copy_data(self) -> str:
        """The rest of the current line is dropped; then lines up to `\\.` (or the end)."""
        text, n = self.text, len(self.text)
        end = text.find("\n", self.i)
        self.i = n if end < 0 else end + 1
        self.line += end >= 0
        data: list[str] = []
        while self.i < n:
            end = text.find("\n", self.i)
            stop = n if end < 0 else end + 1
            line = text[self.i:stop]
            self.i = stop
            self.line += line.endswith("\n")
            if line.rstrip("\r\n") == "\\.":
                break
            data.append(line)
        return "".join(data)

    def items(self) -> Iterator[Item]:
        text, variables = self.text, self.variables
        buf: list[str] = []
        n, depth = len(text), 0
        while self.i < n:
            i = self.i
            c = text[i]
            if not buf and c in " \t\r\n\f":
                self.line += c == "\n"
                self.i = i + 1
                continue
            if c == "-" and text.startswith("--", i):
                end = text.find("\n", i)
                end = n if end < 0 else end
                if buf:
                    buf.append(text[i:end])
                self.i = end
                continue
            if c == "/" and text.startswith("/*", i):
                end = _block_comment_end(text, i)
                if buf:
                    buf.append(text[i:end])
                self.line += text.count("\n", i, end)
                self.i = end
                continue
            if c in "'\"" or (c in "eE" and text.startswith("'", i + 1) and not _word_before(buf)):
                end = _quote_end(text, i)
                buf.append(text[i:end])
                self.line += text.count("\n", i, end)
                self.i = end
                continue
            if c == "$":
                m = _DOLLAR.match(text, i)
                if m and not _word_before(buf):
                    close = text.find(m.group(0), m.end())
                    end = n if close < 0 else close + len(m.group(0))
                    buf.append(text[i:end])
                    self.line += text.count("\n", i, end)
                    self.i = end
                    continue
            if c == "\\":
                end = text.find("\n", i)
                end = n if end < 0 else end
                self.i = end
                yield Item("meta", text[i:end], self.line)
                continue
            if c == ":" and variables is not None and not text.startswith("::", i) and not (
                    buf and buf[-1].endswith(":")):
                m = _VARIABLE.match(text, i)
                if m:
                    literal, ident, plain = m.groups()
                    value = variables.get(literal or ident or plain)
                    if value is not None:
                        if literal:
                            value = "'" + value.replace("'", "''") + "'"
                        elif ident:
                            value = '"' + value.replace('"', '""') + '"'
                        buf.append(value)
                        self.i = m.end()
                        continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth = max(0, depth - 1)
            elif c == ";" and depth == 0:
                buf.append(";")
                self.i = i + 1
                statement, buf = "".join(buf), []
                yield Item("sql", statement, self.line)
                continue
            if c == "\n":
                self.line += 1
            buf.append(c)
            self.i = i + 1
        rest = "".join(buf)
        if rest.strip():
            yield Item("eof-sql", rest, self.line - rest.endswith("\n"))


def _word_before(buf: list[str]) -> bool:
    if not buf or not buf[-1]:
        return False
    last = buf[-1][-1]
    return last.isalnum() or last == "_"


def _block_comment_end(text: str, i: int) -> int:
    depth, j, n = 0, i, len(text)
    while j < n:
        if text.startswith("/*", j):
            depth += 1
            j += 2
        elif text.startswith("*/", j):
            depth -= 1
            j += 2
            if depth == 0:
                return j
        else:
            j += 1
    return n


def _quote_end(text: str, i: int) -> int:
    escapes = text[i] in "eE"
    if escapes:
        i += 1
    quote = text[i]
    j, n = i + 1, len(text)
    while j < n:
        ch = text[j]
        if escapes and ch == "\\":
            j += 2
            continue
        if ch == quote:
            if j + 1 < n and text[j + 1] == quote:
                j += 2
                continue
            return j + 1
        j += 1
    return n


# SQL's time keywords are not functions, so the virtual clock's now() cannot stand in for
# them by name; psql's statements get them rewritten to now() casts before they are sent.
_TIME_KEYWORD = re.compile(
    r"(CURRENT_TIMESTAMP|LOCALTIMESTAMP|CURRENT_DATE|CURRENT_TIME|LOCALTIME)\b"
    r"(\s*\(\s*(\d+)\s*\))?", re.I)
TIME_KEYWORD_TYPES = {"current_timestamp": "timestamptz", "localtimestamp": "timestamp",
                      "current_date": "date", "current_time": "timetz", "localtime": "time"}


def virtual_time_keywords(sql: str) -> str:
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
        elif c == "/" and sql.startswith("/*", i):
            end = _block_comment_end(sql, i)
        elif c in "'\"":
            end = _quote_end(sql, i)
        elif c == "$" and (m := _DOLLAR.match(sql, i)) is not None:
            close = sql.find(m.group(0), m.end())
            end = n if close < 0 else close + len(m.group(0))
        elif c.isalpha() and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] in "_.$")):
            m = _TIME_KEYWORD.match(sql, i)
            if m is None:
                j = i
                while j < n and (sql[j].isalnum() or sql[j] == "_"):
                    j += 1
                out.append(sql[i:j])
                i = j
                continue
            # The clock schema has functions named like the keywords (so a column keeps the
            # keyword's name); pg_catalog has none, so the search path finds them.
            precision = m.group(3) if m.group(1).lower() != "current_date" else None
            out.append(f'"{m.group(1).lower()}"({precision or ""})')
            i = m.end()
            continue
        else:
            end = i + 1
        out.append(sql[i:end])
        i = end
    return "".join(out)


_TIME_CALL = re.compile(r'(?:minicluster\.)?"(current_timestamp|localtimestamp|current_date|'
                        r'current_time|localtime)"\((\d*)\)')


def time_keywords_back(text: str) -> str:
    """Server text (a column default, a dump) with the keywords the learner wrote."""
    return _TIME_CALL.sub(lambda m: m.group(1).upper() + (f"({m.group(2)})" if m.group(2)
                                                          else ""), text)
