"""Control flow and errors inside the interpreter.

Learner-visible failures never escape as Python exceptions: the interpreter turns them into the
message dash prints and an exit status. These classes only carry them to that point."""

from __future__ import annotations


class ShellSyntaxError(Exception):
    """`Syntax error: ...` — the text after that prefix, and the line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class ShellError(Exception):
    """An error a builtin or an expansion reports (`sh: 1: <message>`); status is its exit code.

    `fatal` errors (expansion errors, special builtins) end a non-interactive shell."""

    def __init__(self, message: str, status: int = 2, fatal: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.fatal = fatal


class ExitShell(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class ReturnFromFunction(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class LoopControl(Exception):
    def __init__(self, levels: int, is_break: bool) -> None:
        super().__init__(levels)
        self.levels = levels
        self.is_break = is_break
