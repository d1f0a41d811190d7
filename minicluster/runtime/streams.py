"""Byte-free text streams between the shell, programs, files and the container log.

Everything a container reads or writes is text (UTF-8, undecodable bytes kept with
surrogateescape). Pipes are buffers: a pipeline runs stage by stage, each stage reading the
whole output of the previous one (see docs/images.md)."""

from __future__ import annotations

from collections.abc import Callable


class OutputLimitExceeded(BaseException):
    """A buffer (pipe, command substitution) outgrew the sandbox budget."""


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


class OutStream:
    closed = False

    def write(self, text: str) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        """Line-buffered sinks emit a pending partial line."""

    def close(self) -> None:
        self.flush()


class NullOut(OutStream):
    def write(self, text: str) -> None:
        pass


class ClosedOut(OutStream):
    """A descriptor closed with `>&-`: writes fail like EBADF."""

    closed = True

    def write(self, text: str) -> None:
        raise OSError("Bad file descriptor")


class BufferOut(OutStream):
    def __init__(self, limit: int = 16 * 1024 * 1024) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    def write(self, text: str) -> None:
        self.size += len(text)
        if self.size > self.limit:
            raise OutputLimitExceeded(f"more than {self.limit} bytes buffered in a pipe")
        self.parts.append(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


class CallbackOut(OutStream):
    def __init__(self, fn: Callable[[str], None]) -> None:
        self.fn = fn

    def write(self, text: str) -> None:
        self.fn(text)


class LineSink(OutStream):
    """Splits writes into lines for the container log; a partial line waits for its end."""

    def __init__(self, emit: Callable[[str], None]) -> None:
        self.emit = emit
        self.pending = ""

    def write(self, text: str) -> None:
        data = self.pending + text
        *lines, self.pending = data.split("\n")
        for line in lines:
            self.emit(line)

    def flush(self) -> None:
        if self.pending:
            line, self.pending = self.pending, ""
            self.emit(line)


class InStream:
    def __init__(self, text: str = "", closed: bool = False) -> None:
        self.text = text
        self.pos = 0
        self.closed = closed

    def read(self) -> str:
        data = self.text[self.pos:]
        self.pos = len(self.text)
        return data

    def readline(self) -> str:
        end = self.text.find("\n", self.pos)
        end = len(self.text) if end == -1 else end + 1
        line = self.text[self.pos:end]
        self.pos = end
        return line

    def read_chunk(self) -> str:
        """What is available now (waiting for a pipe's writer); "" at end of file."""
        return self.read()

    def at_eof(self) -> bool:
        return self.pos >= len(self.text)
