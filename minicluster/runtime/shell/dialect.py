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

    def prefix(self, arg0: str, line: int, from_file: bool = False) -> str:
        """What every error message starts with."""
        if self.name == "dash":
            return f"{arg0}: {line}: "
        if self.name == "bash":
            return f"{arg0}: line {line}: "
        # BusyBox ash numbers lines only when it runs a script file (UNVERIFIED, fidelity.md)
        return f"{arg0}: line {line}: " if from_file else f"{arg0}: "

    def not_found(self, arg0: str, line: int, command: str, from_file: bool = False) -> str:
        if self.name == "bash":
            return f"{self.prefix(arg0, line)}{command}: command not found"
        return f"{self.prefix(arg0, line, from_file)}{command}: not found"

    def syntax_error(self, arg0: str, line: int, message: str, source_line: str = "",
                     from_file: bool = False) -> str:
        """dash's parser wording (`"fi" unexpected`, `end of file unexpected (expecting "fi")`)
        rephrased the way each shell says it."""
        if self.name == "dash":
            return f"{arg0}: {line}: Syntax error: {message}"
        token, sep, rest = message.partition(" unexpected")
        if self.name == "bash":
            where = f"{arg0}: -c: line {line}: " if not from_file else f"{arg0}: line {line}: "
            if not sep:
                return f"{where}syntax error: {(message[:1].lower() + message[1:] if message[1:2].islower() else message)}"
            if token == "end of file":
                # bash counts the end of the text as one more line
                where = where.replace(f"line {line}:", f"line {line + 1}:")
                return f"{where}syntax error: unexpected end of file"
            name = "newline" if token == "newline" else token.strip('"')
            return f"{where}syntax error near unexpected token `{name}'\n{where}`{source_line}'"
        if not sep:
            return f"{self.prefix(arg0, line, from_file)}syntax error: {(message[:1].lower() + message[1:] if message[1:2].islower() else message)}"
        return f"{self.prefix(arg0, line, from_file)}syntax error: unexpected {token}{rest}"


DASH = Dialect("dash", echo_escapes=True, pipefail=False, bash_syntax=False)
ASH = Dialect("ash", echo_escapes=False, pipefail=True, bash_syntax=True)
BASH = Dialect("bash", echo_escapes=False, pipefail=True, bash_syntax=True)
DIALECTS = {"dash": DASH, "ash": ASH, "bash": BASH}
