"""`helm template`: exact output layout, flags and error texts (pkg/cmd/template.go)."""

from __future__ import annotations

from minicluster.helm.main import run_helm

from .conftest import _Cluster, write_chart

CHART = {
    "Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    "values.yaml": "port: 80\nname: web\n",
    "templates/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n"
                          "spec:\n  ports: [{port: {{ .Values.port }}}]\n",
    "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
                         "  namespace: {{ .Release.Namespace }}\n---\n# empty doc above\n"
                         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm2\n",
    "templates/hook.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n"
                           "  annotations:\n    helm.sh/hook: pre-install\n",
    "templates/test.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: smoke\n"
                           "  annotations:\n    helm.sh/hook: test\n",
    "templates/bogus.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: gone\n"
                            "  annotations:\n    helm.sh/hook: pre-instal\n",
    "templates/_helpers.tpl": "{{ define \"x\" }}x{{ end }}",
    "templates/empty.yaml": "{{- if false }}\nnothing: here\n{{- end }}\n",
    "templates/NOTES.txt": "Thanks for installing {{ .Release.Name }}.\n",
    "crds/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                     "metadata:\n  name: things.example.com\n",
}

CM = ("---\n# Source: web/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
      "  name: cm\n  namespace: {ns}\n")
CM2 = ("---\n# Source: web/templates/cm.yaml\n# empty doc above\napiVersion: v1\nkind: ConfigMap\n"
       "metadata:\n  name: cm2\n")
SVC = ("---\n# Source: web/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n"
       "  name: {name}\nspec:\n  ports: [{{port: {port}}}]\n")
HOOK = ("---\n# Source: web/templates/hook.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n"
        "  name: migrate\n  annotations:\n    helm.sh/hook: pre-install\n")
TEST = ("---\n# Source: web/templates/test.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n"
        "  name: smoke\n  annotations:\n    helm.sh/hook: test\n")


def _chart(helm):
    write_chart(helm.cwd / "web", CHART)


def test_default_output_layout(helm):
    _chart(helm)
    result = helm("template ./web")
    assert result.exit_code == 0, result.stderr
    # Manifests in install order (ConfigMap before Service), each document keeping its
    # trailing newline (Helm 4), then hooks, also in install order (Pod before Job);
    # NOTES.txt, partials, empty files and the unknown-event hook are not printed.
    expected = (CM.format(ns="default") + "\n" + CM2 + "\n"
                + SVC.format(name="release-name", port=80).rstrip("\n") + "\n"
                + TEST + "\n" + HOOK + "\n")
    assert result.stdout == expected
    assert result.stderr == 'level=INFO msg="skipping unknown hooks" hookTypes=pre-instal\n'


def test_helm3_splits_and_logs_like_helm3(helm3):
    write_chart(helm3.cwd / "web", CHART)
    result = helm3("template ./web")
    assert result.exit_code == 0, result.stderr
    # Helm 3 trims every document (no blank line after each), and its unknown-hook
    # diagnostic is a Go log.Printf line with the file:line prefix, not a slog record.
    expected = (CM.format(ns="default") + CM2 + SVC.format(name="release-name", port=80)
                + TEST + HOOK)
    assert result.stdout == expected
    assert result.stderr == 'manifest_sorter.go:199: info: skipping unknown hook: "pre-instal"\n'


def test_values_from_stdin(helm):
    _chart(helm)
    result = run_helm(_Cluster(helm.cwd), ["template", "./web", "-f", "-", "-s", "templates/svc.yaml"],
                      stdin="port: 9090\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SVC.format(name="release-name", port=9090) + "\n"
    # Without a caller-provided stdin, `-f -` is an error rather than a hang.
    result = run_helm(_Cluster(helm.cwd), ["template", "./web", "-f", "-"])
    assert (result.exit_code, result.stderr) == (
        1, "Error: reading values from stdin is not supported here\n")


def test_name_namespace_and_values(helm, tmp_path):
    _chart(helm)
    (tmp_path / "v.yaml").write_text("port: 8080\n")
    result = helm("template myrel web -n prod -f v.yaml --set port=9090 --no-hooks")
    assert result.stdout == (CM.format(ns="prod") + "\n" + CM2 + "\n"
                             + SVC.format(name="myrel", port=9090).rstrip("\n") + "\n")


def test_skip_tests_and_include_crds(helm):
    _chart(helm)
    out = helm("template web --skip-tests --include-crds").stdout
    assert out.startswith("---\n# Source: web/crds/crd.yaml\napiVersion: apiextensions.k8s.io/v1\n")
    assert "# Source: web/templates/test.yaml" not in out
    assert "# Source: web/templates/hook.yaml" in out


def test_show_only(helm):
    _chart(helm)
    out = helm("template web -s templates/svc.yaml -s templates/c*.yaml").stdout
    assert out == ("---\n" + SVC.format(name="release-name", port=80)[4:] + "\n"
                   + "---\n" + CM.format(ns="default")[4:] + "\n\n" + "---\n" + CM2[4:] + "\n\n")
    missing = helm("template web --show-only templates/nope.yaml")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: could not find template templates/nope.yaml in chart\n"


def test_hooks_only_chart_starts_with_a_blank_line(helm):
    write_chart(helm.cwd / "h", {"Chart.yaml": "apiVersion: v2\nname: h\nversion: 1.0.0\n",
                                 "templates/hook.yaml": CHART["templates/hook.yaml"]})
    out = helm("template h").stdout
    assert out == "\n" + HOOK.replace("web/", "h/") + "\n"


def test_capabilities_flags(helm):
    write_chart(helm.cwd / "c", {
        "Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
        "templates/t.yaml": "kube: {{ .Capabilities.KubeVersion }}\n"
                            "has: {{ .Capabilities.APIVersions.Has \"example.com/v1\" }}\n"
                            "upgrade: {{ .Release.IsUpgrade }}\n"})
    assert "kube: v1.36.0\nhas: false\nupgrade: false" in helm("template c").stdout
    out = helm("template c --kube-version 1.29 --api-versions example.com/v1 --is-upgrade").stdout
    assert "kube: v1.29.0\nhas: true\nupgrade: true" in out
    bad = helm("template c --kube-version banana")
    assert bad.stderr == ("Error: invalid kube version 'banana': could not parse \"banana\" "
                          "as version\n")


def test_errors(helm):
    _chart(helm)
    assert helm("template ./nope").stderr == 'Error: path "./nope" not found\n'
    assert helm("template").stderr.startswith('Error: "helm template" requires at least 1 argument')
    assert helm("template a b c").stderr == ("Error: expected at most two arguments, unexpected "
                                             "arguments: c\n")
    bad_name = helm("template Bad_Name web").stderr
    assert bad_name.startswith('Error: release name check failed: release name "Bad_Name": '
                               "invalid release name, must match regex")
    write_chart(helm.cwd / "broken", {"Chart.yaml": "apiVersion: v2\nname: broken\nversion: 1\n",
                                      "templates/t.yaml": "{{ .Values.a.b }}\n"})
    # Helm 4's reformatted exec error, plus the hint Helm adds for render-phase failures.
    assert helm("template broken").stderr == (
        "Error: broken/templates/t.yaml:1:10\n  executing \"broken/templates/t.yaml\" at "
        "<.Values.a.b>:\n    nil pointer evaluating interface {}.b\n\n"
        "Use --debug flag to render out invalid YAML\n")


def test_chart_level_errors(helm):
    write_chart(helm.cwd / "lib", {"Chart.yaml": "apiVersion: v2\nname: lib\nversion: 1.0.0\n"
                                                 "type: library\n"})
    assert helm("template lib").stderr == "Error: library charts are not installable\n"
    write_chart(helm.cwd / "old", {"Chart.yaml": "apiVersion: v2\nname: old\nversion: 1.0.0\n"
                                                 "kubeVersion: <1.20.0\n"})
    assert helm("template old").stderr == (
        "Error: chart requires kubeVersion: <1.20.0 which is incompatible with Kubernetes "
        "v1.36.0\n\nUse --debug flag to render out invalid YAML\n")
    write_chart(helm.cwd / "deps", {"Chart.yaml": "apiVersion: v2\nname: deps\nversion: 1.0.0\n"
                                                  "dependencies:\n- name: redis\n  version: 1.x\n"
                                                  "  repository: https://example.com\n"})
    assert helm("template deps").stderr == (
        "Error: an error occurred while checking for chart dependencies. You may need to run "
        "'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing "
        "in charts/ directory: redis\n")
    (helm.cwd / "nochart").mkdir()
    assert helm("template nochart").stderr == (
        f"Error: unable to detect chart at {helm.cwd}/nochart/Chart.yaml: open "
        f"{helm.cwd}/nochart/Chart.yaml: no such file or directory\n")


def test_schema_error_has_no_debug_hint(helm):
    write_chart(helm.cwd / "s", {
        "Chart.yaml": "apiVersion: v2\nname: s\nversion: 1.0.0\n",
        "values.yaml": "port: 80\n",
        "values.schema.json": '{"type": "object", "properties": {"port": {"type": "integer"}}}'})
    assert helm("template s --set-string port=x").stderr == (
        "Error: values don't meet the specifications of the schema(s) in the following "
        "chart(s):\ns:\n- at '/port': got string, want integer\n\n")
    assert helm("template s --set port=8").exit_code == 0


def test_output_dir_stays_inside_the_working_directory(helm):
    _chart(helm)
    result = helm("template web --output-dir out")
    assert result.stdout.splitlines()[0] == "wrote out/web/templates/cm.yaml"
    written = (helm.cwd / "out" / "web" / "templates" / "cm.yaml").read_text()
    assert written == CM.format(ns="default") + "\n" + CM2 + "\n"
    refused = helm("template web --output-dir /tmp/elsewhere")
    assert refused.exit_code == 1 and "only writes inside the working directory" in refused.stderr


def test_coalescing_warnings_go_to_stderr_as_slog_lines(helm):
    write_chart(helm.cwd / "w", {"Chart.yaml": "apiVersion: v2\nname: w\nversion: 1.0.0\n",
                                 "values.yaml": "image: {tag: v1}\nport: 80\n",
                                 "templates/t.yaml": "port: {{ .Values.port }}\n"})
    result = helm("template w --set port.x=1")
    assert result.stderr == 'level=INFO msg="warning: skipped value for w.port: Not a table."\n'
    assert result.stdout == "---\n# Source: w/templates/t.yaml\nport: map[x:1]\n"
    failing = helm("template w --set port.x=1 --set-json image=[1]")
    assert failing.exit_code == 0
    assert failing.stderr.count("level=INFO") == 1
