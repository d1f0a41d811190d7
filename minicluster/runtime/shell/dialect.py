"""What differs between the shells images ship as /bin/sh: dash (Debian, Ubuntu), BusyBox ash
(busybox, Alpine) and bash."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str
    echo_escapes: bool  # dash's echo interprets backslash escapes; ash's and bash's need -e
    pipefail: bool  # `set -o pipefail` (dash 0.5.12 in Debian 12 rejects it)
    bash_syntax: bool  # [[ ]] and `function f`

    def prefix(self, arg0: str, line: int) -> str:
        """What every error message starts with."""
        if self.name == "dash":
            return f"{arg0}: {line}: "
        if self.name == "bash":
            return f"{arg0}: line {line}: "
        return f"{arg0}: "

    def not_found(self, arg0: str, line: int, command: str) -> str:
        if self.name == "bash":
            return f"{self.prefix(arg0, line)}{command}: command not found"
        return f"{self.prefix(arg0, line)}{command}: not found"

    def syntax_error(self, arg0: str, line: int, message: str) -> str:
        if self.name == "bash":
            return f"{arg0}: -c: line {line}: syntax error: {message}"
        if self.name == "ash":
            return f"{arg0}: line {line}: syntax error: {message}"
        return f"{arg0}: {line}: Syntax error: {message}"


DASH = Dialect("dash", echo_escapes=True, pipefail=False, bash_syntax=False)
ASH = Dialect("ash", echo_escapes=False, pipefail=True, bash_syntax=True)
BASH = Dialect("bash", echo_escapes=False, pipefail=True, bash_syntax=True)
DIALECTS = {"dash": DASH, "ash": ASH, "bash": BASH}
