"""Running the hooks of one event, step for step as Helm does (helm-hooks-semantics.md section 4).

For each hook in weight/name order: default the delete policy, delete by before-hook-creation,
build, record the start in storage, create, wait (per `--timeout`), and on failure copy logs,
delete by hook-failed and clean earlier hook-succeeded hooks. After all succeed, walk them in
reverse: copy logs and delete by hook-succeeded. Every step is noted in a `HookRun` for the
timeline and the graders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from minicluster.core import yamlio
from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg
from minicluster.helm.kube import HOOK_ONLY, KubeClient, KubeError, WaitError, identity
from minicluster.helm.manifests import (
    BEFORE_HOOK_CREATION,
    DEFAULT_DELETE_POLICIES,
    HOOK_FAILED,
    HOOK_SUCCEEDED,
    Hook,
    execution_order,
    parse_yaml,
)
from minicluster.helm.release import (
    PHASE_FAILED,
    PHASE_RUNNING,
    PHASE_SUCCEEDED,
    PHASE_UNKNOWN,
    Release,
)


class HookError(MiniclusterError):
    """A hook event failed; `message` is Helm's raw error for it (no action prefix)."""


@dataclass
class HookRun:
    """One execution of one hook: what happened to it, in virtual seconds."""

    release: str
    revision: int
    event: str
    name: str
    kind: str
    namespace: str
    path: str
    weight: int
    delete_policies: list[str]
    output_log_policies: list[str]
    started_at: float | None = None
    created_at: float | None = None
    finished_at: float | None = None
    deleted_at: float | None = None
    deleted_by: str | None = None  # the delete policy that removed it
    phase: str = ""  # Running | Succeeded | Failed ("" if never started)
    error: str | None = None


@dataclass
class HookEngine:
    kube: KubeClient
    record_release: Callable[[Release], None]
    helm_version: int = 4
    strategy: str = HOOK_ONLY
    timeout: float = 300.0
    server_side: bool = False
    # Lines Helm prints on stderr while running (output logs); the caller shows them.
    stderr: list[str] = field(default_factory=list)
    runs: list[HookRun] = field(default_factory=list)

    # -- the public entry points ------------------------------------------------------------
    def execute(self, rel: Release, event: str) -> None:
        """Run one event; raise HookError with Helm's text if it fails."""
        shutdown, error = self.execute_deferred(rel, event)
        shutdown_error = shutdown()
        if error is not None:
            raise HookError(shutdown_error if shutdown_error is not None else error)
        if shutdown_error is not None:
            raise HookError(shutdown_error)

    def execute_deferred(self, rel: Release, event: str
                         ) -> tuple[Callable[[], str | None], str | None]:
        """Run one event but leave the post-run deletions to the returned shutdown function
        (`helm test` in Helm 4.1+ prints status and logs first)."""
        hooks = execution_order(rel.hooks, event)
        done: list[tuple[Hook, HookRun]] = []
        for index, hook in enumerate(hooks):
            if not hook.delete_policies:
                hook.delete_policies = list(DEFAULT_DELETE_POLICIES)
            run = self._new_run(rel, event, hook)
            error = self._delete_by_policy(hook, run, BEFORE_HOOK_CREATION, rel.namespace,
                                           current=False)
            if error is not None:
                run.error = error
                return _no_op, error
            try:
                objs = self.kube.build(hook.manifest)
            except KubeError as exc:
                run.error = msg.hook_build_failed(event, hook.path, exc.message)
                return _no_op, run.error
            now = self.kube.clock.now()
            hook.last_run.started_at, hook.last_run.completed_at = now, None
            hook.last_run.phase = PHASE_RUNNING
            run.started_at, run.phase = now, PHASE_RUNNING
            self.record_release(rel)
            hook.last_run.phase = PHASE_UNKNOWN
            try:
                for obj in objs:
                    self.kube.create(obj, server_side=self.server_side)
            except MiniclusterError as exc:
                hook.last_run.completed_at = run.finished_at = self.kube.clock.now()
                hook.last_run.phase = run.phase = PHASE_FAILED
                text = self._create_error(exc, objs)
                run.error = msg.hook_create_failed(event, hook.path, text)
                return _no_op, run.error
            run.created_at = self.kube.clock.now()
            try:
                for obj in objs:
                    self.kube.watch_until_ready(obj, self.timeout, self.strategy)
            except WaitError as exc:
                hook.last_run.completed_at = run.finished_at = self.kube.clock.now()
                hook.last_run.phase = run.phase = PHASE_FAILED
                run.error = exc.message
                self._output_logs(hook, rel.namespace, HOOK_FAILED)
                earlier = list(done)

                def failed_shutdown(hook: Hook = hook, run: Run = run,
                                    earlier: list = earlier, index: int = index) -> str | None:
                    error = self._delete_by_policy(hook, run, HOOK_FAILED, rel.namespace)
                    if error is not None:
                        self._log(f"error deleting the hook resource on hook failure: {error}")
                    for prior, prior_run in earlier:
                        error = self._delete_by_policy(prior, prior_run, HOOK_SUCCEEDED,
                                                       rel.namespace)
                        if error is not None:
                            return error
                    return None

                return failed_shutdown, exc.message
            hook.last_run.completed_at = run.finished_at = self.kube.clock.now()
            hook.last_run.phase = run.phase = PHASE_SUCCEEDED
            done.append((hook, run))

        def succeeded_shutdown() -> str | None:
            for hook, run in reversed(done):
                self._output_logs(hook, rel.namespace, HOOK_SUCCEEDED)
                error = self._delete_by_policy(hook, run, HOOK_SUCCEEDED, rel.namespace)
                if error is not None:
                    return error
            return None

        return succeeded_shutdown, None

    # -- steps ------------------------------------------------------------------------------
    def _new_run(self, rel: Release, event: str, hook: Hook) -> HookRun:
        namespace = _manifest_namespace(hook.manifest) or rel.namespace
        run = HookRun(rel.name, rel.version, event, hook.name, hook.kind, namespace, hook.path,
                      hook.weight, list(hook.delete_policies), list(hook.output_log_policies))
        self.runs.append(run)
        return run

    def _delete_by_policy(self, hook: Hook, run: HookRun, policy: str, namespace: str,
                          current: bool = True) -> str | None:
        """Delete the hook's object(s) if the hook has `policy`; returns Helm's error text."""
        if hook.kind == "CustomResourceDefinition" or policy not in hook.delete_policies:
            return None
        try:
            objs = self.kube.build(hook.manifest)
        except KubeError as exc:
            return f"unable to build kubernetes object for deleting hook {hook.path}: {exc.message}"
        outcomes = [self.kube.delete_reporting(o) for o in objs]
        existed = any(found for _, found in outcomes)
        errors = [e for e, _ in outcomes if e is not None]
        if errors:
            return "; ".join(self.kube.wrap([e]) if self.helm_version < 4 else e for e in errors)
        try:
            self.kube.wait_for_delete(objs, self.timeout, self.strategy, hook=True)
        except WaitError as exc:
            return exc.message
        if existed:
            when = self.kube.clock.now()
            if current:
                run.deleted_at, run.deleted_by = when, policy
            else:
                # before-hook-creation removes what an earlier run left behind.
                for prior in reversed(self.runs[:-1]):
                    if (prior.kind, prior.name, prior.namespace) == (run.kind, run.name,
                                                                     run.namespace) \
                            and prior.deleted_at is None:
                        prior.deleted_at, prior.deleted_by = when, policy
                        break
        return None

    def _create_error(self, exc: MiniclusterError, objs: list[dict[str, Any]]) -> str:
        if self.server_side and objs:
            kind, ns, name = identity(objs[0])
            api_version = objs[0].get("apiVersion", "")
            group, _, version = api_version.rpartition("/")
            gvk = f"{group + '/' if group else ''}{version}, Kind={kind}"
            return f"server-side apply failed for object {ns}/{name} {gvk}: {exc.message}"
        return self.kube.wrap([exc.message])

    def _output_logs(self, hook: Hook, namespace: str, policy: str) -> None:
        if policy not in hook.output_log_policies or hook.kind not in ("Job", "Pod"):
            return
        ns = _manifest_namespace(hook.manifest) or namespace
        selector = ({"label_selector": f"job-name={hook.name}"} if hook.kind == "Job"
                    else {"field_selector": f"metadata.name={hook.name}"})
        try:
            logs = self.kube.container_logs(ns, selector)
        except MiniclusterError as exc:
            self._log(f"error outputting logs for hook failure: {exc.message}")
            return
        for _pod, _container, text in logs:
            if not text:
                continue
            if self.helm_version >= 4:
                # Helm 4 routes Go's log writer through slog: one INFO record per write.
                self.stderr.append(msg.slog_line("INFO", text.removesuffix("\n")) + "\n")
            else:
                self.stderr.append(text)

    def _log(self, text: str) -> None:
        if self.helm_version >= 4:
            self.stderr.append(msg.slog_line("INFO", text) + "\n")
        else:
            self.stderr.append(text + "\n")


Run = HookRun


def _no_op() -> str | None:
    return None


def _manifest_namespace(manifest: str) -> str:
    try:
        doc = parse_yaml(manifest)
    except yamlio.YAMLError:
        return ""
    if isinstance(doc, dict) and isinstance(doc.get("metadata"), dict):
        return str(doc["metadata"].get("namespace") or "")
    return ""
