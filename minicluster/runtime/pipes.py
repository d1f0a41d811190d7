"""Pipes between the stages of a pipeline running at the same time (one greenlet per stage).

A writer blocks while the pipe holds more than 64 KiB, a reader while it is empty; writing to a
pipe nobody reads any more ends the writer as SIGPIPE does (exit 141)."""

from __future__ import annotations

from typing import Any

from .streams import InStream, OutStream

PIPE_CAPACITY = 64 * 1024
SIGPIPE_STATUS = 141


class BrokenPipe(BaseException):
    """Raised in a writer whose reader has gone (SIGPIPE)."""


class Pipe:
    def __init__(self, host: Any) -> None:
        self.host = host
        self.chunks: list[str] = []
        self.size = 0
        self.write_closed = False
        self.read_closed = False
        self.reader_wake: Any = None
        self.writer_wake: Any = None
        self.reader = PipeReader(self)
        self.writer = PipeWriter(self)

    def _wake(self, attr: str) -> None:
        wake = getattr(self, attr)
        if wake is not None:
            setattr(self, attr, None)
            wake()

    def write(self, text: str) -> None:
        if self.read_closed:
            raise BrokenPipe()
        if not text:
            return
        self.chunks.append(text)
        self.size += len(text)
        if self.reader_wake is not None:
            # A real reader runs while the writer goes on; here the writer steps aside once so
            # that the reader sees the data (and `loop | head -1` ends the loop by SIGPIPE).
            self._wake("reader_wake")
            me = self.host.current()
            me.waker()()
            me.block()
            if self.read_closed:
                return
        while self.size > PIPE_CAPACITY and not self.read_closed:
            me = self.host.current()
            self.writer_wake = me.waker()
            me.block()

    def take(self) -> str | None:
        """Everything buffered, waiting for data; None at end of file."""
        while not self.chunks:
            if self.write_closed:
                return None
            me = self.host.current()
            self.reader_wake = me.waker()
            me.block()
        data = "".join(self.chunks)
        self.chunks, self.size = [], 0
        self._wake("writer_wake")
        return data

    def unread(self, text: str) -> None:
        if text:
            self.chunks.insert(0, text)
            self.size += len(text)

    def close_write(self) -> None:
        self.write_closed = True
        self._wake("reader_wake")

    def close_read(self) -> None:
        self.read_closed = True
        self.chunks, self.size = [], 0
        self._wake("writer_wake")


class PipeWriter(OutStream):
    def __init__(self, pipe: Pipe) -> None:
        self.pipe = pipe

    def write(self, text: str) -> None:
        self.pipe.write(text)


class PipeReader(InStream):
    def __init__(self, pipe: Pipe) -> None:
        super().__init__("")
        self.pipe = pipe

    def read(self) -> str:
        parts = []
        while (data := self.pipe.take()) is not None:
            parts.append(data)
        return "".join(parts)

    def readline(self) -> str:
        parts: list[str] = []
        while (data := self.pipe.take()) is not None:
            end = data.find("\n")
            if end != -1:
                parts.append(data[:end + 1])
                self.pipe.unread(data[end + 1:])
                break
            parts.append(data)
        return "".join(parts)

    def read_chunk(self) -> str:
        return self.pipe.take() or ""

    def at_eof(self) -> bool:
        return not self.pipe.chunks and self.pipe.write_closed
