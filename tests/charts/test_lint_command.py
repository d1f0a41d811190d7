"""`helm lint`: output format and exit codes, and minicluster's hook checks."""

from __future__ import annotations

from .conftest import write_chart

BASE = {"Chart.yaml": "apiVersion: v2\nname: hooks\nversion: 0.1.0\nicon: https://x.io/i.png\n",
        "values.yaml": "a: 1\n"}


def _hook(annotations: str, spec: str = "  backoffLimit: 0\n  activeDeadlineSeconds: 60\n"
          "  template:\n    spec:\n      restartPolicy: Never\n      containers: []\n",
          kind: str = "Job") -> str:
    return (f"apiVersion: batch/v1\nkind: {kind}\nmetadata:\n  name: job\n  annotations:\n"
            f"{annotations}spec:\n{spec}")


def test_clean_chart_output(helm):
    helm("create mychart")
    result = helm("lint mychart")
    assert result.stdout == ("==> Linting mychart\n[INFO] Chart.yaml: icon is recommended\n\n"
                             "1 chart(s) linted, 0 chart(s) failed\n")
    assert result.exit_code == 0
    quiet = helm("lint mychart --quiet")
    assert quiet.stdout == "" and quiet.exit_code == 0


def test_failure_exit_code_and_summary(helm):
    write_chart(helm.cwd / "bad", {"Chart.yaml": "apiVersion: v2\nname: bad\nversion: one\n"})
    result = helm("lint bad")
    assert result.exit_code == 1
    assert result.stderr == "Error: 1 chart(s) linted, 1 chart(s) failed\n"
    assert result.stdout == (
        "==> Linting bad\n[ERROR] Chart.yaml: version 'one' is not a valid SemVer\n"
        "[INFO] Chart.yaml: icon is recommended\n"
        "[WARNING] Chart.yaml: version 'one' is not a valid SemVerV2\n"
        "[INFO] values.yaml: file does not exist\n"
        "[WARNING] templates/: directory does not exist\n"
        "[ERROR] : unable to load chart\n\tvalidation: chart.metadata.version \"one\" is invalid\n\n")


def test_not_a_chart(helm):
    (helm.cwd / "empty").mkdir()
    result = helm("lint empty")
    assert result.stdout == (f"==> Linting empty\nError unable to check Chart.yaml file in chart: "
                             f"stat {helm.cwd}/empty/Chart.yaml: no such file or directory\n\n")
    assert result.stderr == "Error: 1 chart(s) linted, 1 chart(s) failed\n"


def test_strict_makes_warnings_fail(helm):
    write_chart(helm.cwd / "w", {**BASE, "templates/t.yaml": "  apiVersion: v1\n  kind: ConfigMap\n"
                                 "  metadata:\n    name: ok\n"})
    assert helm("lint w").exit_code == 0
    assert helm("lint w --strict").exit_code == 1


def _lint_hooks(helm, template: str) -> list[str]:
    write_chart(helm.cwd / "hooks", {**BASE, "templates/job.yaml": template})
    result = helm("lint hooks")
    assert result.exit_code == 0, result.stdout + result.stderr  # never a Helm failure
    return [line for line in result.stdout.splitlines() if "(minicluster)" in line]


def test_hook_checks_quiet_on_a_good_hook(helm):
    assert _lint_hooks(helm, _hook('    "helm.sh/hook": pre-install\n'
                                   '    "helm.sh/hook-weight": "-1"\n'
                                   '    "helm.sh/hook-delete-policy": hook-succeeded\n')) == []


def test_unknown_event(helm):
    lines = _lint_hooks(helm, _hook('    "helm.sh/hook": pre-instal,post-install\n'))
    assert lines == [
        '[WARNING] templates/job.yaml: (minicluster) Job "job": unknown hook event "pre-instal" '
        '(did you mean "pre-install"?); real Helm silently drops the whole resource: it is '
        "neither installed nor run as a hook"]


def test_misspelled_annotation_keys(helm):
    lines = _lint_hooks(helm, _hook('    "helm.sh/hooks": pre-install\n'
                                    '    "helm.sh/hook-weigth": "1"\n'
                                    '    "helm.sh/hook-delete": hook-succeeded\n'))
    assert [line.split('annotation "')[1].split('"')[0] for line in lines] == [
        "helm.sh/hooks", "helm.sh/hook-weigth", "helm.sh/hook-delete"]
    assert 'did you mean "helm.sh/hook-weight"?' in lines[1]
    assert 'did you mean "helm.sh/hook-delete-policy"?' in lines[2]
    assert all("ignores it" in line for line in lines)


def test_weights(helm):
    numeric = _lint_hooks(helm, _hook('    "helm.sh/hook": pre-install\n'
                                      '    "helm.sh/hook-weight": 5\n'))
    assert len(numeric) == 1 and "hook weight is a YAML number (5), not a string" in numeric[0]
    assert "API server rejects" in numeric[0]
    bad = _lint_hooks(helm, _hook('    "helm.sh/hook": pre-install\n'
                                  '    "helm.sh/hook-weight": "1.5"\n'))
    assert bad == ['[WARNING] templates/job.yaml: (minicluster) Job "job": hook weight "1.5" is '
                   "not an integer; real Helm silently uses weight 0"]


def test_delete_policies(helm):
    lines = _lint_hooks(helm, _hook('    "helm.sh/hook": pre-install\n'
                                    '    "helm.sh/hook-delete-policy": hook-succeded,before-hook-creation\n'))
    assert lines == [
        '[WARNING] templates/job.yaml: (minicluster) Job "job": unknown hook delete policy '
        '"hook-succeded" (did you mean "hook-succeeded"?); real Helm stores it and never acts on '
        "it, and the default before-hook-creation no longer applies"]


def test_hook_job_spec(helm):
    lines = _lint_hooks(helm, _hook('    "helm.sh/hook": post-install\n',
                                    spec="  template:\n    spec:\n      containers: []\n"))
    assert len(lines) == 2
    assert "without spec.template.spec.restartPolicy" in lines[0]
    assert lines[1].startswith('[INFO] templates/job.yaml: (minicluster) Job "job": hook Job '
                               "without backoffLimit or activeDeadlineSeconds")


def test_hook_checks_can_be_turned_off(helm):
    write_chart(helm.cwd / "hooks", {**BASE, "templates/job.yaml": _hook('    "helm.sh/hook": nope\n')})
    assert "(minicluster)" in helm("lint hooks").stdout
    assert "(minicluster)" not in helm("lint hooks --no-hook-checks").stdout


def test_with_subcharts_lints_each_in_walk_order(helm):
    import shutil

    from .conftest import FIXTURES

    shutil.copytree(FIXTURES / "umbrella", helm.cwd / "umbrella")
    result = helm("lint umbrella --with-subcharts")
    assert [line for line in result.stdout.splitlines() if line.startswith("==>")] == [
        "==> Linting umbrella", "==> Linting umbrella/charts/cache-1.0.0.tgz",
        "==> Linting umbrella/charts/db", "==> Linting umbrella/charts/libchart"]
    # db alone has no global.registry, so its templates fail, as with real Helm
    assert result.stderr.endswith("Error: 4 chart(s) linted, 1 chart(s) failed\n")
