"""The Go types templates see in a chart's scope (.Values, .Capabilities, .Files), as fmt and
text/template print them, against real Helm."""

from __future__ import annotations

from minicluster.helm.chart import load_chart
from minicluster.helm.chart.capabilities import OFFLINE_KUBE_VERSION, make_capabilities
from minicluster.helm.render import render_chart
from tests.charts.conftest import write_chart

PROBE = """\
T={{ printf "%T" .Values }}
A={{ .Capabilities.KubeVersion }}
B={{ toString .Capabilities.KubeVersion }}
C={{ .Capabilities.KubeVersion | quote }}
D={{ print .Capabilities.KubeVersion }}
E={{ printf "%v" .Capabilities.KubeVersion }}
F={{ printf "%+v" .Capabilities.KubeVersion }}
G={{ printf "%#v" .Capabilities.KubeVersion }}
H={{ .Capabilities.KubeVersion.GitVersion }}
I={{ list .Capabilities.KubeVersion }}
J={{ printf "%T" .Capabilities.KubeVersion }}
K={{ printf "%v" .Capabilities | trunc 71 }}
L={{ .Files.nope }} {{ printf "%T" .Files.nope }}
M={{ printf "%#v" "q" }} {{ printf "%#v" (list "a" 1) }} {{ printf "%#v" (dict "k" "v") }}
N={{ printf "%T" .Values.sub }}
O={{ .Capabilities | toString | trunc 20 }}|{{ printf "%v" .Capabilities | trunc 20 }}
"""

CHART = {
    "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
    "values.yaml": "a: {b: 1}\nsub: {x: 2}\n",
    "templates/probe.txt": PROBE,
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "charts/sub/templates/s.txt": "S={{ printf \"%T\" .Values }}\n",
}

EXPECTED = {
    "c/charts/sub/templates/s.txt": "S=common.Values\n",
    "c/templates/probe.txt": """\
T=common.Values
A=v1.36.0
B={v1.36.0 v1.36.0 1 36}
C="{v1.36.0 v1.36.0 1 36}"
D={v1.36.0 v1.36.0 1 36}
E={v1.36.0 v1.36.0 1 36}
F={Version:v1.36.0 normalizedVersion:v1.36.0 Major:1 Minor:36}
G=common.KubeVersion{Version:"v1.36.0", normalizedVersion:"v1.36.0", Major:"1", Minor:"36"}
H=v1.36.0
I=[{v1.36.0 v1.36.0 1 36}]
J=common.KubeVersion
K=&{{v1.36.0 v1.36.0 1 36} [v1 admissionregistration.k8s.io/v1 admissionr
L=[] []uint8
M="q" []interface {}{"a", 1} map[string]interface {}{"k":"v"}
N=map[string]interface {}
O=&{{v1.36.0 v1.36.0 1|&{{v1.36.0 v1.36.0 1
""",
}

DIG = '{{ dig "a" "b" "def" .Values }}'
DIG_ERROR = ('template: c/templates/dig.txt:1:3: executing "c/templates/dig.txt" at '
             '<dig "a" "b" "def" .Values>: error calling dig: interface conversion: '
             'interface {} is common.Values, not map[string]interface {}')


def _render(path):
    return render_chart(load_chart(str(path)), {}, release_name="rel", namespace="ns",
                        kube_version=OFFLINE_KUBE_VERSION)


def test_scope_types_print_like_go(helm, tmp_path):
    write_chart(tmp_path / "c", CHART)
    got = _render(tmp_path / "c").rendered
    want = helm.Chart.load(str(tmp_path / "c")).render({}, name="rel", namespace="ns")
    assert want == EXPECTED
    assert got == EXPECTED


def test_dig_refuses_values_in_chart_and_subchart(helm, tmp_path):
    for where, template in (("templates/dig.txt", DIG),
                            ("charts/sub/templates/dig.txt", '{{ dig "x" 0 .Values }}')):
        root = tmp_path / where.replace("/", "_")
        write_chart(root, {**CHART, where: template})
        try:
            helm.Chart.load(str(root)).render({}, name="rel", namespace="ns")
        except Exception as exc:  # noqa: BLE001 - the oracle's refusal is the expectation
            want = str(exc)
        else:
            raise AssertionError("real Helm accepted dig on common.Values")
        try:
            _render(root)
        except Exception as exc:  # noqa: BLE001
            got = str(exc)
        else:
            raise AssertionError("minicluster accepted dig on common.Values")
        assert got == want
        if where.startswith("templates"):
            assert got == DIG_ERROR


JSON_PROBE = ("{{ toJson .Capabilities.KubeVersion }}\n{{ toJson .Capabilities | trunc 60 }}\n"
              "{{ toPrettyJson .Capabilities.KubeVersion }}\n")
JSON_EXPECTED = ('{"Version":"v1.36.0","Major":"1","Minor":"36"}\n'
                 '{"KubeVersion":{"Version":"v1.36.0","Major":"1","Minor":"36"\n'
                 '{\n  "Version": "v1.36.0",\n  "Major": "1",\n  "Minor": "36"\n}\n')


def test_struct_json_hooks_keep_go_field_order():
    caps = make_capabilities(OFFLINE_KUBE_VERSION)
    assert list(caps.json_value()) == ["KubeVersion", "APIVersions", "HelmVersion"]
    assert list(caps.KubeVersion.json_value()) == ["Version", "Major", "Minor"]
    assert list(caps.HelmVersion.json_value()) == ["version", "go_version", "kube_client_version"]
    assert all(getattr(v, "go_json_ordered", False)
               for v in (caps.json_value(), caps.KubeVersion.json_value()))


def test_to_json_of_structs_keeps_go_field_order(helm, tmp_path):
    write_chart(tmp_path / "c", {**CHART, "templates/probe.txt": JSON_PROBE})
    want = helm.Chart.load(str(tmp_path / "c")).render({}, name="rel", namespace="ns")
    assert want["c/templates/probe.txt"] == JSON_EXPECTED
    assert _render(tmp_path / "c").rendered["c/templates/probe.txt"] == JSON_EXPECTED
