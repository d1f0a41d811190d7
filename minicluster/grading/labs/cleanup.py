"""Lab: hook delete policies — what Helm removes after a hook succeeds, fails, or runs again."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from ._messages import brief_error

LAB = Lab(
    id="cleanup",
    title="Hook delete policies: clean up, keep for debugging, run again",
    summary="Have Helm delete a post-deploy hook Job after it succeeds, keep it when it fails, "
            "and replace the leftover so that the next upgrade can run it again.",
    starter="05-cleanup/chart",
    notebook="05-cleanup/cleanup.ipynb",
)

RELEASE = "app"


def _is_work(name: str) -> bool:
    return "cleanup" in name or "work" in name


def _job_failed(h: Any, name: str) -> bool:
    job = h.cluster.api.try_get("Job", name)
    conditions = ((job or {}).get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Failed" and c.get("status") == "True" for c in conditions)


@LAB.scenario("success")
def success(h: Any) -> dict[str, Any]:
    return {"h": h, "install": h.helm(f"install {RELEASE} CHART")}


@LAB.scenario("failure-then-retry")
def failure_then_retry(h: Any) -> dict[str, Any]:
    bad = h.helm(f"install {RELEASE} CHART --set work.fail=true")
    kept = [name for name in bad.jobs if _is_work(name)]
    failed = [name for name in kept if _job_failed(h, name)]
    # Given no value, `helm upgrade` would reuse the failed (and only) revision's values.
    retry = h.helm(f"upgrade {RELEASE} CHART --set work.fail=false")
    return {"h": h, "bad": bad, "kept": kept, "failed": failed, "retry": retry}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"result": h.render()}


@LAB.check("succeeded-deleted", points=2, title="A hook Job that succeeded is deleted",
           hint='Put hook-succeeded in "helm.sh/hook-delete-policy": Helm then deletes the Job '
                "once every hook of the event has succeeded.")
def succeeded_deleted(ctx: Any) -> str | None:
    run = ctx.scenario("success")
    step = run["install"]
    if step.result.exit_code != 0:
        return f"`helm install` failed: {brief_error(step.result)}"
    if not [n for n in run["h"].hook_names(step, "post-install") if _is_work(n)]:
        return "`helm install` ran no post-install hook Job (cleanup-test)"
    left = [name for name in step.jobs if _is_work(name)]
    if left:
        return (f"after a successful install the hook Job {left[0]} is still there "
                "(helm.sh/hook-delete-policy lacks hook-succeeded)")
    return None


@LAB.check("failed-kept", points=2, title="A hook Job that failed stays for debugging",
           hint="Leave hook-failed out of the delete policy: a failed Job that Helm deletes "
                "takes its logs with it.")
def failed_kept(ctx: Any) -> str | None:
    run = ctx.scenario("failure-then-retry")
    bad = run["bad"].result
    if bad.exit_code == 0:
        return ("with work.fail=true `helm install` succeeded: the hook must exit 1 when "
                ".Values.work.fail is true")
    if "post-install" not in bad.stderr:
        return f"the install failed, but not in the post-install hook: {brief_error(bad)}"
    if not run["kept"]:
        return ("after the failed post-install hook its Job is gone, logs included "
                "(the helm.sh/hook-delete-policy includes hook-failed)")
    if not run["failed"]:
        return f"the Job {run['kept'][0]} is there, but it has no Failed condition"
    return None


@LAB.check("rerun-after-failure", points=3,
           title="After a failure the next upgrade runs the hook again",
           hint="Add before-hook-creation to the delete policy. Once you write a policy, Helm "
                "no longer applies its default (before-hook-creation), so the failed Job stays "
                "in the way of the next run.")
def rerun_after_failure(ctx: Any) -> str | None:
    run = ctx.scenario("failure-then-retry")
    retry = run["retry"]
    if retry.result.exit_code != 0:
        if "field is immutable" in retry.result.stderr:
            return ("after the failed install, `helm upgrade --set work.fail=false` failed: "
                    "the failed Job was still there and Helm could not change it "
                    "(Job spec.template: field is immutable)")
        return ("after the failed install, `helm upgrade --set work.fail=false` failed: "
                f"{brief_error(retry.result)}")
    hooks = [n for n in run["h"].hook_names(retry, "post-upgrade") if _is_work(n)]
    if not hooks:
        return "the upgrade after the failure created no post-upgrade hook Job: it did not run again"
    return None
