"""Every lab: its solution passes every check, its starter fails, and each known-wrong variant
fails exactly the check it targets, with the right message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from minicluster.grading.cli import labs_root
from minicluster.grading.registry import add_hidden_checks, all_labs
from minicluster.grading.runner import fresh_lab, run_checks

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = Path(__file__).resolve().parent / "variants"
HIDDEN = ROOT / "instructor" / "hidden"
LABS = all_labs()


def _with_hidden(lab_id: str):  # type: ignore[no-untyped-def]
    lab = fresh_lab(LABS[lab_id])
    add_hidden_checks(lab, str(HIDDEN))
    return lab


@pytest.mark.parametrize("lab_id", sorted(LABS))
def test_solution_passes_every_check_including_hidden(lab_id: str) -> None:
    report = run_checks(_with_hidden(lab_id), str(ROOT / "solutions" / lab_id),
                        include_hidden=True)
    failing = [(r.id, r.message) for r in report.results if not r.passed]
    assert failing == [], report.text()
    assert any(r.hidden for r in report.results), "each lab needs at least one hidden check"


@pytest.mark.parametrize("lab_id", sorted(LABS))
def test_starter_fails(lab_id: str) -> None:
    lab = LABS[lab_id]
    report = run_checks(lab, os.path.join(labs_root(), lab.starter))
    assert not report.passed
    assert report.score < report.max_score


def _variants() -> list[tuple[str, str]]:
    found = []
    for lab_dir in sorted(p for p in VARIANTS.iterdir() if p.is_dir()) if VARIANTS.exists() else []:
        for variant in sorted(lab_dir.iterdir()):
            if variant.is_dir():
                found.append((lab_dir.name, variant.name))
    return found


def test_every_lab_has_three_known_wrong_variants() -> None:
    for lab_id in LABS:
        count = sum(1 for lab, _ in _variants() if lab == lab_id)
        assert count >= 3, f"lab {lab_id} has {count} known-wrong variants"


@pytest.mark.parametrize("lab_id,variant", _variants())
def test_known_wrong_variant_fails_the_right_check(lab_id: str, variant: str, tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    shutil.copytree(ROOT / "solutions" / lab_id, chart)
    source = VARIANTS / lab_id / variant
    for path in source.rglob("*"):
        if path.is_file() and path.name != "EXPECT":
            target = chart / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    check_id, message = (source / "EXPECT").read_text().splitlines()[:2]
    only = not check_id.endswith("*")
    check_id = check_id.rstrip("*")
    report = run_checks(_with_hidden(lab_id), str(chart), include_hidden=True)
    failing = {r.id: r for r in report.results if not r.passed}
    assert check_id in failing, report.text()
    assert message in failing[check_id].message, failing[check_id].message
    assert not any(r.error for r in report.results), report.text()
    if only:
        assert set(failing) == {check_id}, report.text()


def test_visible_report_never_mentions_hidden_checks() -> None:
    lab_id = "three-step-sequence"
    chart = ROOT / "tests" / "grading" / "variants"  # no chart here: every check fails
    report = run_checks(_with_hidden(lab_id), str(chart), include_hidden=True).visible()
    text = report.text() + report.to_json() + report._repr_html_()
    for check in _with_hidden(lab_id).checks:
        if check.hidden:
            assert check.id not in text and check.title not in text
