"""SandboxRuntime: the real container runtime of the simulator (runtime.interface.Runtime).

Each container gets an in-memory filesystem built from its image, runs its command as a
greenlet on the cluster's virtual clock, and writes its output to a log of time-stamped lines.
No container code ever touches the host: no host files, processes or sockets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minicluster.core.errors import MiniclusterError

from . import programs as _programs  # noqa: F401  (registers the programs)
from . import services as _services  # noqa: F401  (registers postgres, redis, curl... images)
from .budget import BUDGET_EXIT_STATUS, Limits
from .images import Image, find_image
from .images import image_known as _image_known
from .images import pull_seconds as _pull_seconds
from .interface import ContainerSpec, LogLine, ProbeSpec
from .net import Network
from .process import ContainerHost, Job
from .programs.context import ProgramContext
from .streams import InStream, LineSink
from .vfs import S_IFCHR, Device, FileSystem, VfsError, copy_tree, new_dir
from .volumes import VolumeTree, projected_volume


class ContainerNotRunning(MiniclusterError):
    pass


class LogBook:
    """A process's output as time-stamped lines, truncated past the log budget."""

    def __init__(self, clock: Any, limit: int) -> None:
        self.clock = clock
        self.limit = limit
        self.size = 0
        self.lines: list[LogLine] = []
        self.truncated = False

    def emit(self, stream: str, text: str) -> None:
        if self.truncated:
            return
        self.size += len(text) + 1
        if self.size > self.limit:
            self.truncated = True
            text = f"minicluster sandbox: log truncated after {self.limit} bytes"
            stream = "stderr"
        self.lines.append(LogLine(self.clock.now(), stream, text))


class SandboxProcess:
    """The ContainerProcess of a container's main command or of one `kubectl exec`."""

    def __init__(self, id: str, runtime: SandboxRuntime, log: LogBook) -> None:
        self.id = id
        self.runtime = runtime
        self.log = log
        self._exit_code: int | None = None
        self._reason: str | None = None
        self.message: str | None = None  # start errors, as the container runtime words them
        self.job: Job | None = None
        self.host: ContainerHost | None = None
        self.sinks: list[LineSink] = []
        self.kill_timer: Any = None

    @property
    def running(self) -> bool:
        return self._exit_code is None

    @property
    def exit_code(self) -> int | None:
        return self._exit_code

    @property
    def reason(self) -> str | None:
        return self._reason

    def logs(self) -> list[LogLine]:
        for sink in self.sinks:
            sink.flush()
        return list(self.log.lines)

    def finish(self, code: int, reason: str | None = None) -> None:
        if self._exit_code is not None:
            return
        for sink in self.sinks:
            sink.flush()
        self._exit_code = code
        self._reason = reason or ("Completed" if code == 0 else "Error")
        if self.kill_timer is not None:
            self.kill_timer.cancel()

    def kill(self, grace_seconds: float = 30.0) -> None:
        """SIGTERM now, SIGKILL after the grace period (exit 143 or 137)."""
        if not self.running or self.host is None:
            return
        host = self.host
        if self.job is not None and self.job is not host.main_job:
            self.job.kill(137)
            return
        if grace_seconds <= 0:
            host.kill_all(137)
            return
        host.deliver_to_main(15)
        if self.running:
            self.kill_timer = self.runtime.clock.call_later(grace_seconds, self._sigkill)

    def _sigkill(self) -> None:
        if self.running and self.host is not None:
            self.host.kill_all(137)


class SandboxRuntime:
    def __init__(self, clock: Any, rand: Any = None, services: Any = None,
                 state_dir: Any = None, limits: Limits | None = None) -> None:
        self.clock = clock
        self.rand = rand
        self.services = services
        self.state_dir = state_dir  # containers do not outlive the process; nothing is saved
        self.limits = limits or Limits()
        self.network = Network()
        self.containers: dict[str, SandboxProcess] = {}

    # -- images and volumes -------------------------------------------------------------------
    def image_known(self, image: str) -> bool:
        return _image_known(image)

    def pull_seconds(self, image: str) -> float:
        return _pull_seconds(image)

    def new_volume(self, files: dict[str, bytes] | None = None) -> VolumeTree:
        return VolumeTree(files, now=self.clock.now)

    def new_projected_volume(self, files: dict[str, bytes], mode: int = 0o644) -> VolumeTree:
        stamp = self.clock.datetime().strftime("%Y_%m_%d_%H_%M_%S.000000000")
        return projected_volume(files, stamp, now=self.clock.now, mode=mode)

    # -- containers ---------------------------------------------------------------------------
    def start(self, spec: ContainerSpec, on_exit: Callable[[Any], None]) -> SandboxProcess:
        image = find_image(spec.image)
        if image is None:
            raise MiniclusterError(f'failed to resolve reference "{spec.image}": not found')
        log = LogBook(self.clock, self.limits.log_bytes)
        process = SandboxProcess(spec.id, self, log)
        self.containers[spec.id] = process
        fs = build_filesystem(image, spec, self.clock, self.services)
        host = ContainerHost(
            clock=self.clock, fs=fs, image=image, services=self.services, spec=spec,
            limits=self.limits, emit_log=log.emit, net=self.network, container_id=spec.id,
            runtime=self,
        )
        process.host = host
        argv = container_argv(image, spec)
        env = container_env(image, spec)
        workdir = spec.working_dir or image.working_dir
        if spec.working_dir:
            fs.mkdir(workdir, parents=True)
        out = LineSink(lambda text: log.emit("stdout", text))
        err = LineSink(lambda text: log.emit("stderr", text))
        process.sinks = [out, err]
        ctx = ProgramContext(host, InStream((spec.stdin or b"").decode("utf-8", "surrogateescape")),
                             out, err, env, workdir, name=argv[0] if argv else "")
        write_proc(fs, argv, env)

        def main() -> int:
            path = ctx.resolve_command(argv[0]) if argv else None
            if path is None:
                process.message = start_error(argv, "executable file not found in $PATH")
                return 128
            try:
                return ctx.exec_file(path, argv)
            except VfsError as error:
                reason = "permission denied" if error.errno == "EACCES" else "no such file or directory"
                process.message = start_error(argv, reason)
                return 128

        job = host.new_job(main, pid=1)
        host.main_job = job
        process.job = job

        def ended() -> None:
            for other in list(host.jobs.values()):
                if other is not job and not other.done:
                    other.kill(137)
            reason = "StartError" if process.message else None
            if job.status == BUDGET_EXIT_STATUS and process.message is None:
                reason = "Error"
            process.finish(job.status, reason)
            self.network.close(spec.id)
            self.clock.call_soon(on_exit, process)

        job.waiters.append(ended)
        self.clock.call_soon(job.resume)
        return process

    def _running_host(self, container_id: str) -> ContainerHost:
        process = self.containers.get(container_id)
        if process is None or not process.running or process.host is None:
            raise ContainerNotRunning(f'container not found ("{container_id}")')
        return process.host

    def exec(self, container_id: str, argv: list[str], stdin: bytes | None,
             on_exit: Callable[[Any], None]) -> SandboxProcess:
        host = self._running_host(container_id)
        log = LogBook(self.clock, self.limits.log_bytes)
        process = SandboxProcess(container_id, self, log)
        process.host = host
        out = LineSink(lambda text: log.emit("stdout", text))
        err = LineSink(lambda text: log.emit("stderr", text))
        process.sinks = [out, err]
        main_env = container_env(host.image, host.spec)
        ctx = ProgramContext(host, InStream((stdin or b"").decode("utf-8", "surrogateescape")),
                             out, err, main_env, host.spec.working_dir or host.image.working_dir,
                             name=argv[0] if argv else "")

        def main() -> int:
            path = ctx.resolve_command(argv[0]) if argv else None
            if path is None:
                process.message = start_error(argv, "executable file not found in $PATH")
                err.write(process.message + "\n")
                return 127
            try:
                return ctx.exec_file(path, argv)
            except VfsError:
                process.message = start_error(argv, "permission denied")
                err.write(process.message + "\n")
                return 126

        job = host.new_job(main, report=lambda text: log.emit("stderr", text))
        process.job = job

        def ended() -> None:
            process.finish(job.status, "StartError" if process.message else None)
            self.clock.call_soon(on_exit, process)

        job.waiters.append(ended)
        self.clock.call_soon(job.resume)
        return process

    def probe(self, container_id: str, probe: ProbeSpec) -> bool:
        try:
            host = self._running_host(container_id)
        except ContainerNotRunning:
            return False
        if probe.kind == "exec":
            return self._exec_probe(host, probe)
        if probe.port is None:
            return False
        if probe.kind == "tcp":
            return self.network.listener(container_id, probe.port) is not None
        if probe.kind == "http":
            return self.network.http_ok(container_id, probe.port, probe.path)
        return False

    def _exec_probe(self, host: ContainerHost, probe: ProbeSpec) -> bool:
        """Runs at once: its sleeps add up against timeoutSeconds instead of yielding."""
        argv = list(probe.command)
        if not argv:
            return False
        out = LineSink(lambda text: None)
        ctx = ProgramContext(host, InStream(""), out, out, container_env(host.image, host.spec),
                             host.spec.working_dir or host.image.working_dir, name=argv[0])

        def main() -> int:
            path = ctx.resolve_command(argv[0])
            if path is None:
                return 127
            try:
                return ctx.exec_file(path, argv)
            except VfsError:
                return 126

        job = host.new_job(main, report=lambda text: None)
        job.instant = True
        job.instant_limit = probe.timeout_seconds
        job.resume()
        if not job.done:
            job.kill(137)
            return False
        host.jobs.pop(job.pid, None)
        return job.status == 0


def start_error(argv: list[str], reason: str) -> str:
    name = argv[0] if argv else ""
    return ("failed to create containerd task: failed to create shim task: OCI runtime create "
            "failed: runc create failed: unable to start container process: exec: "
            f'"{name}": {reason}: unknown')


def container_argv(image: Image, spec: ContainerSpec) -> list[str]:
    """Kubernetes' rule: command replaces ENTRYPOINT (and drops CMD); args replace CMD."""
    if spec.command is not None:
        return list(spec.command) + list(spec.args or [])
    return list(image.entrypoint) + list(spec.args if spec.args is not None else image.cmd)


def container_env(image: Image, spec: ContainerSpec) -> dict[str, str]:
    env = dict(image.env)
    env["HOSTNAME"] = spec.hostname
    env.setdefault("HOME", "/root")
    env.update(spec.env)
    return env


def build_filesystem(image: Image, spec: ContainerSpec, clock: Any, services: Any) -> FileSystem:
    base = _image_tree(image)
    root = copy_tree(base)
    assert root is not None
    fs = FileSystem(root, clock.now)  # type: ignore[arg-type]
    for name in ("null", "zero", "stdout", "stderr", "stdin"):
        fs.mkdir("/dev", parents=True)
        fs.as_dir(fs.lookup("/dev")).children[name] = Device(S_IFCHR | 0o666, 0.0, name)  # type: ignore[union-attr]
    fs.mkdir("/dev/shm", parents=True)
    ip = None
    if services is not None:
        try:
            ip = services.pod_ip(spec.hostname, spec.namespace)
        except Exception:  # noqa: BLE001 - a partial ClusterServices must not stop a container
            ip = None
    hosts = ("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
             "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n"
             "fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n")
    if ip:
        hosts += f"{ip}\t{spec.hostname}\n"
    fs.write_bytes("/etc/hosts", hosts.encode())
    fs.write_bytes("/etc/hostname", (spec.hostname + "\n").encode())
    resolv = (f"search {spec.namespace}.svc.cluster.local svc.cluster.local cluster.local\n"
              "nameserver 10.96.0.10\noptions ndots:5\n")
    fs.write_bytes("/etc/resolv.conf", resolv.encode())
    for mount in spec.mounts:
        volume = mount.volume
        tree = volume if isinstance(volume, VolumeTree) else _snapshot(volume)
        if mount.sub_path:
            sub = "/" + mount.sub_path.strip("/")
            node = tree.fs.try_lookup(sub)
            if node is not None and tree.fs.as_dir(node) is None:
                fs.mount_file(mount.path, node, mount.read_only)  # type: ignore[arg-type]
                continue
            if node is None:
                tree.fs.mkdir(sub, parents=True)
            sub_root = tree.fs.as_dir(tree.fs.lookup(sub))
            assert sub_root is not None
            fs.mount(mount.path, sub_root, mount.read_only)
        else:
            fs.mount(mount.path, tree.root, mount.read_only)
    return fs


def write_proc(fs: FileSystem, argv: list[str], env: dict[str, str]) -> None:
    fs.mkdir("/proc/1", parents=True)
    fs.write_bytes("/proc/1/cmdline", "\0".join(argv).encode() + b"\0")
    fs.write_bytes("/proc/1/environ", "\0".join(f"{k}={v}" for k, v in env.items()).encode() + b"\0")
    fs.write_bytes("/proc/version", b"Linux version 6.8.0-minicluster (virtual)\n")
    if fs.try_lookup("/proc/self", follow=False) is None:
        fs.symlink("1", "/proc/self")


def _snapshot(volume: Any) -> VolumeTree:
    """A foreign Volume (not made by this runtime) is copied: its later changes are not seen."""
    return VolumeTree({path: volume.read_file(path) for path in volume.list_files()})


_TREES: dict[int, Any] = {}


def _image_tree(image: Image) -> Any:
    """The image layer, built once per image; containers copy its structure."""
    key = id(image)
    cached = _TREES.get(key)
    if cached is not None and cached[0] is image:
        return cached[1]
    fs = FileSystem(new_dir())
    for link, target in image.symlinks.items():
        parent = link.rsplit("/", 1)[0] or "/"
        fs.mkdir(parent, parents=True)
        fs.symlink(target, link)
    for directory in image.dirs:
        if fs.try_lookup(directory, follow=False) is None:
            fs.mkdir(directory, parents=True)
    for path, data in image.layer_files().items():
        fs.mkdir(path.rsplit("/", 1)[0] or "/", parents=True)
        fs.write_bytes(path, data)
    for path in image.programs:
        fs.chmod(path, 0o755)
    if fs.is_dir("/tmp"):
        fs.chmod("/tmp", 0o1777)
    _TREES[key] = (image, fs.root)
    return fs.root
