"""Run scripts in sandboxed containers on a virtual clock, for the runtime tests."""

from __future__ import annotations

from dataclasses import dataclass

from minicluster.core.clock import VirtualClock
from minicluster.runtime.interface import ContainerSpec
from minicluster.runtime.sandbox import SandboxRuntime


@dataclass
class Result:
    stdout: str
    stderr: str
    status: int | None
    reason: str | None
    elapsed: float
    process: object


def run_container(
    command: list[str] | None = None,
    image: str = "debian:12",
    *,
    args: list[str] | None = None,
    env: dict[str, str] | None = None,
    mounts: list | None = None,
    runtime: SandboxRuntime | None = None,
    clock: VirtualClock | None = None,
    until_idle: bool = True,
    stdin: bytes | None = None,
    cid: str = "default/pod/main/0",
    working_dir: str | None = None,
) -> Result:
    clock = clock or VirtualClock()
    runtime = runtime or SandboxRuntime(clock, None, None, None)
    exits: list[object] = []
    spec = ContainerSpec(id=cid, image=image, command=command, args=args, env=env or {},
                         mounts=mounts or [], hostname="pod", stdin=stdin,
                         working_dir=working_dir)
    start = clock.now()
    process = runtime.start(spec, exits.append)
    if until_idle:
        clock.run_until_idle()
    return collect(process, clock.now() - start)


def collect(process, elapsed: float = 0.0) -> Result:  # type: ignore[no-untyped-def]
    lines = process.logs()
    out = "".join(line.text + "\n" for line in lines if line.stream == "stdout")
    err = "".join(line.text + "\n" for line in lines if line.stream == "stderr")
    return Result(out, err, process.exit_code, process.reason, elapsed, process)


def sh(script: str, image: str = "debian:12", **kwargs) -> Result:  # type: ignore[no-untyped-def]
    return run_container(["/bin/sh", "-c", script], image, **kwargs)
