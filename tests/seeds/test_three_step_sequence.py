"""Pattern 7 (exercise 6): three pre-upgrade Jobs by weight; with hook-succeeded they are gone,
so "kubectl get jobs to see all three" shows nothing."""

from __future__ import annotations

import shutil

import pytest

from tests.seeds.kit import EXAMPLES, names, new_cluster, ok

STEPS = ["my-app-my-agent-chart-step-1-backup", "my-app-my-agent-chart-step-2-migrate",
         "my-app-my-agent-chart-step-3-verify"]


@pytest.mark.parametrize("helm_version", [4, 3])
def test_sequence_runs_in_weight_order_and_leaves_no_jobs(helm_version):
    c = new_cluster(helm_version)
    ok(c.helm("install my-app ./three-step-sequence"))
    start = c.now()
    ok(c.helm("upgrade my-app ./three-step-sequence"))
    assert c.now() - start >= 6  # three Jobs of `sleep 2`, one after another
    # The tutorial's "kubectl get jobs to see all three Jobs": hook-succeeded removed them.
    jobs = c.kubectl("get jobs")
    assert (jobs.stdout, jobs.stderr) == ("", "No resources found in default namespace.\n")

    # Without hook-succeeded they stay, and their start times follow the weights.
    ok(c.helm("upgrade my-app ./three-step-sequence --set deletePolicy=before-hook-creation"))
    assert names(c, "jobs") == STEPS
    starts = [ok(c.kubectl(f"get job {j} -o jsonpath={{.status.startTime}}")).stdout
              for j in STEPS]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert [ok(c.kubectl(f"logs job/{j}")).stdout for j in STEPS] == [
        "Step 1: Backing up data\n", "Step 2: Running migration\n",
        "Step 3: Verifying migration\n"]


@pytest.mark.parametrize("helm_version", [4, 3])
def test_tutorial_yaml_unquoted_colon_is_a_map(tmp_path, helm_version):
    """`- echo "Step 1: Backing up data" && sleep 2` is a YAML mapping (": "), not a string:
    the upgrade fails when the API server decodes the Job."""
    chart = tmp_path / "three-step-sequence"
    shutil.copytree(EXAMPLES / "three-step-sequence", chart)
    template = chart / "templates" / "sequence.yaml"
    verbatim = template.read_text().replace(
        """- 'echo "Step 1: Backing up data" && sleep 2'""",
        """- echo "Step 1: Backing up data" && sleep 2""")
    template.write_text(verbatim)
    c = new_cluster(helm_version)
    ok(c.helm(["install", "my-app", str(chart)]))
    failed = c.helm(["upgrade", "my-app", str(chart)])
    assert failed.exit_code == 1
    decode = ('Job in version "v1" cannot be handled as a Job: json: cannot unmarshal object '
              "into Go struct field Container.spec.template.spec.containers.command of type "
              "string")
    prefix = ("Error: UPGRADE FAILED: pre-upgrade hooks failed: warning: Hook pre-upgrade "
              "my-agent-chart/templates/sequence.yaml failed: ")
    if helm_version == 4:
        # Helm 4 installs with server-side apply, and creates hooks the same way.
        assert failed.stderr.splitlines()[-1] == (
            f"{prefix}server-side apply failed for object default/{STEPS[0]} batch/v1, "
            f"Kind=Job: {decode}")
    else:
        assert failed.stderr == f"{prefix}1 error occurred:\n\t* {decode}\n\n\n"
    assert names(c, "jobs") == []
