"""What a running program sees: its streams, environment, working directory, the container's
filesystem and network, and the virtual clock (through its container host)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from minicluster.runtime.streams import BufferOut, InStream, NullOut, OutStream, decode, encode
from minicluster.runtime.vfs import Device, File, VfsError

from .registry import PROGRAMS, program_name


class FileOut(OutStream):
    """Writes through to a file of the container's filesystem."""

    def __init__(self, fs: Any, path: str, cwd: str, budget: Any) -> None:
        self.fs = fs
        self.path = path
        self.cwd = cwd
        self.budget = budget

    def write(self, text: str) -> None:
        data = encode(text)
        self.budget.file_bytes(len(data))
        self.fs.write_bytes(self.path, data, self.cwd, append=True)


@dataclass
class ProgramContext:
    host: Any  # the container host (process.ContainerHost): fs, clock, budget, services, image
    stdin: InStream
    stdout: OutStream
    stderr: OutStream
    env: dict[str, str]
    cwd: str
    name: str = ""

    @property
    def fs(self) -> Any:
        return self.host.fs

    @property
    def flavor(self) -> str:
        """"busybox" or "gnu": whose wording the coreutils use in this image."""
        return str(self.host.image.flavor)

    @property
    def clock(self) -> Any:
        return self.host.clock

    @property
    def services(self) -> Any:
        return self.host.services

    def child(self, **changes: Any) -> ProgramContext:
        return replace(self, **changes)

    def sleep(self, seconds: float) -> None:
        self.host.sleep(seconds)

    def tick(self, steps: int = 1) -> None:
        self.host.budget.step(steps)

    def error(self, message: str) -> None:
        self.stderr.write(f"{self.name}: {message}\n")

    # -- files ------------------------------------------------------------------------------
    def open_in(self, path: str) -> InStream:
        node = self.fs.lookup(path, self.cwd)
        if isinstance(node, Device):
            if node.kind == "stdin":
                return self.stdin
            return InStream("")
        if not isinstance(node, File):
            raise VfsError("EISDIR", path)
        return InStream(decode(node.data))

    def open_stream(self, path: str) -> InStream:
        """stdin for "-", else the file's contents (raises VfsError)."""
        return self.stdin if path == "-" else self.open_in(path)

    def read_text(self, path: str) -> str:
        if path == "-":
            return self.stdin.read()
        return self.open_in(path).read()

    def open_out(self, path: str, append: bool = False) -> OutStream:
        node = self.fs.try_lookup(path, self.cwd)
        if isinstance(node, Device):
            return {"stdout": self.stdout, "stderr": self.stderr}.get(node.kind, NullOut())
        if not append or node is None:
            self.fs.write_bytes(path, b"", self.cwd)
        elif self.fs.as_dir(node) is not None:
            raise VfsError("EISDIR", path)
        return FileOut(self.fs, path, self.cwd, self.host.budget)

    # -- running other programs ---------------------------------------------------------------
    def resolve_command(self, name: str) -> str | None:
        if "/" in name:
            return name if self.fs.is_file(name, self.cwd) else None
        for directory in self.env.get("PATH", "").split(":"):
            candidate = (directory or ".").rstrip("/") + "/" + name
            if self.fs.is_executable(candidate, self.cwd):
                return candidate
        return None

    def run(
        self,
        argv: list[str],
        *,
        stdin: InStream | None = None,
        stdout: OutStream | None = None,
        stderr: OutStream | None = None,
        env: dict[str, str] | None = None,
    ) -> int | None:
        """Run a command found on PATH; None when there is no such command."""
        path = self.resolve_command(argv[0])
        if path is None:
            return None
        return self.exec_file(path, argv, stdin=stdin, stdout=stdout, stderr=stderr, env=env)

    def exec_file(
        self,
        path: str,
        argv: list[str],
        *,
        stdin: InStream | None = None,
        stdout: OutStream | None = None,
        stderr: OutStream | None = None,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> int:
        """Execute a file of the container: a program, a #! script, or a plain shell script.

        Raises VfsError when the file cannot be executed (ENOENT, EACCES)."""
        node = self.fs.lookup(path, self.cwd if cwd is None else cwd)
        if self.fs.as_dir(node) is not None or not isinstance(node, File) or not node.mode & 0o111:
            raise VfsError("EACCES", path)
        ctx = self.child(
            stdin=stdin or self.stdin, stdout=stdout or self.stdout, stderr=stderr or self.stderr,
            env=dict(self.env if env is None else env), cwd=self.cwd if cwd is None else cwd,
            name=argv[0].rsplit("/", 1)[-1],
        )
        self.host.budget.step()
        name = program_name(node.data)
        if name is not None:
            fn = PROGRAMS.get(name)
            if fn is None:
                raise VfsError("ENOENT", path)
            return self.host.run_program(fn, ctx, argv)
        if node.data.startswith(b"#!"):
            first = decode(node.data[2:].split(b"\n", 1)[0]).strip().split(None, 1)
            if not first:
                raise VfsError("EACCES", path)
            interpreter = first[0]
            new_argv = [interpreter, *first[1:], path, *argv[1:]]
            if not self.fs.is_executable(interpreter, ctx.cwd):
                raise VfsError("ENOENT", interpreter)
            return ctx.exec_file(interpreter, new_argv)
        # No #! line: like dash, run it as a shell script.
        return self.host.run_program(PROGRAMS["sh"], ctx, ["sh", path, *argv[1:]])

    def capture(self, argv: list[str], stdin: str = "") -> tuple[str, str, int | None]:
        out, err = BufferOut(), BufferOut()
        status = self.run(argv, stdin=InStream(stdin), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), status
