"""`minicluster lab ...` and `minicluster grade ...`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from minicluster.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
LAB = "three-step-sequence"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lab_list_puts_the_id_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lab", "list")
    assert code == 0
    assert LAB in [line.split("\t")[0] for line in out.splitlines()]


def test_lab_start_then_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "lab", "start", LAB)
    assert code == 0 and (tmp_path / LAB / "chart" / "Chart.yaml").exists()
    assert (tmp_path / LAB / "three-step-sequence.ipynb").exists()
    code, _, _ = run(capsys, "lab", "start", "schema-init")
    assert code == 0 and (tmp_path / "schema-init" / "postgres.yaml").exists()
    code, out, _ = run(capsys, "lab", "check", LAB, f"{LAB}/chart")
    assert code == 1 and "Some checks fail" in out
    shutil.copy(ROOT / "solutions" / LAB / "templates" / "hooks" / "sequence.yaml",
                tmp_path / LAB / "chart" / "templates" / "hooks" / "sequence.yaml")
    code, out, _ = run(capsys, "lab", "check", LAB, f"{LAB}/chart", "--json")
    report = json.loads(out)
    assert code == 0 and report["passed"] and report["score"] == report["max_score"]
    assert all(not c["hidden"] for c in report["checks"])


def test_lab_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "lab", "check", "no-such-lab", ".")
    assert code == 1 and 'unknown lab "no-such-lab"' in err
    code, _, err = run(capsys, "lab", "frob")
    assert code == 1 and "invalid choice" in err


def test_grade_a_class_to_csv_with_hidden_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    subs = tmp_path / "subs"
    shutil.copytree(ROOT / "solutions" / LAB, subs / "alice")
    shutil.copytree(ROOT / "labs" / "02-three-step-sequence" / "chart", subs / "bob")
    (subs / "carol").mkdir()  # handed in nothing
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "grade", LAB, "subs", "--format", "csv", "--jobs", "2",
                       "--hidden", str(ROOT / "instructor" / "hidden"))
    assert code == 0
    rows = {r["submission"]: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) == {"alice", "bob", "carol"}
    if rows["alice"]["score"] != rows["alice"]["max_score"]:
        # Say why: the JSON report carries each failing check's message.
        run(capsys, "grade", LAB, "subs", "--format", "json", "--jobs", "1",
            "--hidden", str(ROOT / "instructor" / "hidden"))
    assert rows["alice"]["score"] == rows["alice"]["max_score"], capsys.readouterr()
    assert "not-on-install" in rows["alice"]  # hidden checks are columns for the instructor
    assert int(rows["bob"]["score"]) < int(rows["bob"]["max_score"])
    assert rows["carol"]["score"] == "0" and "no Chart.yaml" in rows["carol"]["problem"]


def test_grade_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    subs = tmp_path / "subs"
    shutil.copytree(ROOT / "solutions" / LAB, subs / "alice")
    monkeypatch.chdir(tmp_path)
    for fmt, probe in (("json", '"submission": "alice"'), ("junit", "<testsuite name=\"alice\""),
                       ("gradescope", '"max_score"')):
        code, out, _ = run(capsys, "grade", LAB, "subs", "--format", fmt)
        assert code == 0 and probe in out, out


def test_grade_stops_a_submission_that_takes_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    subs = tmp_path / "subs"
    shutil.copytree(ROOT / "solutions" / LAB, subs / "slow")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "grade", LAB, "subs", "--format", "json", "--timeout", "0.01")
    report = json.loads(out)[0]
    assert report["score"] == 0 and "was stopped" in report["problem"]
