"""Back-off arithmetic of the Job controller and the kubelet (facts from upstream constants)."""

from __future__ import annotations

# pkg/controller/job: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (10 min since 1.31).
JOB_POD_FAILURE_BACKOFF = 10.0
JOB_POD_FAILURE_BACKOFF_MAX = 600.0
# pkg/kubelet: backOffPeriod and MaxContainerBackOff, used for crash loops and image pulls.
CONTAINER_BACKOFF = 10.0
CONTAINER_BACKOFF_MAX = 300.0


def doubling(base: float, cap: float, attempt: int) -> float:
    """The delay before retry number `attempt` (1-based): base, 2*base, 4*base ... capped."""
    if attempt <= 0:
        return 0.0
    # 2**62 would not fit the cap anyway; stop doubling early to keep the numbers small.
    return min(cap, base * (2 ** min(attempt - 1, 32)))


def job_pod_recreate_delay(consecutive_failures: int) -> float:
    """How long the Job controller waits after the n-th failure since the last success."""
    return doubling(JOB_POD_FAILURE_BACKOFF, JOB_POD_FAILURE_BACKOFF_MAX, consecutive_failures)


def container_restart_delay(restarts_so_far: int) -> float:
    """CrashLoopBackOff delay before the next start, after `restarts_so_far` + 1 exits."""
    return doubling(CONTAINER_BACKOFF, CONTAINER_BACKOFF_MAX, restarts_so_far + 1)


def image_pull_delay(failed_pulls: int) -> float:
    """ImagePullBackOff delay after `failed_pulls` consecutive failed pulls (>= 1)."""
    return doubling(CONTAINER_BACKOFF, CONTAINER_BACKOFF_MAX, failed_pulls)
