"""`minicluster helm|kubectl` against a cluster that persists between invocations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minicluster.cli.main import main

ROOT = Path(__file__).resolve().parents[2]

JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: hello
          image: busybox:1.36
          command: ["sh", "-c", "echo hello from the job; sleep 30"]
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MINICLUSTER_CLOCK", "manual")
    monkeypatch.delenv("MINICLUSTER_STATE", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_state_survives_between_commands(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "job.yaml").write_text(JOB)
    assert run(capsys, "kubectl", "apply", "-f", "job.yaml") == (0, "job.batch/hello created\n", "")
    code, out, _ = run(capsys, "kubectl", "get", "jobs")
    assert code == 0 and out.splitlines()[1].split()[:3] == ["hello", "Running", "0/1"]
    assert run(capsys, "advance", "60s")[0] == 0
    code, out, _ = run(capsys, "kubectl", "get", "jobs")
    assert out.splitlines()[1].split()[:3] == ["hello", "Complete", "1/1"]
    code, out, _ = run(capsys, "kubectl", "logs", "job/hello")
    assert out == "hello from the job\n"
    assert (workdir / ".minicluster" / "journal.json").exists()


def test_replay_uses_the_files_as_they_were(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = workdir / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 0.1.0\n")
    (chart / "templates" / "cm.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n")
    assert run(capsys, "helm", "install", "demo", "./chart")[0] == 0
    # The learner edits the chart; the installed revision must not change when replayed.
    (chart / "templates" / "cm.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n")
    code, out, _ = run(capsys, "kubectl", "get", "configmaps", "-o", "name")
    assert "configmap/first" in out and "configmap/second" not in out
    assert run(capsys, "helm", "upgrade", "demo", "./chart")[0] == 0
    code, out, _ = run(capsys, "kubectl", "get", "configmaps", "-o", "name")
    assert "configmap/second" in out and "configmap/first" not in out
    code, out, _ = run(capsys, "helm", "history", "demo")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["1", "2"]


def test_read_only_commands_are_not_journaled(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "kubectl", "get", "pods")
    run(capsys, "helm", "list")
    journal = json.loads((workdir / ".minicluster" / "journal.json").read_text())
    assert journal["entries"] == []


def test_corrupt_state_is_reported_and_kept(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = workdir / ".minicluster"
    state.mkdir()
    (state / "journal.json").write_text("{not json")
    code, out, err = run(capsys, "kubectl", "get", "pods")
    assert code == 1 and out == ""
    assert "is corrupt" in err and "minicluster reset" in err and "Traceback" not in err
    assert (state / "journal.json").read_text() == "{not json"


def test_state_from_a_newer_kit_is_refused(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = workdir / ".minicluster"
    state.mkdir()
    (state / "journal.json").write_text(json.dumps({"format": 99, "kit_version": "9.0"}))
    code, _, err = run(capsys, "kubectl", "get", "pods")
    assert code == 1 and "newer minicluster (9.0)" in err


def test_reset_refuses_a_directory_it_did_not_make(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = workdir / "precious"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    code, _, err = run(capsys, "--state", str(other), "reset")
    assert code == 1 and "not a minicluster state directory" in err
    assert (other / "notes.txt").read_text() == "keep me"


def test_reset_then_helm3_mode(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reset", "--helm-version", "3", "--seed", "4")
    assert code == 0 and "seed 4, Helm 3" in out
    code, out, _ = run(capsys, "helm", "version")
    assert 'Version:"v3.' in out


def test_unknown_commands_and_bad_durations(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")
    assert code == 2 and 'unknown command "frobnicate"' in err
    code, _, err = run(capsys, "advance", "soon")
    assert code == 2 and 'time: invalid duration "soon"' in err
    code, _, err = run(capsys, "kubectl", "get", "jbos")
    assert code == 1 and 'the server doesn\'t have a resource type "jbos"' in err


def test_tour_runs_the_whole_lifecycle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "tour")
    assert code == 0, out + err
    for expected in ("STATUS: deployed", "Error: UPGRADE FAILED: pre-upgrade hooks failed",
                     "Rollback to 2", "Phase:          Succeeded", 'release "agents" uninstalled',
                     "agents-backup-before-delete"):
        assert expected in out


def test_console_script_in_a_subprocess(tmp_path: Path) -> None:
    (tmp_path / "job.yaml").write_text(JOB)
    exe = shutil.which("minicluster", path=os.path.dirname(sys.executable))
    assert exe, "the console script is not installed"
    env = {**os.environ, "MINICLUSTER_CLOCK": "manual"}
    first = subprocess.run([exe, "kubectl", "apply", "-f", "job.yaml"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert (first.returncode, first.stdout) == (0, "job.batch/hello created\n"), first.stderr
    second = subprocess.run([exe, "kubectl", "get", "jobs"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert second.returncode == 0 and "hello" in second.stdout


def test_values_and_manifests_from_stdin(tmp_path: Path) -> None:
    from minicluster import Cluster

    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 0.1.0\n")
    (chart / "templates" / "cm.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n")
    cluster = Cluster(seed=0, cwd=str(tmp_path), runtime="scripted")
    assert cluster.helm("install demo ./chart -f -", stdin="name: from-stdin\n").exit_code == 0
    assert cluster.api.try_get("ConfigMap", "from-stdin") is not None
    applied = cluster.kubectl("apply -f -", stdin=JOB)
    assert applied.stdout == "job.batch/hello created\n"
