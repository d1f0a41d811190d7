"""Texts Helm prints for releases and hooks (v4.2.4, and v3.21.4 where they differ).

Only facts from helm-hooks-semantics.md and helm/helm's source; the wording is Helm's because
learners compare it with what real Helm prints.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from minicluster.templates.gofmt import go_quote  # noqa: F401 - strconv.Quote, shared with the engine


# -- Go formatting helpers ------------------------------------------------------------------
def _slog_needs_quoting(text: str) -> bool:
    if text == "":
        return True
    for ch in text:
        if ch in ' ="' or not ch.isprintable() or unicodedata.category(ch) == "Zs":
            return True
    return False


def slog_line(level: str, msg: str, **attrs: str) -> str:
    """One record of Go's slog text handler with the time dropped, as Helm 4's CLI prints it."""
    parts = [f"level={level}", "msg=" + (go_quote(msg) if _slog_needs_quoting(msg) else msg)]
    for key, value in attrs.items():
        parts.append(f"{key}=" + (go_quote(value) if _slog_needs_quoting(value) else value))
    return " ".join(parts)


def ansic(moment: datetime | None) -> str:
    """Go's time.ANSIC layout, `Mon Jan _2 15:04:05 2006` (day space-padded)."""
    if moment is None:
        return "Mon Jan  1 00:00:00 0001"
    return moment.strftime("%a %b ") + f"{moment.day:>2}" + moment.strftime(" %H:%M:%S %Y")


def multierror(errors: list[str]) -> str:
    """hashicorp/go-multierror's default format, which Helm 3 wraps kube errors in."""
    noun = "error occurred" if len(errors) == 1 else "errors occurred"
    body = "".join(f"\t* {e}\n" for e in errors)
    return f"{len(errors)} {noun}:\n{body}\n"


# -- diagnostics ----------------------------------------------------------------------------
def unknown_hook_log(raw_events: str, helm_version: int) -> str:
    if helm_version >= 4:
        return slog_line("INFO", "skipping unknown hooks", hookTypes=raw_events)
    return f"manifest_sorter.go:199: info: skipping unknown hook: {go_quote(raw_events)}"


def upgrade_failed_log(name: str, error: str) -> str:
    return slog_line("WARN", "upgrade failed", name=name, error=error)


def rollback_failed_log(name: str, error: str) -> str:
    return slog_line("WARN", "rollback failed", name=name, error=error)


# -- release descriptions -------------------------------------------------------------------
INSTALL_UNDERWAY = "Initial install underway"
INSTALL_COMPLETE = "Install complete"
DRY_RUN_COMPLETE = "Dry run complete"
PREPARING_UPGRADE = "Preparing upgrade"
UPGRADE_COMPLETE = "Upgrade complete"
DELETION_IN_PROGRESS = "Deletion in progress (or silently failed)"
UNINSTALL_COMPLETE = "Uninstallation complete"
SUPERSEDED_BY_NEW = "superseded by new release"


def rollback_to(revision: int) -> str:
    return f"Rollback to {revision}"


def release_failed(name: str, error: str) -> str:
    return f'Release "{name}" failed: {error}'


def upgrade_failed(name: str, error: str) -> str:
    return f'Upgrade "{name}" failed: {error}'


def rollback_failed(name: str, error: str) -> str:
    return f'Rollback "{name}" failed: {error}'


# -- errors ---------------------------------------------------------------------------------
INSTALLATION_FAILED = "INSTALLATION FAILED: "
UPGRADE_FAILED = "UPGRADE FAILED: "
RELEASE_NOT_FOUND = "release: not found"
IN_PROGRESS = "another operation (install/upgrade/rollback) is in progress"
INVALID_REVISION = "invalid release revision"


def name_in_use(helm_version: int) -> str:
    if helm_version >= 4:
        return "release name check failed: cannot reuse a name that is still in use"
    return "cannot re-use a name that is still in use"


def no_deployed_releases(name: str) -> str:
    return f'"{name}" has no deployed releases'


def has_no_version(revision: int) -> str:
    return f"release has no {revision} version"


def already_deleted(name: str) -> str:
    return f'the release named "{name}" is already deleted'


def failed_hook_phase(event: str, error: str) -> str:
    """How install/upgrade prefix a hook error."""
    if event in ("pre-install", "post-install"):
        return f"failed {event}: {error}"
    if event in ("pre-upgrade", "post-upgrade"):
        return f"{event} hooks failed: {error}"
    return error


def rollback_flag_name(helm_version: int) -> str:
    return "rollback-on-failure" if helm_version >= 4 else "atomic"


def uninstalled_due_to_flag(name: str, error: str, helm_version: int) -> str:
    return (f"release {name} failed, and has been uninstalled due to "
            f"{rollback_flag_name(helm_version)} being set: {error}")


def rolled_back_due_to_flag(name: str, error: str, helm_version: int) -> str:
    return (f"release {name} failed, and has been rolled back due to "
            f"{rollback_flag_name(helm_version)} being set: {error}")


def atomic_uninstall_failed(error: str, uninstall_error: str) -> str:
    return ("an error occurred while uninstalling the release. original install error: "
            f"{error}: {uninstall_error}")


def atomic_rollback_failed(error: str, rollback_error: str) -> str:
    return ("an error occurred while rolling back the release. original upgrade error: "
            f"{error}: {rollback_error}")


def no_successful_release(error: str) -> str:
    return ("unable to find a previously successful release when attempting to rollback. "
            f"original upgrade error: {error}")


def cleanup_failed(operation: str, error: str, errors: list[str]) -> str:
    return (f"an error occurred while cleaning up resources. original {operation} error: "
            f"{error}: unable to cleanup resources: {', '.join(errors)}")


def hook_create_failed(event: str, path: str, error: str) -> str:
    return f"warning: Hook {event} {path} failed: {error}"


def hook_build_failed(event: str, path: str, error: str) -> str:
    return f"unable to build kubernetes object for {event} hook {path}: {error}"


def uninstall_with_errors(errors: list[str]) -> str:
    return f"uninstallation completed with {len(errors)} error(s): {'; '.join(errors)}"


# -- waiter texts ---------------------------------------------------------------------------
TIMED_OUT = "timed out waiting for the condition"
DEADLINE_EXCEEDED = "context deadline exceeded"


def legacy_job_failed(name: str, reason: str) -> str:
    return f"job {name} failed: {reason}"


def legacy_pod_failed(name: str) -> str:
    return f"pod {name} failed"


def kstatus_not_ready(kind: str, namespace: str, name: str, status: str, message: str) -> str:
    return f"resource {kind}/{namespace}/{name} not ready. status: {status}, message: {message}"


def kstatus_still_exists(kind: str, namespace: str, name: str, status: str, message: str) -> str:
    return f"resource {kind}/{namespace}/{name} still exists. status: {status}, message: {message}"


# -- stdout lines ---------------------------------------------------------------------------
def installing_now(name: str) -> str:
    return f'Release "{name}" does not exist. Installing it now.\n'


def upgraded(name: str) -> str:
    return f'Release "{name}" has been upgraded. Happy Helming!\n'


ROLLBACK_SUCCESS = "Rollback was a success! Happy Helming!\n"


def uninstalled(name: str) -> str:
    return f'release "{name}" uninstalled\n'


KEPT_RESOURCES = "These resources were kept due to the resource policy:\n"
