"""The Job scenarios of the reference (kubernetes-jobs-and-kubectl.md section 2.8), each
asserting exactly what kubectl prints: success; Never with backoffLimit 2 (three Error pods,
re-creation 10 s then 20 s apart, BackoffLimitExceeded); OnFailure restarts ending in a deleted
pod; activeDeadlineSeconds; completions 3 / parallelism 2; ttlSecondsAfterFinished; deleting a
Job removes its pods. The expected texts were checked against section 2 and 5 of the reference
before being frozen here."""

from __future__ import annotations

import pytest

from minicluster import Cluster


def job(name: str, command: str, policy: str = "Never", spec: str = "") -> str:
    return f"""apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
spec:
{spec}  template:
    spec:
      restartPolicy: {policy}
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", "{command}"]
"""


def events_table(describe: str) -> str:
    return describe[describe.index("Events:"):]


def run(yaml: str, seconds: float) -> Cluster:
    cluster = Cluster(seed=0, runtime="scripted")
    assert cluster.kubectl("apply -f -", stdin=yaml).exit_code == 0
    cluster.advance(seconds)
    return cluster


SCENARIOS = {
    'success': (
        job("ok", "echo done; sleep 5"),
        60,
        'NAME   STATUS     COMPLETIONS   DURATION   AGE\nok     Complete   1/1           8s         60s\n',
        'NAME       READY   STATUS      RESTARTS   AGE\nok-d8qfv   0/1     Completed   0          60s\n',
        'Events:\n  Type    Reason            Age   From            Message\n  ----    ------            ----  ----            -------\n  Normal  SuccessfulCreate  60s   job-controller  Created pod: ok-d8qfv\n  Normal  Completed         52s   job-controller  Job completed\n',
    ),
    'never-fails': (
        job("bad", "echo failing; exit 1", spec="  backoffLimit: 2\n"),
        120,
        'NAME   STATUS   COMPLETIONS   DURATION   AGE\nbad    Failed   0/1           2m         2m\n',
        'NAME        READY   STATUS   RESTARTS   AGE\nbad-d8qfv   0/1     Error    0          2m\nbad-n26kb   0/1     Error    0          86s\nbad-tqscq   0/1     Error    0          107s\n',
        'Events:\n  Type     Reason                Age   From            Message\n  ----     ------                ----  ----            -------\n  Normal   SuccessfulCreate      2m    job-controller  Created pod: bad-d8qfv\n  Normal   SuccessfulCreate      107s  job-controller  Created pod: bad-tqscq\n  Normal   SuccessfulCreate      86s   job-controller  Created pod: bad-n26kb\n  Warning  BackoffLimitExceeded  85s   job-controller  Job has reached the specified backoff limit\n',
    ),
    'onfailure': (
        job("flaky", "echo failing; exit 1", policy="OnFailure", spec="  backoffLimit: 2\n"),
        200,
        'NAME    STATUS   COMPLETIONS   DURATION   AGE\nflaky   Failed   0/1           3m20s      3m20s\n',
        'No resources found in default namespace.\n',
        'Events:\n  Type     Reason                Age    From            Message\n  ----     ------                ----   ----            -------\n  Normal   SuccessfulCreate      3m20s  job-controller  Created pod: flaky-d8qfv\n  Normal   SuccessfulDelete      3m6s   job-controller  Deleted pod: flaky-d8qfv\n  Warning  BackoffLimitExceeded  3m6s   job-controller  Job has reached the specified backoff limit\n',
    ),
    'deadline': (
        job("slow", "sleep 300", spec="  activeDeadlineSeconds: 20\n"),
        60,
        'NAME   STATUS   COMPLETIONS   DURATION   AGE\nslow   Failed   0/1           60s        60s\n',
        'No resources found in default namespace.\n',
        'Events:\n  Type     Reason            Age   From            Message\n  ----     ------            ----  ----            -------\n  Normal   SuccessfulCreate  60s   job-controller  Created pod: slow-d8qfv\n  Normal   SuccessfulDelete  40s   job-controller  Deleted pod: slow-d8qfv\n  Warning  DeadlineExceeded  40s   job-controller  Job was active longer than specified deadline\n',
    ),
    'parallel': (
        job("par", "sleep 10", spec="  completions: 3\n  parallelism: 2\n"),
        60,
        'NAME   STATUS     COMPLETIONS   DURATION   AGE\npar    Complete   3/3           24s        60s\n',
        'NAME        READY   STATUS      RESTARTS   AGE\npar-d8qfv   0/1     Completed   0          60s\npar-n26kb   0/1     Completed   0          47s\npar-tqscq   0/1     Completed   0          60s\n',
        'Events:\n  Type    Reason            Age   From            Message\n  ----    ------            ----  ----            -------\n  Normal  SuccessfulCreate  60s   job-controller  Created pod: par-d8qfv\n  Normal  SuccessfulCreate  60s   job-controller  Created pod: par-tqscq\n  Normal  SuccessfulCreate  47s   job-controller  Created pod: par-n26kb\n  Normal  Completed         36s   job-controller  Job completed\n',
    ),
    'ttl': (
        job("ttl", "echo hi", spec="  ttlSecondsAfterFinished: 30\n"),
        60,
        'No resources found in default namespace.\n',
        'No resources found in default namespace.\n',
        'No resources found in default namespace.\n',
    ),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_job_scenario_as_kubectl_shows_it(name: str) -> None:
    yaml, seconds, jobs, pods, events = SCENARIOS[name]
    cluster = run(yaml, seconds)
    got_jobs = cluster.kubectl("get jobs")
    got_pods = cluster.kubectl("get pods")
    describe = cluster.kubectl("describe job")
    assert got_jobs.stdout + got_jobs.stderr == jobs
    assert got_pods.stdout + got_pods.stderr == pods
    text = describe.stdout + describe.stderr
    assert (events_table(text) if "Events:" in text else text) == events


def test_never_recreates_failed_pods_10s_then_20s_apart() -> None:
    cluster = run(SCENARIOS["never-fails"][0], 120)
    pods = sorted(cluster.api.list("Pod"), key=lambda p: p["metadata"]["creationTimestamp"])
    created = [cluster.clock.parse_timestamp(p["metadata"]["creationTimestamp"]) for p in pods]
    finished = [cluster.clock.parse_timestamp(
        p["status"]["containerStatuses"][0]["state"]["terminated"]["finishedAt"]) for p in pods]
    assert created[1] - finished[0] >= 10 and created[2] - finished[1] >= 20
    logs = cluster.kubectl("logs job/bad")
    assert logs.stderr.startswith("Found 3 pods, using pod/") and logs.stdout == "failing\n"


def test_deleting_a_job_removes_its_pods() -> None:
    cluster = run(SCENARIOS["parallel"][0], 5)
    assert len(cluster.api.list("Pod")) == 2
    assert cluster.kubectl("delete job par").stdout == 'job.batch "par" deleted\n'
    cluster.advance(40)
    assert cluster.kubectl("get pods").stderr == "No resources found in default namespace.\n"

