"""Lab: a post-upgrade hook that empties the Redis cache once the new version is in place."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from ._messages import brief_error
from .environment import scenario_after, start_statefulset

LAB = Lab(
    id="cache-bust",
    title="A post-upgrade hook that empties the cache",
    summary="Flush Redis after the upgraded resources exist, only on upgrades, clean the Job up, "
            "and let a failing flush fail the upgrade.",
    starter="03-cache-bust/chart",
    notebook="03-cache-bust/cache-bust.ipynb",
)

RELEASE = "shop"
KEYS = {"agent:1": "cached-v1", "agent:2": "cached-v1", "models": "gpt,claude"}


def start_redis(h: Any) -> None:
    start_statefulset(h, "03-cache-bust", "redis.yaml", "redis", "Redis")


def redis(h: Any, *words: str) -> str:
    result = h.cluster.kubectl(["exec", "redis-0", "--", "redis-cli", *words])
    if result.exit_code != 0:
        raise RuntimeError(f"talking to the lab's Redis failed: {result.stderr.strip()}")
    return result.stdout.strip()


def fill_cache(h: Any) -> None:
    for key, value in KEYS.items():
        redis(h, "SET", key, value)


def cache_size(h: Any) -> int:
    return int(redis(h, "DBSIZE") or 0)


def _is_bust(name: str) -> bool:
    return "cache" in name or "bust" in name or "flush" in name


@LAB.scenario("upgrade")
def upgrade(h: Any) -> dict[str, Any]:
    start_redis(h)
    fill_cache(h)
    install = h.helm(f"install {RELEASE} CHART")
    after_install = cache_size(h)
    fill_cache(h)
    step = h.helm(f"upgrade {RELEASE} CHART --set image.tag=1.37")
    return {"h": h, "install": install, "upgrade": step,
            "after_install": after_install, "after_upgrade": cache_size(h)}


@LAB.scenario("failing-flush")
def failing_flush(h: Any) -> dict[str, Any]:
    start_redis(h)
    install = h.helm(f"install {RELEASE} CHART")
    bad = h.helm(f"upgrade {RELEASE} CHART --set redis.host=redis-gone")
    return {"install": install, "bad": bad, "history": h.history(RELEASE)}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"result": h.render()}


def _upgraded(ctx: Any) -> tuple[dict[str, Any] | None, str | None]:
    return scenario_after(ctx, "upgrade", "install", "upgrade")


@LAB.check("post-upgrade", points=3,
           title="The cache is flushed after the upgraded resources exist",
           hint='Annotate the Job "helm.sh/hook": "post-upgrade": Helm runs it once the '
                "release's resources are updated. A pre-upgrade hook would empty the cache while "
                "the old version still serves and refills it.")
def post_upgrade(ctx: Any) -> str | None:
    run, problem = _upgraded(ctx)
    if problem or run is None:
        return problem
    h, step = run["h"], run["upgrade"]
    hooks = [n for n in h.hook_names(step, "post-upgrade") if _is_bust(n)]
    if not hooks:
        others = [n for n in h.hook_names(step) if _is_bust(n)]
        if others:
            return (f"`helm upgrade` ran {others[0]}, but not as a post-upgrade hook: it ran "
                    "before the Deployment was updated")
        return "`helm upgrade` created no post-upgrade hook Job that flushes the cache"
    actions = h.cluster.api.action_log[step.log_start:step.log_end]
    hook_at = next(i for i, a in enumerate(actions)
                   if a.verb == "create" and a.actor == "helm" and a.name == hooks[0])
    updated_at = next((i for i, a in enumerate(actions)
                       if a.actor == "helm" and a.kind == "Deployment"
                       and a.verb in ("create", "update", "patch", "apply")), None)
    if updated_at is None or updated_at > hook_at:
        return f"the hook {hooks[0]} was created before the Deployment was updated"
    return None


@LAB.check("cache-empty", points=3, title="After the upgrade the cache is empty",
           hint="Run redis-cli -h {{ .Values.redis.host }} -p {{ .Values.redis.port }} FLUSHALL "
                "in the post-upgrade Job: FLUSHALL empties every database of the server.")
def cache_empty(ctx: Any) -> str | None:
    run, problem = _upgraded(ctx)
    if problem or run is None:
        return problem
    left = run["after_upgrade"]
    if left:
        return (f"{left} key(s) set before the upgrade are still in Redis database 0 after it: "
                "the post-upgrade hook did not flush the cache")
    return None


@LAB.check("cleaned-up", points=1, title="The flush Job is gone after it succeeded",
           hint='Give the hook "helm.sh/hook-delete-policy": "hook-succeeded,before-hook-creation".')
def cleaned_up(ctx: Any) -> str | None:
    run, problem = _upgraded(ctx)
    if problem or run is None:
        return problem
    left = [name for name in run["upgrade"].jobs if _is_bust(name)]
    if left:
        return (f"after a successful upgrade the hook Job {left[0]} is still there "
                "(helm.sh/hook-delete-policy lacks hook-succeeded)")
    return None


@LAB.check("failure-fails-upgrade", points=3,
           title="A flush that fails fails the upgrade",
           hint="A shell script's status is that of its last command: with `redis-cli ... "
                "FLUSHALL` followed by `echo`, a flush that cannot reach Redis still exits 0. "
                "Start the script with `set -e` (or chain the commands with &&).")
def failure_fails_upgrade(ctx: Any) -> str | None:
    run = ctx.scenario("failing-flush")
    if run["install"].result.exit_code != 0:
        return f"`helm install` failed: {brief_error(run['install'].result)}"
    bad = run["bad"].result
    if bad.exit_code == 0:
        return ("with redis.host pointing at a host that does not exist the upgrade still "
                "succeeded: the post-upgrade Job hides the failure of redis-cli")
    if "hook" not in bad.stderr:
        return f"the upgrade failed, but not in the flush hook: {brief_error(bad)}"
    statuses = {entry.get("revision"): entry.get("status") for entry in run["history"]}
    if statuses.get(2) != "failed":
        return (f"after the failed flush `helm history` shows {statuses}; Helm marks the "
                "upgraded revision failed when a post-upgrade hook fails")
    return None
