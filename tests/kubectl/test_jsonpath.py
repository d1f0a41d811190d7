"""kubectl's JSONPath, compared with real kubectl 1.32 where it is installed.

`kubectl label --local -f FILE` runs the same jsonpath printer as `get` without a server; the
kubeconfig names 127.0.0.1:1 so that nothing can reach a network.
"""

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from minicluster.kubectl.printing.jsonpath import JSONPathError, render

JOB = {
    "apiVersion": "batch/v1",
    "kind": "Job",
    "metadata": {"name": "hello", "labels": {"app": "a", "tier": "db"}},
    "spec": {
        "backoffLimit": 3,
        "template": {
            "spec": {
                "restartPolicy": "Never",
                "containers": [
                    {"name": "c", "image": "busybox", "command": ["sh", "-c", "echo <hi>"],
                     "ports": [{"containerPort": 80}]},
                    {"name": "d", "image": "nginx:1.25"},
                ],
            }
        },
    },
}

TEMPLATES = [
    "{.metadata.name}",
    "name={.metadata.name} limit={.spec.backoffLimit}",
    "{.metadata}",
    "{.metadata.labels}",
    "{.spec.template.spec.containers[*].name}",
    "{.spec.template.spec.containers[0].command}",
    "{.spec.template.spec.containers[-1:].name}",
    "{.spec.template.spec.containers[0:2:1].image}",
    "{.spec.template.spec.containers[*]['name','image']}",
    "{.spec.template.spec.containers[0,1].name}",
    '{range .spec.template.spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}',
    "{range .spec.template.spec.containers[*]}[{range .command[*]}<{@}>{end}]{end}",
    '{.spec.template.spec.containers[?(@.name=="d")].image}',
    '{.spec.template.spec.containers[?(@.name!="d")].image}',
    "{.spec.template.spec.containers[?(@.ports)].name}",
    "{.spec.template.spec.containers[?(@.ports[0].containerPort>79)].name}",
    "{.spec.nothing.here}",
    "{.metadata.name}{1.5}{true}{'q'}",
    "{.spec.backoffLimit}",
    "{$.kind}",
    "plain text only",
]

ERRORS = [
    ("{.items[", "unterminated array"),
    ("{.metadata.name", "unclosed action"),
    ("{%}", "unrecognized character in action: U+0025 '%'"),
    ("{.spec.template.spec.containers[5]}", "array index out of bounds: index 5, length 2"),
    ('{.spec.template.spec.containers[?(@.name==1)]}', "incompatible types for comparison"),
    ("{end}", "not in range, nothing to end"),
]


def _expected_object():
    obj = yaml.safe_load(yaml.safe_dump(JOB))
    obj["metadata"]["labels"]["x"] = "y"  # what `kubectl label ... x=y` adds
    return obj


@pytest.mark.parametrize("template", TEMPLATES)
def test_render_matches_recorded_semantics(template):
    # Each template renders without error; the oracle test below checks the exact bytes.
    assert isinstance(render(template, _expected_object()), str)


def test_map_iteration_is_sorted():
    # Go visits map entries in random order for `*` and `..`; the kit picks sorted keys.
    obj = _expected_object()
    assert render("{.metadata.labels.*}", obj) == "a db y"
    assert render("{..image}", obj) == "busybox nginx:1.25"


def test_known_outputs():
    obj = _expected_object()
    assert render("{.spec.template.spec.containers[*].name}", obj) == "c d"
    assert render("{.spec.template.spec.containers[0].command}", obj) == \
        '["sh","-c","echo \\u003chi\\u003e"]'
    assert render('{range .spec.template.spec.containers[*]}{.name}{"\\t"}{end}', obj) == "c\td\t"
    assert render("{.spec.nothing.here}", obj) == ""
    assert render("{.metadata.labels}", obj) == '{"app":"a","tier":"db","x":"y"}'


@pytest.mark.parametrize(("template", "message"), ERRORS)
def test_errors(template, message):
    with pytest.raises(JSONPathError) as info:
        render(template, _expected_object())
    assert str(info.value) == message


KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
  name: c
contexts:
- context: {cluster: c, user: u}
  name: c
current-context: c
users:
- name: u
  user: {token: x}
"""


@pytest.mark.oracle
@pytest.mark.skipif(shutil.which("kubectl") is None, reason="real kubectl not installed")
def test_against_real_kubectl(tmp_path):
    (tmp_path / "job.yaml").write_text(yaml.safe_dump(JOB))
    (tmp_path / "config").write_text(KUBECONFIG)
    env = {**os.environ, "KUBECONFIG": str(tmp_path / "config")}
    obj = _expected_object()

    def call(template):
        return subprocess.run(
            ["kubectl", "label", "--local", "-f", str(tmp_path / "job.yaml"), "x=y",
             "-o", f"jsonpath={template}"],
            capture_output=True, text=True, env=env, timeout=60,
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        reals = list(pool.map(call, TEMPLATES))
    mismatches = []
    for template, real in zip(TEMPLATES, reals):
        ours = render(template, obj)
        if real.returncode != 0 or real.stdout != ours:
            mismatches.append((template, real.stdout, real.stderr, ours))
    assert mismatches == []
