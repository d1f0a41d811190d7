"""Lab: a pre-upgrade hook that fails on purpose, to see what Helm does (and does not do)."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from ._messages import brief_error

LAB = Lab(
    id="intentional-failure",
    title="A pre-upgrade hook that fails on purpose",
    summary="Make a pre-upgrade hook fail when a value says so, then observe the failed "
            "revision, the Job kept for debugging, and an explicit --rollback-on-failure.",
    starter="04-intentional-failure/chart",
    notebook="04-intentional-failure/intentional-failure.ipynb",
)

RELEASE = "app"
FAIL = "--set debug.failHook=true"


def _is_debug(name: str) -> bool:
    return "debug" in name or "fail" in name


def _job_failed(h: Any, name: str) -> bool:
    job = h.cluster.api.try_get("Job", name)
    conditions = ((job or {}).get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Failed" and c.get("status") == "True" for c in conditions)


@LAB.scenario("failing-upgrade")
def failing_upgrade(h: Any) -> dict[str, Any]:
    install = h.helm(f"install {RELEASE} CHART")
    bad = h.helm(f"upgrade {RELEASE} CHART {FAIL} --set image.tag=1.37")
    deployment = h.cluster.api.try_get("Deployment", RELEASE) or {}
    containers = deployment.get("spec", {}).get("template", {}).get("spec", {}).get("containers")
    left = [name for name in bad.jobs if _is_debug(name)]
    return {"h": h, "install": install, "bad": bad, "history": h.history(RELEASE),
            "image": (containers or [{}])[0].get("image"), "left": left,
            "failed": [name for name in left if _job_failed(h, name)]}


@LAB.scenario("passing-upgrade")
def passing_upgrade(h: Any) -> dict[str, Any]:
    install = h.helm(f"install {RELEASE} CHART")
    good = h.helm(f"upgrade {RELEASE} CHART")
    return {"h": h, "install": install, "good": good}


@LAB.scenario("rollback-on-failure")
def rollback_on_failure(h: Any) -> dict[str, Any]:
    install = h.helm(f"install {RELEASE} CHART")
    bad = h.helm(f"upgrade {RELEASE} CHART --rollback-on-failure {FAIL}")
    return {"install": install, "bad": bad, "history": h.history(RELEASE)}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"result": h.render(), "failing": h.render(FAIL)}


def _failed_upgrade(ctx: Any) -> tuple[dict[str, Any] | None, str | None]:
    run = ctx.scenario("failing-upgrade")
    if run["install"].result.exit_code != 0:
        return None, f"`helm install` failed: {brief_error(run['install'].result)}"
    if run["bad"].result.exit_code == 0:
        return None, ("with debug.failHook=true `helm upgrade` succeeded: the pre-upgrade hook "
                      "does not fail")
    return run, None


@LAB.check("failure-names-hook", points=2,
           title="With debug.failHook=true the upgrade fails in the pre-upgrade hook",
           hint='Annotate the Job "helm.sh/hook": "pre-upgrade" and make its script `exit 1` '
                "inside {{- if .Values.debug.failHook }} ... {{- end }}.")
def failure_names_hook(ctx: Any) -> str | None:
    run, problem = _failed_upgrade(ctx)
    if problem or run is None:
        return problem
    error = run["bad"].result.stderr
    if "pre-upgrade hooks failed" not in error:
        return f"the upgrade failed, but not in a pre-upgrade hook: {brief_error(run['bad'].result)}"
    hooks = [n for n in run["h"].hook_names(run["bad"], "pre-upgrade") if _is_debug(n)]
    if not hooks or hooks[0] not in error:
        return ("the error does not name the debug-fail hook Job: "
                f"{brief_error(run['bad'].result)}")
    return None


@LAB.check("no-auto-rollback", points=2,
           title="The previous revision stays deployed; nothing is rolled back",
           hint="Helm does not roll back by itself: the failed revision is recorded as failed, "
                "the previous one stays deployed, and the Deployment is never touched because "
                "the manifest is applied only after the pre-upgrade hooks succeed.")
def no_auto_rollback(ctx: Any) -> str | None:
    run, problem = _failed_upgrade(ctx)
    if problem or run is None:
        return problem
    statuses = {entry.get("revision"): entry.get("status") for entry in run["history"]}
    if statuses != {1: "deployed", 2: "failed"}:
        return (f"after the failed upgrade `helm history` shows {statuses}; expected revision 1 "
                "deployed and revision 2 failed")
    if run["image"] != "busybox:1.36":
        return (f"the Deployment runs {run['image']} after the failed upgrade: the hook ran "
                "after the resources were updated, not as a pre-upgrade hook")
    return None


@LAB.check("failed-job-kept", points=2,
           title="The failed hook Job is kept for debugging",
           hint='Use "helm.sh/hook-delete-policy": "before-hook-creation" only: hook-failed would '
                "delete the Job (and its logs) the moment it fails.")
def failed_job_kept(ctx: Any) -> str | None:
    run, problem = _failed_upgrade(ctx)
    if problem or run is None:
        return problem
    if not run["left"]:
        return ("after the failed upgrade the debug-fail Job is gone, so its logs are lost "
                "(the helm.sh/hook-delete-policy includes hook-failed)")
    if not run["failed"]:
        return f"the Job {run['left'][0]} is there, but it has no Failed condition"
    return None


@LAB.check("passes-when-off", points=1,
           title="With the default values the upgrade succeeds",
           hint="Only fail when .Values.debug.failHook is true; otherwise the script must exit 0.")
def passes_when_off(ctx: Any) -> str | None:
    run = ctx.scenario("passing-upgrade")
    for key, what in (("install", "install"), ("good", "upgrade")):
        if run[key].result.exit_code != 0:
            return f"with debug.failHook=false `helm {what}` failed: {brief_error(run[key].result)}"
    if not [n for n in run["h"].hook_names(run["good"], "pre-upgrade") if _is_debug(n)]:
        return "`helm upgrade` ran no pre-upgrade debug-fail hook"
    return None


@LAB.check("rollback-on-failure", points=2,
           title="--rollback-on-failure rolls the release back in a new revision",
           hint="The rollback is explicit: `helm upgrade --rollback-on-failure` (--atomic in "
                "Helm 3) rolls back after a failure by creating a new revision.")
def rollback_on_failure_check(ctx: Any) -> str | None:
    run = ctx.scenario("rollback-on-failure")
    if run["install"].result.exit_code != 0:
        return f"`helm install` failed: {brief_error(run['install'].result)}"
    if run["bad"].result.exit_code == 0:
        return ("with debug.failHook=true `helm upgrade --rollback-on-failure` succeeded: the "
                "pre-upgrade hook does not fail")
    last = run["history"][-1] if run["history"] else {}
    if last.get("status") != "deployed" or last.get("description") != "Rollback to 1":
        return (f"after `helm upgrade --rollback-on-failure` the last revision is {last}; "
                "expected a new deployed revision 'Rollback to 1'")
    return None
