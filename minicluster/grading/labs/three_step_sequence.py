"""Lab: a backup, migrate, verify sequence of pre-upgrade hooks ordered by weights."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from .common import first_error_line, hook_jobs, rendered_documents

LAB = Lab(
    id="three-step-sequence",
    title="Three pre-upgrade hooks in order: backup, migrate, verify",
    summary="Order three pre-upgrade Jobs with hook weights, clean them up after success, and "
            "see a failing verification block the upgrade.",
    starter="02-three-step-sequence/chart",
    notebook="02-three-step-sequence/three-step-sequence.ipynb",
)

STEPS = ("backup", "migrate", "verify")
RELEASE = "shop"


def _step_of(name: str) -> str | None:
    return next((s for s in STEPS if s in name), None)


@LAB.scenario("upgrade")
def upgrade(h: Any) -> dict[str, Any]:
    install = h.helm(f"install {RELEASE} CHART")
    first = h.helm(f"upgrade {RELEASE} CHART")
    second = h.helm(f"upgrade {RELEASE} CHART")
    return {"h": h, "install": install, "first": first, "second": second}


@LAB.scenario("failing-verify")
def failing_verify(h: Any) -> dict[str, Any]:
    install = h.helm(f"install {RELEASE} CHART")
    bad = h.helm(f"upgrade {RELEASE} CHART --set-string sequence.verify='exit 1'")
    return {"h": h, "install": install, "bad": bad, "history": h.history(RELEASE)}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"result": h.render()}


def _require_ok(step: Any, what: str) -> str | None:
    if step.result.exit_code != 0:
        return f"`helm {what}` failed: {first_error_line(step.result)}"
    return None


@LAB.check("weights-are-strings", points=1, title="Hook weights are quoted strings",
           hint='Write "helm.sh/hook-weight": "-10" with quotes: annotation values must be '
                "strings, and the API server refuses a number.")
def weights_are_strings(ctx: Any) -> str | None:
    result = ctx.scenario("render")["result"]
    if result.exit_code != 0:
        return f"the chart does not render: {first_error_line(result)}"
    jobs = hook_jobs(rendered_documents(result), "pre-upgrade")
    if len(jobs) < 3:
        return (f"found {len(jobs)} Job(s) annotated helm.sh/hook: pre-upgrade; "
                "the lab needs three (backup, migrate, verify)")
    for job in jobs:
        weight = job["metadata"]["annotations"].get("helm.sh/hook-weight")
        if not isinstance(weight, str):
            return (f"Job {job['metadata']['name']}: helm.sh/hook-weight is the YAML "
                    f"{type(weight).__name__} {weight!r}, not a string")
    return None


@LAB.check("order", points=3, title="The pre-upgrade hooks run as backup, migrate, verify",
           hint="Helm runs the hooks of one event in ascending weight order: give backup the "
                "lowest weight and verify the highest.")
def order(ctx: Any) -> str | None:
    run = ctx.scenario("upgrade")
    problem = _require_ok(run["install"], "install") or _require_ok(run["first"], "upgrade")
    if problem:
        return problem
    names = run["h"].hook_names(run["first"], "pre-upgrade")
    steps = [_step_of(n) for n in names]
    if sorted(s for s in steps if s) != sorted(STEPS):
        return (f"during `helm upgrade` the pre-upgrade hooks created were {names}; expected "
                "one Job each for backup, migrate and verify")
    if [s for s in steps if s] != list(STEPS):
        return (f"the pre-upgrade hooks ran in the order {names}; backup must run first, then "
                "migrate, then verify")
    return None


@LAB.check("cleanup", points=2, title="All three hook Jobs are gone after a successful upgrade",
           hint="Add hook-succeeded to helm.sh/hook-delete-policy so Helm deletes each Job once "
                "the whole pre-upgrade event has succeeded.")
def cleanup(ctx: Any) -> str | None:
    run = ctx.scenario("upgrade")
    problem = _require_ok(run["install"], "install") or _require_ok(run["first"], "upgrade")
    if problem:
        return problem
    left = [name for name in run["first"].jobs if _step_of(name)]
    if left:
        return (f"after a successful upgrade these hook Jobs are still in the cluster: {left} "
                "(their helm.sh/hook-delete-policy lacks hook-succeeded)")
    return None


@LAB.check("second-upgrade", points=2, title="A second upgrade runs the sequence again",
           hint="Each upgrade re-creates the hook Jobs; before-hook-creation (the default) "
                "removes a leftover Job of the same name first.")
def second_upgrade(ctx: Any) -> str | None:
    run = ctx.scenario("upgrade")
    problem = _require_ok(run["second"], "upgrade (the second one)")
    if problem:
        return problem
    names = run["h"].hook_names(run["second"], "pre-upgrade")
    if sorted(s for s in (_step_of(n) for n in names) if s) != sorted(STEPS):
        return (f"the second upgrade created the pre-upgrade hooks {names}; expected backup, "
                "migrate and verify again")
    return None


@LAB.check("failing-verify-blocks", points=2,
           title="A failing verify step stops the upgrade",
           hint="The verify Job must run the command in .Values.sequence.verify, so that a "
                "failing command fails the Job (backoffLimit 0 or 1 keeps retries short).")
def failing_verify_blocks(ctx: Any) -> str | None:
    run = ctx.scenario("failing-verify")
    problem = _require_ok(run["install"], "install")
    if problem:
        return problem
    bad = run["bad"].result
    if bad.exit_code == 0:
        return ("with sequence.verify='exit 1' the upgrade still succeeded: the verify hook "
                "does not run .Values.sequence.verify, so it cannot fail")
    if "verify" not in bad.stderr:
        return f"the upgrade failed, but not because of the verify hook: {first_error_line(bad)}"
    statuses = {entry.get("revision"): entry.get("status") for entry in run["history"]}
    if statuses.get(2) != "failed" or statuses.get(1) != "deployed":
        return (f"after the failed upgrade `helm history` shows {statuses}; Helm leaves "
                "revision 1 deployed and marks revision 2 failed")
    return None
