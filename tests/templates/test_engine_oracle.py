"""Differential test: engine-only templates rendered by real Helm 4 (helm_python) and by us.

Each case is one `templates/t.yaml` (plus optional helpers) with JSON values; the outputs, or
the error messages, must be identical.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minicluster.templates.engine import Template, render
from minicluster.templates.errors import RenderError
from minicluster.templates.gotypes import Values

helm_python = pytest.importorskip("helm_python")

pytestmark = pytest.mark.oracle

V = {
    "s": "str",
    "n": 3,
    "f": 2.5,
    "big": 1234567,
    "z": 0,
    "t": True,
    "b": False,
    "l": ["a", "b", "c"],
    "nl": [1, 2, 3],
    "e": [],
    "m": {"b": 2, "a": 1, "B": "x", "10": "ten", "9": "nine"},
    "em": {},
    "nested": {"x": {"y": "deep"}},
    "nul": None,
    "lm": [{"name": "A", "v": 1}, {"name": "B", "v": None}],
}

CASES: list[tuple[str, str, dict[str, str]]] = [
    # printing and fmt
    ("print-values", "{{ .Values.s }}|{{ .Values.n }}|{{ .Values.f }}|{{ .Values.big }}|{{ .Values.l }}|{{ .Values.m }}|{{ .Values.e }}|{{ .Values.em }}|{{ .Values.nul }}|{{ .Values.lm }}", {}),
    ("print-literals", "{{ 1 }} {{ 1.0 }} {{ 1e6 }} {{ 0x10 }} {{ 017 }} {{ 0o17 }} {{ 0b11 }} {{ 1_000_000 }} {{ 'x' }} {{ '\\n' }} {{ -0.0 }} {{ .5 }} {{ 1. }} {{ 0x1p4 }} {{ 2i }} {{ 1+2i }}", {}),
    ("print-bools-strings", '{{ true }} {{ false }} {{ "a\\tb" }} {{ `raw\\n` }} {{ "\\u00e9\\x41\\101" }}', {}),
    ("printf-verbs", '{{ printf "%05d|%-5d|%+d|% d|%x|%X|%#x|%o|%#o|%O|%b|%c|%q|%U|%#U" 42 42 42 42 255 255 255 8 8 8 5 65 65 65 65 }}', {}),
    ("printf-floats", '{{ printf "%f|%.2f|%8.3f|%-8.2f|%e|%E|%.3e|%g|%G|%.3g|%.10g|%v|%+.1f|%08.2f" 3.14159 2.675 3.14159 3.14159 1234.5678 1234.5678 1234.5678 0.00001234 1e21 1234.5678 123456789.0 1e-7 2.0 -3.5 }}', {}),
    ("printf-strings", '{{ printf "%s|%10s|%-10s|%.2s|%q|%x|%X|% x|%#q|%v|%5.1s|" "héllo" "hi" "hi" "héllo" "a\\"b\\n" "hi" "hi" "hi" "back`tick" "v" "xyz" }}', {}),
    ("printf-bad", '{{ printf "%d %s %t %x" "s" 1 "x" true }}|{{ printf "%d" }}|{{ printf "%!" }}|{{ printf "%" }}|{{ printf "x" 1 "a" nil }}|{{ printf "%[2]s %[1]s" "a" "b" }}|{{ printf "%*d|%-*d" 5 1 4 2 }}|{{ printf "%.*f" 2 3.14159 }}', {}),
    ("printf-composites", '{{ printf "%v|%+v|%s|%d|%q|%x|%T|%T|%T" .Values.m .Values.l .Values.l .Values.nl .Values.l .Values.nl .Values.m .Values.l .Values.nul }}', {}),
    ("printf-nil", '{{ printf "%v|%s|%d|%T" nil nil nil nil }}|{{ printf "%v" .Values.missing }}', {}),
    ("print-println", '[{{ print 1 2 "a" "b" 3 true nil }}][{{ println 1 "a" }}][{{ print }}][{{ println }}][{{ print .Values.nul }}]', {}),
    ("printf-width-unicode", '{{ printf "%-4s|%4s|%04d|%x" "é" "é" -5 -255 }}', {}),
    ("html-js-urlquery", '{{ html "<a href=\'x\'>&\\"" }}|{{ js "a\'b\\"c<d>&=\\n\\u2028é" }}|{{ urlquery "a b/c?d=é&" }}|{{ html 1 2 }}|{{ js .Values.l }}', {}),
    # trim markers and comments
    ("trim", "a  \n\t {{- \"X\" }}  \n b\nc {{ \"Y\" -}} \n\t\r\n d {{- /* c */ -}}  e {{-\t\"T\"\t-}} f{{- 3 }}{{-3}}", {}),
    ("trim-nbsp", "a\u00a0{{- \"x\" -}}\u00a0b\u000b{{- \"y\" }}", {}),
    ("comments", "a{{/* one */}}b{{- /* two\nlines */}}c\n{{/* x */ -}}\n  d", {}),
    # variables and scope
    ("vars", "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}{{ with .Values.s }}{{ $x := . }}{{ $x }}{{ end }}{{ $x }}{{ $ := 5 }}{{ $ }}", {}),
    ("vars-range", "{{ $last := \"\" }}{{ range $i, $e := .Values.l }}{{ $last = $e }}{{ $i }}{{ end }}{{ $last }}{{ range $e := .Values.l }}{{ $e }}{{ end }}{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}", {}),
    ("range-assign-form", "{{ $i := 0 }}{{ $e := 0 }}{{ range $i, $e = .Values.l }}{{ end }}{{ $i }}{{ $e }}{{ $x := 0 }}{{ range $x = .Values.nl }}{{ end }}{{ $x }}", {}),
    ("range-forms", "{{ range .Values.e }}x{{ else }}empty{{ end }}|{{ range .Values.missing }}x{{ else }}nil{{ end }}|{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}|{{ range 0 }}{{ else }}zero{{ end }}|{{ range -1 }}{{ else }}neg{{ end }}|{{ range .Values.m }}{{ . }},{{ end }}|{{ range .Values.em }}{{ else }}em{{ end }}", {}),
    ("range-break-continue", "{{ range $i, $e := .Values.nl }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $e }}{{ range $.Values.l }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }};{{ end }}", {}),
    ("range-dot-root", "{{ range .Values.lm }}{{ .name }}:{{ $.Values.s }}:{{ .v }};{{ end }}", {}),
    ("with-else", "{{ with .Values.missing }}a{{ else with .Values.z }}b{{ else with .Values.s }}c={{ . }}{{ else }}d{{ end }}|{{ with .Values.e }}x{{ else }}empty{{ end }}|{{ with $v := .Values.s }}{{ $v }}{{ . }}{{ end }}", {}),
    ("if-chain", "{{ if .Values.z }}a{{ else if .Values.b }}b{{ else if .Values.t }}c{{ else }}d{{ end }}|{{ if and .Values.t .Values.s }}and{{ end }}|{{ if or .Values.z .Values.e .Values.em }}or{{ else }}none{{ end }}|{{ if not .Values.e }}not{{ end }}", {}),
    ("truthiness", "{{ range $k, $v := .Values }}{{ $k }}={{ if $v }}T{{ else }}F{{ end }} {{ end }}", {}),
    ("and-or-values", "[{{ and 1 2 }}][{{ and 0 1 }}][{{ or 0 \"\" }}][{{ or nil 3 }}][{{ and .Values.t .Values.s }}][{{ or .Values.missing .Values.s }}][{{ .Values.z | and 1 }}][{{ .Values.s | or 0 }}]", {}),
    # builtins
    ("len-index-slice", "{{ len .Values.s }} {{ len \"héllo\" }} {{ len .Values.l }} {{ len .Values.m }} {{ index .Values.l 1 }} {{ index .Values.m \"a\" }} {{ index .Values.nested \"x\" \"y\" }} {{ index \"abc\" 1 }} {{ index .Values.m \"nope\" }} {{ index .Values.l }}", {}),
    ("comparisons", "{{ eq 1 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 1.5 }} {{ eq .Values.f 2.5 }} {{ lt \"B\" \"a\" }} {{ eq nil nil }} {{ eq .Values.missing nil }} {{ eq .Values.missing \"x\" }} {{ eq true true }} {{ ne .Values.s \"str\" }}", {}),
    ("pipelines", "{{ \"a\" | printf \"%s-%s\" \"b\" }}|{{ .Values.s | len }}|{{ .Values.l | len | printf \"%d\" }}|{{ (.Values.nested).x.y }}|{{ (index .Values.lm 0).name }}|{{ .Values.s | }}", {}),
    ("parens-missing", "[{{ $x := .Values.missing }}{{ $x.foo }}][{{ (.Values.missing).bar }}][{{ and .Values.a .Values.a.b }}]", {}),
    ("template-define", "{{ define \"t1\" }}T1({{ . }}){{ end }}{{ template \"t1\" \"x\" }}{{ template \"t1\" }}{{ template \"t1\" .Values.s }}{{ block \"b1\" .Values.n }}B({{ . }}){{ end }}", {}),
    ("template-vars-isolated", "{{ define \"iso\" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template \"iso\" 5 }}", {}),
    ("include-helpers", "{{ include \"h\" . }}|{{ include \"h2\" (dict) | upper }}|{{ template \"h2\" . }}", {"templates/_h.tpl": "{{- define \"h\" -}}\n{{ .Release.Name }}-{{ .Template.Name }}-{{ .Template.BasePath }}\n{{- end }}\n{{ define \"h2\" }}x{{ $.Chart.Name }}{{ end }}"}),
    ("include-dict-root", "{{ include \"d\" (dict \"a\" 1 \"b\" (list 1 2)) }}", {"templates/_d.tpl": "{{ define \"d\" }}{{ .a }}{{ .b }}{{ $.a }}{{ end }}"}),
    ("tpl", "{{ tpl \"{{ .Values.s }}-{{ .Release.Name }}\" . }}|{{ tpl \"{{ define \\\"in\\\" }}IN{{ end }}{{ include \\\"in\\\" . }}\" . }}|{{ tpl \"{{ .missing }}\" . }}|{{ tpl \"x\" nil }}|{{ tpl \"\" . }}", {}),
    ("duplicate-define-order", "{{ include \"dup\" . }}", {"templates/_z.tpl": "{{ define \"dup\" }}z{{ end }}", "templates/_a.tpl": "{{ define \"dup\" }}a{{ end }}", "templates/sub/_b.tpl": "{{ define \"dup\" }}deep{{ end }}", "templates/_m.tpl": "{{ define \"dup\" }}   {{ end }}"}),
    ("values-mutation-order", "{{ .Values.mut }}", {"templates/z.yaml": "{{ $_ := set .Values \"mut\" \"from-z\" }}", "templates/a.yaml": "{{ $_ := set .Values \"mut\" \"from-a\" }}"}),
    ("no-value-stripping", "x{{ \"<no value>\" }}y{{ .Values.missing }}z{{ printf \"%v\" .Values.missing }}", {}),
    ("dot-types", "{{ printf \"%T %T %T %T %T\" . .Values .Release .Chart .Release.Revision }}", {}),
    ("capabilities", "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.APIVersions.Has \"apps/v1\" }} {{ .Capabilities.APIVersions.Has \"nope/v1\" }} {{ .Capabilities.HelmVersion.GoVersion }}", {}),
    ("chart-release", "{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.IsRoot }} {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Revision }} {{ .Release.IsInstall }} {{ .Release.Service }} {{ .Template.Name }}", {}),
    ("newlines-in-action", "{{ printf\n  \"%s-%s\"\n  .Values.s\n  \"x\" }}", {}),
    # errors
    ("err-nil-pointer", "a\n  {{ .Values.missing.deeper }}", {}),
    ("err-field-on-string", "{{ .Values.s.x }}", {}),
    ("err-field-on-var", "{{ $v := .Values.s }}{{ $v.x }}", {}),
    ("err-field-on-int-literal", "{{ $v := 1 }}{{ $v.x }}", {}),
    ("err-field-in-range", "{{ range .Values.l }}{{ .x }}{{ end }}", {}),
    ("err-capabilities-field", "{{ .Capabilities.Nope }}", {}),
    ("err-eq-types", "{{ eq .Values.n 3 }}", {}),
    ("err-eq-map", "{{ eq .Values.m .Values.m }}", {}),
    ("err-lt-bool", "{{ lt true false }}", {}),
    ("err-no-compare", "{{ eq 1 }}", {}),
    ("err-ne-args", "{{ ne 1 2 3 }}", {}),
    ("err-index-float", "{{ index .Values.l 1.0 }}", {}),
    ("err-index-range", "{{ index .Values.l 5 }}", {}),
    ("err-index-nil", "{{ index .Values.missing 1 }}", {}),
    ("err-index-key-type", "{{ index .Values.m 1 }}", {}),
    ("err-len-int", "{{ len 3 }}", {}),
    ("err-len-nil", "{{ len .Values.missing }}", {}),
    ("err-range-float", "{{ range .Values.f }}{{ end }}", {}),
    ("err-range-string", "{{ range .Values.s }}{{ end }}", {}),
    ("err-range-two-vars-int", "{{ range $i, $e := 3 }}{{ end }}", {}),
    ("err-template-undefined", "a\n{{ template \"nope\" . }}", {}),
    ("err-include-undefined", "{{ include \"nope\" . }}", {}),
    ("err-nested-include", "{{ include \"inner\" . }}", {"templates/_i.tpl": "{{ define \"inner\" }}\n  {{ .Values.missing.x }}{{ end }}"}),
    ("err-tpl-parse", "{{ tpl \"{{ .x \" . }}", {}),
    ("err-tpl-exec", "{{ tpl \"{{ .a.b }}\" .Values }}", {}),
    ("err-tpl-type", "{{ tpl .Values.n . }}", {}),
    ("err-required", "x\n {{ required \"need s2\" .Values.s2 }}", {}),
    ("err-required-in-include", "{{ include \"r\" . }}", {"templates/_r.tpl": "{{ define \"r\" }}{{ required \"inner req\" .Values.nope }}{{ end }}"}),
    ("err-fail-in-tpl", "{{ tpl \"{{ fail \\\"boom\\\" }}\" . }}", {}),
    ("err-wrong-type", "{{ printf .Values.n }}", {}),
    ("err-invalid-value", "{{ .Values.missing | printf }}", {}),
    ("err-expected-string-literal", "{{ printf 1 }}", {}),
    ("err-nil-to-string", "{{ printf nil }}", {}),
    ("err-nil-command", "{{ nil }}", {}),
    ("err-non-function", "{{ 1 2 }}", {}),
    ("err-not-method", "{{ .Values.s 1 }}", {}),
    ("err-undefined-var-assign", "{{ $x := 1 }}{{ if true }}{{ $y := 2 }}{{ end }}{{ $x }}", {}),
    ("err-overflow", "{{ 9223372036854775808 }}", {}),
    ("err-parse-func", "{{ nofunc 1 }}", {}),
    ("err-parse-unclosed", "a\n{{ if .Values.t }}\nb", {}),
    ("err-parse-end", "{{ end }}", {}),
    ("err-parse-else", "{{ else }}", {}),
    ("err-parse-bad-char", "{{ .Values.my-key }}", {}),
    ("err-parse-unclosed-action", "x\n{{ .Values.s\n\n", {}),
    ("err-parse-comment", "{{ /* c */ }}", {}),
    ("err-parse-comment-end", "{{/* c */ x }}", {}),
    ("err-parse-quote", "{{ \"abc }}", {}),
    ("err-parse-escape", "{{ \"\\q\" }}", {}),
    ("err-parse-char", "{{ 'ab' }}", {}),
    ("err-parse-paren", "{{ (1 }}", {}),
    ("err-parse-rparen", "{{ 1) }}", {}),
    ("err-parse-pipe-literal", "{{ 1 | 2 }}", {}),
    ("err-parse-template-pipe", "{{ template \"x\" | upper }}", {}),
    ("err-parse-define-nested", "{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}", {}),
    ("err-parse-dup-define", "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}", {}),
    ("err-parse-break", "{{ break }}", {}),
    ("err-parse-decls", "{{ $a, $b := 1 }}", {}),
    ("err-parse-undefined-var", "{{ $nope }}", {}),
    ("err-parse-missing-value", "{{ if }}{{ end }}", {}),
    ("err-parse-number", "{{ 1x }}", {}),
    ("err-parse-dot-after-literal", "{{ \"a\".b }}", {}),
    ("err-parse-empty-action", "{{ }}", {}),
    # numbers, escapes and unicode
    ("numbers-edge", "{{ -0 }} {{ 0x1.8p1 }} {{ .1e-3 }} {{ 0x_1F }} {{ -9223372036854775808 }} {{ 1e3i }} {{ 0i }} {{ 1+0i }}", {}),
    ("err-number-range", "{{ 1e400 }}", {}),
    ("err-number-uint", "{{ 18446744073709551615 }}", {}),
    ("err-number-1e", "{{ 1e }}", {}),
    ("err-number-underscore", "{{ 1__0 }}", {}),
    ("escapes", "{{ '\\u00e9' }} {{ '\\x41' }} {{ '\\101' }} {{ '\\'' }} {{ \"\\x41\\u00e9\\U0001F600\\a\" }} {{ .Values.ключ }}", {}),
    ("printf-more", '{{ printf "%[3]*.[2]*[1]f|%[5]d|%[0]d|%[x]d|%-+05d|%#v|%+q|%#q" 12.0 2 6 1 }}|{{ printf "%c %U %q|%x %X|%08.3e|% x|%#o|%t|%5t|%v" 65 128512 5 3.0 0.5 -12.5 "ab" 0 true false 1i }}', {}),
    ("html-js-nil", "{{ html .Values.missing }}|{{ js nil }}|{{ urlquery }}|{{ html 1 nil 2 }}", {}),
    # whitespace control around control structures
    ("trim-control", "{{- if .Values.t -}}\n  a\n{{- else -}}\n  b\n{{- end -}}\n", {}),
    ("trim-comments-2", "x {{- /* c */}} y {{/* c */ -}} z", {}),
    ("newline-action", "{{\n.Values.s\n}}", {}),
    # error positions inside control structures and chains
    ("err-if-pipeline", "{{ if .Values.missing.x }}a{{ end }}", {}),
    ("err-with-dot", "{{ with .Values.s }}{{ .x }}{{ end }}", {}),
    ("err-range-var-field", "{{ range $k, $v := .Values.m }}{{ $v.x }}{{ end }}", {}),
    ("err-multiline", "line1\n  {{ if true }}\n    {{ .Values.nul.x }}\n  {{ end }}", {}),
    ("err-root-var", "{{ $.Values.missing.y }}", {}),
    ("err-paren-chain", "{{ (index .Values.lm 0).nope.x }}", {}),
    ("err-len-no-args", '{{ "x" | len }}{{ len }}', {}),
    ("err-and-no-args", "{{ and }}", {}),
    ("err-call-string", "{{ call .Values.s }}", {}),
    ("err-le-mixed", "{{ le 1 1.0 }}", {}),
    ("err-literal-field", "{{ (1).x }}", {}),
    ("err-release-field", "{{ .Release.Name.x }}", {}),
    ("err-method-args", '{{ .Capabilities.APIVersions.Has }}', {}),
    ("recursion-template", '{{ template "r" . }}{{ define "r" }}x{{ template "r" . }}{{ end }}', {}),
    ("recursion-include", '{{ include "r" . }}{{ define "r" }}x{{ include "r" . }}{{ end }}', {}),
    ("template-nil-data", '{{ template "x" .Values.missing }}{{ include "x" 1 }}{{ define "x" }}{{ .a }}{{ end }}', {}),
    ("var-shadow-root", '{{ $ := .Values }}{{ $.s }}{{ template "x" 3 }}{{ define "x" }}{{ $ }}{{ end }}', {}),
    ("if-else-vars", "{{ if $x := .Values.s }}{{ $x }}{{ else if $y := .Values.n }}{{ $x }}{{ $y }}{{ end }}", {}),
    ("break-in-with", '{{ range .Values.l }}{{ with . }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}{{ end }}', {}),
    # common.Values methods win over keys of the same name
    ("values-methods", '{{ .Values.nested.YAML }}|{{ .Values.Table "nested.x" }}|{{ (.Values.Table "nested").x.y }}|{{ .Values.AsMap.s }}|{{ .Values.PathValue "nested.x.y" }} {{ .Values.PathValue "s" }}', {}),
    ("err-values-table", '{{ .Values.Table "s" }}', {}),
    ("err-values-pathvalue", '{{ .Values.PathValue "nested.x" }}', {}),
    # method arguments that are themselves function calls or pipelines
    ("method-arg-call", '{{ (semver "1.2.3").Compare (semver "1.2.4") }}|{{ $v := semver "2.0.0" }}{{ $v.LessThan (semver "2.1.0") }}|{{ $v.Equal (semver "v2.0.0") }}', {}),
    ("err-method-arg-pipeline", '{{ (semver "1.2.3").Compare (semver "1.2.4" | semver) }}', {}),
    ("err-method-arg-arity", '{{ (semver "1.2.3").Compare (semver "1.2.4") 1 }}', {}),
    # Inc* return a semver.Version value: no pointer-receiver methods, %T without the star
    ("semver-inc-value", '{{ (semver "1.2.3").IncMinor }}|{{ ((semver "1.2.3").IncMinor).Major }}|{{ printf "%T" (semver "1.2.3").IncMinor }}|{{ typeOf (semver "1.2.3").IncPatch }}|{{ kindOf (semver "1.2.3").IncMajor }}|{{ (semver "1.2.3").IncMinor.IncMajor }}|{{ (semver "1.2.3").IncMinor | toJson }}', {}),
    ("err-semver-inc-compare", '{{ ((semver "1.2.3").IncMinor).Compare (semver "1") }}', {}),
    ("err-semver-inc-original", '{{ $v := (semver "v1.2.3").IncPatch }}{{ $v.Original }}', {}),
    # a method parameter of a named pointer type (*semver.Version): evalArg's checks
    ("err-method-ptr-literal", '{{ (semver "1.2.3").Compare "1.2.4" }}', {}),
    ("err-method-ptr-string", '{{ (semver "1.2.3").Compare .Values.s }}', {}),
    ("err-method-ptr-value", '{{ $v := semver "1.2.3" }}{{ $v.GreaterThan ($v.IncMinor) }}', {}),
    ("err-method-ptr-nil", '{{ (semver "1.2.3").Compare nil }}', {}),
    ("err-values-encode", "{{ .Values.Encode }}", {}),
    ("tpl-errors-nested", '{{ tpl "a\\n{{ include \\"nope\\" . }}" . }}', {}),
]


def _json_values() -> dict[str, Any]:
    def to_float(v: Any) -> Any:
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v
        if isinstance(v, (int, float)):
            return float(v)
        if isinstance(v, dict):
            return {k: to_float(x) for k, x in v.items()}
        return [to_float(x) for x in v]

    return to_float(json.loads(json.dumps(V)))


def _ours(text: str, extra: dict[str, str]) -> tuple[str, str]:
    from minicluster.helm.chart.capabilities import make_capabilities

    scope: dict[str, Any] = {
        "Values": Values(_json_values()),
        "Release": {"Name": "rel", "Namespace": "default", "IsInstall": True, "IsUpgrade": False,
                    "Revision": 1, "Service": "Helm"},
        "Chart": {"Name": "mychart", "Version": "0.1.0", "AppVersion": "1.2.3", "APIVersion": "v2",
                  "IsRoot": True},
        "Capabilities": make_capabilities(),
        "Files": {},
        "Subcharts": {},
    }
    files = {"templates/t.yaml": text, **extra}
    templates = [Template(f"mychart/{p}", t, scope) for p, t in files.items()]
    try:
        return "ok", render(templates)["mychart/templates/t.yaml"]
    except RenderError as e:
        return "error", str(e)


def _helm(chart_dir: Path, text: str, extra: dict[str, str]) -> tuple[str, str]:
    tdir = chart_dir / "templates"
    for p in tdir.rglob("*"):
        if p.is_file():
            p.unlink()
    for rel, body in {"templates/t.yaml": text, **extra}.items():
        path = chart_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    chart = helm_python.Chart.load(str(chart_dir))
    try:
        return "ok", chart.render(V, name="rel", namespace="default")["mychart/templates/t.yaml"]
    except helm_python.HelmError as e:
        return "error", str(e)


@pytest.fixture(scope="module")
def chart_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("oracle") / "mychart"
    (d / "templates").mkdir(parents=True)
    (d / "Chart.yaml").write_text('apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: "1.2.3"\n')
    return d


def _needs(extra_funcs: list[str]) -> None:
    from minicluster.templates.engine import function_table, load_function_modules

    load_function_modules()
    missing = [f for f in extra_funcs if f not in function_table()]
    if missing:
        pytest.skip(f"Sprig functions not registered yet: {missing}")


@pytest.mark.parametrize("name,text,extra", CASES, ids=[c[0] for c in CASES])
def test_same_as_helm(chart_dir: Path, name: str, text: str, extra: dict[str, str]) -> None:
    body = text + "".join(extra.values())
    _needs([f for f in ("dict", "list", "upper", "set") if f in body])
    expected = _helm(chart_dir, text, extra)
    assert _ours(text, extra) == expected
