"""split_manifests against the facts of helm-hooks-semantics.md sections 1-3."""

from __future__ import annotations

import pytest

from minicluster.helm.manifests import (
    ManifestError,
    execution_order,
    manifest_text,
    parse_weight,
    split_documents,
    split_manifests,
)


def doc(kind: str, name: str, **annotations: str) -> str:
    lines = [f"apiVersion: v1\nkind: {kind}\nmetadata:\n  name: {name}"]
    if annotations:
        lines.append("  annotations:")
        lines += [f'    "{k}": "{v}"' for k, v in annotations.items()]
    return "\n".join(lines) + "\n"


HOOK = "helm.sh/hook"
WEIGHT = "helm.sh/hook-weight"
POLICY = "helm.sh/hook-delete-policy"


def test_hooks_and_manifests_are_separated():
    hooks, manifests = split_manifests({
        "c/templates/cm.yaml": doc("ConfigMap", "plain"),
        "c/templates/job.yaml": doc("Job", "migrate", **{HOOK: "pre-install,pre-upgrade"}),
    })
    assert [m.name for m in manifests] == ["plain"]
    assert [(h.name, h.events, h.path) for h in hooks] == [
        ("migrate", ["pre-install", "pre-upgrade"], "c/templates/job.yaml")]
    assert hooks[0].delete_policies == []
    assert hooks[0].last_run.phase == ""


def test_test_success_is_an_alias_and_test_failure_drops_the_resource():
    log: list[str] = []
    hooks, manifests = split_manifests({
        "c/templates/a.yaml": doc("Pod", "ok", **{HOOK: "test-success"}),
        "c/templates/b.yaml": doc("Pod", "bad", **{HOOK: "test-failure"}),
        "c/templates/c.yaml": doc("Job", "crd", **{HOOK: "pre-install, crd-install"}),
    }, log=log)
    assert [(h.name, h.events) for h in hooks] == [("ok", ["test"])]
    assert manifests == []
    assert log == ['level=INFO msg="skipping unknown hooks" hookTypes=test-failure',
                   'level=INFO msg="skipping unknown hooks" hookTypes="pre-install, crd-install"']


def test_unknown_hook_log_in_helm3():
    log: list[str] = []
    split_manifests({"c/templates/b.yaml": doc("Pod", "bad", **{HOOK: "test-failure"})},
                    helm_version=3, log=log)
    assert log == ['manifest_sorter.go:199: info: skipping unknown hook: "test-failure"']


@pytest.mark.parametrize("text,weight", [
    (None, 0), ("", 0), ("5", 5), ("+5", 5), ("007", 7), ("-5", -5), (" 5", 0), ("5 ", 0),
    ("5.0", 0), ("1e3", 0), ("0x10", 0), ("1_000", 0), ("high", 0),
    ("99999999999999999999", 0),
])
def test_weight_parsing_is_go_atoi(text, weight):
    assert parse_weight(text) == weight


def test_unquoted_weight_is_read_as_a_number():
    text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n" \
           "    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 5\n"
    hooks, _ = split_manifests({"c/templates/j.yaml": text})
    assert hooks[0].weight == 5


def test_execution_order_is_weight_then_name_and_kind_only_breaks_name_ties():
    hooks, _ = split_manifests({
        "c/templates/a.yaml": doc("ServiceAccount", "zeta", **{HOOK: "pre-install"})
        + "---\n" + doc("Job", "alpha", **{HOOK: "pre-install"})
        + "---\n" + doc("ConfigMap", "alpha", **{HOOK: "pre-install"}),
    })
    # stored order is the kind pre-sort
    assert [(h.kind, h.name) for h in hooks] == [
        ("ServiceAccount", "zeta"), ("ConfigMap", "alpha"), ("Job", "alpha")]
    assert [(h.kind, h.name) for h in execution_order(hooks, "pre-install")] == [
        ("ConfigMap", "alpha"), ("Job", "alpha"), ("ServiceAccount", "zeta")]


def test_names_compare_byte_by_byte_and_weights_numerically():
    hooks, _ = split_manifests({
        "c/templates/a.yaml": "---\n".join([
            doc("Job", "job-9", **{HOOK: "post-install"}),
            doc("Job", "job-10", **{HOOK: "post-install"}),
            doc("Job", "a", **{HOOK: "post-install"}),
            doc("Job", "Z", **{HOOK: "post-install"}),
            doc("Job", "late", **{HOOK: "post-install", WEIGHT: "10"}),
            doc("Job", "early", **{HOOK: "post-install", WEIGHT: "-5"}),
            doc("Job", "two", **{HOOK: "post-install", WEIGHT: "2"}),
        ])})
    assert [h.name for h in execution_order(hooks, "post-install")] == [
        "early", "Z", "a", "job-10", "job-9", "two", "late"]


def test_repeated_event_runs_twice():
    hooks, _ = split_manifests({"c/templates/a.yaml": doc("Job", "j", **{HOOK: "pre-install,pre-install"})})
    assert [h.name for h in execution_order(hooks, "pre-install")] == ["j", "j"]


def test_delete_policies_are_split_trimmed_lowercased_not_validated():
    hooks, _ = split_manifests({
        "c/templates/a.yaml": doc("Job", "a", **{HOOK: "pre-install", POLICY: " Hook-Succeeded, hook-failed"}),
        "c/templates/b.yaml": doc("Job", "b", **{HOOK: "pre-install", POLICY: ""}),
        "c/templates/c.yaml": doc("Job", "c", **{HOOK: "pre-install", POLICY: "hook-succeded"}),
    })
    assert [h.delete_policies for h in hooks] == [
        ["hook-succeeded", "hook-failed"], [""], ["hook-succeded"]]


def test_manifests_sorted_in_install_order_unknown_kinds_last():
    _, manifests = split_manifests({
        "c/templates/a.yaml": doc("Deployment", "web") + "---\n" + doc("Zebra", "z")
        + "---\n" + doc("Alpaca", "a") + "---\n" + doc("Service", "svc")
        + "---\n" + doc("ConfigMap", "cm"),
        "c/templates/_helpers.tpl": "junk: [",
        "c/templates/empty.yaml": "  \n",
    })
    assert [m.kind for m in manifests] == ["ConfigMap", "Service", "Deployment", "Alpaca", "Zebra"]
    assert manifest_text(manifests[:1]) == (
        "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n\n")


def test_webhook_kinds_are_known_only_in_helm4():
    files = {"c/templates/a.yaml": doc("ValidatingWebhookConfiguration", "v") + "---\n" + doc("Aardvark", "x")}
    assert [m.kind for m in split_manifests(files)[1]] == ["ValidatingWebhookConfiguration", "Aardvark"]
    assert [m.kind for m in split_manifests(files, helm_version=3)[1]] == ["Aardvark", "ValidatingWebhookConfiguration"]


def test_document_splitting_h4_keeps_trailing_whitespace_h3_trims():
    text = "\n\na: 1\n---\nb: 2\n\n---   \n\n---\nc: 3\n"
    assert split_documents(text, 4) == ["a: 1\n", "b: 2\n\n", "c: 3\n"]
    # H3's separator regex swallows the blank lines after `---   `, so the next `---` is
    # not at a separator position and stays in the document (a faithful Go quirk).
    assert split_documents(text, 3) == ["a: 1", "b: 2", "---\nc: 3"]
    assert split_documents("a: 1\n---\nb: 2\n", 3) == ["a: 1", "b: 2"]


def test_yaml_error_names_the_file():
    with pytest.raises(ManifestError) as err:
        split_manifests({"c/templates/bad.yaml": "kind: [\n"})
    assert err.value.message.startswith("YAML parse error on c/templates/bad.yaml: ")
